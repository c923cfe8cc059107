import FluentKit
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// Reads on PostgreSQL go as prepared statements (planned once per connection); the same
/// text answers for each bind, and a read inside a transaction keeps the ordinary path.
@Suite("Prepared reads")
struct PreparedReadsTests {
    struct Row: Decodable { var code: String }

    @Test("on PostgreSQL a read is a prepared statement answering for its own binds; on SQLite, and inside a transaction, the ordinary path")
    func preparedReads() async throws {
        try await TestApp.run { app in
            let sql = app.database.sql
            let probe: SQLQueryString = "SELECT u.code FROM organisation_units u WHERE u.code = \(bind: "639")"
            let prepared = try await PreparedReads.rows(probe, on: sql)
            #expect((prepared != nil) == app.database.isPostgres)
            for _ in 0..<7 {   // past PostgreSQL's five custom plans, the same statement with other values
                for code in ["639", "23986", "no-such-code"] {
                    let rows = try await sql.raw("SELECT u.code FROM organisation_units u WHERE u.code = \(bind: code)").rows(Row.self)
                    #expect(rows.allSatisfy { $0.code == code } && rows.isEmpty == (code == "no-such-code"))
                }
            }
            let inTransaction = try await app.database.db.transaction { tx in
                try await PreparedReads.rows(probe, on: tx as! any SQLDatabase) == nil
            }
            #expect(inTransaction)
        }
    }

    @Test("reads planned once have connections of their own: every other query keeps PostgreSQL's planning for its values")
    func plannedOncePool() async throws {
        try await TestApp.run { app in
            struct Setting: Decodable { var mode: String }
            let show: SQLQueryString = "SELECT current_setting('plan_cache_mode') AS mode"
            guard app.database.isPostgres else {
                #expect(app.database.plannedOnce.dialect.name == "sqlite")
                return
            }
            // The same database opened with a server's pools (the suite's have no second one).
            let server = try await AppDatabase.open(app.database.target, logger: TestDatabase.logger)
            // Many reads at once, so each pool hands out several of its connections.
            try await withThrowingTaskGroup(of: (String, String).self) { group in
                for _ in 0..<24 {
                    group.addTask { ("once", try await server.plannedOnce.raw(show).rows(Setting.self).first?.mode ?? "") }
                    group.addTask { ("sql", try await server.sql.raw(show).rows(Setting.self).first?.mode ?? "") }
                    group.addTask { ("all", try await server.sql.raw(show).first(decoding: Setting.self)?.mode ?? "") }
                }
                for try await (pool, mode) in group {
                    #expect(mode == (pool == "once" ? "force_generic_plan" : "auto"), "\(pool): \(mode)")
                }
            }
            // The unit page's reads give the same rows through the second pool.
            let scope = try await app.nationalScope()
            let iaLe = try await app.unit("23986", legacy: false)
            #expect(try await UnitStore(database: server).unit(scope, id: iaLe.id) == iaLe)
            await server.close()
        }
    }
}

@Suite("Row decoder")
struct RowDecoderTests {
    @Test("an identifier kept as text is parsed as Foundation parses it, in either case; anything else is not one")
    func identifiers() {
        for _ in 0..<50 {
            let id = UUID()
            #expect(RowDecoder.uuid(id.uuidString) == id)
            #expect(RowDecoder.uuid(id.uuidString.lowercased()) == id)
        }
        for text in ["", "01E55AFF-4EFF-4DB7-AF3C-82355F7ABB3", "01E55AFF4EFF-4DB7-AF3C-82355F7ABB3AX", "01E55AFF-4EFF-4DB7-AF3C-82355F7ABB3G", "01E55AFF-4EFF-4DB7-AF3C+82355F7ABB3A"] {
            #expect(RowDecoder.uuid(text) == nil, "\(text)")
        }
    }
}
