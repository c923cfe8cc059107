import Foundation
import Hummingbird
import NIOCore

/// Security headers on every response.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Permissions-Policy")!] = "camera=(), microphone=(), geolocation=()"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// Finds the caller from the session cookie or an API bearer token, and the language.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountStore
    let secureCookies: Bool

    static let sessionCookie = "danvan_session"
    static let csrfCookie = "danvan_csrf"
    static let languageCookie = "danvan_lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let language = request.cookies[Self.languageCookie].flatMap({ Language(rawValue: $0.value) }) {
            context.language = language
        }
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") {
            context.identity = try await accounts.identity(apiToken: String(authorization.dropFirst(7)))
            guard context.identity != nil else { throw AppError.unauthorized }
        } else if let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty {
            context.identity = try await accounts.identity(sessionToken: token)
        }
        var newCSRF: String?
        if context.identity == nil {
            if let cookie = request.cookies[Self.csrfCookie]?.value, cookie.count >= 20 {
                context.anonymousCSRF = cookie
            } else {
                newCSRF = Secrets.token(bytes: 24)
                context.anonymousCSRF = newCSRF
            }
        }
        var response = try await next(request, context)
        if let newCSRF {
            response.setCookie(.init(name: Self.csrfCookie, value: newCSRF, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
        }
        return response
    }
}

/// Refuses state-changing form posts that do not carry the caller's CSRF token.
/// API calls with a bearer token carry no cookie and are exempt, and so are a kiosk's posts:
/// the secret token in their path is their credential, which no other site can know.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head, request.method != .options,
              request.headers[.authorization]?.hasPrefix("Bearer ") != true,
              !request.uri.path.hasPrefix(SiteURL.Pattern.kioskPrefix)
        else { return try await next(request, context) }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: UploadLimits.limit(for: request, default: context.maxUploadSize))
        } catch where UploadLimits.isTooLarge(error) {
            throw UploadLimits.tooLarge(request)
        }
        // A multipart body (uploads) carries the token as its `_csrf` part.
        let submitted = MultipartForm.boundary(of: request).map { (try? MultipartForm.parse(buffer, boundary: $0))?.fields["_csrf"] ?? "" }
            ?? FormData(String(buffer: buffer))["_csrf"]
        let expected = context.csrfToken
        guard !expected.isEmpty, Secrets.constantTimeEquals(submitted, expected) else { throw AppError.csrf }
        return try await next(request, context)
    }
}

/// A method that a path does not answer (TRACE, PUT, a POST to a page that only shows)
/// is 405 with the methods it does answer in `Allow`, not 404: the API's document lists
/// each path's methods, and the contract pass holds the server to it.
struct AllowedMethodsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    typealias Route = (segments: [Substring], method: HTTPRequest.Method)

    /// The router's routes, known once every capability has added its own: by their number of
    /// segments, and those ending in a wildcard apart (a request is matched against the few
    /// of its length, not all of them).
    struct Routes: Sendable {
        var bySegments: [Int: [Route]] = [:]
        var wildcards: [Route] = []

        func methods(for segments: [Substring]) -> [HTTPRequest.Method] {
            ((bySegments[segments.count] ?? []) + wildcards).filter { AllowedMethodsMiddleware.matches($0.segments, segments) }.map(\.method)
        }
    }

    let routes: Locked<Routes>

    init() { routes = Locked(Routes()) }

    func learn(_ router: Router<AppRequestContext>) {
        var known = Routes()
        for route in router.routes {
            let segments = String(describing: route.path).split(separator: "/")
            if segments.last == "*" || segments.last == "**" { known.wildcards.append((segments, route.method)) } else {
                known.bySegments[segments.count, default: []].append((segments, route.method))
            }
        }
        routes.withValue { $0 = known }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let method = request.method == .head ? .get : request.method
        let segments = request.uri.path.split(separator: "/")
        let methods = routes.withValue { $0 }.methods(for: segments)
        // A path no route has is not found, whatever the method (before the session and CSRF checks).
        guard !methods.isEmpty else { throw AppError.notFound }
        guard !methods.contains(method) else { return try await next(request, context) }
        var allow = Set(methods)
        if allow.contains(.get) { allow.insert(.head) }
        return Response(status: .methodNotAllowed, headers: [.allow: allow.map(\.rawValue).sorted().joined(separator: ", ")])
    }

    /// Whether a path fits a route's pattern (`{id}` takes one segment, `*` and `**` the rest).
    static func matches(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        if pattern.last == "**" || pattern.last == "*" { return path.count >= pattern.count - 1 && zip(pattern.dropLast(), path).allSatisfy(fits) }
        return pattern.count == path.count && zip(pattern, path).allSatisfy(fits)
    }

    private static func fits(_ part: (Substring, Substring)) -> Bool {
        part.0.hasPrefix("{") || part.0.hasPrefix(":") || part.0 == part.1
    }
}
