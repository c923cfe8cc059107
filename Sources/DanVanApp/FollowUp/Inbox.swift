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
    /// Tells the active users of an organisation, once; returns how many were told now.
    @discardableResult
    static func notify(on sql: any SQLDatabase, organisationID: UUID, kind: NotificationKind, subjectID: UUID, subjectType: String = "follow_up",
                       occasion: String, title: String, now: Date) async throws -> Int {
        struct UserRow: Decodable { var id: UUID }
        let users = try await sql.raw("""
            SELECT us.id FROM users us WHERE us.\(\User.$organisationID) = \(bind: organisationID) AND us.active = \(bind: true)
            AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.\(\N.userID) = us.id AND n.kind = \(bind: kind.rawValue)
              AND n.\(\N.subjectID) = \(bind: subjectID) AND n.\(\N.occasion) = \(bind: occasion))
            """).rows(UserRow.self)
        guard !users.isEmpty else { return 0 }
        try await sql.insert(into: "notifications").values(ofAll: users.map {
            N(id: UUID(), userID: $0.id, kind: kind.rawValue, subjectID: subjectID, subjectType: subjectType, occasion: occasion,
              title: String(title.prefix(300)), readAt: nil, createdAt: now, organisationID: organisationID)
        }).run()
        return users.count
    }
}

struct InboxStore: Sendable {
    let database: AppDatabase
    var sql: any SQLDatabase { database.sql }
    /// Candidates are read and told in parts of this many (a statement's parameters are limited,
    /// and a long backlog is never held in memory at once).
    static let batch = 500

    /// A pending item or an open letter due by the "due soon" limit of a day.
    struct Due: Decodable, Sendable { var id: UUID; var title: String; var dueOn: String }

    /// What one computation added.
    struct Added: Sendable, Equatable {
        var dueSoon = 0, overdue = 0
        static func + (a: Added, b: Added) -> Added { Added(dueSoon: a.dueSoon + b.dueSoon, overdue: a.overdue + b.overdue) }
    }

    /// Adds the due-soon and overdue events of today for a user: the pending items assigned to
    /// their organisation, and the open letters they handle (or, unassigned, of their organisation).
    /// Run when the inbox or the home page is opened (what `danvan followup notify` adds each day
    /// for everyone, for the one who looks now).
    @discardableResult
    func refresh(_ identity: Identity, today: CivilDate, now: Date = Date()) async throws -> Added {
        let soon = FollowUpDue.soonLimit(today: today, calendar: try await CalendarStore(database: database).recentCalendar())
        let users = [identity.userID]
        var added = Added()
        let organisationID = identity.organisationID
        added = added + (try await tell(users, of: organisationID, paging: { try await items(organisationID: organisationID, soon: soon, offset: $0) },
                                        type: "follow_up", today: today, now: now))
        added = added + (try await tell(users, of: organisationID, paging: { try await letters(
            "(l.\(\L.handlerID) = \(bind: identity.userID) OR (l.\(\L.handlerID) IS NULL AND l.\(\L.organisationID) = \(bind: organisationID)))",
            soon: soon, offset: $0) }, type: "letter", today: today, now: now))
        return added
    }

    /// `danvan followup notify`: the due-soon and overdue events of today for every active user,
    /// organisation by organisation, each organisation's candidates in parts of ``batch``.
    func notifyAll(today: CivilDate, now: Date = Date()) async throws -> (added: Added, organisations: Int) {
        let soon = FollowUpDue.soonLimit(today: today, calendar: try await CalendarStore(database: database).recentCalendar())
        struct ID: Decodable { var id: UUID }
        var added = Added(), organisations = 0, offset = 0
        while true {
            let part = try await sql.raw("""
                SELECT DISTINCT us.\(\User.$organisationID) AS id FROM users us WHERE us.active = \(bind: true)
                ORDER BY us.\(\User.$organisationID) LIMIT \(unsafeRaw: String(Self.batch)) OFFSET \(unsafeRaw: String(offset))
                """).rows(ID.self).map(\.id)
            for organisationID in part {
                let users = try await sql.raw("SELECT us.id FROM users us WHERE us.\(\User.$organisationID) = \(bind: organisationID) AND us.active = \(bind: true)")
                    .rows(ID.self).map(\.id)
                added = added + (try await tell(users, of: organisationID, paging: { try await items(organisationID: organisationID, soon: soon, offset: $0) },
                                                type: "follow_up", today: today, now: now))
                added = added + (try await tell(users, of: organisationID, paging: { try await letters(
                    "l.\(\L.handlerID) IS NULL AND l.\(\L.organisationID) = \(bind: organisationID)", soon: soon, offset: $0) },
                                                type: "letter", today: today, now: now))
                for user in users {
                    added = added + (try await tell([user], of: organisationID, paging: { try await letters("l.\(\L.handlerID) = \(bind: user)", soon: soon, offset: $0) },
                                                    type: "letter", today: today, now: now))
                }
            }
            organisations += part.count
            guard part.count == Self.batch else { break }
            offset += Self.batch
        }
        return (added, organisations)
    }

    private func items(organisationID: UUID, soon: CivilDate, offset: Int) async throws -> [Due] {
        try await sql.raw("""
            SELECT f.id, f.title, f.\(\I.dueOn) AS due_on FROM follow_up_items f
            WHERE f.\(\I.organisationID) = \(bind: organisationID)
            AND f.status IN (\(binds: FollowUpStatus.allCases.filter(\.isPending).map(\.rawValue))) AND f.\(\I.dueOn) <= \(bind: soon.iso)
            ORDER BY f.\(\I.dueOn), f.id LIMIT \(unsafeRaw: String(Self.batch)) OFFSET \(unsafeRaw: String(offset))
            """).rows(Due.self)
    }

