import Hummingbird

/// The shell: the home page, `/healthz`, `/metrics` and the static files.
enum ShellCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        OperationsController(database: services.database, registry: MetricsBootstrap.registry, backups: services.backups).addRoutes(to: router)
        HomeController(renderer: services.renderer).addRoutes(to: router)
    }

    static let navigation = [NavigationEntry(labelKey: "nav_home", url: .home, section: "home")]
}
