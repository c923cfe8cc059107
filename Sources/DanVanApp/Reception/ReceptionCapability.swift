import Hummingbird

/// Citizen reception (tiếp công dân): sessions, visits, schedules, duty.
enum ReceptionCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        ReceptionController(reception: services.reception, calendars: services.calendars, units: services.units, organisations: services.organisations,
                            renderer: services.renderer).addRoutes(to: router)
    }

    static let navigation = [NavigationEntry(labelKey: "nav_reception", url: .reception, section: "reception")]
}
