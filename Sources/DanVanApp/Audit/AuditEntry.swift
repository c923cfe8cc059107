import FluentKit
import Foundation

/// One line of the append-only audit log (nhật ký): who did what to which record,
/// with the values before and after. Nothing updates or deletes these rows;
/// triggers in the database refuse it.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "created_by") var createdBy: String
    /// ``AuditAction`` raw value.
    @Field(key: "action") var action: String
    @Field(key: "record_type") var recordType: String
    @Field(key: "record_id") var recordID: String
    @Field(key: "summary") var summary: String
    /// JSON object of the fields before the change; empty for a creation.
    @Field(key: "before") var before: String
    /// JSON object of the fields after the change; empty for a deletion or a read.
    @Field(key: "after") var after: String
    @Field(key: "address") var address: String

    init() {}
}
