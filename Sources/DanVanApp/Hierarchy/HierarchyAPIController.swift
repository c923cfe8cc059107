import DanVanDomain
import Foundation
import Hummingbird

/// The read-only JSON API over units and organisations (`/api/v1`), described
/// by `/api/openapi.json`. Session cookie or `Authorization: Bearer` token.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /api/v1/units?q=&code= | search units |
/// | GET | /api/v1/units/:id | one unit |
/// | GET | /api/v1/units/:id/children?date= | its children, as of a date |
/// | GET | /api/v1/units/:id/history | the units whose history flows into it |
/// | GET | /api/v1/units/:id/organisations | its organisations |
/// | GET | /api/v1/organisations?q= | search organisations |
/// | GET | /api/v1/organisations/:id | one organisation |
struct APIController: Sendable {
    let units: UnitStore
    let organisations: OrganisationStore

    struct List<Item: Encodable & Sendable>: Encodable, Sendable {
        var items: [Item]
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.apiUnits) { request, context in
            let scope = context.scope
            let query = APIQuery(request)
            try query.checkText("code", minLength: 1, maxLength: 20)
            try query.checkSearch()
            if query.has("code") {
                return JSONResponse.make(List(items: try await units.units(scope, code: query["code"]).map(UnitBody.init)))
            }
            // Without a filter: the top of the caller's reach, its own unit, and the units under it in force today.
            guard query.has("q") else {
                let top = try await units.unit(scope, id: scope.unitID)
                return JSONResponse.make(List(items: ([top] + (try await units.children(scope, of: scope.unitID, on: .today(now: Date())))).map(UnitBody.init)))
            }
            return JSONResponse.make(List(items: try await Self.search(query["q"]) { try await units.search(scope, folded: $0) }.map(UnitBody.init)))
        }
        signedIn.get(SiteURL.Pattern.apiUnit) { _, context in
            JSONResponse.make(UnitBody(try await units.unit(context.scope, id: try UUID.parse(context.parameters.get("id")))))
        }
        signedIn.get(SiteURL.Pattern.apiUnitChildren) { request, context in
            let query = APIQuery(request)
            try query.checkDate("date")
            let date = CivilDate(iso: query["date"])
            let list = try await units.children(context.scope, of: try UUID.parse(context.parameters.get("id")), on: date)
            return JSONResponse.make(List(items: list.map(UnitBody.init)))
        }
        signedIn.get(SiteURL.Pattern.apiUnitHistory) { _, context in
            JSONResponse.make(List(items: try await units.history(context.scope, of: try UUID.parse(context.parameters.get("id"))).map(UnitBody.init)))
        }
        signedIn.get(SiteURL.Pattern.apiUnitOrganisations) { _, context in
            let scope = context.scope
            let id = try UUID.parse(context.parameters.get("id"))
            _ = try await units.unit(scope, id: id)
            return JSONResponse.make(List(items: try await organisations.organisations(scope, unitID: id).map(OrganisationBody.init)))
        }
        signedIn.get(SiteURL.Pattern.apiOrganisations) { request, context in
            let query = APIQuery(request)
            guard query.has("q") else { throw APIQuery.bad("q") }
            try query.checkSearch()
            let found = try await Self.search(query["q"]) { try await organisations.search(context.scope, folded: $0) }
            return JSONResponse.make(List(items: found.map(OrganisationBody.init)))
        }
        signedIn.get(SiteURL.Pattern.apiOrganisation) { _, context in
            JSONResponse.make(OrganisationBody(try await organisations.organisation(context.scope, id: try UUID.parse(context.parameters.get("id")))))
        }
    }

    /// The matches of a checked `q`: none when it folds to nothing (punctuation alone), which
    /// is a valid query that finds nothing, as the document says.
    static func search<Row>(_ text: String, _ find: (String) async throws -> [Row]) async throws -> [Row] {
        guard case .success(let folded) = InputLimits.searchQuery(text) else { return [] }
        return try await find(folded)
    }

    /// The catalogue key of a search query's problem.
    static func messageKey(_ problem: SearchQueryProblem) -> String {
        switch problem {
        case .empty: "error_query_empty"
        case .tooLong: "error_query_too_long"
        }
    }
}
