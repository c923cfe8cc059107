import Hummingbird

/// The legal calendar (lịch làm việc) and the rule tables.
enum CalendarCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        CalendarController(calendars: services.calendars, letters: services.letters, renderer: services.renderer).addRoutes(to: router)
    }

    static let navigation = [NavigationEntry(labelKey: "nav_calendar", url: .calendar, section: "calendar")]
}
