import AsyncHTTPClient
import DanVanDomain
import FluentKit
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix

/// `danvan bench hierarchy`: loads the national hierarchy and measures the
/// queries the hierarchy browser depends on. Prints one line per figure.
public enum HierarchyBench {
    public static func run(configuration: AppConfiguration, rounds: Int = 10, seconds: Int = 5, print emit: @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "danvan.bench")
        logger.logLevel = .warning
        let database = try await AppDatabase.open(configuration.databaseTarget, logger: logger)
        do {
            try await measure(database: database, configuration: configuration, rounds: rounds, seconds: seconds, logger: logger, emit: emit)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    private static func measure(database: AppDatabase, configuration: AppConfiguration, rounds: Int, seconds: Int, logger: Logger,
                                emit: @Sendable (String) -> Void) async throws {
        emit("database: \(database.target)")
        let loadStart = ContinuousClock.now
        try await database.migrate()
        let summary = try await UnitImporter.load(try AdministrativeUnitFiles.shipped(), into: database)
        let loadTime = ContinuousClock.now - loadStart
        if summary.alreadyLoaded {
            emit("load: already loaded (use a fresh database to time it)")
        } else {
            emit("load: \(loadTime) — legacy \(summary.legacyProvinces)/\(summary.legacyDistricts)/\(summary.legacyCommunes), 2025 \(summary.provinces)/\(summary.communes), \(summary.links) links, \(summary.paths) reach rows (target < 10 s)")
        }
        let services = try await AppServices(configuration: configuration, database: database)
        let scope = try await services.accounts.commandLineScope()
        let provinces = try await OrganisationUnit.query(on: database.db).filter(\.$level == 1).all().compactMap(\.id)

        var subtreeIDs = Timings(), subtreeRows = Timings()
        for _ in 0..<rounds {
            for province in provinces {
                _ = try await subtreeIDs.measure { try await services.units.subtreeIDs(scope, of: province, includingHistory: true) }
                _ = try await subtreeRows.measure { try await services.units.subtree(scope, of: province) }
            }
        }
        emit("subtree ids of a province (with history): \(subtreeIDs.summary) (target p95 < 2 ms)")
        emit("subtree rows of a province: \(subtreeRows.summary)")

        let queries = ["chu puh", "ia le", "ha noi", "phuc xa", "dat mui", "nhon hoa", "ba dinh", "thanh hoa", "dau tieng", "hai phong", "phuong 1", "xa tan"]
        var search = Timings()
        for _ in 0..<rounds {
            for query in queries { _ = try await search.measure { try await services.units.search(scope, folded: VietnameseText.folded(query)) } }
        }
        emit("folded-name search: \(search.summary) (target p95 < 5 ms)")

        try await serveAndLoad(services: services, seconds: seconds, logger: logger, emit: emit)
    }

    /// Starts the server on a free loopback port and requests the Chư Pưh page as an administrator.
    private static func serveAndLoad(services: AppServices, seconds: Int, logger: Logger, emit: @Sendable (String) -> Void) async throws {
        let organisation = try await services.accounts.nationalAdministration()
        let benchUser: User
        if let existing = try await User.query(on: services.database.db).filter(\.$username == "bench").first() {
            benchUser = existing
        } else {
            benchUser = User(username: "bench", fullName: "Đo hiệu năng", passwordHash: try await Secrets.hashPassword(Secrets.token(), cost: 4),
                             organisationID: organisation.id!, roles: [.administrator], scopeMode: .subtree, mustChangePassword: false)
            try await benchUser.create(on: services.database.db)
        }
        let token = try await services.accounts.startSession(for: benchUser, address: "bench")
        let scope = try await services.accounts.commandLineScope()
        guard let unit = try await services.units.units(scope, code: "639").first else { return }

        let port = Int.random(in: 20000...40000)
        var quiet = logger
        quiet.logLevel = .error
        let app = Application(router: buildRouter(services), configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            try await Task.sleep(for: .milliseconds(500))
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            let url = "http://127.0.0.1:\(port)\(SiteURL.unit(unit.id).path)"
            let deadline = ContinuousClock.now + .seconds(seconds)
            let counter = Counter()
            try await withThrowingTaskGroup(of: Void.self) { workers in
                for _ in 0..<16 {
                    workers.addTask {
                        while ContinuousClock.now < deadline {
                            var request = HTTPClientRequest(url: url)
                            request.headers.add(name: "Cookie", value: "\(SessionMiddleware.sessionCookie)=\(token)")
                            let response = try await client.execute(request, timeout: .seconds(10))
                            _ = try await response.body.collect(upTo: 10 * 1024 * 1024)
                            await counter.add(ok: response.status == .ok)
                        }
                    }
                }
                try await workers.waitForAll()
            }
            try await client.shutdown()
            let (ok, failed) = await counter.totals
            emit(String(format: "unit page (Huyện Chư Pưh, 16 connections, %d s): %.0f requests/s, %d ok, %d failed", seconds, Double(ok + failed) / Double(seconds), ok, failed))
            group.cancelAll()
        }
    }

    private actor Counter {
        var ok = 0, failed = 0
        func add(ok success: Bool) { if success { ok += 1 } else { failed += 1 } }
        var totals: (Int, Int) { (ok, failed) }
    }
}
