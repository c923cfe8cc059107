import DanVanDomain
import Hummingbird

/// Periodic reporting (báo cáo định kỳ): indicators entered and computed, forms and periods with
/// cut-offs, entry, submission and approval, completeness, consolidation up the hierarchy.
enum ReportingCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {}

    // Reporting: demo
    static func loadDemo(_ demo: DemoContext) async throws { try await ReportingDemo.load(demo) }
}
