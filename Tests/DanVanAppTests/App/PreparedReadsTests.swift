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
