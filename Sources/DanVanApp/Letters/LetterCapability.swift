import Hummingbird

/// Letters and cases (đơn thư): work lists, intake, case pages, the letters API and the public side.
enum LetterCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        LetterController(letters: services.letters, organisations: services.organisations, units: services.units, renderer: services.renderer)
            .addRoutes(to: router)
        LetterAPIController(letters: services.letters).addRoutes(to: router)
        PublicController(letters: services.letters, units: services.units, accounts: services.accounts, renderer: services.renderer,
                         throttle: services.throttle).addRoutes(to: router)
    }

    static let navigation = [NavigationEntry(labelKey: "nav_letters", url: .letters, section: "letters")]
    static var benches: [BenchCommand] {
        [BenchCommand(name: "letters",
                      abstract: "Sinh đơn thư toàn quốc (mọi xã, theo thời gian hiệu lực) và đo danh sách quá hạn, thống kê, tìm kiếm theo tỉnh.",
                      options: [.init(name: "letters", defaultValue: 1_000_000, help: "Số đơn cần sinh (bỏ qua nếu cơ sở dữ liệu đã có đơn sinh sẵn)."),
                                .init(name: "years", defaultValue: 5, help: "Số năm gần nhất trải đơn."),
                                .init(name: "rounds", defaultValue: 3, help: "Số vòng lặp qua mọi tỉnh cho mỗi truy vấn.")]) { configuration, values, emit in
            try await LetterBench.run(configuration: configuration,
                                      options: .init(letters: values["letters"]!, years: values["years"]!, rounds: values["rounds"]!), print: emit)
        }]
    }

    static var apiSchemas: [(name: String, type: any Decodable.Type)] { [("LetterRow", LetterItemBody.self), ("LetterBody", LetterBody.self)] }

    static func check(_ database: AppDatabase) async throws -> [String] { try await LetterChecks.run(database) }

    /// Huyện Chư Pưh's 2022 reception and letter records (seed 002).
    static func loadDemo(_ demo: DemoContext) async throws {
        try await DemoLoader.loadChuPuhRecords(services: demo.services, scope: demo.scope)
    }
}

extension LetterCapability {
    /// The letters that wait for this person: to accept (reception, leaders), to assign
    /// (leaders), their own open cases (handling officers), due within three working days
    /// and overdue in their reach.
    static func waiting(_ context: WaitingContext) async throws -> [WaitingItem] {
        let roles = context.identity.roles
        guard !roles.isDisjoint(with: [.receptionOfficer, .leader, .handlingOfficer]) else { return [] }
        let letters = context.services.letters
        let calendar = try await letters.calendars.calendar()
        func count(_ query: String) async throws -> Int {
            try await letters.count(context.scope, query: LetterListQuery(FormData(query), today: context.today, calendar: calendar).query)
        }
        var items: [WaitingItem] = []
        if !roles.isDisjoint(with: [.receptionOfficer, .leader]) {
            items.append(WaitingItem(labelKey: "home_letters_intake", count: try await count("list=intake"), href: SiteURL.letterList("intake").path))
        }
        if roles.contains(.leader) {
            let toAssign = "list=all&status=accepted&handler=none"
            items.append(WaitingItem(labelKey: "home_letters_to_assign", count: try await count(toAssign), href: SiteURL.letterFilters(query: toAssign).path))
        }
        if roles.contains(.handlingOfficer) {
            let mine = SiteURL.lettersOfHandler(context.identity.userID).path
            items.append(WaitingItem(labelKey: "home_letters_mine", count: try await count(String(mine.drop { $0 != "?" }.dropFirst())), href: mine))
        }
        items.append(WaitingItem(labelKey: "home_letters_due", count: try await count("list=due"), href: SiteURL.letterList("due").path))
        items.append(WaitingItem(labelKey: "home_letters_overdue", count: try await count("list=overdue"), href: SiteURL.letterList("overdue").path,
                                 overdue: true))
        return items
    }
}
