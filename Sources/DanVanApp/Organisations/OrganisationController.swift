import DanVanDomain
import Foundation
import Hummingbird

/// An organisation: its details, its users, merges.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /organisations/:id | the organisation |
/// | POST | /organisations/:id | change it |
/// | POST | /organisations/:id/merge | merge it with others of its unit into a new one |
/// | POST | /organisations/:id/users | create a user acting for it |
struct OrganisationController: Sendable {
    let organisations: OrganisationStore
    let accounts: AccountStore
    let renderer: PageRenderer

    static let fields = ["kind", "name", "valid_from", "valid_to", "dan_van_leader", "dan_van_leader_title"]

    struct ShowPage: Sendable, Encodable {
        var organisation: HierarchyController.OrganisationRow
        var unitHref: String
        var unitName: String
        var form: FormState
        var kinds: [FormOption]
        var predecessors: [HierarchyController.OrganisationRow]
        var successors: [HierarchyController.OrganisationRow]
        var canAdminister: Bool
        var users: [UserController.UserRow]
        var userForm: FormState
        var roles: [FormOption]
        var scopeModes: [FormOption]
        var siblings: [FormOption]
        var mergeKinds: [FormOption]
        var mergeForm: FormState
        var createdUser: CreatedUser?
        /// Where the page's forms post.
        var usersAction: String
        var mergeAction: String
    }

    struct CreatedUser: Sendable, Encodable {
        var username: String
        var password: String
        var href: String
    }

    static func row(_ organisation: OrganisationSummary) -> HierarchyController.OrganisationRow {
        HierarchyController.OrganisationRow(
            href: SiteURL.organisation(organisation.id).path, name: organisation.name, kindName: organisation.kindName,
            leader: [organisation.danVanLeader, organisation.danVanLeaderTitle].compactMap { $0 }.joined(separator: ", ").nilIfEmpty,
            validity: HierarchyController.validity(from: organisation.validFrom, to: organisation.validTo))
    }

    /// A typed date as the record keeps it (ISO); anything else as typed, for the check to name.
    static func isoIfDate(_ text: String) -> String {
        CivilDate(entered: text)?.iso ?? text
    }

    static func input(from form: FormData) -> OrganisationInput {
        OrganisationInput(kind: form["kind"], name: form["name"], validFrom: form.optional("valid_from").map(Self.isoIfDate), validTo: form.optional("valid_to").map(Self.isoIfDate),
                          danVanLeader: form.optional("dan_van_leader"), danVanLeaderTitle: form.optional("dan_van_leader_title"))
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.organisation) { _, context in
            try await show(id: try UUID.parse(context.parameters.get("id")), context: context)
        }
        signedIn.post(SiteURL.Pattern.organisation) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: Self.fields), context: context) {
                _ = try await organisations.update(context.scope, id: id, input: Self.input(from: form))
                return Response.redirect(to: SiteURL.organisation(id).path)
            } showAgain: { state in
                try await show(id: id, context: context, form: state)
            }
        }
        signedIn.post(SiteURL.Pattern.organisationMerge) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: Self.fields + ["effective"]), context: context) {
                let others = form.all("with").compactMap(UUID.init(uuidString:))
                let merged = try await organisations.merge(context.scope, ids: [id] + others, into: Self.input(from: form), on: CivilDate(entered: form["effective"]))
                return Response.redirect(to: SiteURL.organisation(merged.id).path)
            } showAgain: { state in
                try await show(id: id, context: context, mergeForm: state)
            }
        }
        signedIn.post(SiteURL.Pattern.organisationUsers) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: ["username", "full_name", "scope_mode"]), context: context) {
                let created = try await accounts.createUser(context.scope, input: UserController.input(from: form, organisationID: id))
                return try await show(id: id, context: context,
                                      createdUser: CreatedUser(username: created.user.username, password: created.password, href: SiteURL.user(created.user.id).path))
            } showAgain: { state in
                try await show(id: id, context: context, userForm: state, selectedRoles: form.all("roles"))
            }
        }
    }

    private func show(id: UUID, context: SignedInContext, form: FormState? = nil, userForm: FormState = FormState(),
                      selectedRoles: [String] = [], mergeForm: FormState = FormState(), createdUser: CreatedUser? = nil) async throws -> Response {
        let scope = context.scope
        let organisation = try await organisations.organisation(scope, id: id)
        let lineage = try await organisations.lineage(scope, of: id)
        let form = form ?? FormState(values: [
            "kind": organisation.kind, "name": organisation.name, "valid_from": organisation.validFrom ?? "", "valid_to": organisation.validTo ?? "",
            "dan_van_leader": organisation.danVanLeader ?? "", "dan_van_leader_title": organisation.danVanLeaderTitle ?? "",
        ])
        let isAdmin = scope.has(.administrator)
        let kinds = try await organisations.kinds()
        let language = context.language
        let siblings = isAdmin ? try await organisations.organisations(scope, unitID: organisation.unitID).filter { $0.id != id && $0.validTo == nil } : []
        let selectedMergeKind = mergeForm.values["kind"] ?? ""
        let page = ShowPage(
            organisation: Self.row(organisation), unitHref: SiteURL.unit(organisation.unitID).path, unitName: organisation.unitName,
            form: form,
            kinds: kinds.map { FormOption(value: $0.id ?? "", label: $0.name, selected: $0.id == (form.values["kind"] ?? "")) },
            predecessors: lineage.predecessors.map(Self.row), successors: lineage.successors.map(Self.row),
            canAdminister: isAdmin,
            users: isAdmin ? try await accounts.users(scope, organisationID: id).map { UserController.row($0, catalogue: renderer.catalogue, language: language) } : [],
            userForm: userForm,
            roles: Role.allCases.map { FormOption(value: $0.rawValue, label: renderer.catalogue.text($0.labelKey, language), selected: selectedRoles.contains($0.rawValue)) },
            scopeModes: UserController.scopeModeOptions(selected: userForm.values["scope_mode"] ?? ScopeMode.subtree.rawValue, catalogue: renderer.catalogue, language: language),
            siblings: siblings.map { FormOption(value: $0.id.uuidString, label: $0.name, selected: false) },
            mergeKinds: kinds.map { FormOption(value: $0.id ?? "", label: $0.name, selected: $0.id == selectedMergeKind) },
            mergeForm: mergeForm,
            createdUser: createdUser,
            usersAction: SiteURL.organisationUsers(id).path, mergeAction: SiteURL.organisationMerge(id).path)
        let status: HTTPResponse.Status = form.hasErrors || userForm.hasErrors || mergeForm.hasErrors ? .unprocessableContent : .ok
        return renderer.render("organisations/organisation_show", titleKey: "organisation_title", title: organisation.name, page: page, context: context,
                               status: status, section: "units")
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
