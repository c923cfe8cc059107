import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DanVanApp

/// A fresh DanVan for one test: database with the fixture units, services,
/// and the very router the server runs.
struct TestApp: Sendable {
    let services: AppServices
    var database: AppDatabase { services.database }

    /// Runs `body` against a fresh app and always cleans up.
    static func run(units: Bool = true, _ body: @Sendable (TestApp) async throws -> Void) async throws {
        let (database, cleanup) = units ? try await TestDatabase.withUnits() : try await TestDatabase.empty()
        do {
            var configuration = AppConfiguration()
            configuration.bcryptCost = 4
            let services = try await AppServices(configuration: configuration, database: database)
            try await body(TestApp(services: services))
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
    }

    /// The scope of the command line (national administration, every role).
    func nationalScope() async throws -> Scope { try await services.accounts.commandLineScope() }

    /// The unit with this code, legacy (before 2025-07-01) or current.
    func unit(_ code: String, legacy: Bool) async throws -> UnitSummary {
        let list = try await services.units.units(try await nationalScope(), code: code)
        return try #require(list.first { ($0.validTo != nil) == legacy }, "no unit \(code)")
    }

    /// Creates a user with a known password acting for the organisation of `kind` in the unit.
    func user(_ username: String, roles: [Role], kind: String, in unit: UnitSummary, mode: ScopeMode = .subtree) async throws -> (UserSummary, password: String) {
        let scope = try await nationalScope()
        var organisations = try await services.organisations.organisations(scope, unitID: unit.id)
        if !organisations.contains(where: { $0.kind == kind }) {
            _ = try await services.organisations.createStandardSet(scope, under: unit.id, on: HierarchyController.defaultDate(for: unit))
            organisations = try await services.organisations.organisations(scope, unitID: unit.id)
        }
        let organisation = try #require(organisations.first { $0.kind == kind })
        let created = try await services.accounts.createUser(scope, input: UserInput(username: username, fullName: "Người \(username)",
                                                                                     organisationID: organisation.id, roles: roles, scopeMode: mode))
        // As if the user had already replaced the one-time password with this one (the tests of that step use `oneTimeUser`).
        try await User.query(on: database.db).filter(\.$id == created.user.id).set(\.$mustChangePassword, to: false).update()
        return (created.user, created.password)
    }

    /// A user of `unit` with these roles, as a store sees them after login.
    func officer(_ username: String, roles: [Role], in unit: UnitSummary, kind: String = "peoples_committee") async throws -> Scope {
        let (user, _) = try await self.user(username, roles: roles, kind: kind, in: unit)
        return Scope(userID: user.id, username: user.username, organisationID: user.organisationID, unitID: unit.id, mode: .subtree,
                     roles: Set(roles), address: "test", unitLevel: unit.level)
    }

    /// An administrator of the national administration: the only one who changes the settings of the whole country.
    func nationalAdministrator(_ username: String) async throws -> (UserSummary, password: String) {
        try await user(username, roles: [.administrator], kind: "central_body", in: try await unit("VN", legacy: false))
    }

    /// Drives the router as a browser would: cookies kept, CSRF token read from the pages.
    func client<Value: Sendable>(_ body: @Sendable (Browser) async throws -> Value) async throws -> Value {
        let app = Application(router: buildRouter(services), logger: TestDatabase.logger)
        return try await app.test(.router) { client in try await body(Browser(client: client)) }
    }
}

/// A cookie-keeping client over HummingbirdTesting's router client.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private var cookies: [String: String] = [:]
    private let lock = NSLock()

    init(client: any TestClientProtocol) { self.client = client }

    struct Page: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
        /// The body's bytes as sent (a compressed one is not text).
        var bytes: ByteBuffer = ByteBuffer()
        var location: String? { headers[.location] }
    }

    private var cookieHeader: String {
        lock.withLock { cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
    }

    private func remember(_ headers: HTTPFields) {
        for field in headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            lock.withLock {
                if field.value.contains("Max-Age=0") { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
            }
        }
    }

    func get(_ path: String, headers extra: HTTPFields = [:]) async throws -> Page {
        var headers = extra
        if !cookieHeader.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.execute(uri: path, method: .get, headers: headers, body: nil)
        remember(response.headers)
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body), bytes: response.body)
    }

    /// Posts a form; `csrf: nil` reads the token from the last page's cookie or session.
    func post(_ path: String, _ fields: [(String, String)], csrf: String? = nil, includeCSRF: Bool = true) async throws -> Page {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if !cookieHeader.isEmpty { headers[.cookie] = cookieHeader }
        var all = fields
        if includeCSRF {
            var token = csrf
            if token == nil { token = try await currentCSRF() }
            all.append(("_csrf", token ?? ""))
        }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        remember(response.headers)
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    /// Posts a JSON body with extra headers (an API call with a bearer token: no cookie, no CSRF token).
    func postJSON(_ path: String, _ json: String, headers extra: HTTPFields = [:]) async throws -> Page {
        var headers = extra
        headers[.contentType] = "application/json"
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: json))
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    /// A file of a multipart post.
    struct Upload: Sendable {
        var field = "attachment"
        var filename: String
        var contentType: String
        var data: [UInt8]
    }

    /// Posts a `multipart/form-data` form (uploads), the CSRF token as its `_csrf` part.
    func postMultipart(_ path: String, _ fields: [(String, String)], files: [Upload] = []) async throws -> Page {
        let token = try await currentCSRF()
        let boundary = "----danvan-test-\(UUID().uuidString)"
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        if !cookieHeader.isEmpty { headers[.cookie] = cookieHeader }
        var body = ByteBuffer()
        for (name, value) in fields + [("_csrf", token)] {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.contentType)\r\n\r\n")
            body.writeBytes(file.data)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: body)
        remember(response.headers)
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    /// The CSRF token a form on the account page (or, signed out, the login page) carries:
    /// the one page a one-time password reaches too.
    func currentCSRF() async throws -> String {
        let page = try await get(lock.withLock { cookies["danvan_session"] } == nil ? "/login" : "/account/password")
        guard let range = page.body.range(of: #"name="_csrf" value=""#) else { return "" }
        return String(page.body[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Logs in through the form; returns the page the login redirects to.
    @discardableResult
    func login(_ username: String, _ password: String) async throws -> Page {
        _ = try await get("/login")
        return try await post("/login", [("username", username), ("password", password)])
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
