import Hummingbird

/// What a page needs of a request, signed in or not: the caller (if any), the
/// language and the CSRF token its forms carry.
protocol PageContext: RequestContext {
    var caller: Identity? { get }
    var language: Language { get }
    var csrfToken: String { get }
}

extension AppRequestContext: PageContext {
    var caller: Identity? { identity }
}

/// The request context of the routes that need a signed-in caller: the identity and
/// the scope are not optional, so a handler cannot forget to ask for them. A request
/// without a valid session never reaches such a handler (401, which the pages turn
/// into the login form). Routes are registered on `router.signedIn()`.
struct SignedInContext: ChildRequestContext, PageContext {
    var coreContext: CoreRequestContextStorage
    /// Variable only for the layout's unread count, which a page may read again after adding notifications.
    var identity: Identity
    /// The caller's reach: every store call of a handler takes it.
    let scope: Scope
    let language: Language
    let csrfToken: String

    init(context: AppRequestContext) throws {
        guard let identity = context.identity else { throw AppError.unauthorized }
        self.coreContext = context.coreContext
        self.identity = identity
        self.scope = identity.scope(address: context.address)
        self.language = context.language
        self.csrfToken = context.csrfToken
    }

    var caller: Identity? { identity }
    /// Where the request came from, for throttling and the audit log.
    var address: String { scope.address }
    /// Uploads are refused above this size, as on every route (attachments set their own limit).
    var maxUploadSize: Int { 1024 * 1024 }
}

/// Refuses a route group to callers without one of the roles, or, for the settings of
/// the whole country, without a national scope (403, nothing done).
struct RequireRole: RouterMiddleware {
    typealias Context = SignedInContext
    let roles: Set<Role>
    var national = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !roles.isDisjoint(with: context.identity.roles), !national || context.scope.isNational else { throw AppError.forbidden }
        return try await next(request, context)
    }
}

/// A caller who signed in with a one-time password reaches only the password page until
/// they change it: a page sends them there, the API answers 403 (`password_change_required`).
struct RequireChangedPassword: RouterMiddleware {
    typealias Context = SignedInContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.identity.mustChangePassword else { return try await next(request, context) }
        if request.uri.path.hasPrefix(SiteURL.Pattern.apiPrefix) { throw AppError(.forbidden, code: "password_change_required") }
        return Response.redirect(to: SiteURL.password.path)
    }
}

extension Router<AppRequestContext> {
    /// The routes for signed-in callers who have set their own password; with roles, only
    /// for callers with one of them.
    func signedIn(_ roles: Role...) -> RouterGroup<SignedInContext> {
        let group = signedInWithOneTimePassword().add(middleware: RequireChangedPassword())
        return roles.isEmpty ? group : group.add(middleware: RequireRole(roles: Set(roles)))
    }

    /// The routes that change settings of the whole country: national administrators only.
    func nationalAdministrators() -> RouterGroup<SignedInContext> {
        signedIn().add(middleware: RequireRole(roles: [.administrator], national: true))
    }

    /// The password page alone: reachable with a one-time password, to change it.
    func signedInWithOneTimePassword() -> RouterGroup<SignedInContext> {
        group(context: SignedInContext.self)
    }
}
