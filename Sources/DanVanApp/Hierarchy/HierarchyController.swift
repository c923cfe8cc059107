import DanVanDomain
import Foundation
import Hummingbird

/// The hierarchy browser: search, a unit with its children as of a date, its
/// history and its organisations; administrators add villages and organisations.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /units?q= | search, or the top of the caller's scope |
/// | GET | /units/:id?date= | a unit |
/// | POST | /units/:id/villages | add a village under a commune |
/// | POST | /units/:id/organisations | add an organisation |
/// | POST | /units/:id/standard-organisations | create the standard set below the unit |
struct HierarchyController: Sendable {
    let units: UnitStore
    let organisations: OrganisationStore
    let renderer: PageRenderer

    struct UnitRow: Sendable, Encodable {
        var href: String
        var code: String
        var name: String
        var type: String
        var validity: String
        var context: String?
    }

    struct IndexPage: Sendable, Encodable {
        var query: String
        var message: String?
        var results: [UnitRow]
        var searched: Bool
        var pager: Pager?
    }

    /// Units found on a page of a search.
    static let pageSize = 50

    struct ShowPage: Sendable, Encodable {
        var unit: UnitRow
        var levelName: String
        var breadcrumbs: [UnitRow]
        var date: String
        var dateDisplay: String
        var children: [UnitRow]
        var predecessors: [UnitRow]
        var successors: [UnitRow]
        var successorsDate: String?
        var historyCount: Int
        var history: [UnitRow]
        var organisations: [OrganisationRow]
        var canAdminister: Bool
        var isCommune: Bool
        var kinds: [FormOption]
        var organisationForm: FormState
        var villageForm: FormState
        /// Where the page's forms post.
        var standardOrganisationsAction: String
        var organisationsAction: String
        var villagesAction: String
    }

