import DanVanDomain
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// A `danvan migrate` killed (`kill -9`) at random instants leaves a database that the
/// next `danvan migrate` completes, with the same schema as a clean one (issue: data safety).
@Suite("Migrations survive a process killed at any instant")
struct MigrationSafetyTests {
    /// Runs `danvan migrate` on the target; kills it after `killAfter` when given. Returns the exit status.
    static func migrate(_ target: [String], killAfter: Duration? = nil) async throws -> Int32 {
        try await DanVanCommand.run(["migrate"] + target, killAfter: killAfter).status
    }

    /// The schema as the database describes it, and the migrations it records.
    static func schema(_ database: AppDatabase) async throws -> [String] {
        struct Line: Decodable { var a: String?; var b: String?; var c: String? }
        let query: SQLQueryString = database.isPostgres
            ? """
              SELECT table_name AS a, column_name || ' ' || data_type || ' ' || is_nullable AS b, '' AS c FROM information_schema.columns
              WHERE table_schema = current_schema() UNION ALL SELECT tablename AS a, indexname AS b, indexdef AS c FROM pg_indexes
              WHERE schemaname = current_schema() UNION ALL SELECT 'migration' AS a, name AS b, '' AS c FROM _fluent_migrations ORDER BY a, b
              """
            : """
              SELECT type || ' ' || name AS a, tbl_name AS b, sql AS c FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'
              UNION ALL SELECT 'migration' AS a, name AS b, '' AS c FROM _fluent_migrations ORDER BY a, b
              """
        return try await database.sql.raw(query).all(decoding: Line.self).map { "\($0.a ?? "") | \($0.b ?? "") | \($0.c ?? "")" }
    }

    /// An empty database for `danvan migrate`: its command-line arguments, how to open it, how to drop it.
    struct Target: Sendable {
        var arguments: [String]
        var database: DatabaseTarget
        var drop: @Sendable () async -> Void
        /// Empties it again without a new database (PostgreSQL's CREATE DATABASE is slow and serialised).
        var reset: @Sendable () async throws -> Void

        static func fresh() async throws -> Target {
            if let url = TestDatabase.postgresURL {
                let name = "t_kill_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
                try await Templates.shared.createDatabase(String(name), template: nil)
                let databaseURL = TestDatabase.replacingDatabase(in: url, with: String(name))
                return Target(arguments: ["--database-url", databaseURL], database: .postgres(url: databaseURL),
                              drop: { await Templates.shared.dropDatabase(String(name)) },
                              reset: {
                                  try await AppDatabase.using(.postgres(url: databaseURL), logger: TestDatabase.logger) { database in
                                      try await database.sql.raw("DROP SCHEMA public CASCADE").run()
                                      try await database.sql.raw("CREATE SCHEMA public").run()
                                  }
                              })
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("danvan-kill-\(UUID().uuidString)")
            return Target(arguments: ["--data", folder.path], database: .sqlite(path: folder.appendingPathComponent("danvan.sqlite").path),
                          drop: { try? FileManager.default.removeItem(at: folder) },
                          reset: { try? FileManager.default.removeItem(at: folder) })
        }

        func schema() async throws -> [String] {
            try await using { try await MigrationSafetyTests.schema($0) }
        }

        /// Opens it for the length of `body`.
        func using<T>(_ body: (AppDatabase) async throws -> T) async throws -> T {
            try await AppDatabase.using(database, logger: TestDatabase.logger, body)
        }
    }

    /// Where a killed `danvan migrate` starts from.
    enum Start: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// An empty data folder or database.
        case fresh
        /// A database as the previous release left it, with records (``UpgradeTests/stages``).
        case previousRelease

        var testDescription: String { rawValue }

        /// The last migration of the previous release: move it forward when a release ships.
        static let previousReleaseEnds = "RenameColumns.whoActed"

        var point: Int {
            switch self {
            case .fresh: 0
            case .previousRelease: DanVanMigrations.all.map(\.name).firstIndex(of: Self.previousReleaseEnds)! + 1
            }
        }

        /// Empties the target and builds the starting point in it.
        func build(_ target: Target) async throws {
            try await target.reset()
            if point > 0 { try await target.using { try await UpgradeTests.build($0, through: point) } }
        }
    }

    @Test("a migration killed at 50 random instants: the next run finishes, with the schema of a clean database and the records kept",
          arguments: Start.allCases)
    func killedMigrationsFinish(from start: Start) async throws {
        #expect(FileManager.default.isExecutableFile(atPath: DanVanCommand.binary), "build the danvan product first (scripts/test does)")
        // setup: the fastest of three clean runs from the starting point gives the span to kill in (the first run of a
        // process is slower); a clean database gives the schema
        let (clean, dropClean) = try await TestDatabase.empty()
        let expected = try await Self.schema(clean)
        await dropClean()
        #expect(expected.filter { $0.hasPrefix("migration |") }.count == DanVanMigrations.all.count)
        let target = try await Target.fresh()
        var span = Duration.seconds(60)
        for _ in 0..<3 {
            try await start.build(target)
            let started = ContinuousClock.now
            #expect(try await Self.migrate(target.arguments) == 0)
            span = min(span, max(ContinuousClock.now - started, .milliseconds(20)))
        }
        // MUT: kill -9 at 50 random instants of a run, then run again; more instants while fewer than 25 of them
        // landed mid-run (a loaded machine makes runs slower than the span measured), at most 150
        var killed = 0, instants = 0
        while instants < 50 || (killed < 25 && instants < 150) {
            instants += 1
            try await start.build(target)
            let instant = span * Double.random(in: 0.02...0.9)
            if try await Self.migrate(target.arguments, killAfter: instant) != 0 { killed += 1 }
            let status = try await Self.migrate(target.arguments)
            // validate
            #expect(status == 0, "the run after a kill at \(instant) failed")
            #expect(try await target.schema() == expected, "killed at \(instant)")
            #expect(try await target.using { try await UpgradeTests.found($0) } == UpgradeTests.expected(upTo: start.point), "killed at \(instant)")
        }
        await target.drop()
        print("migrate from \(start): \(killed) of \(instants) runs killed mid-way (a clean run took \(span))")
        #expect(killed >= 25, "only \(killed) of \(instants) runs were killed before they finished (span \(span))")
    }
}
