import DanVanDomain
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// The default catalogue holds together and the migration loads it once.
@Suite("Reporting: the default catalogue")
struct ReportingCatalogueTests {
    @Test("the default indicators hold together: codes, ratios of two sums that exist, no ratio of a ratio; every computed one names its records")
    func catalogueHoldsTogether() {
        #expect(IndicatorCatalogue.problems(ReportingCatalogue.domainIndicators, rules: ReportingCatalogue.monthlyRules.compactMap(ValidationRule.init)) == [])
        #expect(ReportingCatalogue.monthlyRules.allSatisfy { ValidationRule($0) != nil })
        for entry in ReportingCatalogue.indicators {
            #expect((entry.source == .records) == (entry.computation != nil), "\(entry.code)")
        }
        let onForm = ReportingCatalogue.monthlySections.flatMap(\.codes)
        #expect(Set(onForm) == Set(ReportingCatalogue.indicators.map(\.code)) && onForm.count == Set(onForm).count)
    }

    @Test("the migration loads the indicators and the monthly form with its items in order")
    func migrationLoads() async throws {
        try await TestApp.run(units: false) { app in
            struct Count: Decodable { var n: Int }
            let indicators = try await app.database.sql.raw("SELECT COUNT(*) AS n FROM indicators").row(Count.self)
            #expect(indicators?.n == ReportingCatalogue.indicators.count)
            struct Item: Decodable { var code: String; var section: String }
            let items = try await app.database.sql.raw("""
                SELECT i.code, fi.section FROM report_form_items fi JOIN indicators i ON i.id = fi.indicator_id
                JOIN report_form_versions v ON v.id = fi.version_id JOIN report_forms f ON f.id = v.form_id
                WHERE f.code = \(bind: ReportingCatalogue.monthlyForm.code) ORDER BY fi.position
                """).rows(Item.self)
            #expect(items.map(\.code) == ReportingCatalogue.monthlySections.flatMap(\.codes))
            #expect(items.first?.section == ReportingCatalogue.monthlySections.first?.heading)
        }
    }
}
