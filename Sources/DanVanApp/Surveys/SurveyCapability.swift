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

    /// The counts kept by month hold exactly the answers they count.
    static func check(_ database: AppDatabase) async throws -> [String] {
        try await SurveyStore.checkCounts(database)
    }

    static var benches: [BenchCommand] {
        [BenchCommand(name: "surveys",
                      abstract: "Sinh phiếu khảo sát hài lòng toàn quốc, đo kết quả theo tỉnh-năm và số phiếu máy tính bảng được nhận mỗi giây.",
                      options: [.init(name: "answers", defaultValue: 10_000_000, help: "Số phiếu cần sinh (bỏ qua nếu cơ sở dữ liệu đã có phiếu sinh sẵn)."),
                                .init(name: "years", defaultValue: 2, help: "Số năm gần nhất trải phiếu."),
                                .init(name: "rounds", defaultValue: 3, help: "Số vòng lặp qua mọi tỉnh."),
                                .init(name: "taps", defaultValue: 6_000, help: "Số phiếu gửi từ máy tính bảng, mỗi lần một phiếu.")]) { configuration, values, emit in
            try await SurveyBench.run(configuration: configuration, options: .init(answers: values["answers"]!, years: values["years"]!,
                                                                                   rounds: values["rounds"]!, taps: values["taps"]!), print: emit)
        }]
    }

    static let navigation = [NavigationEntry(labelKey: "nav_surveys", url: .surveys, section: "surveys")]
}
