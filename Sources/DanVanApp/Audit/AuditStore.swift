import FluentKit
import Foundation
import SQLKit

/// An audit entry as the administrator's page shows it.
struct AuditEntrySummary: Sendable, Decodable {
    var id: UUID
    var at: Date
    var createdBy: String
    var action: String
    var recordType: String
    var recordID: String
    var summary: String
    var before: String
    var after: String
    var address: String
}

/// Filters of the audit page, as one value.
struct AuditQuery: Sendable {
    var createdBy: String?
    var recordID: String?
    var from: Date?
    var to: Date?
    var limit = 200
    var offset = 0
}

/// Reads the audit log: administrators only, and only entries made by users
/// of organisations in their scope (the national administrator sees all).
struct AuditStore: Sendable {
    let database: AppDatabase

    func entries(_ scope: Scope, query: AuditQuery) async throws -> [AuditEntrySummary] {
        try scope.require(.administrator)
        var sql: SQLQueryString = """
            SELECT \(unsafeRaw: RowColumns.select(AuditEntrySummary.self, from: "a"))
            FROM audit_entries a LEFT JOIN users us ON us.id = a.\(\AuditEntry.$userID) LEFT JOIN organisations o ON o.id = us.\(\User.$organisationID)
            WHERE
            """
        // Entries without a user (the system's) belong to the nation: a national scope sees them.
        sql += " (" + Reach.condition(scope, unit: "o.\(\Organisation.$unitID)", organisation: "o.id", shape: .probe)
        if scope.mode == .subtree {
            sql += " OR (a.\(\AuditEntry.$userID) IS NULL AND EXISTS (SELECT 1 FROM organisation_units nu WHERE nu.id = \(bind: scope.unitID) AND nu.level = 0))"
        }
        sql += ")"
        if let username = query.createdBy { sql += " AND a.\(\AuditEntry.$createdBy) = \(bind: username.lowercased())" }
        if let recordID = query.recordID { sql += " AND a.\(\AuditEntry.$recordID) = \(bind: recordID.uppercased())" }
        if let from = query.from { sql += " AND a.at >= \(bind: from)" }
        if let to = query.to { sql += " AND a.at < \(bind: to)" }
        sql += " ORDER BY a.at DESC, a.id LIMIT \(literal: query.limit) OFFSET \(literal: query.offset)"
        return try await database.sql.raw(sql).rows(AuditEntrySummary.self)
    }
}
