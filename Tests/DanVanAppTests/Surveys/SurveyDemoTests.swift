import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

@Suite("Demo: the surveys of seeds 000 and 002")
struct SurveyDemoTests {
    @Test("Chư Pưh's 5 tablets are 5 kiosks, loaded once")
    func chuPuhKiosks() async throws {
        try await TestApp.run { app in
            _ = try await DemoLoader.load(into: app.services)
            _ = try await DemoLoader.load(into: app.services)
            let scope = try await app.nationalScope()
            let district = try await app.unit("639", legacy: true)
            let kiosks = try await SurveyStore(database: app.database).kiosks(scope).filter { $0.unitID == district.id }
            #expect(kiosks.count == 5 && kiosks.allSatisfy { $0.revokedAt == nil && $0.organisationName.contains("Ủy ban nhân dân") })
        }
    }

    /// Dầu Tiếng (Bình Dương) is not in the test fixture (Gia Lai and two more provinces), so its
    /// forms are loaded, by the same function, into a district of the fixture.
    @Test("Dầu Tiếng's 1.659 forms of 2018's first nine months give 91,98% / 7,90% / 0,12%, over nine months and the communes")
    func dauTiengForms() async throws {
        try await TestApp.run { app in
            _ = try await DemoLoader.load(into: app.services)
            let scope = try await app.nationalScope()
            let district = try await app.unit("639", legacy: true)
            for _ in 0..<2 {
                try await SurveyDemo.loadForms(services: app.services, scope: scope, district: district, counts: SurveyDemo.dauTiengCounts, year: 2018, months: 9)
            }
            let store = SurveyStore(database: app.database)
            let counts = try await store.counts(scope, unitID: district.id, period: ReportPeriod.nineMonths(2018)!)
            #expect(counts.total.total == 1_659)
            let rates = SurveyRates.hundredths(SurveyRecord.defaultChoices.map { counts.total.counts[$0.key] ?? 0 }).map { SurveyRates.text(hundredths: $0) }
            #expect(rates == ["91,98%", "7,90%", "0,12%"])
            #expect(counts.months.map(\.key) == (1...9).map { String(format: "2018-%02d", $0) })
            #expect(counts.counters.map(\.key) == ["paper"])
            let below = try await store.countsBelow(scope, unitID: district.id, period: ReportPeriod.nineMonths(2018)!)
            #expect(below.count == 9 && below.allSatisfy { !$0.counts.isEmpty })
            #expect(try await store.counts(scope, unitID: district.id, period: ReportPeriod.quarter(2018, 4)!).total.total == 0)
        }
    }
}
