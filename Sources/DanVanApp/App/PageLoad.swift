import AsyncHTTPClient
import FluentKit
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The load of a bench over HTTP: the application served on a free loopback port, and
/// concurrent clients requesting one page for a fixed time.
struct PageLoad {
    /// What one page answered under the load.
    struct Result: Sendable {
        var requests: Int
        var failed: Int
        var seconds: Int
        var timings: Timings

        var perSecond: Double { Double(requests) / Double(seconds) }

        /// "1.234 requests/s, p50 3.1 ms, p99 12.0 ms, 0 failed".
        var summary: String {
            String(format: "%.0f requests/s, p50 %.1f ms, p99 %.1f ms, %d failed", perSecond, timings.percentile(50), timings.percentile(99), failed)
        }
    }

    let port: Int
    let client: HTTPClient

    /// A session of the bench's own account (made once, its password never known): what the
    /// clients send as their cookie.
    static func session(_ services: AppServices, username: String, organisationID: UUID, roles: [Role]) async throws -> String {
        let user: User
        if let existing = try await User.query(on: services.database.db).filter(\.$username == username).first() {
            user = existing
        } else {
            user = User(username: username, fullName: "Đo hiệu năng", passwordHash: try await Secrets.hashPassword(Secrets.token(), cost: 4),
                        organisationID: organisationID, roles: roles, scopeMode: .subtree, mustChangePassword: false)
            try await user.create(on: services.database.db)
        }
        return try await services.accounts.startSession(for: user, address: "bench")
    }

    /// Serves the router for the length of `body`.
    static func serving<T: Sendable>(_ services: AppServices, logger: Logger, _ body: @Sendable (PageLoad) async throws -> T) async throws -> T {
        let port = Int.random(in: 20000...40000)
        var quiet = logger
        quiet.logLevel = .error
        let app = Application(router: buildRouter(services), configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: quiet)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await app.run(); return nil }
            try await Task.sleep(for: .milliseconds(500))
            // As many connections as clients (the client's pool opens 8 per host by default).
            var settings = HTTPClient.Configuration()
            settings.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
            do {
                let value = try await body(PageLoad(port: port, client: client))
                try await client.shutdown()
                group.cancelAll()
                return value
            } catch {
                try? await client.shutdown()
                group.cancelAll()
                throw error
            }
        }
    }

    /// `connections` clients request `path` with the session cookie for `seconds`.
    func run(_ path: String, session: String?, connections: Int = 16, seconds: Int) async throws -> Result {
        let url = "http://127.0.0.1:\(port)\(path)"
        let deadline = ContinuousClock.now + .seconds(seconds)
        let results = try await withThrowingTaskGroup(of: (Timings, Int).self) { workers in
            for _ in 0..<connections {
                workers.addTask {
                    var timings = Timings(), failed = 0
                    while ContinuousClock.now < deadline {
                        var request = HTTPClientRequest(url: url)
                        if let session { request.headers.add(name: "Cookie", value: "\(SessionMiddleware.sessionCookie)=\(session)") }
                        let status = try await timings.measure {
                            let response = try await client.execute(request, timeout: .seconds(10))
                            _ = try await response.body.collect(upTo: 10 * 1024 * 1024)
                            return response.status
                        }
                        if status != .ok { failed += 1 }
                    }
                    return (timings, failed)
                }
            }
            var all: [(Timings, Int)] = []
            for try await result in workers { all.append(result) }
            return all
        }
        var timings = Timings()
        for (worker, _) in results { timings.add(worker) }
        return Result(requests: timings.samples.count, failed: results.map(\.1).reduce(0, +), seconds: seconds, timings: timings)
    }
}
