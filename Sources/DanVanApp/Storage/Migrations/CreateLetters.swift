import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// The legal calendar and the rule tables: year settings, overrides, deadline
/// rules and reception-duty rules, each row with who set it.
struct CreateCalendarAndRules: AsyncMigration {
    func prepare(on database: any Database) async throws {
        /// Per-year choices (the five Tết days, the day beside 2/9) made by an administrator.
        try await database.schema("calendar_years")
            .field("year", .int, .identifier(auto: false))
            .field("tet_days", .string)
            .field("national_day_adjacent", .string)
            .field("set_by", .string, .required)
            .field("set_at", .datetime, .required)
            .create()
        /// Extra days off and swapped working days, one row a date.
        try await database.schema("calendar_overrides")
            .id()
            .field("date", .string, .required)
            .field("kind", .string, .required)
            .field("note", .string, .required)
            .field("set_by", .string, .required)
            .field("set_at", .datetime, .required)
            .unique(on: "date")
            .create()
        try await database.schema("deadline_rules")
            .id()
            .field("key", .string, .required)
            .field("step", .string, .required)
            .field("count", .string, .required)
            .field("limits", .string, .required)
            .field("source", .string, .required)
            .field("effective_from", .string, .required)
            .field("set_by", .string, .required)
            .unique(on: "key", "effective_from")
            .create()
        try await database.schema("reception_duty_rules")
            .id()
            .field("holder", .string, .required)
            .field("level", .int, .required)
            .field("days", .int, .required)
            .field("per", .string, .required)
            .field("source", .string, .required)
            .field("effective_from", .string, .required)
            .field("set_by", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        for rule in DeadlineRules.defaults {
            try await sql.insert(into: "deadline_rules").model(DeadlineRuleRow(rule, setBy: "hệ thống")).run()
        }
        for rule in ReceptionDutyRules.defaults {
            try await sql.insert(into: "reception_duty_rules").model(DutyRuleRow(rule, setBy: "hệ thống")).run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["reception_duty_rules", "deadline_rules", "calendar_overrides", "calendar_years"] {
            try await database.schema(table).delete()
        }
    }
}

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

/// Letters (đơn) and their cases: the letter, the sender's identity kept apart,
/// attachments and the life-cycle events.
struct CreateLetters: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("letters")
            .id()
            .field("code", .string, .required)
            .field("unit_id", .uuid, .required, .references("organisation_units", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("received_on", .string, .required)
            .field("channel", .string, .required)
            .field("kind", .string, .required)
            .field("field", .string, .required)
            .field("competence", .string, .required)
            .field("is_repeat", .bool, .required)
            .field("duplicate_of", .uuid)
            .field("source_letter_id", .uuid)
            .field("subject", .string, .required)
            .field("content", .string, .required)
            .field("search_text", .string, .required)
            .field("sender_label", .string, .required)
            .field("people_count", .int, .required)
            .field("status", .string, .required)
            .field("disposition", .string)
            .field("variant", .string, .required)
            .field("handler_id", .uuid)
            .field("handler_name", .string)
            .field("processed_on", .string)
            .field("accepted_on", .string)
            .field("due_on", .string)
            .field("due_rule", .string)
            .field("resolution_due_on", .string)
            .field("resolved_on", .string)
            .field("decision_number", .string)
            .field("decision_date", .string)
            .field("outcome", .string)
            .field("result_sent_on", .string)
            .field("enforced_on", .string)
            .field("withdrawn_on", .string)
            .field("answer_received_on", .string)
            .field("forwarded_to", .uuid)
            .field("tracking_code", .string)
            .field("public_answer", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        /// The sender's identity, read only through ``LetterStore/identity``.
        try await database.schema("letter_senders")
            .field("letter_id", .uuid, .identifier(auto: false), .references("letters", "id"))
            .field("name", .string, .required)
            .field("folded_name", .string, .required)
            .field("address", .string, .required)
            .field("contact", .string, .required)
            .field("id_number", .string, .required)
            .create()
        try await database.schema("letter_attachments")
            .id()
            .field("letter_id", .uuid, .required, .references("letters", "id"))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("identifying", .bool, .required)
            .field("data", .data, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("letter_events")
            .id()
            .field("letter_id", .uuid, .required, .references("letters", "id"))
            .field("action", .string, .required)
            .field("on_date", .string, .required)
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("target_organisation_id", .uuid)
            .field("reason", .string, .required)
            .field("detail", .string, .required)
            .field("due_on", .string)
            .field("rule_key", .string)
            .field("rule_source", .string)
            .field("days", .int)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "letters_unit_received").on("letters").column("unit_id").column("received_on").run()
        try await sql.create(index: "letters_status_due").on("letters").column("status").column("due_on").run()
        try await sql.create(index: "letters_organisation").on("letters").column("organisation_id").run()
        try await sql.create(index: "letters_code").on("letters").column("code").run()
        try await sql.create(index: "letters_tracking").on("letters").column("tracking_code").run()
        try await sql.create(index: "letters_handler").on("letters").column("handler_id").run()
        try await sql.create(index: "letter_events_letter").on("letter_events").column("letter_id").run()
        try await sql.create(index: "letter_attachments_letter").on("letter_attachments").column("letter_id").run()
        try await sql.create(index: "letter_senders_folded").on("letter_senders").column("folded_name").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["letter_events", "letter_attachments", "letter_senders", "letters"] {
            try await database.schema(table).delete()
        }
    }
}
