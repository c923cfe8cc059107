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
        Reach.condition(scope, unit: "s.unit_id", organisation: "s.organisation_id")
    }

    private static let sessionSelect = """
        SELECT s.id, s.unit_id, u.name AS unit_name, s.organisation_id, o.name AS organisation_name, s.date, s.place, s.receiver_kind, s.holder,
        s.receiver_name, s.note,
        (SELECT COUNT(*) FROM reception_visits v WHERE v.session_id = s.id) AS visits,
        (SELECT CAST(COALESCE(SUM(v.people), 0) AS BIGINT) FROM reception_visits v WHERE v.session_id = s.id) AS people
        FROM reception_sessions s JOIN organisation_units u ON u.id = s.unit_id JOIN organisations o ON o.id = s.organisation_id
        """

    /// Sessions in scope; `receivers` (figures about who received) keeps those that meet them all.
    func sessions(_ scope: Scope, unitID: UUID? = nil, period: ReportPeriod? = nil, receivers: [VisitFigure] = [], limit: Int = 200) async throws -> [ReceptionSessionRow] {
        var query: SQLQueryString = "\(unsafeRaw: Self.sessionSelect) WHERE \(Self.inScope(scope)) AND \(receivers.map(\.condition).allTrue)"
        if let unitID { query = query + " AND " + Reach.subtree("s.unit_id", of: unitID) }
        if let period { query = query + " AND s.date >= \(bind: period.from.iso) AND s.date <= \(bind: period.to.iso)" }
        return try await sql.raw(query + " ORDER BY s.date DESC LIMIT \(literal: limit)").rows(ReceptionSessionRow.self)
    }

    func session(_ scope: Scope, id: UUID) async throws -> ReceptionSessionRow {
        guard let row = try await sql.raw("\(unsafeRaw: Self.sessionSelect) WHERE s.id = \(bind: id) AND \(Self.inScope(scope))")
            .row(ReceptionSessionRow.self)
        else { throw AppError.notFound }
        return row
    }

    func visits(_ scope: Scope, sessionID: UUID) async throws -> [ReceptionVisitRow] {
        _ = try await session(scope, id: sessionID)
        return try await sql.raw("""
            SELECT v.id, v.session_id, v.date, v.people, v.is_group, v.is_repeat, v.content, v.letter_id, u.name AS unit_name
            FROM reception_visits v JOIN organisation_units u ON u.id = v.unit_id WHERE v.session_id = \(bind: sessionID) ORDER BY v.created_at
            """).rows(ReceptionVisitRow.self)
    }

    /// The visits that meet every figure: the list a statistics link opens.
    func visits(_ scope: Scope, unitID: UUID, period: ReportPeriod, figures: [VisitFigure], limit: Int = 500) async throws -> [ReceptionVisitRow] {
        try await sql.raw("""
            SELECT v.id, v.session_id, v.date, v.people, v.is_group, v.is_repeat, v.content, v.letter_id, u.name AS unit_name
            FROM reception_visits v JOIN reception_sessions s ON s.id = v.session_id JOIN organisation_units u ON u.id = v.unit_id
            WHERE \(Self.inScope(scope)) AND \(Reach.subtree("v.unit_id", of: unitID))
            AND v.date >= \(bind: period.from.iso) AND v.date <= \(bind: period.to.iso) AND \(figures.map(\.condition).allTrue)
            ORDER BY v.date, v.created_at LIMIT \(literal: limit)
            """).rows(ReceptionVisitRow.self)
    }

    /// Records a session of an organisation in scope (reception officers and leaders).
    func createSession(_ scope: Scope, input: SessionInput, today: CivilDate = .today(now: Date())) async throws -> UUID {
        let organisation = try await OrganisationStore(database: database).organisation(scope, id: input.organisationID ?? scope.organisationID)
        try scope.requireAny([.receptionOfficer, .leader])
        var problems: [String: String] = [:]
        let date = CivilDate(iso: input.date)
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
            try await (tx as! any SQLDatabase).insert(into: "reception_sessions")
                .columns("id", "unit_id", "organisation_id", "date", "place", "receiver_kind", "holder", "receiver_name", "note", "created_by", "created_at")
                .values(SQLBind(id), SQLBind(organisation.unitID), SQLBind(organisation.id), SQLBind(date!.iso), SQLBind(input.place), SQLBind(kind!.rawValue),
                        SQLBind(holder?.rawValue), SQLBind(input.receiverName), SQLBind(input.note), SQLBind(scope.username), SQLBind(Date())).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "reception_session", recordID: id,
                                      summary: "\(organisation.name) \(date!.iso)", after: ["date": date!.iso, "receiver_kind": kind!.rawValue, "place": input.place])
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
        if !problems.isEmpty { throw ValidationError(problems) }
        let id = UUID()
        try await database.db.transaction { tx in
            try await (tx as! any SQLDatabase).insert(into: "reception_visits")
                .columns("id", "session_id", "unit_id", "date", "people", "is_group", "is_repeat", "content", "letter_id", "created_at")
                .values(SQLBind(id), SQLBind(sessionID), SQLBind(session.unitID), SQLBind(session.date), SQLBind(people!), SQLBind(input.isGroup),
                        SQLBind(input.isRepeat), SQLBind(input.content), SQLBind(Optional<UUID>.none), SQLBind(Date())).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "reception_visit", recordID: id,
                                      summary: "\(session.organisationName) \(session.date): \(people!) người",
                                      after: ["people": "\(people!)", "is_group": "\(input.isGroup)", "is_repeat": "\(input.isRepeat)"])
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
            SELECT o.id, o.name, o.kind, u.name AS unit_name, u.level FROM organisations o JOIN organisation_units u ON u.id = o.unit_id
            WHERE o.kind IN ('peoples_committee', 'party_committee')
            AND \(Reach.subtree("o.unit_id", of: unitID, paths: .tree))
            AND \(Reach.condition(scope, unit: "o.unit_id", organisation: "o.id"))
            AND (u.valid_from IS NULL OR u.valid_from <= \(bind: period.to.iso)) AND (u.valid_to IS NULL OR u.valid_to >= \(bind: period.from.iso))
            ORDER BY u.level, u.name
            """).rows(Head.self)
        struct Held: Decodable { var organisationID: UUID; var holder: String; var date: String }
        let held = try await sql.raw("""
            SELECT s.organisation_id, s.holder, s.date FROM reception_sessions s
            WHERE s.receiver_kind = 'head' AND s.date >= \(bind: period.from.iso) AND s.date <= \(bind: period.to.iso) AND \(Self.inScope(scope))
            AND \(Reach.subtree("s.unit_id", of: unitID))
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
