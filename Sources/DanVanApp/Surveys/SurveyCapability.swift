import Hummingbird

/// Satisfaction surveys (khảo sát sự hài lòng): kiosks at the one-stop counters, the
/// online form, and the rates by month, counter and field.
enum SurveyCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        let surveys = SurveyStore(database: services.database)
        SurveyKioskController(surveys: surveys, organisations: services.organisations, renderer: services.renderer).addRoutes(to: router)
        SurveyResultsController(surveys: surveys, units: services.units, renderer: services.renderer).addRoutes(to: router)
        PublicSurveyController(surveys: surveys, places: PublicPlaces(units: services.units, accounts: services.accounts), throttle: services.throttle,
                               renderer: services.renderer).addRoutes(to: router)
        KioskController(surveys: surveys, throttle: services.throttle, renderer: services.renderer).addRoutes(to: router)
    }

    static func loadDemo(_ demo: DemoContext) async throws {
        try await SurveyDemo.load(demo)
    }

    static let navigation = [NavigationEntry(labelKey: "nav_surveys", url: .surveys, section: "surveys")]
}
