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
        let calendar = try await letters.calendars.recentCalendar()
        // The count is read from the very link it shows: the list behind the number is the number.
        func item(_ labelKey: String, _ list: SiteURL, overdue: Bool = false) async throws -> WaitingItem {
            let href = list.path
            let query = LetterListQuery(FormData(String(href.drop { $0 != "?" }.dropFirst())), today: context.today, calendar: calendar).query
            return WaitingItem(labelKey: labelKey, count: try await letters.count(context.scope, query: query), href: href, overdue: overdue)
        }
        var items: [WaitingItem] = []
        if !roles.isDisjoint(with: [.receptionOfficer, .leader]) { items.append(try await item("home_letters_intake", .letterList("intake"))) }
        if roles.contains(.leader) {
            items.append(try await item("home_letters_to_assign", .letterFilters(query: "list=all&status=accepted&handler=none")))
        }
        if roles.contains(.handlingOfficer) { items.append(try await item("home_letters_mine", .lettersOfHandler(context.identity.userID))) }
        items.append(try await item("home_letters_due", .letterList("due")))
        items.append(try await item("home_letters_overdue", .letterList("overdue"), overdue: true))
        return items
    }
}
