import DanVanDomain
import Hummingbird

/// Periodic reporting (báo cáo định kỳ): indicators entered and computed, forms and periods with
/// cut-offs, entry, submission and approval, completeness, consolidation up the hierarchy.
enum ReportingCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        // Reporting: figures
        ReportFiguresController(store: ReportFiguresStore(database: services.database), units: services.units, renderer: services.renderer).addRoutes(to: router)
    }

    // Reporting: figures
    static let navigation = [NavigationEntry(labelKey: "nav_report_figures", url: .reportFigures, section: "reporting")]
    static var benches: [BenchCommand] { [ReportFiguresBench.command] }
    static var apiSchemas: [(name: String, type: any Decodable.Type)] {
        [("ReportFigures", ReportFiguresBody.self), ("ReportFiguresColumn", ReportFiguresBody.Column.self),
         ("ReportFiguresIndicator", ReportFiguresBody.Indicator.self), ("ReportFiguresRow", ReportFiguresBody.Row.self)]
    }
}
