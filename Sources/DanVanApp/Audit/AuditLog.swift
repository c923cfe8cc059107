import FluentKit
import Foundation

/// What was done to a record.
public enum AuditAction: String, Sendable, CaseIterable {
    case create, update, delete
    /// A protected field was shown (a denouncer's identity).
    case readProtected = "read_protected"
    case login, logout
    case loginFailed = "login_failed"
}

/// Writes audit entries. Stores call it inside the same transaction as the change.
enum AuditLog {
    static func record(
        on db: any Database, scope: Scope, action: AuditAction, recordType: String, recordID: UUID?,
        summary: String, before: [String: String]? = nil, after: [String: String]? = nil
    ) async throws {
        try await record(on: db, userID: scope.userID, username: scope.username, address: scope.address, action: action,
                         recordType: recordType, recordID: recordID, summary: summary, before: before, after: after)
    }

    /// The same for events without a scope yet (a failed login).
    static func record(
        on db: any Database, userID: UUID?, username: String, address: String, action: AuditAction, recordType: String,
        recordID: UUID?, summary: String, before: [String: String]? = nil, after: [String: String]? = nil
    ) async throws {
        try await entry(userID: userID, username: username, address: address, action: action, recordType: recordType, recordID: recordID,
                        summary: summary, before: before, after: after).create(on: db)
    }

    /// An entry to create, for a store that writes many in one statement (`[AuditEntry].create(on:)`).
    static func entry(
        userID: UUID?, username: String, address: String, action: AuditAction, recordType: String,
        recordID: UUID?, summary: String, before: [String: String]? = nil, after: [String: String]? = nil, at: Date = Date()
    ) -> AuditEntry {
        let entry = AuditEntry()
        entry.id = UUID()
        entry.at = at
        entry.userID = userID
        entry.createdBy = username
        entry.action = action.rawValue
        entry.recordType = recordType
        entry.recordID = recordID?.uuidString ?? ""
        entry.summary = summary
        entry.before = json(before)
        entry.after = json(after)
        entry.address = address
        return entry
    }

    /// Only the fields that changed, so the log shows what changed.
    static func changes(before: [String: String], after: [String: String]) -> (before: [String: String], after: [String: String]) {
        let keys = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
        return (before.filter { keys.contains($0.key) }, after.filter { keys.contains($0.key) })
    }

    static func json(_ fields: [String: String]?) -> String {
        guard let fields, !fields.isEmpty else { return "" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(fields), as: UTF8.self)) ?? ""
    }
}
