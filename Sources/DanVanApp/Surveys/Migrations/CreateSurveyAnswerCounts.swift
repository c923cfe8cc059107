import FluentKit
import SQLKit

/// The answers counted by unit, month, channel, counter, field and choice
/// (`SurveyAnswerCountRecord`), filled from the answers already stored.
struct CreateSurveyAnswerCounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("survey_answer_counts")
            .field("unit_id", .uuid, .required, .references("organisation_units", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("month", .string, .required)
            .field("channel", .string, .required)
            .field("kiosk_id", .uuid, .required)
            .field("field", .string, .required)
            .field("choice", .string, .required)
            .field("n", .int, .required)
            .unique(on: "unit_id", "month", "channel", "kiosk_id", "field", "choice", "organisation_id")
            .create()
        // The answers stored before the counts (columns named as they were then).
        let noKiosk = SurveyAnswerCountRecord.noKiosk
        let key: SQLQueryString = "unit_id, organisation_id, SUBSTR(answered_on, 1, 7), channel, COALESCE(kiosk_id, \(bind: noKiosk)), COALESCE(field, 'none'), choice"
        try await (database as! any SQLDatabase).raw("""
            INSERT INTO survey_answer_counts (unit_id, organisation_id, month, channel, kiosk_id, field, choice, n)
            SELECT \(key), COUNT(*) FROM survey_answers GROUP BY 1, 2, 3, 4, 5, 6, 7
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("survey_answer_counts").delete()
    }
}
