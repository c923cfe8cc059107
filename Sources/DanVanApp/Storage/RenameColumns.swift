import FluentKit
import SQLKit

/// A migration that renames columns (one name per concept across the schema). Both
/// databases rename in place (`ALTER TABLE … RENAME COLUMN`, SQLite ≥ 3.25), keeping the
/// rows, their indexes and the audit log's triggers.
struct RenameColumns: AsyncMigration {
    /// The name the database records; never change it once shipped.
    let name: String
    let renames: [(table: String, from: String, to: String)]

    func prepare(on database: any Database) async throws {
        for rename in renames { try await Self.rename(rename.table, rename.from, rename.to, on: database) }
    }

    func revert(on database: any Database) async throws {
        for rename in renames.reversed() { try await Self.rename(rename.table, rename.to, rename.from, on: database) }
    }

    private static func rename(_ table: String, _ from: String, _ to: String, on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE \(ident: table) RENAME COLUMN \(ident: from) TO \(ident: to)").run()
    }
}

extension RenameColumns {
    /// Who acted is `created_by` (the user name) everywhere, with `user_id` where the account
    /// is kept and `created_at` for when; it was `set_by`/`set_at`, `actor_name`/`actor_id` and `username`.
    static let whoActed = RenameColumns(name: "RenameColumns.whoActed", renames: [
        ("calendar_years", "set_by", "created_by"), ("calendar_years", "set_at", "created_at"),
        ("calendar_overrides", "set_by", "created_by"), ("calendar_overrides", "set_at", "created_at"),
        ("deadline_rules", "set_by", "created_by"), ("reception_duty_rules", "set_by", "created_by"),
        ("reception_schedules", "set_by", "created_by"),
        ("letter_events", "actor_name", "created_by"), ("letter_events", "actor_id", "user_id"),
        ("audit_entries", "username", "created_by"),
    ])
}
