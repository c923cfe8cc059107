import Hummingbird

/// Administrative units (đơn vị hành chính): pages and the units API.
enum HierarchyCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        HierarchyController(units: services.units, organisations: services.organisations, renderer: services.renderer).addRoutes(to: router)
        APIController(units: services.units, organisations: services.organisations).addRoutes(to: router)
    }

    static let navigation = [NavigationEntry(labelKey: "nav_units", url: .units(query: nil), section: "units")]
    static var benches: [BenchCommand] {
        [BenchCommand(name: "hierarchy", abstract: "Nạp đơn vị hành chính, đo truy vấn cây, tìm kiếm và trang đơn vị.",
                      options: [.init(name: "rounds", defaultValue: 10, help: "Số vòng lặp cho mỗi truy vấn."),
                                .init(name: "seconds", defaultValue: 5, help: "Số giây tải trang đơn vị.")],
                      temporaryDatabase: true) { configuration, values, emit in
            try await HierarchyBench.run(configuration: configuration, rounds: values["rounds"]!, seconds: values["seconds"]!, print: emit)
        }]
    }

    static var apiSchemas: [(name: String, type: any Decodable.Type)] { [("Unit", UnitBody.self), ("Organisation", OrganisationBody.self)] }
}
