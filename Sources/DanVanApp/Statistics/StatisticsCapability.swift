import Hummingbird

/// The Thanh tra statistics and forms (thống kê, biểu mẫu).
enum StatisticsCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        StatisticsController(statistics: services.statistics, forms: services.forms, reception: services.reception, letters: services.letters,
                             units: services.units, renderer: services.renderer).addRoutes(to: router)
    }

    static let navigation = [NavigationEntry(labelKey: "nav_statistics", url: .statistics, section: "statistics")]
}
