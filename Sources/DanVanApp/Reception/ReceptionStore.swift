import DanVanDomain
import Foundation
import SQLKit

/// Who received citizens at a session (the three groups of form 01/TCD).
enum ReceiverKind: String, Sendable, Codable, CaseIterable {
    /// Tiếp thường xuyên: the regular reception board.
    case regular
    /// Thủ trưởng tiếp: the head in person.
    case head
    /// Ủy quyền tiếp: a leader the head delegated.
    case delegated
}

/// A row of `reception_sessions`: one sitting of a reception (buổi tiếp công dân), as stored.
struct ReceptionSessionRecord: Sendable, Codable {
    var id: UUID
    var unitID: UUID
    var organisationID: UUID
    var date: String
    var place: String
    var receiverKind: String
    var holder: String?
    var receiverName: String
    var note: String
    var createdBy: String
    var createdAt: Date
}

/// A row of `reception_visits`: one citizen or group received on one matter (lượt tiếp), as stored.
struct ReceptionVisitRecord: Sendable, Codable {
    var id: UUID
    var sessionID: UUID
    var unitID: UUID
    var date: String
    var people: Int
    var isGroup: Bool
    var isRepeat: Bool
    var content: String
    /// The letter the visit was recorded as, when it was.
    var letterID: UUID?
    var createdAt: Date
    /// Who came (the group's representative for a group), when recorded.
    var citizenName: String? = nil
    var citizenAddress: String? = nil
}

// The two tables' typed keys, short in this file's queries.
private typealias S = ReceptionSessionRecord
private typealias V = ReceptionVisitRecord

struct ReceptionSessionRow: Sendable, Codable {
    var id: UUID
    var unitID: UUID
    var unitName: String
    var organisationID: UUID
    var organisationName: String
    var date: String
    var place: String
    var receiverKind: String
    var holder: String?
    var receiverName: String
    var note: String
    var visits: Int
    var people: Int
}

struct ReceptionVisitRow: Sendable, Codable {
    var id: UUID
    var sessionID: UUID
    var date: String
    var people: Int
    var isGroup: Bool
    var isRepeat: Bool
    var content: String
    var letterID: UUID?
    var unitName: String
    var citizenName: String?
    var citizenAddress: String?
    /// The kind of the letter the visit was recorded as: a denouncer's name is not shown
    /// with a visit that became a denunciation (the letter keeps it, confidentially).
    var letterKind: String?

    /// Who came, as a list shows it: nil when not recorded, the redaction notice's key when confidential.
    var citizenIsConfidential: Bool { letterKind == LetterKind.denunciation.rawValue }
}

struct SessionInput: Sendable {
    var organisationID: UUID?
    var date: String
    var place: String
    var receiverKind: String
    var holder: String
    var receiverName: String
    var note: String
}

struct VisitInput: Sendable {
    var people: String
    var isGroup: Bool
    var isRepeat: Bool
    var content: String
    var citizenName: String = ""
    var citizenAddress: String = ""
}

/// A head who fell short of the legal reception frequency in one week or month.
struct DutyComplianceRow: Sendable {
    var organisationID: UUID
    var organisationName: String
    var unitName: String
    var holder: DutyHolder
    var rule: ReceptionDutyRule
    var shortfalls: [DutyShortfall]
}

/// Reception sessions and visits, through the caller's scope.
struct ReceptionStore: Sendable {
    let database: AppDatabase
    private var sql: any SQLDatabase { database.sql }

    /// The reach condition on the reception sessions `s` (a visit is in reach through its session).
    static func inScope(_ scope: Scope) -> SQLQueryString {
        Reach.condition(scope, unit: "s.\(\S.unitID)", organisation: "s.\(\S.organisationID)")
    }

    private static let sessionSelect: SQLQueryString = """
        SELECT \(unsafeRaw: RowColumns.select(ReceptionSessionRow.self, from: "s", joined: [
            \.unitName: "u.name", \.organisationName: "o.name",
            \.visits: "(SELECT COUNT(*) FROM reception_visits v WHERE v.\(ColumnName.of(\V.sessionID)) = s.id)",
            \.people: "(SELECT CAST(COALESCE(SUM(v.people), 0) AS BIGINT) FROM reception_visits v WHERE v.\(ColumnName.of(\V.sessionID)) = s.id)",
        ]))
        FROM reception_sessions s JOIN organisation_units u ON u.id = s.\(\S.unitID) JOIN organisations o ON o.id = s.\(\S.organisationID)
        """

