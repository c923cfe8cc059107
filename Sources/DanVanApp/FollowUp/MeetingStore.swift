import DanVanDomain
import Foundation
import SQLKit

private typealias M = MeetingRecord
private typealias O = OpinionRecord
private typealias I = FollowUpItemRecord

/// A meeting as lists and its page show it.
struct MeetingRow: Sendable, Codable {
    var id: UUID
    var kind: String
    var unitID: UUID
    /// Where it was held (the host's unit when not given).
    var placeUnitID: UUID?
    var placeName: String
    var organisationID: UUID
    var organisationName: String
    var coHosts: String
    var heldOn: String
    var participants: Int
    var minutes: String
    var opinions: Int
}

/// An opinion with the item it was routed as.
struct OpinionRow: Sendable, Codable {
    var id: UUID
    var meetingID: UUID
    var text: String
    var field: String
    var level: String
    var itemID: UUID?
    var raiserTold: Bool
    var publishedAt: Date?
    var publicText: String?
    var publicAnswer: String?
    /// The organisation that raised it, when one did.
    var raiserOrganisationID: UUID?
    var raiserName: String?
}

/// A published opinion, as the public page shows it: no person, only the question and the answer.
struct PublishedOpinionRow: Sendable, Codable {
    var publicText: String
    var field: String
    var unitName: String
    var heldOn: String
    var organisationName: String
    var publicAnswer: String
    var answeredOn: String?
}

/// What publishing does to an opinion: puts it on the public page with the words given
/// (edited from the opinion and its answer: no one's name or house), or takes it off.
enum Publication: Sendable {
    case publish(text: String, answer: String)
    case withdraw
}

struct OpinionInput: Sendable {
    var text: String
    var field: String
    var level: String
    /// The organisation that raised it (in reach), or nil: a citizen, not recorded.
    var raiserOrganisationID: UUID? = nil
}

struct MeetingInput: Sendable {
    /// The id the form was shown with: the same form posted twice stores one meeting.
    var formID: UUID?
    var kind: String
    var organisationID: UUID?
    /// Where it was held: the host's unit or a unit below it; nil for the host's unit.
    var placeUnitID: UUID? = nil
    var coHosts: String
    var heldOn: String
    var participants: String
    var minutes: String
    var opinions: [OpinionInput]
    /// The document disseminated, or the programme of a joint briefing.
    var documentID: UUID? = nil
}

/// Meetings (hội nghị, tiếp xúc cử tri, đối thoại) and the opinions raised there, through the caller's scope.
struct MeetingStore: Sendable {
    let database: AppDatabase
    let followUps: FollowUpStore
    var sql: any SQLDatabase { database.sql }

    init(database: AppDatabase) {
        self.database = database
        self.followUps = FollowUpStore(database: database)
    }

    static func inScope(_ scope: Scope, shape: Reach.Shape = .list) -> SQLQueryString {
        Reach.condition(scope, unit: "m.\(\M.unitID)", organisation: "m.\(\M.organisationID)", shape: shape)
    }

    static let select: SQLQueryString = """
        SELECT \(unsafeRaw: RowColumns.select(MeetingRow.self, from: "m", joined: [
            \.placeName: "u.name", \.organisationName: "o.name",
            \.opinions: "(SELECT COUNT(*) FROM opinions op WHERE op.\(ColumnName.of(\O.meetingID)) = m.id)"]))
        FROM meetings m JOIN organisation_units u ON u.id = COALESCE(m.\(\M.placeUnitID), m.\(\M.unitID)) JOIN organisations o ON o.id = m.\(\M.organisationID)
        """

