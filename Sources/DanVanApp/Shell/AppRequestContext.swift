import Hummingbird
import NIOCore

/// The request context: the caller (when logged in), the language, the
/// anonymous CSRF cookie and where the request came from.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// Set by ``SessionMiddleware`` when a session cookie or API token is valid.
    public var identity: Identity?
    public var language: Language = .vi
    /// The CSRF token of a visitor without a session (the login form).
    public var anonymousCSRF: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Uploads are refused above this size (attachments will need more, per route).
    public var maxUploadSize: Int { 1024 * 1024 }

    /// The caller's address for throttling and the audit log.
    var address: String { remoteAddress?.ipAddress ?? "unknown" }

    /// The token forms must carry.
    var csrfToken: String { identity?.csrfToken ?? anonymousCSRF ?? "" }
}
