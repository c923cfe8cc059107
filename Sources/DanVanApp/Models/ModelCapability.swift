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

    static func loadDemo(_ demo: DemoContext) async throws {
        try await ModelDemo.load(demo)
    }
}
