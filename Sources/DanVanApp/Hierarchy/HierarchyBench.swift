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
        let token = try await PageLoad.session(services, username: "bench", organisationID: organisation.id!, roles: [.administrator])
        let scope = try await services.accounts.commandLineScope()
        guard let unit = try await services.units.units(scope, code: "639").first else { return }

        let result = try await PageLoad.serving(services, logger: logger) { load in
            try await load.run(SiteURL.unit(unit.id).path, session: token, seconds: seconds)
        }
        emit("unit page (Huyện Chư Pưh, 16 connections, \(seconds) s): \(result.summary)")
    }
}
