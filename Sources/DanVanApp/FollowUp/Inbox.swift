import DanVanDomain
import FluentKit
import Foundation
import SQLKit

private typealias N = NotificationRecord
private typealias I = FollowUpItemRecord

/// A notification as the inbox shows it.
struct InboxRow: Sendable, Codable {
    var id: UUID
    var kind: String
    var subjectID: UUID
    var subjectType: String
    var title: String
    var readAt: Date?
    var createdAt: Date
}

/// The notification inbox (hộp thông báo) of every signed-in user: what was assigned to their
/// organisation, answered or declined to it, and the items and letters that became due soon
/// or overdue. Each event is one row per user (`user_id, kind, subject_id, occasion` is unique),
/// so it is shown once however often it is computed.
enum Inbox {
    /// Tells the active users of an organisation, once.
    static func notify(on sql: any SQLDatabase, organisationID: UUID, kind: NotificationKind, subjectID: UUID, subjectType: String = "follow_up",
                       occasion: String, title: String, now: Date) async throws {
        struct UserRow: Decodable { var id: UUID }
        let users = try await sql.raw("""
            SELECT us.id FROM users us WHERE us.\(\User.$organisationID) = \(bind: organisationID) AND us.active = \(bind: true)
            AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.\(\N.userID) = us.id AND n.kind = \(bind: kind.rawValue)
              AND n.\(\N.subjectID) = \(bind: subjectID) AND n.\(\N.occasion) = \(bind: occasion))
            """).rows(UserRow.self)
        guard !users.isEmpty else { return }
        try await sql.insert(into: "notifications").values(ofAll: users.map {
            N(id: UUID(), userID: $0.id, kind: kind.rawValue, subjectID: subjectID, subjectType: subjectType, occasion: occasion,
              title: String(title.prefix(300)), readAt: nil, createdAt: now)
        }).run()
    }
}

struct InboxStore: Sendable {
    let database: AppDatabase
    var sql: any SQLDatabase { database.sql }

    /// Adds the due-soon and overdue events of today for a user: the pending items assigned to
    /// their organisation, and the open letters they handle (or, unassigned, of their organisation).
    /// Run when the inbox or the layout's count is read, and by `danvan followup notify` each day.
    func refresh(_ identity: Identity, today: CivilDate, now: Date = Date()) async throws {
        let calendar = try await CalendarStore(database: database).recentCalendar()
        let soon = FollowUpDue.soonLimit(today: today, calendar: calendar)
        struct Due: Decodable { var id: UUID; var title: String; var dueOn: String }
        let items = try await sql.raw("""
            SELECT f.id, f.title, f.\(\I.dueOn) AS due_on FROM follow_up_items f
            WHERE f.\(\I.organisationID) = \(bind: identity.organisationID) AND f.status IN (\(bind: "open"), \(bind: "in_progress"))
            AND f.\(\I.dueOn) <= \(bind: soon.iso)
            """).rows(Due.self)
        let letters = try await sql.raw("""
            SELECT l.id, l.subject AS title, l.\(\L.dueOn) AS due_on FROM letters l
            WHERE (l.\(\L.handlerID) = \(bind: identity.userID) OR (l.\(\L.handlerID) IS NULL AND l.\(\L.organisationID) = \(bind: identity.organisationID)))
            AND l.status IN (\(unsafeRaw: LetterStatus.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")))
            AND l.\(\L.dueOn) IS NOT NULL AND l.\(\L.dueOn) <= \(bind: soon.iso)
            """).rows(Due.self)
        let events = items.map { ($0, "follow_up") } + letters.map { ($0, "letter") }
        guard !events.isEmpty else { return }
        struct Key: Decodable, Hashable { var kind: String; var subjectID: UUID; var occasion: String }
        let known = Set(try await sql.raw("""
            SELECT n.kind, n.\(\N.subjectID) AS subject_id, n.\(\N.occasion) AS occasion FROM notifications n
            WHERE n.\(\N.userID) = \(bind: identity.userID) AND n.kind IN (\(bind: NotificationKind.dueSoon.rawValue), \(bind: NotificationKind.overdue.rawValue))
            """).rows(Key.self))
        let new = events.compactMap { event, type -> N? in
            let kind: NotificationKind = event.dueOn < today.iso ? .overdue : .dueSoon
            guard !known.contains(Key(kind: kind.rawValue, subjectID: event.id, occasion: event.dueOn)) else { return nil }
            return N(id: UUID(), userID: identity.userID, kind: kind.rawValue, subjectID: event.id, subjectType: type, occasion: event.dueOn,
                     title: String(event.title.prefix(300)), readAt: nil, createdAt: now)
        }
        guard !new.isEmpty else { return }
        // Two pages opened at once may add the same events: the unique key keeps one, the other is
        // ignored; a long backlog goes in parts (a statement's parameters are limited).
        for part in new.chunked(500) { try await sql.insert(into: "notifications").values(ofAll: part).ignoringConflicts().run() }
        database.caches.identities.clear()
    }

    func page(userID: UUID, offset: Int, limit: Int = 30) async throws -> (rows: [InboxRow], total: Int) {
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(InboxRow.self, from: "n")) FROM notifications n WHERE n.\(\N.userID) = \(bind: userID)
            ORDER BY n.\(\N.createdAt) DESC, n.id LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """).rows(InboxRow.self)
        struct Count: Decodable { var n: Int }
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM notifications n WHERE n.\(\N.userID) = \(bind: userID)").row(Count.self)?.n ?? 0
        return (rows, total)
    }

    func unread(userID: UUID) async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await sql.raw("SELECT COUNT(*) AS n FROM notifications n WHERE n.\(\N.userID) = \(bind: userID) AND n.\(\N.readAt) IS NULL")
            .row(Count.self)?.n ?? 0
    }

    /// Marks every notification of the user read (the user's own: no other scope).
    func markRead(userID: UUID, now: Date = Date()) async throws {
        try await sql.update("notifications").set(\N.readAt, to: now).where(SQLIdentifier(ColumnName.of(\N.userID)), .equal, userID)
            .where(SQLIdentifier(ColumnName.of(\N.readAt)), .is, SQLLiteral.null).run()
        database.caches.identities.clear()
    }
}

extension Inbox {
    /// The unread count of the user `us` as a select's column (the identity of each request reads it with the user).
    static var unreadColumn: String {
        "(SELECT COUNT(*) FROM notifications n WHERE n.\(ColumnName.of(\N.userID)) = us.id AND n.\(ColumnName.of(\N.readAt)) IS NULL)"
    }
}
