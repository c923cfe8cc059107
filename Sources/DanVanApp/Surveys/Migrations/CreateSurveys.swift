import FluentKit
import SQLKit

/// Satisfaction surveys, the kiosks at counters, and their answers.
struct CreateSurveys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        /// Khảo sát sự hài lòng.
        try await database.schema("surveys")
            .id()
            .field("unit_id", .uuid, .required, .references("organisation_units", "id"))
            .field("organisation_id", .uuid, .references("organisations", "id"))
            .field("title", .string, .required)
            .field("question", .string, .required)
            .field("choices", .string, .required)
            .field("reasons", .string, .required)
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        /// Quầy có máy tính bảng đánh giá.
        try await database.schema("survey_kiosks")
            .id()
            .field("survey_id", .uuid, .required, .references("surveys", "id"))
            .field("unit_id", .uuid, .required, .references("organisation_units", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("name", .string, .required)
            .field("field", .string)
            .field("token_hash", .string, .required)
            .field("revoked_at", .datetime)
            .field("refused", .int, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        /// Phiếu đánh giá.
        try await database.schema("survey_answers")
            .id()
            .field("survey_id", .uuid, .required, .references("surveys", "id"))
            .field("kiosk_id", .uuid, .references("survey_kiosks", "id"))
            .field("client_id", .string, .required)
            .field("unit_id", .uuid, .required, .references("organisation_units", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("channel", .string, .required)
            .field("choice", .string, .required)
            .field("reason", .string)
            .field("field", .string)
            .field("answered_at", .datetime, .required)
            .field("answered_on", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "kiosk_id", "client_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "surveys_unit").on("surveys").column("unit_id").run()
        try await sql.create(index: "survey_kiosks_unit").on("survey_kiosks").column("unit_id").run()
        try await sql.create(index: "survey_answers_unit_day").on("survey_answers").column("unit_id").column("answered_on").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["survey_answers", "survey_kiosks", "surveys"] {
            try await database.schema(table).delete()
        }
    }
}
