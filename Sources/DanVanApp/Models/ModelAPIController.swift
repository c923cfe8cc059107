import DanVanDomain
import Foundation
import Hummingbird

/// "Dân vận khéo" models in the JSON API, read only, through the caller's scope.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /api/v1/models?unit=&year=&field=&status=&kind=&flag=&q=&offset= | the models of a subtree's year |
/// | GET | /api/v1/models/:id | one model with its goals, years and flags |
/// | GET | /api/v1/models/statistics?unit=&year= | the figures of a subtree's year and of the year before |
struct ModelAPIController: Sendable {
    let models: ModelStore
    let pages: ModelController

    struct ItemBody: Encodable, Decodable, Sendable {
        var id: UUID
        var name: String
        var kind: String
        var personName: String?
        var field: String
        var status: String
        var unitName: String
        var organisationName: String
        var startedOn: String
        var stoppedOn: String?
        var originModelID: UUID?
        init(_ row: ModelRow) {
            (id, name, kind, personName, field, status) = (row.id, row.name, row.kind, row.personName, row.field, row.status)
            (unitName, organisationName, startedOn, stoppedOn, originModelID) = (row.unitName, row.organisationName, row.startedOn, row.stoppedOn, row.originModelID)
        }
    }

    struct ListBody: Encodable, Sendable {
        var items: [ItemBody]
        var total: Int
        var limit: Int
        var offset: Int
    }

    struct GoalBody: Codable, Sendable { var description: String; var indicator: String; var measure: String; var target: Double }
    struct YearBody: Codable, Sendable { var year: Int; var status: String }

    struct DetailBody: Codable, Sendable {
        var id: UUID
        var name: String
        var kind: String
        var personName: String?
        var personPosition: String?
        var field: String
        var topics: String
        var situation: String
        var targets: String
        var beneficiaries: String
        var method: String
        var unitID: UUID
        var unitName: String
        var organisationID: UUID
        var organisationName: String
        var startedOn: String
        var evaluationOn: String?
        var stoppedOn: String?
        var originModelID: UUID?
        var goals: [GoalBody]
        var years: [YearBody]
        var flags: [String]
    }

    struct FiguresBody: Codable, Sendable {
        var year: Int
        var total: Int
        var byStatus: [String: Int]
        var byKind: [String: Int]
        var byField: [String: Int]
        var byRating: [String: Int]
        var byMethod: [String: Int]
        var byLevel: [String: Int]
        var visited: Int
        init(_ figures: ModelFigures, year: Int) {
            (self.year, total, byStatus, byKind, byField) = (year, figures.total, figures.byStatus, figures.byKind, figures.byField)
            (byRating, byMethod, byLevel, visited) = (figures.byRating, figures.byMethod, figures.byLevel, figures.visited)
        }
    }

    struct StatisticsBody: Codable, Sendable {
        var unitID: UUID
        var current: FiguresBody
        var previous: FiguresBody
    }

    static func check(_ query: APIQuery) throws {
        try query.checkUUID("unit")
        try query.checkInteger("year", 1990...2100)
        try query.check("field", in: ModelField.allCases.map(\.rawValue))
        try query.check("status", in: ModelYearStatus.allCases.map(\.rawValue) + ["stopped"])
        try query.check("kind", in: ModelKind.allCases.map(\.rawValue))
        try query.check("flag", in: ModelFlag.allCases.map(\.rawValue))
        try query.checkInteger("offset", 0...1_000_000)
        try query.checkText("q", maxLength: InputLimits.searchMaxLength)
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.apiModels) { request, context in
            try Self.check(APIQuery(request))
            let query = FormData.query(of: request)
            let filter = try await pages.filter(query, context: context)
            let offset = Pager.offset(query["offset"])
            let (rows, total) = try await models.list(context.scope, filter: filter, offset: offset, limit: ModelController.pageSize)
            return JSONResponse.make(ListBody(items: rows.map(ItemBody.init), total: total, limit: ModelController.pageSize, offset: offset))
        }
        signedIn.get(SiteURL.Pattern.apiModelStatistics) { request, context in
            let query = APIQuery(request)
            try query.checkUUID("unit")
            try query.checkInteger("year", 1990...2100)
            let filter = try await pages.filter(FormData.query(of: request), context: context)
            return JSONResponse.make(StatisticsBody(
                unitID: filter.unitID,
                current: FiguresBody(try await models.figures(context.scope, unitID: filter.unitID, year: filter.year), year: filter.year),
                previous: FiguresBody(try await models.figures(context.scope, unitID: filter.unitID, year: filter.year - 1), year: filter.year - 1)))
        }
        signedIn.get(SiteURL.Pattern.apiModel) { _, context in
            let detail = try await models.detail(context.scope, id: try UUID.parse(context.parameters.get("id")))
            let m = detail.model
            return JSONResponse.make(DetailBody(
                id: m.id, name: m.name, kind: m.kind, personName: m.personName, personPosition: m.personPosition, field: m.field, topics: m.topics,
                situation: m.situation, targets: m.targets, beneficiaries: m.beneficiaries, method: m.method, unitID: m.unitID, unitName: detail.unitName,
                organisationID: m.organisationID, organisationName: detail.organisationName, startedOn: m.startedOn, evaluationOn: m.evaluationOn,
                stoppedOn: m.stoppedOn, originModelID: detail.origin?.id,
                goals: detail.goals.map { GoalBody(description: $0.description, indicator: $0.indicator, measure: $0.measure, target: $0.target) },
                years: detail.years.map { YearBody(year: $0.year, status: $0.status) }, flags: detail.flags.map(\.flag.rawValue)))
        }
    }
}

/// The public page of commended models: name, organisation, level, form and decision; no person.
struct PublicModelController: Sendable {
    let models: ModelStore
    let renderer: PageRenderer

    struct Page: Sendable, Encodable {
        struct Row: Sendable, Encodable { var name: String; var organisation: String; var unit: String; var commendation: String; var decision: String }
        var rows: [Row]
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURL.Pattern.publicModels) { _, context in
            let t = renderer.catalogue, language = context.language
            let rows = try await models.commended().map { model, c in
                Page.Row(name: model.name, organisation: model.organisationName, unit: model.unitName,
                         commendation: t.text("model_form_" + c.form, language) + " · " + t.text("model_level_" + c.level, language) + " · " + c.decidedBy,
                         decision: c.decisionNumber + ", " + ModelController.day(c.decidedOn))
            }
            return renderer.render("models/public_models", titleKey: "model_public_title", page: Page(rows: rows), context: context)
        }
    }
}
