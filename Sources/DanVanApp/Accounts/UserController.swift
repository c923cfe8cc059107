import DanVanDomain
import Foundation
import Hummingbird

/// User administration, within the administrator's scope.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /users | users in scope |
/// | GET | /users/:id | one user |
/// | POST | /users/:id | change name, roles, scope, active |
/// | POST | /users/:id/password | issue a new one-time password |
struct UserController: Sendable {
    let accounts: AccountStore
    let renderer: PageRenderer

    struct UserRow: Sendable, Encodable {
        var href: String
        var username: String
        var fullName: String
        var organisationName: String
        var roles: String
        var active: Bool
    }

    struct IndexPage: Sendable, Encodable {
        var users: [UserRow]
        var search: String
        var total: String
        var pager: Pager
    }

    /// Users on a page of the list.
    static let pageSize = 50

    struct ShowPage: Sendable, Encodable {
        var user: UserRow
        var organisationHref: String
        var form: FormState
        var roles: [FormOption]
        var scopeModes: [FormOption]
        var active: Bool
        var newPassword: String?
        /// Where the password reset posts.
        var passwordAction: String
    }

    static func row(_ user: UserSummary, catalogue: StringCatalogue, language: Language) -> UserRow {
        UserRow(href: SiteURL.user(user.id).path, username: user.username, fullName: user.fullName, organisationName: user.organisationName,
                roles: user.roleSet.sorted { $0.rawValue < $1.rawValue }.map { catalogue.text($0.labelKey, language) }.joined(separator: ", "),
                active: user.active)
    }

    static func input(from form: FormData, organisationID: UUID?) -> UserInput {
        UserInput(username: form["username"], fullName: form["full_name"], organisationID: organisationID, roles: .from(form.all("roles")),
                  scopeMode: ScopeMode(rawValue: form["scope_mode"]) ?? .subtree, active: form["active"] == "on" || form["active"] == "true",
                  email: form["email"])
    }

    static func scopeModeOptions(selected: String, catalogue: StringCatalogue, language: Language) -> [FormOption] {
        ScopeMode.allCases.map { FormOption(value: $0.rawValue, label: catalogue.text("scope_mode_\($0.rawValue)", language), selected: $0.rawValue == selected) }
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.users) { request, context in
            let query = FormData.query(of: request)
            let search = String(query["q"].prefix(100))
            let offset = Pager.offset(query["offset"])
            let (users, total) = try await accounts.users(context.scope, search: search, offset: offset, limit: Self.pageSize)
            let pager = Pager(offset: offset, size: Self.pageSize, shown: users.count, total: total, catalogue: renderer.catalogue,
                              language: context.language) { SiteURL.usersPage(search: search, offset: $0).path }
            return renderer.render("accounts/users_index", titleKey: "users_title",
                                   page: IndexPage(users: users.map { Self.row($0, catalogue: renderer.catalogue, language: context.language) },
                                                   search: search, total: VietnameseFormat.integer(total), pager: pager), context: context)
        }
        signedIn.get(SiteURL.Pattern.user) { _, context in
            try await show(id: try UUID.parse(context.parameters.get("id")), context: context)
        }
        signedIn.post(SiteURL.Pattern.user) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let form = try await FormData.from(request, context: context)
            let scope = context.scope
            let existing = try await accounts.user(scope, id: id)
            var input = Self.input(from: form, organisationID: existing.organisationID)
            input.username = existing.username
            return try await renderer.submit(keeping: FormState(form, fields: ["full_name", "scope_mode", "email"]), context: context) {
                _ = try await accounts.updateUser(scope, id: id, input: input)
                return Response.redirect(to: SiteURL.user(id).path)
            } showAgain: { state in
                try await show(id: id, context: context, form: state, roles: form.all("roles"), active: input.active)
            }
        }
        signedIn.post(SiteURL.Pattern.userPassword) { _, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let password = try await accounts.resetPassword(context.scope, id: id)
            return try await show(id: id, context: context, newPassword: password)
        }
    }

    private func show(id: UUID, context: SignedInContext, form: FormState? = nil, roles: [String]? = nil, active: Bool? = nil,
                      newPassword: String? = nil) async throws -> Response {
        let user = try await accounts.user(context.scope, id: id)
        let language = context.language
        let selectedRoles = roles ?? user.roleSet.map(\.rawValue)
        let form = form ?? FormState(values: ["full_name": user.fullName, "scope_mode": user.scopeMode, "email": user.email ?? ""])
        let page = ShowPage(
            user: Self.row(user, catalogue: renderer.catalogue, language: language),
            organisationHref: SiteURL.organisation(user.organisationID).path, form: form,
            roles: Role.allCases.map { FormOption(value: $0.rawValue, label: renderer.catalogue.text($0.labelKey, language), selected: selectedRoles.contains($0.rawValue)) },
            scopeModes: Self.scopeModeOptions(selected: form.values["scope_mode"] ?? user.scopeMode, catalogue: renderer.catalogue, language: language),
            active: active ?? user.active, newPassword: newPassword, passwordAction: SiteURL.userPassword(user.id).path)
        return renderer.render("accounts/user_show", titleKey: "users_title", title: user.fullName, page: page, context: context,
                               status: form.hasErrors ? .unprocessableContent : .ok, section: "users")
    }
}
