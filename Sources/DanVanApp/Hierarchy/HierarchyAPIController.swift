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
            if let code = FormData.query(of: request).optional("code") {
                return JSONResponse.make(List(items: try await units.units(scope, code: String(code.prefix(20))).map(UnitBody.init)))
            }
            let folded = try Self.searchQuery(request)
            return JSONResponse.make(List(items: try await units.search(scope, folded: folded).map(UnitBody.init)))
        }
        signedIn.get(SiteURL.Pattern.apiUnit) { _, context in
            JSONResponse.make(UnitBody(try await units.unit(context.scope, id: try UUID.parse(context.parameters.get("id")))))
        }
        signedIn.get(SiteURL.Pattern.apiUnitChildren) { request, context in
            var date: CivilDate?
            if let text = FormData.query(of: request).optional("date") {
                guard let parsed = CivilDate(iso: text) else { throw AppError(.badRequest, code: "bad_date", messageKey: "error_bad_date") }
                date = parsed
            }
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
            let folded = try Self.searchQuery(request)
            return JSONResponse.make(List(items: try await organisations.search(context.scope, folded: folded).map(OrganisationBody.init)))
        }
        signedIn.get(SiteURL.Pattern.apiOrganisation) { _, context in
            JSONResponse.make(OrganisationBody(try await organisations.organisation(context.scope, id: try UUID.parse(context.parameters.get("id")))))
        }
    }

    /// The folded `q` parameter, or a 400 with the Vietnamese reason.
    static func searchQuery(_ request: Request) throws -> String {
        switch InputLimits.searchQuery(FormData.query(of: request).optional("q") ?? "") {
        case .success(let folded): return folded
        case .failure(let problem):
            throw AppError(.badRequest, code: String(messageKey(problem).dropFirst("error_".count)), messageKey: messageKey(problem))
        }
    }

    /// The catalogue key of a search query's problem.
    static func messageKey(_ problem: SearchQueryProblem) -> String {
        switch problem {
        case .empty: "error_query_empty"
        case .tooLong: "error_query_too_long"
        }
    }
}
