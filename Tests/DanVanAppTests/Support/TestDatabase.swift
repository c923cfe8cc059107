import FluentKit
import Foundation
import Logging
import SQLKit
@testable import DanVanApp

/// Which database the suite runs on: SQLite by default, PostgreSQL when
/// `DANVAN_TEST_DATABASE_URL` names a local server (scripts/test runs both).
enum TestDatabase {
    static let postgresURL: String? = {
        guard let url = ProcessInfo.processInfo.environment["DANVAN_TEST_DATABASE_URL"], !url.isEmpty else { return nil }
        // Tests create and drop databases: refuse anything but a server on this machine.
        let host = URLComponents(string: url)?.host ?? ""
        precondition(["127.0.0.1", "localhost", "::1"].contains(host), "DANVAN_TEST_DATABASE_URL must point at a local server")
        return url
    }()

    static var name: String { postgresURL == nil ? "sqlite" : "postgresql" }

    /// Fewer connections a database than a server opens, and no second pool (the reads planned once
    /// go through the first): the suite opens hundreds of databases at once on one server. The test
    /// of the second pool opens one with a server's pools.
    static let pools = AppDatabase.Pools(main: 3, plannedOnce: 0)

    static let logger: Logger = {
        var logger = Logger(label: "danvan.test")
        logger.logLevel = .warning
        return logger
    }()

    /// A fresh, empty, migrated database.
    static func empty() async throws -> (AppDatabase, cleanup: @Sendable () async -> Void) {
        try await fresh(template: nil)
    }

    /// A fresh database holding the fixture hierarchy: the real units of Gia Lai,
    /// Bình Định and Kon Tum before 2025 and what they became (a copy of a template made once per run).
    static func withUnits() async throws -> (AppDatabase, cleanup: @Sendable () async -> Void) {
        try await fresh(template: try await Templates.shared.fixture())
    }

    private static func fresh(template: String?) async throws -> (AppDatabase, cleanup: @Sendable () async -> Void) {
        if let postgresURL {
            await OpenDatabases.shared.acquire()
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            let database: AppDatabase
            do {
                try await Templates.shared.createDatabase(String(name), template: template)
                database = try await AppDatabase.open(.postgres(url: replacingDatabase(in: postgresURL, with: String(name))), pools: Self.pools, logger: logger)
            } catch {
                await Templates.shared.dropDatabase(String(name))
                await OpenDatabases.shared.release()
                throw error
            }
            do { try await database.migrate() } catch {
                await database.close()
                await Templates.shared.dropDatabase(String(name))
                await OpenDatabases.shared.release()
                throw error
            }
            return (database, {
                await database.close()
                await Templates.shared.dropDatabase(String(name))
                await OpenDatabases.shared.release()
            })
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("danvan-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("danvan.sqlite").path
        if let template { try FileManager.default.copyItem(atPath: template, toPath: path) }
        let database = try await AppDatabase.open(.sqlite(path: path), logger: logger)
        do { try await database.migrate() } catch { await database.close(); throw error }
        return (database, {
            await database.close()
            try? FileManager.default.removeItem(at: folder)
        })
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + name
        return components.string!
    }
}

/// How many PostgreSQL test databases are open at once. Swift Testing starts every test together;
/// each database may open `pools.main` connections on every event loop, and a fresh server allows 300
/// (scripts/postgres-up) shared with the servers some tests start: CI ran out of connection slots at 45 s
/// when the suite had grown. A test waits here for a database another test has closed.
actor OpenDatabases {
    static let shared = OpenDatabases(limit: max(8, 160 / (TestDatabase.pools.main * max(1, ProcessInfo.processInfo.activeProcessorCount))))
    private let limit: Int
    private var open = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func acquire() async {
        if open < limit { open += 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot to the first waiting test, or frees it.
    func release() {
        if waiting.isEmpty { open -= 1 } else { waiting.removeFirst().resume() }
    }
}

/// Builds the fixture once per test run and serialises database creation.
actor Templates {
    static let shared = Templates()
    private var fixtureTask: Task<String, any Error>?
    /// A connection to the test server's own database, for CREATE/DROP DATABASE; opened once.
    private var adminTask: Task<AppDatabase, any Error>?

    static let fixtureProvinces: Set<String> = ["64", "52", "62"]

    /// The fixture, built by the first caller; the others wait for the same build.
    func fixture() async throws -> String {
        if fixtureTask == nil { fixtureTask = Task { try await self.buildFixture() } }
        return try await fixtureTask!.value
    }

    private func buildFixture() async throws -> String {
        let files = try AdministrativeUnitFiles.shipped().restricted(toLegacyProvinces: Self.fixtureProvinces)
        if let url = TestDatabase.postgresURL {
            let name = "tpl_\(ProcessInfo.processInfo.processIdentifier)_\(Int.random(in: 0..<1_000_000))"
            try await createDatabase(name, template: nil)
            let database = try await AppDatabase.open(.postgres(url: TestDatabase.replacingDatabase(in: url, with: name)), pools: TestDatabase.pools, logger: TestDatabase.logger)
            do {
                try await database.migrate()
                _ = try await UnitImporter.load(files, into: database)
            } catch { await database.close(); throw error }
            await database.close()
            return name
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("danvan-fixture-\(UUID().uuidString).sqlite").path
        let database = try await AppDatabase.open(.sqlite(path: path), logger: TestDatabase.logger)
        do {
            try await database.migrate()
            _ = try await UnitImporter.load(files, into: database)
            try await database.sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            try await database.sql.raw("PRAGMA journal_mode=DELETE").run()
        } catch { await database.close(); throw error }
        await database.close()
        return path
    }

    private func adminDatabase() async throws -> AppDatabase {
        if adminTask == nil {
            adminTask = Task { try await AppDatabase.open(.postgres(url: TestDatabase.postgresURL!), logger: TestDatabase.logger) }
        }
        return try await adminTask!.value
    }

    func createDatabase(_ name: String, template: String?) async throws {
        let admin = try await adminDatabase()
        let suffix = template.map { " TEMPLATE \($0)" } ?? ""
        try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: name)\(unsafeRaw: suffix)").run()
    }

    func dropDatabase(_ name: String) async {
        guard let admin = try? await adminDatabase() else { return }
        try? await admin.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
    }
}
