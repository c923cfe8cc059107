import Hummingbird

/// Administrative units (đơn vị hành chính): pages and the units API.
enum HierarchyCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        HierarchyController(units: services.units, organisations: services.organisations, renderer: services.renderer).addRoutes(to: router)
        APIController(units: services.units, organisations: services.organisations).addRoutes(to: router)
    }

    static let navigation = [NavigationEntry(labelKey: "nav_units", url: .units(query: nil), section: "units")]
    static var apiSchemas: [(name: String, type: any Decodable.Type)] { [("Unit", UnitBody.self), ("Organisation", OrganisationBody.self)] }
}