    private func letters(_ whose: SQLQueryString, soon: CivilDate, offset: Int) async throws -> [Due] {
        try await sql.raw("""
            SELECT l.id, l.subject AS title, l.\(\L.dueOn) AS due_on FROM letters l
            WHERE \(whose) AND l.status IN (\(binds: LetterStatus.open.map(\.rawValue)))
            AND l.\(\L.dueOn) IS NOT NULL AND l.\(\L.dueOn) <= \(bind: soon.iso)
            ORDER BY l.\(\L.dueOn), l.id LIMIT \(unsafeRaw: String(Self.batch)) OFFSET \(unsafeRaw: String(offset))
            """).rows(Due.self)
    }

    /// Tells `users` (of `organisationID`) of the due subjects `paging` reads part by part, each event once: what they
    /// were already told is read for the part's subjects only; two computations at once add an
    /// event once (the unique key keeps one, the other is ignored).
    private func tell(_ users: [UUID], of organisationID: UUID, paging: (_ offset: Int) async throws -> [Due], type: String, today: CivilDate, now: Date) async throws -> Added {
        guard !users.isEmpty else { return Added() }
        struct Key: Decodable, Hashable { var userID: UUID; var kind: String; var subjectID: UUID; var occasion: String }
        var added = Added(), offset = 0
        while true {
            let part = try await paging(offset)
            if !part.isEmpty {
                var known = Set<Key>()
                for someUsers in users.chunked(Self.batch) {
                    known.formUnion(try await sql.raw("""
                        SELECT n.\(\N.userID) AS user_id, n.kind, n.\(\N.subjectID) AS subject_id, n.\(\N.occasion) AS occasion FROM notifications n
                        WHERE n.\(\N.subjectID) IN (\(binds: part.map(\.id))) AND n.\(\N.userID) IN (\(binds: Array(someUsers)))
                        AND n.kind IN (\(bind: NotificationKind.dueSoon.rawValue), \(bind: NotificationKind.overdue.rawValue))
                        """).rows(Key.self))
                }
                var new: [N] = []
                for event in part {
                    let kind: NotificationKind = event.dueOn < today.iso ? .overdue : .dueSoon
                    for user in users where !known.contains(Key(userID: user, kind: kind.rawValue, subjectID: event.id, occasion: event.dueOn)) {
                        new.append(N(id: UUID(), userID: user, kind: kind.rawValue, subjectID: event.id, subjectType: type, occasion: event.dueOn,
                                     title: String(event.title.prefix(300)), readAt: nil, createdAt: now, organisationID: organisationID))
                        if kind == .overdue { added.overdue += 1 } else { added.dueSoon += 1 }
                    }
                }
                for rows in new.chunked(Self.batch) { try await sql.insert(into: "notifications").values(ofAll: Array(rows)).ignoringConflicts().run() }
            }
            guard part.count == Self.batch else { return added }
            offset += Self.batch
        }
    }

    /// A page of the user's notifications of their current organisation, the newest first, and how many there are.
    func page(userID: UUID, offset: Int, limit: Int = 30) async throws -> (rows: [InboxRow], total: Int) {
        let mine: SQLQueryString = """
            FROM notifications n JOIN users us ON us.id = n.\(\N.userID) WHERE n.\(\N.userID) = \(bind: userID) AND \(unsafeRaw: Inbox.current)
            """
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(InboxRow.self, from: "n")) \(mine)
            ORDER BY n.\(\N.createdAt) DESC, n.id LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """).rows(InboxRow.self)
        struct Count: Decodable { var n: Int }
        let total = try await sql.raw("SELECT COUNT(*) AS n \(mine)").row(Count.self)?.n ?? 0
        return (rows, total)
    }

    /// The layout's count: the user's unread notifications of their current organisation.
    func unread(userID: UUID) async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await sql.raw("SELECT \(unsafeRaw: Inbox.unreadColumn) AS n FROM users us WHERE us.id = \(bind: userID)").row(Count.self)?.n ?? 0
    }

    /// Marks every notification of the user read (the user's own: no other scope).
    func markRead(userID: UUID, now: Date = Date()) async throws {
        try await sql.update("notifications").set(\N.readAt, to: now).where(SQLIdentifier(ColumnName.of(\N.userID)), .equal, userID)
            .where(SQLIdentifier(ColumnName.of(\N.readAt)), .is, SQLLiteral.null).run()
    }
}

extension Inbox {
    /// The page a notification is about.
    static func link(type subjectType: String, id: UUID) -> String {
        switch subjectType {
        case "letter": SiteURL.letter(id).path
        // Reporting: entry
        case "report": SiteURL.reportOf(id).path
        case "report_form": SiteURL.reports(organisation: nil).path
        default: SiteURL.followUpItem(id).path
        }
    }

    /// A notification `n` of the user `us` is shown while the user acts for the organisation it was
    /// given for: one who moves to another organisation no longer sees the old one's titles.
    static var current: String { "n.\(ColumnName.of(\N.organisationID)) = us.\(ColumnName.of(\User.$organisationID))" }

    /// The unread count of the user `us` as a select's column (the identity of each request reads it with the user).
    static var unreadColumn: String {
        "(SELECT COUNT(*) FROM notifications n WHERE n.\(ColumnName.of(\N.userID)) = us.id AND n.\(ColumnName.of(\N.readAt)) IS NULL AND \(current))"
    }
}
