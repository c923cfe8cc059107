import FluentKit
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// A column is named once, by a row property or a Fluent field; queries name it by its key path.
@Suite("Typed column keys")
struct ColumnKeyTests {
    @Test("a row property's key path names its column by the one convention, in debug and release builds alike")
    func rowProperties() {
        #expect(ColumnName.of(\UnitPath.descendantID) == "descendant_id")
        #expect(ColumnName.of(\UnitPath.viaHistory) == "via_history")
        #expect(ColumnName.of(\LetterDetail.answerReceivedOn) == "answer_received_on")
        #expect(ColumnName.of(\Validity.validFrom) == "valid_from")
        // The same key twice reads the cache.
        #expect(ColumnName.of(\UnitPath.descendantID) == "descendant_id")
    }

    @Test("a Fluent model's field key path names the key it was declared with")
    func fluentFields() {
        #expect(ColumnName.of(\OrganisationUnit.$parentID) == "parent_id")
        #expect(ColumnName.of(\Organisation.$danVanLeaderTitle) == "dan_van_leader_title")
        #expect(ColumnName.of(\AuditEntry.$createdBy) == "created_by")
    }

    @Test("a select list comes from the row type, with the joined columns' expressions")
    func selectList() {
        #expect(RowColumns.select(UnitPath.self, from: "p") == "p.ancestor_id, p.descendant_id, p.depth, p.via_history")
        // Every property, bytes and dates included.
        #expect(RowColumns.of(LetterAttachmentRecord.self) == ["id", "letter_id", "filename", "content_type", "size", "identifying", "data", "created_at"])
        #expect(RowColumns.select(OrganisationSummary.self, from: "o", joined: [\.unitName: "u.name"]).hasPrefix("o.id, o.unit_id, u.name AS unit_name, o.kind"))
    }

    /// Each table and the type whose properties (or Fluent fields) are its columns.
    static let records: [(table: String, columns: [String])] = [
        ("letters", RowColumns.of(LetterRecord.self)), ("letter_senders", RowColumns.of(LetterSenderRecord.self)),
        ("letter_attachments", RowColumns.of(LetterAttachmentRecord.self)), ("letter_events", RowColumns.of(LetterEventRow.self)),
        ("unit_paths", RowColumns.of(UnitPath.self)), ("unit_links", RowColumns.of(UnitLink.self)),
        ("organisation_links", RowColumns.of(OrganisationLink.self)), ("calendar_years", RowColumns.of(CalendarYearRow.self)),
        ("calendar_overrides", RowColumns.of(CalendarOverrideRow.self)), ("deadline_rules", RowColumns.of(DeadlineRuleRow.self)),
        ("reception_duty_rules", RowColumns.of(DutyRuleRow.self)), ("reception_sessions", RowColumns.of(ReceptionSessionRecord.self)),
        ("reception_visits", RowColumns.of(ReceptionVisitRecord.self)), ("reception_schedules", RowColumns.of(ReceptionScheduleRecord.self)),
        ("statistics_forms", RowColumns.of(StatisticsFormRecord.self)), ("throttle_events", RowColumns.of(ThrottleEvent.self)),
        ("organisation_units", OrganisationUnit.keys.map(\.description)), ("organisation_units", RowColumns.of(UnitRecord.self)), ("unit_levels", UnitLevel.keys.map(\.description)),
        ("organisations", Organisation.keys.map(\.description)), ("organisation_kinds", OrganisationKind.keys.map(\.description)),
        ("users", User.keys.map(\.description)), ("sessions", Session.keys.map(\.description)), ("api_tokens", APIToken.keys.map(\.description)),
        ("audit_entries", AuditEntry.keys.map(\.description)),
        ("surveys", RowColumns.of(SurveyRecord.self)), ("survey_kiosks", RowColumns.of(SurveyKioskRecord.self)),
        ("survey_answers", RowColumns.of(SurveyAnswerRecord.self)),
        ("survey_answer_counts", RowColumns.of(SurveyAnswerCountRecord.self)),
        ("models", RowColumns.of(ModelRecord.self)), ("model_goals", RowColumns.of(ModelGoalRecord.self)),
        ("model_partners", RowColumns.of(ModelPartnerRecord.self)), ("model_years", RowColumns.of(ModelYearRecord.self)),
        ("model_results", RowColumns.of(ModelResultRecord.self)), ("model_evidence", RowColumns.of(ModelEvidenceRecord.self)),
        ("model_evaluations", RowColumns.of(ModelEvaluationRecord.self)), ("model_commendations", RowColumns.of(ModelCommendationRecord.self)),
        ("model_rating_levels", RowColumns.of(ModelRatingLevelRecord.self)),
        ("follow_up_items", RowColumns.of(FollowUpItemRecord.self)), ("follow_up_assignments", RowColumns.of(FollowUpAssignmentRecord.self)),
        ("follow_up_attachments", RowColumns.of(FollowUpAttachmentRecord.self)), ("meetings", RowColumns.of(MeetingRecord.self)),
        ("opinions", RowColumns.of(OpinionRecord.self)), ("notifications", RowColumns.of(NotificationRecord.self)),
        ("document_files", RowColumns.of(DocumentFileRecord.self)),
        ("documents", RowColumns.of(DocumentRecord.self)), ("inspections", RowColumns.of(InspectionRecord.self)),
        ("indicators", RowColumns.of(IndicatorRecord.self)), ("report_forms", RowColumns.of(ReportFormRecord.self)),
        ("report_form_versions", RowColumns.of(ReportFormVersionRecord.self)), ("report_form_items", RowColumns.of(ReportFormItemRecord.self)),
        ("data_values", RowColumns.of(DataValueRecord.self)), ("data_value_totals", RowColumns.of(DataValueTotalRecord.self)), ("data_value_changes", RowColumns.of(DataValueChangeRecord.self)),
        ("reports", RowColumns.of(ReportRecord.self)), ("report_actions", RowColumns.of(ReportActionRecord.self)),
    ]

    @Test("every table's columns are exactly the properties of its record type: the one place a column is named")
    func recordsMatchTheSchema() async throws {
        let (database, drop) = try await TestDatabase.empty()
        struct Column: Decodable { var tableName: String; var columnName: String }
        let columns = try await database.sql.raw(database.isPostgres
            ? "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
            : "SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'")
            .rows(Column.self)
        await drop()
        let schema = Dictionary(grouping: columns, by: \.tableName).mapValues { Set($0.map(\.columnName)) }
        let tables = Set(schema.keys).subtracting(["_fluent_migrations"])
        #expect(Set(Self.records.map(\.table)) == tables, "a table without a record type, or a record type without a table")
        for record in Self.records {
            #expect(Set(record.columns) == schema[record.table] ?? [], "\(record.table)")
        }
    }
}
