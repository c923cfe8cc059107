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
/// API calls with a bearer token carry no cookie and are exempt.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head, request.method != .options,
              request.headers[.authorization]?.hasPrefix("Bearer ") != true
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
