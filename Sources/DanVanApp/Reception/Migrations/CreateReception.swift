import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// Reception sessions and visits, and the planned reception days.
struct CreateReception: AsyncMigration {
    func prepare(on database: any Database) async throws {
        /// Kỳ/buổi tiếp công dân.
        try await database.schema("reception_sessions")
            .id()
            .field("unit_id", .uuid, .required, .references("organisation_units", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("date", .string, .required)
            .field("place", .string, .required)
            .field("receiver_kind", .string, .required)
            .field("holder", .string)
            .field("receiver_name", .string, .required)
            .field("note", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        /// Lượt tiếp.
        try await database.schema("reception_visits")
            .id()
            .field("session_id", .uuid, .required, .references("reception_sessions", "id"))
            .field("unit_id", .uuid, .required, .references("organisation_units", "id"))
            .field("date", .string, .required)
            .field("people", .int, .required)
            .field("is_group", .bool, .required)
            .field("is_repeat", .bool, .required)
            .field("content", .string, .required)
            .field("letter_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        /// Lịch tiếp công dân: who receives on which days.
        try await database.schema("reception_schedules")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("holder", .string, .required)
            .field("person_name", .string, .required)
            .field("days", .string, .required)
            .field("valid_from", .string, .required)
            .field("set_by", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "reception_sessions_unit_date").on("reception_sessions").column("unit_id").column("date").run()
        try await sql.create(index: "reception_visits_unit_date").on("reception_visits").column("unit_id").column("date").run()
        try await sql.create(index: "reception_visits_session").on("reception_visits").column("session_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["reception_schedules", "reception_visits", "reception_sessions"] {
            try await database.schema(table).delete()
        }
    }
}
