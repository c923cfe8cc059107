import Hummingbird

/// The shell: the home page, `/healthz`, `/metrics` and the static files.
enum ShellCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        OperationsController(database: services.database, registry: MetricsBootstrap.registry, backups: services.backups).addRoutes(to: router)
        HomeController(services: services).addRoutes(to: router)
    }

    static let navigation = [NavigationEntry(labelKey: "nav_home", url: .home, section: "home")]
    static var benches: [BenchCommand] {
        [BenchCommand(name: "pages", abstract: "Nạp dữ liệu minh họa, tải các trang chính (trang chủ, danh sách đơn, một vụ việc, trang đơn vị, thống kê huyện) song song và so với một tệp tĩnh.",
                      options: [.init(name: "seconds", defaultValue: 5, help: "Số giây tải mỗi trang."),
                                .init(name: "connections", defaultValue: 16, help: "Số kết nối đồng thời."),
                                .init(name: "page", defaultValue: 0, help: "Chỉ tải trang thứ N (1 trang chủ … 5 thống kê); 0 là mọi trang.")],
                      temporaryDatabase: true) { configuration, values, emit in
            try await PagesBench.run(configuration: configuration, seconds: values["seconds"]!, connections: values["connections"]!, only: values["page"]!, print: emit)
        }]
    }
}
