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

    static func loadDemo(_ demo: DemoContext) async throws {
        try await ModelDemo.load(demo)
    }
}