    struct OrganisationRow: Sendable, Encodable {
        var href: String
        var name: String
        var kindName: String
        var leader: String?
        var validity: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.units) { request, context in try await index(request, context) }
        signedIn.get(SiteURL.Pattern.unit) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let date = FormData.query(of: request).optional("date")
            let notice = FormData.query(of: request).optional("notice").flatMap { renderer.catalogue.knownText("notice_" + $0, context.language) }
            return try await show(id: id, requestedDate: date, context: context, notice: notice)
        }
        signedIn.post(SiteURL.Pattern.unitVillages) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: ["name", "type", "code"]), context: context) {
                let village = try await units.addVillage(context.scope, parentID: id, name: form["name"],
                                                         type: form["type"].isEmpty ? "Thôn" : form["type"], code: form["code"])
                return Response.redirect(to: SiteURL.unit(village.id).path)
            } showAgain: { state in
                try await show(id: id, requestedDate: nil, context: context, villageForm: state)
            }
        }
        signedIn.post(SiteURL.Pattern.unitOrganisations) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: OrganisationController.fields), context: context) {
                let organisation = try await organisations.create(context.scope, unitID: id, input: OrganisationController.input(from: form))
                return Response.redirect(to: SiteURL.organisation(organisation.id).path)
            } showAgain: { state in
                try await show(id: id, requestedDate: nil, context: context, organisationForm: state)
            }
        }
        signedIn.post(SiteURL.Pattern.unitStandardOrganisations) { _, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let scope = context.scope
            let unit = try await units.unit(scope, id: id)
            let count = try await organisations.createStandardSet(scope, under: id, on: Self.defaultDate(for: unit))
            let notice = renderer.catalogue.text("notice_standard_created", context.language, [VietnameseFormat.integer(count)])
            return try await show(id: id, requestedDate: nil, context: context, notice: notice)
        }
    }

    private func index(_ request: Request, _ context: SignedInContext) async throws -> Response {
        let scope = context.scope
        let raw = FormData.query(of: request).all("q").first
        var page = IndexPage(query: raw ?? "", message: nil, results: [], searched: raw != nil, pager: nil)
        var status = HTTPResponse.Status.ok
        if let raw {
            switch InputLimits.searchQuery(raw) {
            case .success(let folded):
                let offset = Pager.offset(FormData.query(of: request)["offset"])
                let read = try await units.search(scope, folded: folded, limit: Self.pageSize + 1, offset: offset)
                let found = Array(read.prefix(Self.pageSize))
                page.results = try await rows(found, scope: scope)
                page.pager = Pager(offset: offset, size: Self.pageSize, shown: found.count, more: read.count > Self.pageSize,
                                   catalogue: renderer.catalogue, language: context.language) { SiteURL.unitsPage(query: raw, offset: $0).path }
                if found.isEmpty { page.message = renderer.catalogue.text("units_none_found", context.language) }
            case .failure(let problem):
                page.message = renderer.catalogue.text(APIController.messageKey(problem), context.language)
                status = .unprocessableContent
            }
        } else {
            let root = try await units.unit(scope, id: scope.unitID)
            page.results = try await rows([root], scope: scope) + rows(try await units.children(scope, of: root.id, on: Self.today()), scope: scope)
        }
        return renderer.render("hierarchy/units_index", titleKey: "units_title", page: page, context: context, status: status)
    }

    private func rows(_ list: [UnitSummary], scope: Scope) async throws -> [UnitRow] {
        let parents = try await units.names(scope, ids: Set(list.compactMap(\.parentID)))
        return list.map { row($0, context: $0.parentID.flatMap { parents[$0] }) }
    }

    func row(_ unit: UnitSummary, context: String? = nil) -> UnitRow {
        UnitRow(href: SiteURL.unit(unit.id).path, code: unit.code, name: unit.name, type: unit.type,
                validity: Self.validity(from: unit.validFrom, to: unit.validTo), context: context)
    }

    /// "từ 01/07/2025", "đến 30/06/2025", or empty when always valid.
    static func validity(from: String?, to: String?) -> String {
        let from = from.flatMap(CivilDate.init(iso:)).map(VietnameseFormat.date)
        let to = to.flatMap(CivilDate.init(iso:)).map(VietnameseFormat.date)
        switch (from, to) {
        case let (from?, to?): return "\(from) – \(to)"
        case let (from?, nil): return "từ \(from)"
        case let (nil, to?): return "đến \(to)"
        default: return ""
        }
    }

    static func today() -> CivilDate { CivilDate.today(now: Date()) }

    /// The day a unit's page shows its children on: today while it is in force,
    /// else its last day (a legacy district shows its communes as they were).
    static func defaultDate(for unit: UnitSummary) -> CivilDate {
        let today = today()
        if let to = unit.validTo.flatMap(CivilDate.init(iso:)), to < today { return to }
        if let from = unit.validFrom.flatMap(CivilDate.init(iso:)), from > today { return from }
        return today
    }

    func show(id: UUID, requestedDate: String?, context: SignedInContext, notice: String? = nil,
              organisationForm: FormState = FormState(), villageForm: FormState = FormState()) async throws -> Response {
        let scope = context.scope
        let unit = try await units.unit(scope, id: id)
        var notice = notice
        var date = Self.defaultDate(for: unit)
        if let requestedDate, !requestedDate.isEmpty {
            if let parsed = CivilDate(entered: requestedDate) { date = parsed } else {
                notice = renderer.catalogue.text("error_bad_date", context.language)
            }
        }
        let related = try await units.related(scope, of: unit, [.ancestor, .child, .history, .predecessor, .successorOfSubtree], on: date)
        let history = related.history
        let successors = related.successorsOfSubtree
        let levelNames = try await units.levelNames()
        let kinds = try await organisations.kinds()
        let selectedKind = organisationForm.values["kind"] ?? ""
        let page = ShowPage(
            unit: row(unit),
            levelName: levelNames[unit.level] ?? String(unit.level),
            breadcrumbs: related.ancestors.map { row($0) },
            date: date.iso, dateDisplay: VietnameseFormat.date(date),
            children: related.children.map { row($0) },
            predecessors: related.predecessors.map {
                row($0.unit, context: $0.whole ? nil : renderer.catalogue.text("units_part", context.language))
            },
            successors: successors.map { row($0.unit, context: $0.parentName) },
            successorsDate: successors.first?.unit.validFrom.flatMap(CivilDate.init(iso:)).map(VietnameseFormat.date),
            historyCount: history.count,
            history: history.prefix(200).map { row($0) },
            organisations: try await organisations.organisations(scope, unitID: id).map(OrganisationController.row),
            canAdminister: scope.has(.administrator),
            isCommune: unit.level == 3,
            kinds: kinds.map { FormOption(value: $0.id ?? "", label: $0.name, selected: $0.id == selectedKind) },
            organisationForm: organisationForm, villageForm: villageForm,
            standardOrganisationsAction: SiteURL.unitStandardOrganisations(id).path, organisationsAction: SiteURL.unitOrganisations(id).path,
            villagesAction: SiteURL.unitVillages(id).path)
        let status: HTTPResponse.Status = organisationForm.hasErrors || villageForm.hasErrors ? .unprocessableContent : .ok
        return renderer.render("hierarchy/unit_show", titleKey: "units_title", title: unit.name, page: page, context: context, status: status,
                               notice: notice, section: "units")
    }
}
