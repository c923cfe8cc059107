import DanVanDomain
import Hummingbird

/// Periodic reporting (báo cáo định kỳ): indicators entered and computed, forms and periods with
/// cut-offs, entry, submission and approval, completeness, consolidation up the hierarchy.
enum ReportingCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        // Reporting: entry
        let entryStore = ReportEntryStore(database: services.database)
        let figures = ReportFiguresStore(database: services.database)
        let computedValues: ReportComputedValues = { scope, organisationID, period, indicators in
            try await figures.computedValues(scope, organisationID: organisationID, period: period, indicators: indicators)
        }
        ReportEntryController(store: entryStore, renderer: services.renderer, computedValues: computedValues).addRoutes(to: router)
        ReportEntryAPIController(store: entryStore, computedValues: computedValues).addRoutes(to: router)
        ReportEntryAdminController(admin: ReportFormAdmin(database: services.database), renderer: services.renderer).addRoutes(to: router)
        ReportCompletenessController(store: entryStore, units: services.units, renderer: services.renderer).addRoutes(to: router)
        // Reporting: figures
        ReportFiguresController(store: figures, units: services.units, renderer: services.renderer).addRoutes(to: router)
    }

    static var apiSchemas: [(name: String, type: any Decodable.Type)] {
        [("DataValueSet", DataValueSetBody.self), ("DataValue", DataValueBody.self), ("DataValueImport", DataValueImportBody.self),
         ("DataValueWarning", DataValueWarningBody.self), ("Completeness", CompletenessBody.self), ("ReportingOrganisation", ReportingOrganisationBody.self),
         ("ReportFigures", ReportFiguresBody.self), ("ReportFiguresColumn", ReportFiguresBody.Column.self),
         ("ReportFiguresIndicator", ReportFiguresBody.Indicator.self), ("ReportFiguresRow", ReportFiguresBody.Row.self)]
    }

    /// The reports to fill (open for entry, or returned) and to approve.
    static func waiting(_ context: WaitingContext) async throws -> [WaitingItem] {
        let store = ReportEntryStore(database: context.services.database)
        let approve = try await store.toApprove(context.scope)
        return [WaitingItem(labelKey: "reporting_waiting_fill", count: try await store.toFill(context.scope, today: context.today),
                            href: SiteURL.reports(organisation: nil).path),
                WaitingItem(labelKey: "reporting_waiting_approve", count: approve.count, href: approve.href ?? SiteURL.reports(organisation: nil).path)]
    }

    static let navigation = [NavigationEntry(labelKey: "nav_reporting", url: .reports(organisation: nil), section: "reporting"),
                             NavigationEntry(labelKey: "nav_report_figures", url: .reportFigures, section: "reporting")]
    static var benches: [BenchCommand] { [ReportFiguresBench.command, ReportRemindersBench.command] }
    /// `danvan check`: the totals kept by top-level unit and month against the values.
    static func check(_ database: AppDatabase) async throws -> [String] { try await DataValueTotals.check(database) }

    // Reporting: demo
    static func loadDemo(_ demo: DemoContext) async throws { try await ReportingDemo.load(demo) }
}

extension ReportingPeriod {
    /// The period's name in the page's language: "Tháng 11/2026", or "November 2026" on an English page.
    func label(_ language: Language) -> String {
        language == .en ? englishLabel : label
    }
}