    /// Sessions in scope; `receivers` (figures about who received) keeps those that meet them all.
    func sessions(_ scope: Scope, unitID: UUID? = nil, period: ReportPeriod? = nil, receivers: [VisitFigure] = [], limit: Int = 200,
                  offset: Int = 0) async throws -> [ReceptionSessionRow] {
        let query = "\(Self.sessionSelect) WHERE " + sessionConditions(scope, unitID: unitID, period: period, receivers: receivers)
        return try await sql.raw(query + " ORDER BY s.date DESC, s.\(\S.createdAt) DESC, s.id LIMIT \(literal: limit) OFFSET \(literal: offset)")
            .rows(ReceptionSessionRow.self)
    }

    /// How many sessions ``sessions(_:unitID:period:receivers:limit:offset:)`` pages through.
    func sessionCount(_ scope: Scope, unitID: UUID? = nil, period: ReportPeriod? = nil) async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await sql.raw("SELECT COUNT(*) AS n FROM reception_sessions s WHERE " + sessionConditions(scope, unitID: unitID, period: period, receivers: []))
            .row(Count.self)?.n ?? 0
    }

    private func sessionConditions(_ scope: Scope, unitID: UUID?, period: ReportPeriod?, receivers: [VisitFigure]) -> SQLQueryString {
        var query: SQLQueryString = "\(Self.inScope(scope)) AND \(receivers.map(\.condition).allTrue)"
        if let unitID { query = query + " AND " + Reach.subtree("s.\(\S.unitID)", of: unitID) }
        if let period { query = query + " AND s.date >= \(bind: period.from.iso) AND s.date <= \(bind: period.to.iso)" }
        return query
    }

    func session(_ scope: Scope, id: UUID) async throws -> ReceptionSessionRow {
        guard let row = try await sql.raw("\(Self.sessionSelect) WHERE s.id = \(bind: id) AND \(Self.inScope(scope))")
            .row(ReceptionSessionRow.self)
        else { throw AppError.notFound }
        return row
    }

    private static let visitColumns = RowColumns.select(ReceptionVisitRow.self, from: "v", joined: [\.unitName: "u.name", \.letterKind: "lt.kind"])
    /// The unit's name and the kind of the letter a visit became.
    private static let visitJoins: SQLQueryString = "JOIN organisation_units u ON u.id = v.\(\V.unitID) LEFT JOIN letters lt ON lt.id = v.\(\V.letterID)"

    func visits(_ scope: Scope, sessionID: UUID) async throws -> [ReceptionVisitRow] {
        _ = try await session(scope, id: sessionID)
        return try await sql.raw("""
            SELECT \(unsafeRaw: Self.visitColumns)
            FROM reception_visits v \(Self.visitJoins) WHERE v.\(\V.sessionID) = \(bind: sessionID) ORDER BY v.\(\V.createdAt)
            """).rows(ReceptionVisitRow.self)
    }

    /// The visits that meet every figure: the list a statistics link opens.
    func visits(_ scope: Scope, unitID: UUID, period: ReportPeriod, figures: [VisitFigure], limit: Int = 500) async throws -> [ReceptionVisitRow] {
        try await sql.raw("""
            SELECT \(unsafeRaw: Self.visitColumns)
            FROM reception_visits v JOIN reception_sessions s ON s.id = v.\(\V.sessionID) \(Self.visitJoins)
            WHERE \(Self.inScope(scope)) AND \(Reach.subtree("v.\(\V.unitID)", of: unitID))
            AND v.date >= \(bind: period.from.iso) AND v.date <= \(bind: period.to.iso) AND \(figures.map(\.condition).allTrue)
            ORDER BY v.date, v.\(\V.createdAt) LIMIT \(literal: limit)
            """).rows(ReceptionVisitRow.self)
    }

    /// A line of the reception register (sổ tiếp công dân): a visit with its session and the
    /// letter it became.
    struct RegisterLine: Sendable, Decodable {
        var visit: ReceptionVisitRow
        var receiverName: String
        var organisationName: String
        var letterCode: String?
        var letterStatus: String?

        private enum CodingKeys: String, CodingKey { case receiverName, organisationName, letterCode, letterStatus }

        /// The visit's columns and the session's and letter's beside them, in one row.
        init(from decoder: any Decoder) throws {
            visit = try ReceptionVisitRow(from: decoder)
            let columns = try decoder.container(keyedBy: CodingKeys.self)
            receiverName = try columns.decode(String.self, forKey: .receiverName)
            organisationName = try columns.decode(String.self, forKey: .organisationName)
            letterCode = try columns.decodeIfPresent(String.self, forKey: .letterCode)
            letterStatus = try columns.decodeIfPresent(String.self, forKey: .letterStatus)
        }
    }

    /// The reception register of a unit's subtree for a period, in the order visits were
    /// received; at most `limit` lines (the caller says when there are more).
    func register(_ scope: Scope, unitID: UUID, period: ReportPeriod, limit: Int) async throws -> [RegisterLine] {
        try await sql.raw("""
            SELECT \(unsafeRaw: Self.visitColumns), s.\(\S.receiverName), o.name AS \(\RegisterLine.organisationName),
            lt.code AS \(\RegisterLine.letterCode), lt.status AS \(\RegisterLine.letterStatus)
            FROM reception_visits v JOIN reception_sessions s ON s.id = v.\(\V.sessionID) \(Self.visitJoins)
            JOIN organisations o ON o.id = s.\(\S.organisationID)
            WHERE \(Self.inScope(scope)) AND \(Reach.subtree("v.\(\V.unitID)", of: unitID))
            AND v.date >= \(bind: period.from.iso) AND v.date <= \(bind: period.to.iso)
            ORDER BY v.date, v.\(\V.createdAt) LIMIT \(literal: limit)
            """).rows(RegisterLine.self)
    }

    /// Records a session of an organisation in scope (reception officers and leaders).
    func createSession(_ scope: Scope, input: SessionInput, today: CivilDate = .today(now: Date())) async throws -> UUID {
        let organisation = try await OrganisationStore(database: database).organisation(scope, id: input.organisationID ?? scope.organisationID)
        try scope.requireAny([.receptionOfficer, .leader])
        var problems: [String: String] = [:]
        let date = CivilDate(entered: input.date)
        if date == nil { problems["date"] = input.date.isEmpty ? "error_required" : "error_bad_date" } else if date! > today { problems["date"] = "error_date_future" }
        let kind = ReceiverKind(rawValue: input.receiverKind)
        if kind == nil { problems["receiver_kind"] = "error_required" }
        let holder = input.holder.isEmpty ? nil : DutyHolder(rawValue: input.holder)
        if !input.holder.isEmpty && holder == nil { problems["holder"] = "error_required" }
        if kind == .head && holder == nil { problems["holder"] = "error_holder_required" }
        if input.receiverName.isEmpty { problems["receiver_name"] = "error_required" }
        if input.place.isEmpty { problems["place"] = "error_required" }
        for (field, value) in [("receiver_name", input.receiverName), ("place", input.place), ("note", input.note)] where VietnameseText.validationProblem(value) != nil {
            problems[field] = "error_text_encoding"
        }
        if !problems.isEmpty { throw ValidationError(problems) }
        let id = UUID()
        try await database.db.transaction { tx in
            try await (tx as! any SQLDatabase).insert(into: "reception_sessions").values(of: S(
                id: id, unitID: organisation.unitID, organisationID: organisation.id, date: date!.iso, place: input.place, receiverKind: kind!.rawValue,
                holder: holder?.rawValue, receiverName: input.receiverName, note: input.note, createdBy: scope.username, createdAt: Date())).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "reception_session", recordID: id,
                                      summary: "\(organisation.name) \(date!.iso)",
                                      after: ["date": date!.iso, ColumnName.of(\S.receiverKind): kind!.rawValue, "place": input.place])
        }
        return id
    }

    /// Records a visit of a session (one citizen or a group, on one matter).
    func addVisit(_ scope: Scope, sessionID: UUID, input: VisitInput) async throws -> UUID {
        let session = try await session(scope, id: sessionID)
        try scope.requireAny([.receptionOfficer, .leader])
        var problems: [String: String] = [:]
        let people = Int(input.people)
        if people == nil || people! < 1 || people! > 10_000 { problems["people"] = "error_people_count" }
        else if input.isGroup && people! < 5 { problems["people"] = "error_group_size" }
        if input.content.isEmpty { problems["content"] = "error_required" } else if VietnameseText.validationProblem(input.content) != nil { problems["content"] = "error_text_encoding" }
        for (field, text, limit) in [("citizen_name", input.citizenName, 200), ("citizen_address", input.citizenAddress, 300)] {
            if text.count > limit { problems[field] = "error_too_long" } else if VietnameseText.validationProblem(text) != nil { problems[field] = "error_text_encoding" }
        }
        if !problems.isEmpty { throw ValidationError(problems) }
        let id = UUID()
        try await database.db.transaction { tx in
            try await (tx as! any SQLDatabase).insert(into: "reception_visits").values(of: V(
                id: id, sessionID: sessionID, unitID: session.unitID, date: session.date, people: people!, isGroup: input.isGroup,
                isRepeat: input.isRepeat, content: input.content, letterID: nil, createdAt: Date(),
                citizenName: input.citizenName.nilIfEmpty, citizenAddress: input.citizenAddress.nilIfEmpty)).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "reception_visit", recordID: id,
                                      summary: "\(session.organisationName) \(session.date): \(people!) người",
                                      after: ["people": "\(people!)", ColumnName.of(\V.isGroup): "\(input.isGroup)", ColumnName.of(\V.isRepeat): "\(input.isRepeat)"])
        }
        return id
    }

    /// For each People's Committee and party committee in the subtree, the weeks
    /// or months in the period in which its head received citizens less often
    /// than the rule in force requires (DOMAIN.md §4.1).
    func dutyCompliance(_ scope: Scope, unitID: UUID, period: ReportPeriod, rules: [ReceptionDutyRule]) async throws -> [DutyComplianceRow] {
        _ = try await UnitStore(database: database).unit(scope, id: unitID)
        struct Head: Decodable { var id: UUID; var name: String; var kind: String; var unitName: String; var level: Int }
        let heads = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(Head.self, from: "o", joined: [\.unitName: "u.name", \.level: "u.level"]))
            FROM organisations o JOIN organisation_units u ON u.id = o.\(\Organisation.$unitID)
            WHERE o.kind IN ('peoples_committee', 'party_committee')
            AND \(Reach.subtree("o.\(\Organisation.$unitID)", of: unitID, paths: .tree))
            AND \(Reach.condition(scope, unit: "o.\(\Organisation.$unitID)", organisation: "o.id"))
            AND (u.\(\Validity.validFrom) IS NULL OR u.\(\Validity.validFrom) <= \(bind: period.to.iso))
            AND (u.\(\Validity.validTo) IS NULL OR u.\(\Validity.validTo) >= \(bind: period.from.iso))
            ORDER BY u.level, u.name
            """).rows(Head.self)
        struct Held: Decodable { var organisationID: UUID; var holder: String; var date: String }
        let held = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(Held.self, from: "s")) FROM reception_sessions s
            WHERE s.\(\S.receiverKind) = \(bind: ReceiverKind.head.rawValue) AND s.date >= \(bind: period.from.iso) AND s.date <= \(bind: period.to.iso)
            AND \(Self.inScope(scope))
            AND \(Reach.subtree("s.\(\S.unitID)", of: unitID))
            """).rows(Held.self)
        var dates: [String: [CivilDate]] = [:]
        for row in held { if let date = CivilDate(iso: row.date) { dates["\(row.organisationID)|\(row.holder)", default: []].append(date) } }
        var result: [DutyComplianceRow] = []
        for head in heads {
            let holder: DutyHolder = head.kind == "peoples_committee" ? .peoplesCommitteeChair : .partySecretary
            guard let rule = ReceptionDutyCheck.rule(holder: holder, level: head.level, on: period.to, in: rules) else { continue }
            let shortfalls = ReceptionDutyCheck.shortfalls(rule: rule, from: period.from, to: period.to,
                                                           sessionDates: dates["\(head.id)|\(holder.rawValue)"] ?? [])
            if !shortfalls.isEmpty {
                result.append(DutyComplianceRow(organisationID: head.id, organisationName: head.name, unitName: head.unitName, holder: holder,
                                                rule: rule, shortfalls: shortfalls))
            }
        }
        return result
    }
}