    /// The meetings of a subtree in reach, the newest first.
    func meetings(_ scope: Scope, unitID: UUID, period: ReportPeriod?, offset: Int, limit: Int = 50) async throws -> (rows: [MeetingRow], total: Int) {
        _ = try await UnitStore(database: database).unit(scope, id: unitID)
        var condition = Reach.condition(scope, unit: "m.\(\M.unitID)", organisation: "m.\(\M.organisationID)", within: unitID)
        if let period { condition = condition + " AND m.\(\M.heldOn) >= \(bind: period.from.iso) AND m.\(\M.heldOn) <= \(bind: period.to.iso)" }
        let rows = try await sql.raw("\(Self.select) WHERE \(condition) ORDER BY m.\(\M.heldOn) DESC, m.id LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))")
            .rows(MeetingRow.self)
        struct Count: Decodable { var n: Int }
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM meetings m WHERE \(condition)").row(Count.self)?.n ?? 0
        return (rows, total)
    }

    /// The meetings of a document in reach (its dissemination conferences, a programme's joint briefings).
    func meetings(_ scope: Scope, documentID: UUID) async throws -> [MeetingRow] {
        try await sql.raw("\(Self.select) WHERE m.\(\M.documentID) = \(bind: documentID) AND \(Self.inScope(scope)) ORDER BY m.\(\M.heldOn), m.id").rows(MeetingRow.self)
    }

    func meeting(_ scope: Scope, id: UUID) async throws -> MeetingRow {
        guard let row = try await sql.raw("\(Self.select) WHERE m.id = \(bind: id) AND \(Self.inScope(scope, shape: .probe))").row(MeetingRow.self)
        else { throw AppError.notFound }
        return row
    }

