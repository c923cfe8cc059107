import FluentKit
import SQLKit

/// `danvan check`: what a crash, a disk fault or a hand edit can leave behind, found
/// without changing anything: a schema behind the release, a damaged database file, rows
/// whose parts are missing. Each capability adds the checks of its own records
/// (``Capability/check(_:)``).
///
/// Attachments are rows: their bytes are stored with the letter, in the transaction that
/// records it, so a crash cannot leave a letter without its file or a file without its
/// letter, and there are no loose files to sweep. "A record whose file is missing" is an
/// attachment whose stored bytes are not the size it recorded.
public enum DatabaseCheck {
    /// Every problem found, in Vietnamese, one line each; empty when the database is sound.
    public static func run(_ database: AppDatabase) async throws -> [String] {
        let pending = try await pendingMigrations(database)
        if !pending.isEmpty {
            return ["Lược đồ chưa cập nhật: còn \(pending.count) bước (\(pending.joined(separator: ", "))); hãy chạy danvan migrate."]
        }
        var problems = try await integrity(database)
        for capability in Capabilities.all { problems += try await capability.check(database) }
        return problems
    }

    /// The migrations of this release that the database has not recorded.
    static func pendingMigrations(_ database: AppDatabase) async throws -> [String] {
        struct Table: Decodable { var n: Int }
        let logged = try await database.sql.raw(database.isPostgres
            ? "SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename = '_fluent_migrations'"
            : "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_fluent_migrations'").row(Table.self)?.n ?? 0
        let applied = logged == 0 ? [] : Set(try await MigrationLog.query(on: database.db).all(\.$name))
        return DanVanMigrations.all.map(\.name).filter { !applied.contains($0) }
    }

    /// SQLite's own checks of the file and of the references between rows. PostgreSQL keeps
    /// its references with constraints and checks its pages as it reads them.
    static func integrity(_ database: AppDatabase) async throws -> [String] {
        guard !database.isPostgres else { return [] }
        struct Integrity: Decodable { var integrityCheck: String }
        struct Reference: Decodable { var table: String; var parent: String }
        var problems = try await database.sql.raw("PRAGMA integrity_check").rows(Integrity.self).map(\.integrityCheck).filter { $0 != "ok" }
            .map { "Tệp cơ sở dữ liệu hỏng: \($0)" }
        let broken = try await database.sql.raw("PRAGMA foreign_key_check").rows(Reference.self)
        for (table, rows) in Dictionary(grouping: broken, by: { "\($0.table) → \($0.parent)" }).sorted(by: { $0.key < $1.key }) {
            problems.append("Bảng \(table): \(rows.count) bản ghi trỏ tới bản ghi không còn.")
        }
        return problems
    }
}
