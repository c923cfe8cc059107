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

    @Test("a migration killed at random instants of fresh runs: the next run finishes, with the schema of a clean database")
    func killedMigrationsFinish() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: DanVanCommand.binary), "build the danvan product first (scripts/test does)")
        // setup: a clean run, timed, gives the schema to expect and the span to kill in
        let clean = try await Target.fresh()
        let started = ContinuousClock.now
        #expect(try await Self.migrate(clean.arguments) == 0)
        let span = max(ContinuousClock.now - started, .milliseconds(20))
        let expected = try await clean.schema()
        await clean.drop()
        #expect(expected.filter { $0.hasPrefix("migration |") }.count == DanVanMigrations.all.count)
        // MUT: kill -9 somewhere in a run, then run again, until 12 runs were killed mid-way (24 tries at most)
        var killed = 0, tries = 0
        let target = try await Target.fresh()
        while killed < 12 && tries < 24 {
            tries += 1
            try await target.reset()
            let instant = span * Double.random(in: 0.02...0.7)
            if try await Self.migrate(target.arguments, killAfter: instant) != 0 { killed += 1 }
            let status = try await Self.migrate(target.arguments)
            // validate
            #expect(status == 0, "the run after a kill at \(instant) failed")
            #expect(try await target.schema() == expected, "killed at \(instant)")
        }
        await target.drop()
        #expect(killed >= 6, "only \(killed) of \(tries) runs were killed before they finished (span \(span))")
    }

    @Test("a database of the previous release, with records, upgrades to this one and keeps them under their new names")
    func upgradeFromThePreviousRelease() async throws {
        // setup: the schema the previous release left (every migration but the renames of who acted)
        let target = try await Target.fresh()
        let previous = DanVanMigrations.all.count - 1
        #expect(DanVanMigrations.all.last?.name == "RenameColumns.whoActed")
        let override = UUID()
        try await target.using { old in
            try await old.migrate(through: previous)
            try await old.sql.raw("""
                INSERT INTO calendar_overrides (id, date, kind, note, set_by, set_at)
                VALUES (\(bind: override), '2027-03-03', 'day_off', 'Nghỉ bù', 'quantri.cu', \(bind: Date()))
                """).run()
            try await old.sql.raw("""
                INSERT INTO audit_entries (id, at, user_id, username, action, record_type, record_id, summary, before, after, address)
                VALUES (\(bind: UUID()), \(bind: Date()), NULL, 'quantri.cu', 'create', 'calendar_override', \(bind: override.uuidString), 'Nghỉ bù', '', '', 'test')
                """).run()
        }
        // MUT
        let status = try await DanVanCommand.run(["migrate"] + target.arguments).status
        // validate: the records are there under the new names, and the schema is a clean one's
        #expect(status == 0)
        struct Entry: Decodable { var createdBy: String }
        let (overrides, entries, rule, schema) = try await target.using { upgraded in
            (try await CalendarStore(database: upgraded).overrides().map(\.createdBy),
             try await upgraded.sql.raw("SELECT created_by FROM audit_entries").rows(Entry.self).map(\.createdBy),
             try await CalendarStore(database: upgraded).deadlineRules().rule("letter_process", on: CivilDate(iso: "2027-01-04")!),
             try await Self.schema(upgraded))
        }
        #expect(overrides == ["quantri.cu"])
        #expect(entries == ["quantri.cu"])
        #expect(rule != nil)
        await target.drop()
        let (clean, dropClean) = try await TestDatabase.empty()
        let expected = try await Self.schema(clean)
        await dropClean()
        #expect(schema == expected)
    }
}