    func opinions(_ scope: Scope, meetingID: UUID) async throws -> [OpinionRow] {
        _ = try await meeting(scope, id: meetingID)
        return try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(OpinionRow.self, from: "op", joined: [\.raiserName: "r.name"])) FROM opinions op
            LEFT JOIN organisations r ON r.id = op.\(\O.raiserOrganisationID) WHERE op.\(\O.meetingID) = \(bind: meetingID)
            ORDER BY op.\(\O.createdAt), op.id
            """).rows(OpinionRow.self)
    }

    func opinion(_ scope: Scope, id: UUID) async throws -> OpinionRecord {
        guard let row = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(O.self, from: "op")) FROM opinions op
            WHERE op.id = \(bind: id) AND \(Reach.condition(scope, unit: "op.\(\O.unitID)", organisation: "op.\(\O.organisationID)", shape: .probe))
            """).row(O.self) else { throw AppError.notFound }
        return row
    }

    static let maxOpinions = 50

    /// Records a meeting with its opinions, all or nothing. The host is an organisation in reach,
    /// current on the day; the day is not in the future.
    func record(_ scope: Scope, input: MeetingInput, today: CivilDate = CivilDate.today(now: Date()), now: Date = Date()) async throws -> UUID {
        try scope.requireAny(FollowUpStore.actors)
        var problems: [String: String] = [:]
        let kind = MeetingKind(rawValue: input.kind)
        if kind == nil { problems["kind"] = "error_required" }
        let day = CivilDate(entered: input.heldOn)
        if input.heldOn.isEmpty { problems["held_on"] = "error_required" } else if day == nil { problems["held_on"] = "error_bad_date" }
        else if day! > today { problems["held_on"] = "error_followup_future_day" }
        let participants = Int(input.participants)
        if participants == nil || participants! < 0 || participants! > 1_000_000 { problems["participants"] = "error_followup_participants" }
        problems.merge(FollowUpStore.textProblems([("co_hosts", input.coHosts, 500, false), ("minutes", input.minutes, FollowUpStore.maxText, false)])) { first, _ in first }
        let opinions = input.opinions.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if opinions.count > Self.maxOpinions { problems["opinions"] = "error_too_long" }
        for (index, opinion) in input.opinions.enumerated() where !opinion.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.merge(FollowUpStore.textProblems([("opinion_text_\(index)", opinion.text, 5_000, false)])) { first, _ in first }
            if OpinionLevel(rawValue: opinion.level) == nil { problems["opinion_level_\(index)"] = "error_required" }
            if SurveyField(rawValue: opinion.field) == nil { problems["opinion_field_\(index)"] = "error_required" }
            // The organisation that raised it is one in reach (it is told the answer).
            if let raiser = opinion.raiserOrganisationID {
                do { _ = try await OrganisationStore(database: database).organisation(scope, id: raiser) } catch let error as AppError where error.status == .notFound {
                    problems["opinion_raiser_\(index)"] = "error_followup_out_of_reach"
                }
            }
        }
        // The host is an organisation in reach (out of reach: not found), current on the day.
        guard let hostID = input.organisationID else { throw ValidationError(problems.merging(["organisation_id": "error_required"]) { a, _ in a }) }
        let host: OrganisationSummary? = try await OrganisationStore(database: database).organisation(scope, id: hostID)
        if let host, !OrganisationStore.isValid(from: host.validFrom, to: host.validTo, on: day ?? today) { problems["organisation_id"] = "error_followup_not_current" }
        if let document = input.documentID { _ = try await DocumentStore(database: database).document(scope, id: document) }
        if let host, let place = input.placeUnitID, !(try await Self.holds(host.unitID, place, on: sql)) { problems["place_unit_id"] = "error_followup_place_outside_host" }
        guard problems.isEmpty, let host, let kind, let day, let participants else { throw ValidationError(problems) }
        let id = input.formID ?? UUID()
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await FollowUpStore.refuseTwice(on: sql, table: "meetings", id: id)
            try await sql.insert(into: "meetings").values(of: M(
                id: id, kind: kind.rawValue, unitID: host.unitID, organisationID: host.id, placeUnitID: input.placeUnitID ?? host.unitID, coHosts: input.coHosts.trimmingCharacters(in: .whitespacesAndNewlines), documentID: input.documentID,
                heldOn: day.iso, participants: participants, minutes: input.minutes, createdBy: scope.username, createdAt: now)).run()
            if !opinions.isEmpty {
                try await sql.insert(into: "opinions").values(ofAll: opinions.enumerated().map { index, opinion in
                    O(id: UUID(), meetingID: id, unitID: host.unitID, organisationID: host.id, text: opinion.text.trimmingCharacters(in: .whitespacesAndNewlines),
                      field: opinion.field, level: opinion.level, itemID: nil, raiserTold: false, publishedAt: nil, publicText: nil, publicAnswer: nil, createdBy: scope.username,
                      createdAt: now.addingTimeInterval(Double(index) / 1000), raiserOrganisationID: opinion.raiserOrganisationID)
                }).run()
            }
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "meeting", recordID: id,
                                      summary: "\(host.name) \(day.iso): \(opinions.count) ý kiến", after: ["kind": kind.rawValue, "participants": String(participants)])
        }
        return id
    }

    /// `place` lies in the subtree of `unit` (the unit itself included).
    static func holds(_ unit: UUID, _ place: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("""
            SELECT 1 AS one FROM unit_paths p WHERE p.\(\UnitPath.ancestorID) = \(bind: unit) AND p.\(\UnitPath.descendantID) = \(bind: place)
            """).all().count > 0
    }

    /// Routes an opinion to an agency (a follow-up item due on a day not before the meeting).
    func route(_ scope: Scope, opinionID: UUID, input: FollowUpDueInput, today: CivilDate = CivilDate.today(now: Date())) async throws -> UUID {
        let opinion = try await opinion(scope, id: opinionID)
        let meeting = try await meeting(scope, id: opinion.meetingID)
        guard FollowUpStore.mayAct(scope, for: meeting.organisationID) else { throw AppError.forbidden }
        guard opinion.itemID == nil else { throw ValidationError(["organisation_id": "error_followup_already_routed"]) }
        return try await followUps.add(scope, source: .opinion, sourceID: opinion.id, owner: (meeting.organisationID, meeting.unitID),
                                       title: String(opinion.text.prefix(300)), start: CivilDate(iso: meeting.heldOn)!, input: input, today: today) { sql, id in
            // Only an opinion not yet routed: the same form posted twice routes it once.
            let changed = try await sql.update("opinions").set(\O.itemID, to: id).where("id", .equal, opinionID)
                .where(SQLIdentifier(ColumnName.of(\O.itemID)), .is, SQLLiteral.null).returning("id").all()
            guard !changed.isEmpty else { throw ValidationError(["organisation_id": "error_followup_already_routed"]) }
        }
    }

    /// Publishes an answered opinion with its public words (or withdraws it), or records that the raiser was told.
    func mark(_ scope: Scope, opinionID: UUID, publish: Publication? = nil, told: Bool? = nil, now: Date = Date()) async throws {
        let opinion = try await opinion(scope, id: opinionID)
        // What reaches the public page is written by the host's own people (or a leader above), not by any officer in reach.
        guard FollowUpStore.mayAct(scope, for: opinion.organisationID) else { throw AppError.forbidden }
        var checked: (text: String, answer: String)?
        if case .publish(let entered, let answer)? = publish {
            guard let itemID = opinion.itemID, try await followUps.item(scope, id: itemID).itemStatus == .done else {
                throw ValidationError(["publish": "error_followup_publish_unanswered"])
            }
            let text = entered.trimmingCharacters(in: .whitespacesAndNewlines), answer = answer.trimmingCharacters(in: .whitespacesAndNewlines)
            let problems = FollowUpStore.textProblems([("public_text", text, 5_000, true), ("public_answer", answer, FollowUpStore.maxText, true)])
            guard problems.isEmpty else { throw ValidationError(problems) }
            checked = (text, answer)
        }
        let words = checked
        try await database.db.transaction { tx in
            var update = (tx as! any SQLDatabase).update("opinions")
            switch publish {
            case .publish?: update = update.set(\O.publishedAt, to: now).set(\O.publicText, to: words?.text).set(\O.publicAnswer, to: words?.answer)
            case .withdraw?: update = update.set(\O.publishedAt, to: Date?.none)
            case nil: break
            }
            if let told { update = update.set(\O.raiserTold, to: told) }
            try await update.where("id", .equal, opinionID).run()
            var after = ["raiser_told": told.map(String.init) ?? ""]
            switch publish {
            case .publish?: after.merge(["published": "true", "public_text": words?.text ?? "", "public_answer": words?.answer ?? ""]) { $1 }
            case .withdraw?: after["published"] = "false"
            case nil: break
            }
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "opinion", recordID: opinionID, summary: String(opinion.text.prefix(80)),
                                      after: after)
        }
    }

    /// The published opinions and their answers in the words published (the public page: no scope, no person), the newest first.
    func published(offset: Int, limit: Int = 30) async throws -> (rows: [PublishedOpinionRow], total: Int) {
        let rows = try await sql.raw("""
            SELECT op.\(\O.publicText) AS public_text, op.field AS field, u.name AS unit_name, m.\(\M.heldOn) AS held_on, o.name AS organisation_name,
              op.\(\O.publicAnswer) AS public_answer, f.\(\I.answeredOn) AS answered_on
            FROM opinions op JOIN meetings m ON m.id = op.\(\O.meetingID) JOIN organisation_units u ON u.id = COALESCE(m.\(\M.placeUnitID), m.\(\M.unitID))
            JOIN follow_up_items f ON f.id = op.\(\O.itemID) JOIN organisations o ON o.id = f.\(\I.organisationID)
            WHERE op.\(\O.publishedAt) IS NOT NULL AND op.\(\O.publicText) IS NOT NULL ORDER BY op.\(\O.publishedAt) DESC, op.id LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """).rows(PublishedOpinionRow.self)
        struct Count: Decodable { var n: Int }
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM opinions op WHERE op.\(\O.publishedAt) IS NOT NULL AND op.\(\O.publicText) IS NOT NULL")
            .row(Count.self)?.n ?? 0
        return (rows, total)
    }
}
