import FluentKit
import SQLKit

/// The tries that throttles count (failed logins, public letters, tracking look-ups), kept
/// in the database so that every server shares them and a restart does not clear them.
struct CreateThrottleEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("throttle_events")
            .id()
            .field("key", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "throttle_events_key_created").on("throttle_events").column("key").column("created_at").run()
        try await sql.create(index: "throttle_events_created").on("throttle_events").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("throttle_events").delete()
    }
}
