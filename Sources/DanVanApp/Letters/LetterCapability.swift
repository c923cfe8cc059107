import Hummingbird

/// Letters and cases (đơn thư): work lists, intake, case pages, the letters API and the public side.
enum LetterCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        LetterController(letters: services.letters, organisations: services.organisations, units: services.units, renderer: services.renderer)
            .addRoutes(to: router)
        LetterAPIController(letters: services.letters).addRoutes(to: router)
        PublicController(letters: services.letters, units: services.units, accounts: services.accounts, renderer: services.renderer,
                         throttle: services.submissions).addRoutes(to: router)
    }

    static let navigation = [NavigationEntry(labelKey: "nav_letters", url: .letters, section: "letters")]
    static var apiSchemas: [(name: String, type: any Decodable.Type)] { [("LetterRow", LetterItemBody.self), ("LetterBody", LetterBody.self)] }

    /// Huyện Chư Pưh's 2022 reception and letter records (seed 002).
    static func loadDemo(_ demo: DemoContext) async throws {
        try await DemoLoader.loadChuPuhRecords(services: demo.services, scope: demo.scope)
    }
}
