import FluentKit
import SQLKit

/// The audit log, made append-only by triggers on both databases.
struct CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .id()
            .field("at", .datetime, .required)
            .field("user_id", .uuid)
            .field("username", .string, .required)
            .field("action", .string, .required)
            .field("record_type", .string, .required)
            .field("record_id", .string, .required)
            .field("summary", .string, .required)
            .field("before", .string, .required)
            .field("after", .string, .required)
            .field("address", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "audit_entries_at").on("audit_entries").column("at").run()
        try await sql.create(index: "audit_entries_record").on("audit_entries").column("record_id").run()
        try await sql.create(index: "audit_entries_user").on("audit_entries").column("user_id").run()
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION danvan_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'audit_entries is append-only'; END $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION danvan_append_only()
                """).run()
        } else {
            for event in ["UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER audit_entries_no_\(unsafeRaw: event.lowercased()) BEFORE \(unsafeRaw: event) ON audit_entries
                    BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").delete()
    }
}
