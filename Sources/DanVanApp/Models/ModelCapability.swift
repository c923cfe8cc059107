import DanVanDomain
import Hummingbird

/// "Dân vận khéo" models (mô hình Dân vận khéo): registration by year, results with evidence,
/// evaluation, commendation, replication, coverage, statistics and the computed flags.
enum ModelCapability: Capability {
    static func store(_ services: AppServices) -> ModelStore {
        ModelStore(database: services.database,
                   settings: ModelFlagSettings(staleMonths: services.configuration.modelStaleMonths, similarity: Double(services.configuration.modelSimilarity) / 100))
    }

    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        let models = store(services)
        let pages = ModelController(models: models, organisations: services.organisations, units: services.units, renderer: services.renderer)
        pages.addRoutes(to: router)
        ModelFiguresController(models: models, pages: pages).addRoutes(to: router)
        ModelAPIController(models: models, pages: pages).addRoutes(to: router)
        PublicModelController(models: models, renderer: services.renderer).addRoutes(to: router)
        ModelRatingsController(models: models, renderer: services.renderer).addRoutes(to: router)
        router.signedIn().get(SiteURL.Pattern.modelTemplate) { _, context in try ModelSheets(models: models, renderer: services.renderer).template(context: context) }
    }

    static let navigation = [NavigationEntry(labelKey: "nav_models", url: .models, section: "model")]

    static var apiSchemas: [(name: String, type: any Decodable.Type)] {
        [("ModelRow", ModelAPIController.ItemBody.self), ("ModelDetail", ModelAPIController.DetailBody.self),
         ("ModelStatistics", ModelAPIController.StatisticsBody.self), ("ModelFigures", ModelAPIController.FiguresBody.self)]
    }

    static var benches: [BenchCommand] {
        [BenchCommand(name: "models",
                      abstract: "Sinh mô hình Dân vận khéo toàn quốc, đo thống kê tỉnh-năm, độ phủ của tỉnh và tìm kiếm không dấu.",
                      options: [.init(name: "models", defaultValue: 200_000, help: "Số mô hình cần sinh (bỏ qua nếu cơ sở dữ liệu đã có mô hình sinh sẵn)."),
                                .init(name: "years", defaultValue: 5, help: "Số năm gần nhất trải mô hình."),
                                .init(name: "rounds", defaultValue: 3, help: "Số vòng lặp qua mọi tỉnh.")]) { configuration, values, emit in
            try await ModelBench.run(configuration: configuration, options: .init(models: values["models"]!, years: values["years"]!, rounds: values["rounds"]!), print: emit)
        }]
    }

    /// What waits for a Ban Dân vận's staff below the nation, in this year: the organisations
    /// under its unit that have registered no model (coverage, narrowed to them) and the models
    /// raising each flag (the list, filtered by the flag); each count is its list's. At the
    /// nation these are the national statistics' pages, not a start page's lines.
    static func waiting(_ context: WaitingContext) async throws -> [WaitingItem] {
        let scope = context.scope
        guard scope.has(.danVanStaff), scope.mode == .subtree, !scope.isNational else { return [] }
        let models = store(context.services), year = context.today.year
        let coverage = try await models.coverage(scope, unitID: scope.unitID, year: year)
        var items = [WaitingItem(labelKey: "model_waiting_unregistered", count: coverage.filter { $0.models == 0 }.count,
                                 href: SiteURL.modelCoverage(unit: scope.unitID, year: year, kind: nil, registered: "no").path)]
        let flags = try await models.flags(scope, unitID: scope.unitID, year: year, today: context.today)
        for flag in ModelFlag.allCases {
            items.append(WaitingItem(labelKey: "model_waiting_flag_" + flag.rawValue, count: flags.values.filter { $0.contains { $0.flag == flag } }.count,
                                     href: SiteURL.modelList(ModelFilter(unitID: scope.unitID, year: year, flag: flag), offset: 0).path))
        }
        return items
    }

    static func check(_ database: AppDatabase) async throws -> [String] {
        try await ModelStore.checkCopies(database)
    }

    static func loadDemo(_ demo: DemoContext) async throws {
        try await ModelDemo.load(demo)
    }
}
