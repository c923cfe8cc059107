import Foundation
import DanVanDomain
import Hummingbird

/// Log in, log out, change one's password, API tokens and the interface language.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET, POST | /login | the login form |
/// | POST | /logout | ends the session |
/// | GET, POST | /account/password | change one's password |
/// | POST | /account/tokens | issue an API token (shown once) |
/// | POST | /account/email | set or remove one's e-mail address (the inbox's digests) |
/// | GET | /language?to=en | switch the interface language |
struct AccountController: Sendable {
    let accounts: AccountStore
    let throttle: Throttle
    let renderer: PageRenderer
    let secureCookies: Bool

    struct LoginPage: Sendable, Encodable {
        var form: FormState
        var next: String
        var message: String?
    }

    struct PasswordPage: Sendable, Encodable {
        var form: FormState
        var forced: Bool
        var token: String?
        /// The caller's sessions (this one marked), each with the form that ends it.
        var sessions: [SessionRow] = []
        /// The e-mail address form.
        var emailForm = FormState()
        var emailAction = SiteURL.accountEmail.path
    }

    struct SessionRow: Sendable, Encodable {
        var started: String
        var expires: String
        var isCurrent: Bool
        var endAction: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        router.get(SiteURL.Pattern.login) { request, context in
            if context.identity != nil { return Response.redirect(to: SiteURL.home.path) }
            let next = FormData.query(of: request).optional("next") ?? ""
            return renderer.render("accounts/login", titleKey: "login_title", page: LoginPage(form: FormState(), next: next, message: nil), context: context)
        }
        router.post(SiteURL.Pattern.login) { request, context in try await login(request, context) }
        router.post(SiteURL.Pattern.logout) { _, context in
            if let identity = context.identity { try await accounts.endSession(identity, address: context.address) }
            var response = Response.redirect(to: SiteURL.login(next: nil).path)
            response.setCookie(Cookie(name: SessionMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
            return response
        }
        // The password page is the one page a one-time password reaches.
        let withOneTimePassword = router.signedInWithOneTimePassword()
        withOneTimePassword.get(SiteURL.Pattern.password) { _, context in
            try await renderer.render("accounts/password", titleKey: "password_title", page: passwordPage(context), context: context)
        }
        withOneTimePassword.post(SiteURL.Pattern.password) { request, context in try await changePassword(request, context) }
        signedIn.post(SiteURL.Pattern.apiTokens) { request, context in
            let identity = context.identity
            let form = try await FormData.from(request, context: context)
            let token = try await accounts.createAPIToken(identity, name: String(form["name"].prefix(100)), address: context.address)
            return try await renderer.render("accounts/password", titleKey: "password_title", page: passwordPage(context, token: token), context: context)
        }
        signedIn.post(SiteURL.Pattern.accountEmail) { request, context in
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: ["email"]), context: context) {
                try await accounts.changeEmail(context.identity, email: form["email"], address: context.address)
                return Response.redirect(to: SiteURL.homeNotice("email_changed").path)
            } showAgain: { state in
                renderer.render("accounts/password", titleKey: "password_title", page: try await passwordPage(context, emailForm: state),
                                context: context, status: .unprocessableContent)
            }
        }
        signedIn.post(SiteURL.Pattern.sessionEnd) { _, context in
            let id = try UUID.parse(context.parameters.get("id"))
            if id == context.identity.sessionID { throw AppError(.badRequest, code: "bad_request") }   // this session ends with "Đăng xuất"
            try await accounts.endSession(context.identity, id: id, address: context.address)
            return Response.redirect(to: SiteURL.password.path)
        }
        router.get(SiteURL.Pattern.language) { request, context in
            let language = Language(rawValue: FormData.query(of: request).optional("to") ?? "") ?? .vi
            let back = FormData.query(of: request).optional("back").flatMap { SiteURL.isSafeRedirect($0) ? $0 : nil } ?? SiteURL.home.path
            var response = Response.redirect(to: back)
            response.setCookie(Cookie(name: SessionMiddleware.languageCookie, value: language.rawValue, maxAge: 365 * 86400, path: "/",
                                      secure: secureCookies, httpOnly: true, sameSite: .lax))
            return response
        }
    }

    private func login(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormData.from(request, context: context)
        let username = String(form["username"].lowercased().prefix(100))
        let next = SiteURL.isSafeRedirect(form["next"]) ? form["next"] : SiteURL.home.path
        var state = FormState(values: ["username": form["username"]])
        func again(_ key: String, _ arguments: [String] = [], status: HTTPResponse.Status) -> Response {
            let message = renderer.catalogue.text(key, context.language, arguments)
            return renderer.render("accounts/login", titleKey: "login_title", page: LoginPage(form: state, next: form["next"], message: message),
                                   context: context, status: status)
        }
        if username.isEmpty || form["password"].isEmpty {
            if username.isEmpty { state.errors["username"] = renderer.catalogue.text("error_required", context.language) }
            if form["password"].isEmpty { state.errors["password"] = renderer.catalogue.text("error_required", context.language) }
            return again("login_missing", status: .unprocessableContent)
        }
        // The try is counted before the password is checked: tries sent together cannot pass the limit together.
        let limits = Throttle.login(username: username, address: context.address)
        let attempt = try await throttle.begin(limits)
        if let wait = attempt.retryAfter {
            return again("login_throttled", [String(Int(wait / 60) + 1)], status: .tooManyRequests).retrying(after: wait)
        }
        guard let user = try await accounts.verify(username: username, password: form["password"]) else {
            try await accounts.recordFailedLogin(username: username, address: context.address)
            return again("login_failed", status: .unauthorized)
        }
        // A correct password does not count, and clears the account's failures (not the address's).
        try await throttle.forget(attempt.ids)
        for limit in limits.dropLast() { try await throttle.clear(limit.key) }
        let token = try await accounts.startSession(for: user, address: context.address)
        var response = Response.redirect(to: user.mustChangePassword ? SiteURL.password.path : next)
        response.setCookie(Cookie(name: SessionMiddleware.sessionCookie, value: token, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    /// The account page: the password form, the caller's sessions, and a new API token once.
    private func passwordPage(_ context: SignedInContext, form: FormState = FormState(), token: String? = nil,
                              emailForm: FormState? = nil) async throws -> PasswordPage {
        let identity = context.identity
        let sessions = try await accounts.sessions(identity).map { session in
            SessionRow(started: VietnameseFormat.moment(session.createdAt, seconds: false), expires: VietnameseFormat.moment(session.expiresAt, seconds: false),
                       isCurrent: session.id == identity.sessionID, endAction: SiteURL.sessionEnd(session.id!).path)
        }
        let address = emailForm == nil ? try await accounts.email(identity) : ""
        return PasswordPage(form: form, forced: identity.mustChangePassword, token: token, sessions: sessions,
                            emailForm: emailForm ?? FormState(values: ["email": address]))
    }

    private func changePassword(_ request: Request, _ context: SignedInContext) async throws -> Response {
        let identity = context.identity
        let form = try await FormData.from(request, context: context)
        return try await renderer.submit(keeping: FormState(), context: context) {
            try await accounts.changePassword(identity, current: form["current_password"], new: form["new_password"],
                                              confirmation: form["confirmation"], address: context.address)
            return Response.redirect(to: SiteURL.homeNotice("password_changed").path)
        } showAgain: { state in
            renderer.render("accounts/password", titleKey: "password_title", page: try await passwordPage(context, form: state),
                            context: context, status: .unprocessableContent)
        }
    }
}
