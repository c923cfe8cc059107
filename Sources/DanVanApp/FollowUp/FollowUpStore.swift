import DanVanDomain
import FluentKit
import Foundation
import SQLKit

private typealias I = FollowUpItemRecord
private typealias H = FollowUpAssignmentRecord

/// A follow-up item as its page and lists show it.
struct FollowUpRow: Sendable, Codable {
    var id: UUID
    var source: String
    var sourceID: UUID
    var title: String
    var ownerOrganisationID: UUID
    var ownerUnitID: UUID
    var ownerOrganisationName: String
    var organisationID: UUID
    var organisationName: String
    var unitName: String
    var assignmentID: UUID
    var openedOn: String
    var dueOn: String
    var dueRule: String?
    var status: String
    var answer: String?
    var answeredOn: String?
    var declineReason: String?

    var itemStatus: FollowUpStatus { FollowUpStatus(rawValue: status) ?? .open }
}

/// One assignment of an item's history.
struct FollowUpHistoryRow: Sendable, Codable {
    var organisationName: String
    var dueOn: String
    var reason: String
    var outcome: String?
    var outcomeReason: String?
    var endedAt: Date?
    var createdBy: String
    var createdAt: Date
}

/// Where a new item goes and by when: a fixed day (dd/mm/yyyy), or a number of working days
/// counted by the legal calendar from the day it is set.
struct FollowUpDueInput: Sendable {
    var organisationID: UUID?
    var dueOn: String = ""
    var workingDays: String = ""
    var reason: String = ""
}

/// What the item's page posts: an action, the assignment the form was shown with, and its words.
struct FollowUpActionInput: Sendable {
    var action: String
    /// The assignment the form was shown for: another one means the item changed (or the form was posted twice).
    var assignmentID: UUID?
    var answer: String = ""
    var reason: String = ""
    var target = FollowUpDueInput()
    var attachments: [AttachmentInput] = []
}

/// Which items a list shows.
struct FollowUpFilter: Sendable, Equatable {
    var unitID: UUID
    /// Items set within the period (`opened_on`); nil for any day.
    var period: ReportPeriod?
    var status: FollowUpStatus?
    /// `overdue` or `due_soon` (pending items past or near their due date today).
    var due: FollowUpDueState?
    var source: FollowUpSource?
    /// The items held by the unit's organisations, or those they set.
    var side: FollowUpSide = .held
    /// Opinions of a level of competence alone.
    var level: OpinionLevel? = nil
    /// One organisation's items alone: those it holds, or (side set) those it set.
    var organisationID: UUID? = nil

    /// The items counts are taken over: the status and the due state are what they count, not filters.
    var counted: FollowUpFilter {
        var filter = self
        filter.status = nil
        filter.due = nil
        return filter
    }
}

/// Counts of a subtree and period, by status, with the pending ones past due.
struct FollowUpCounts: Sendable, Equatable {
    var byStatus: [FollowUpStatus: Int]
    var overdue: Int
    var dueSoon: Int
    var total: Int { byStatus.values.reduce(0, +) }
}

/// Follow-up items: opinions routed to agencies, tasks of documents, remedies after inspections.
/// Everything through the caller's scope: an item is seen by the reach of its owner and of
/// the organisation it is assigned to; the assignee answers or declines it, the owner
/// re-assigns or cancels it.
struct FollowUpStore: Sendable {
    let database: AppDatabase
    let calendars: CalendarStore
    var sql: any SQLDatabase { database.sql }

    init(database: AppDatabase) {
        self.database = database
        self.calendars = CalendarStore(database: database)
    }

    static let maxText = 20_000

    /// What is wrong with each text field: (form field, value, longest, required) → catalogue key.
    static func textProblems(_ fields: [(String, String, Int, Bool)]) -> [String: String] {
        var problems: [String: String] = [:]
        for (name, value, limit, required) in fields {
            if value.isEmpty { if required { problems[name] = "error_required" } }
            else if value.count > limit { problems[name] = "error_too_long" }
            else if VietnameseText.validationProblem(value) != nil { problems[name] = "error_text_encoding" }
        }
        return problems
    }

    static func assigneeInScope(_ scope: Scope, shape: Reach.Shape = .probe) -> SQLQueryString {
        Reach.condition(scope, unit: "f.\(\I.unitID)", organisation: "f.\(\I.organisationID)", shape: shape)
    }

    static func ownerInScope(_ scope: Scope) -> SQLQueryString {
        Reach.condition(scope, unit: "f.\(\I.ownerUnitID)", organisation: "f.\(\I.ownerOrganisationID)", shape: .probe)
    }

    static func inScope(_ scope: Scope) -> SQLQueryString {
        "(" + assigneeInScope(scope) + " OR " + ownerInScope(scope) + ")"
    }

    static let select: SQLQueryString = """
        SELECT \(unsafeRaw: RowColumns.select(FollowUpRow.self, from: "f", joined: [\.organisationName: "o.name", \.unitName: "u.name", \.ownerOrganisationName: "w.name"]))
        FROM follow_up_items f JOIN organisations o ON o.id = f.\(\I.organisationID) JOIN organisation_units u ON u.id = f.\(\I.unitID)
        JOIN organisations w ON w.id = f.\(\I.ownerOrganisationID)
        """

    func item(_ scope: Scope, id: UUID) async throws -> FollowUpRow {
        guard let row = try await sql.raw("\(Self.select) WHERE f.id = \(bind: id) AND \(Self.inScope(scope))").row(FollowUpRow.self)
        else { throw AppError.notFound }
        return row
    }

    /// The items of some sources (a meeting's opinions, a document's tasks), in reach.
    func items(_ scope: Scope, sourceIDs: [UUID]) async throws -> [FollowUpRow] {
        guard !sourceIDs.isEmpty else { return [] }
        let list = sourceIDs.map { "\(bind: $0)" as SQLQueryString }.joined(", ")
        return try await sql.raw("\(Self.select) WHERE f.\(\I.sourceID) IN (\(list)) AND \(Self.inScope(scope)) ORDER BY f.\(\I.createdAt)").rows(FollowUpRow.self)
    }

    func history(_ scope: Scope, id: UUID) async throws -> [FollowUpHistoryRow] {
        _ = try await item(scope, id: id)
        return try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(FollowUpHistoryRow.self, from: "h", joined: [\.organisationName: "o.name"]))
            FROM follow_up_assignments h JOIN organisations o ON o.id = h.\(\H.organisationID)
            WHERE h.\(\H.itemID) = \(bind: id) ORDER BY h.\(\H.createdAt), h.\(\H.dueOn)
            """).rows(FollowUpHistoryRow.self)
    }

    func attachments(_ scope: Scope, id: UUID) async throws -> [(id: UUID, filename: String, size: Int)] {
        _ = try await item(scope, id: id)
        struct Row: Decodable { var id: UUID; var filename: String; var size: Int }
        return try await sql.raw("""
            SELECT a.id, a.filename, a.size FROM follow_up_attachments a WHERE a.\(\FollowUpAttachmentRecord.itemID) = \(bind: id) ORDER BY a.filename
            """).rows(Row.self).map { ($0.id, $0.filename, $0.size) }
    }

    func attachment(_ scope: Scope, id: UUID, attachmentID: UUID) async throws -> FollowUpAttachmentRecord {
        _ = try await item(scope, id: id)
        guard let row = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(FollowUpAttachmentRecord.self, from: "a")) FROM follow_up_attachments a
            WHERE a.id = \(bind: attachmentID) AND a.\(\FollowUpAttachmentRecord.itemID) = \(bind: id)
            """).row(FollowUpAttachmentRecord.self) else { throw AppError.notFound }
        return row
    }

    // MARK: Assigning

    /// The organisation an item may be assigned to: in the caller's reach and current on the day.
    /// Its problems are the form's, on the field `organisation_id`.
    static func target(_ scope: Scope, organisationID: UUID?, on day: CivilDate, database: AppDatabase) async throws -> OrganisationSummary {
        guard let id = organisationID else { throw ValidationError(["organisation_id": "error_required"]) }
        let organisation: OrganisationSummary
        do { organisation = try await OrganisationStore(database: database).organisation(scope, id: id) } catch let error as AppError where error.status == .notFound {
            throw ValidationError(["organisation_id": "error_followup_out_of_reach"])
        }
        guard OrganisationStore.isValid(from: organisation.validFrom, to: organisation.validTo, on: day) else {
            throw ValidationError(["organisation_id": "error_followup_not_current"])
        }
        return organisation
    }

    /// The due date an input asks for, by the legal calendar: working days counted from the day
    /// the item is set (`setOn`: routing an older meeting's opinion today gives it its days from
    /// today), or the fixed day — not before `start` (the meeting, the document), and moved to the
    /// next working day when it falls on a day off (a Sunday, Tết), as a legal deadline is.
    func due(_ input: FollowUpDueInput, from start: CivilDate, setOn: CivilDate) async throws -> (day: CivilDate, rule: String?) {
        let calendar = try await calendars.calendar()
        if !input.workingDays.isEmpty {
            guard let days = Int(input.workingDays), (1...365).contains(days) else { throw ValidationError(["working_days": "error_followup_working_days"]) }
            return (calendar.adding(workingDays: days, to: max(start, setOn)), "working_days:\(days)")
        }
        guard !input.dueOn.isEmpty else { throw ValidationError(["due_on": "error_required"]) }
        guard let day = CivilDate(entered: input.dueOn) else { throw ValidationError(["due_on": "error_bad_date"]) }
        guard day >= start else { throw ValidationError(["due_on": "error_followup_due_before_start"]) }
        return (calendar.firstWorkingDay(onOrAfter: day), nil)
    }

    /// A new item, assigned, inside the caller's transaction: the item, its first assignment,
    /// the assignee's notifications and the audit entry. The organisation is checked by the caller (``target``).
    static func insert(on sql: any SQLDatabase, scope: Scope, source: FollowUpSource, sourceID: UUID, title: String,
                       owner: (organisationID: UUID, unitID: UUID), assignee: OrganisationSummary, opened: CivilDate,
                       due: (day: CivilDate, rule: String?), reason: String = "", now: Date = Date(), id: UUID = UUID()) async throws -> UUID {
        let assignment = UUID()
        try await sql.insert(into: "follow_up_items").values(of: I(
            id: id, source: source.rawValue, sourceID: sourceID, title: title, ownerOrganisationID: owner.organisationID, ownerUnitID: owner.unitID,
            organisationID: assignee.id, unitID: assignee.unitID, assignmentID: assignment, openedOn: opened.iso, dueOn: due.day.iso, dueRule: due.rule,
            status: FollowUpStatus.open.rawValue, answer: nil, answeredOn: nil, declineReason: nil, createdBy: scope.username, createdAt: now, updatedAt: now)).run()
        try await sql.insert(into: "follow_up_assignments").values(of: H(
            id: assignment, itemID: id, organisationID: assignee.id, unitID: assignee.unitID, dueOn: due.day.iso, reason: reason, outcome: nil,
            outcomeReason: nil, endedAt: nil, createdBy: scope.username, createdAt: now)).run()
        try await Inbox.notify(on: sql, organisationID: assignee.id, kind: .assigned, subjectID: id, occasion: assignment.uuidString, title: title, now: now)
        try await AuditLog.record(on: sql as! any FluentKit.Database, scope: scope, action: .create, recordType: "follow_up_item", recordID: id,
                                  summary: "\(title) → \(assignee.name)", after: ["organisation": assignee.name, "due_on": due.day.iso, "source": source.rawValue])
        return id
    }

    /// A new item of a source the caller set (a task of a document, a remedy of an inspection):
    /// its words, an organisation in reach and current, a due date not before `start`; all or nothing.
    func add(_ scope: Scope, source: FollowUpSource, sourceID: UUID, owner: (organisationID: UUID, unitID: UUID), title entered: String, start: CivilDate,
             input: FollowUpDueInput, today: CivilDate = CivilDate.today(now: Date()), formID: UUID? = nil,
             also: @escaping @Sendable (any SQLDatabase, UUID) async throws -> Void = { _, _ in }) async throws -> UUID {
        let title = entered.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems = Self.textProblems([("title", title, 2_000, true)])
        var target: OrganisationSummary?, due: (day: CivilDate, rule: String?)?
        do { target = try await Self.target(scope, organisationID: input.organisationID, on: today, database: database) } catch let error as ValidationError {
            problems.merge(error.fields) { first, _ in first }
        }
        do { due = try await self.due(input, from: start, setOn: today) } catch let error as ValidationError { problems.merge(error.fields) { first, _ in first } }
        guard problems.isEmpty, let target, let due else { throw ValidationError(problems) }
        let id = try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            if let formID { try await Self.refuseTwice(on: sql, table: "follow_up_items", id: formID) }
            let id = try await Self.insert(on: sql, scope: scope, source: source, sourceID: sourceID, title: title, owner: owner, assignee: target,
                                           opened: start, due: due, id: formID ?? UUID())
            try await also(sql, id)
            return id
        }
        return id
    }

    /// A form names the record it makes (its hidden `form_id`, made when the form was shown): posted
    /// again, it finds the record there and is refused, and nothing is stored twice.
    static func refuseTwice(on sql: any SQLDatabase, table: String, id: UUID) async throws {
        struct Found: Decodable { var id: UUID }
        if try await sql.raw("SELECT t.id FROM \(ident: table) t WHERE t.id = \(bind: id)").row(Found.self) != nil {
            throw ValidationError(["form": "error_followup_posted_twice"])
        }
    }

    // MARK: Acting

    /// The roles that act on items (a front supervisor or a reception officer alone reads them).
    static let actors: [Role] = [.reportingOfficer, .handlingOfficer, .danVanStaff, .leader, .administrator]

    /// Who acts for an organisation it reaches: its own people with a role that acts, or a leader
    /// or administrator whose subtree holds it (another organisation's staff only reads its items).
    static func mayAct(_ scope: Scope, for organisationID: UUID) -> Bool {
        guard actors.contains(where: scope.has) else { return false }
        return scope.organisationID == organisationID || (scope.mode == .subtree && (scope.has(.leader) || scope.has(.administrator)))
    }

    /// Which side of an item the caller reaches, in one query: the organisation it is assigned to
    /// (they answer or decline it) and the one that set it (they re-assign or cancel it).
    func access(_ scope: Scope, id: UUID) async throws -> (assignee: Bool, owner: Bool) {
        struct Row: Decodable { var assignee: Int; var owner: Int }
        let row = try await sql.raw("""
            SELECT CASE WHEN \(Self.assigneeInScope(scope)) THEN 1 ELSE 0 END AS assignee, CASE WHEN \(Self.ownerInScope(scope)) THEN 1 ELSE 0 END AS owner
            FROM follow_up_items f WHERE f.id = \(bind: id)
            """).row(Row.self)
        return (row?.assignee == 1, row?.owner == 1)
    }

    /// Starts, answers, declines, re-assigns or cancels an item, all or nothing. The assignee
    /// starts, answers and declines; the owner re-assigns and cancels.
    func act(_ scope: Scope, id: UUID, input: FollowUpActionInput, today: CivilDate = CivilDate.today(now: Date()), now: Date = Date()) async throws {
        let item = try await item(scope, id: id)
        guard let action = FollowUpAction(rawValue: input.action) else { throw ValidationError(["action": "error_required"]) }
        let (isAssignee, isOwner) = try await access(scope, id: id)
        switch action {
        case .start, .answer, .decline:
            guard isAssignee else { throw AppError.notFound }
            guard Self.mayAct(scope, for: item.organisationID) else { throw AppError.forbidden }
        case .reassign, .cancel:
            guard isOwner else { throw AppError.notFound }
            guard Self.mayAct(scope, for: item.ownerOrganisationID) else { throw AppError.forbidden }
        }
        guard input.assignmentID == item.assignmentID else { throw ValidationError(["action": "error_followup_changed"]) }
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let answer = input.answer.trimmingCharacters(in: .whitespacesAndNewlines)
        let next: FollowUpStatus
        do { next = try item.itemStatus.after(action, reason: reason) } catch {
            switch error {
            case .reasonRequired: throw ValidationError(["reason": "error_followup_reason_required"])
            case .notAllowed: throw ValidationError(["action": "error_followup_not_allowed_" + item.status])
            }
        }
        var problems = Self.textProblems([("answer", answer, Self.maxText, false), ("reason", reason, Self.maxText, false)])
        if action == .answer && answer.isEmpty { problems["answer"] = "error_followup_answer_required" }
        if let problem = input.attachments.lazy.compactMap(LetterStore.attachmentProblem).first { problems["attachment"] = problem }
        if !problems.isEmpty { throw ValidationError(problems) }
        var reassignment: (target: OrganisationSummary, due: (day: CivilDate, rule: String?))?
        if action == .reassign {
            let organisation = try await Self.target(scope, organisationID: input.target.organisationID, on: today, database: database)
            if organisation.id == item.organisationID { throw ValidationError(["organisation_id": "error_followup_same_organisation"]) }
            reassignment = (organisation, try await self.due(input.target, from: today, setOn: today))
        }
        let target = reassignment?.target, due = reassignment?.due
        let assignment = UUID()
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            // The status and the assignment the form saw, checked again in the transaction: a form posted twice changes nothing twice.
            var update = sql.update("follow_up_items").set(\I.status, to: next.rawValue).set(\I.updatedAt, to: now)
            switch action {
            case .start, .cancel: break
            case .answer: update = update.set(\I.answer, to: answer).set(\I.answeredOn, to: today.iso)
            case .decline: update = update.set(\I.declineReason, to: reason)
            case .reassign:
                update = update.set(\I.organisationID, to: target!.id).set(\I.unitID, to: target!.unitID).set(\I.assignmentID, to: assignment)
                    .set(\I.dueOn, to: due!.day.iso).set(\I.dueRule, to: due!.rule).set(\I.declineReason, to: String?.none)
            }
            let changed = try await update.where("id", .equal, id).where(SQLIdentifier(ColumnName.of(\I.assignmentID)), .equal, item.assignmentID)
                .where("status", .equal, item.status).returning("id").all()
            guard !changed.isEmpty else { throw ValidationError(["action": "error_followup_changed"]) }
            if action != .start {
                let ended = try await sql.update("follow_up_assignments").set(\H.outcome, to: action.rawValue).set(\H.outcomeReason, to: reason.isEmpty ? nil : reason)
                    .set(\H.endedAt, to: now).where("id", .equal, item.assignmentID).where(SQLIdentifier(ColumnName.of(\H.outcome)), .is, SQLLiteral.null)
                    .returning("id").all()
                // A declined item is back with its owner: cancelling it is a line of its own in the history.
                if ended.isEmpty && action == .cancel {
                    try await sql.insert(into: "follow_up_assignments").values(of: H(
                        id: UUID(), itemID: id, organisationID: item.ownerOrganisationID, unitID: item.ownerUnitID, dueOn: item.dueOn, reason: "",
                        outcome: action.rawValue, outcomeReason: reason, endedAt: now, createdBy: scope.username, createdAt: now)).run()
                }
            }
            if let target, let due {
                try await sql.insert(into: "follow_up_assignments").values(of: H(
                    id: assignment, itemID: id, organisationID: target.id, unitID: target.unitID, dueOn: due.day.iso, reason: reason, outcome: nil,
                    outcomeReason: nil, endedAt: nil, createdBy: scope.username, createdAt: now)).run()
                try await Inbox.notify(on: sql, organisationID: target.id, kind: .assigned, subjectID: id, occasion: assignment.uuidString, title: item.title, now: now)
                // The organisation it was taken from learns it is no longer theirs.
                if item.itemStatus.isPending {
                    try await Inbox.notify(on: sql, organisationID: item.organisationID, kind: .reassigned, subjectID: id, occasion: item.assignmentID.uuidString,
                                           title: item.title, now: now)
                }
            }
            for file in input.attachments {
                try await sql.insert(into: "follow_up_attachments").values(of: FollowUpAttachmentRecord(
                    id: UUID(), itemID: id, filename: file.filename, contentType: FileKind.of(file.data, filename: file.filename)?.mimeType ?? "application/octet-stream",
                    size: file.data.count, data: Data(file.data), createdAt: now)).run()
            }
            let told: NotificationKind? = switch action {
            case .answer: .answered
            case .decline: .declined
            case .cancel: .cancelled
            case .start, .reassign: nil
            }
            if let told {
                let whom = told == .cancelled ? item.organisationID : item.ownerOrganisationID
                try await Inbox.notify(on: sql, organisationID: whom, kind: told, subjectID: id, occasion: item.assignmentID.uuidString, title: item.title, now: now)
            }
            if action == .answer && item.source == FollowUpSource.opinion.rawValue {
                try await Self.tellRaiser(on: sql, item: item, now: now)
            }
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "follow_up_item", recordID: id, summary: "\(item.title): \(action.rawValue)",
                                      before: ["status": item.status, "organisation": item.organisationName],
                                      after: ["status": next.rawValue, "organisation": target?.name ?? item.organisationName, "reason": reason,
                                              "due_on": due?.day.iso ?? item.dueOn])
        }
    }

    /// An opinion answered: the organisation that raised it (when one did) is told in its inbox — and
    /// so in its users' e-mail digest —, and the opinion records that its raiser was told when
    /// someone there was (the owner, told of every answer, counts when it raised it itself).
    static func tellRaiser(on sql: any SQLDatabase, item: FollowUpRow, now: Date) async throws {
        typealias O = OpinionRecord
        struct Raiser: Decodable { var id: UUID; var raiserOrganisationID: UUID? }
        guard let opinion = try await sql.raw("""
            SELECT op.id, op.\(\O.raiserOrganisationID) FROM opinions op WHERE op.id = \(bind: item.sourceID) AND op.\(\O.itemID) = \(bind: item.id)
            """).row(Raiser.self), let raiser = opinion.raiserOrganisationID else { return }
        let reached = try await Inbox.notify(on: sql, organisationID: raiser, kind: .answered, subjectID: item.id, occasion: item.assignmentID.uuidString,
                                             title: item.title, now: now)
        if reached > 0 || raiser == item.ownerOrganisationID {
            try await sql.update("opinions").set(\O.raiserTold, to: true).where("id", .equal, opinion.id).run()
        }
    }

    // MARK: Lists and counts

    /// The pending statuses, bound: `f.status IN (…)`.
    static var pending: SQLQueryString {
        "f.status IN (" + FollowUpStatus.pending.map { "\(bind: $0.rawValue)" as SQLQueryString }.joined(", ") + ")"
    }

    private func conditions(_ scope: Scope, _ filter: FollowUpFilter, today: CivilDate, soon: CivilDate) -> SQLQueryString {
        let place: (unit: SQLQueryString, organisation: SQLQueryString) = switch filter.side {
        case .held: ("f.\(\I.unitID)", "f.\(\I.organisationID)")
        case .set: ("f.\(\I.ownerUnitID)", "f.\(\I.ownerOrganisationID)")
        }
        var parts: [SQLQueryString] = [Reach.condition(scope, unit: place.unit, organisation: place.organisation, within: filter.unitID)]
        if let period = filter.period {
            parts.append("f.\(\I.openedOn) >= \(bind: period.from.iso) AND f.\(\I.openedOn) <= \(bind: period.to.iso)")
        }
        if let organisation = filter.organisationID { parts.append(place.organisation + " = \(bind: organisation)") }
        if let status = filter.status { parts.append("f.status = \(bind: status.rawValue)") }
        if let source = filter.source { parts.append("f.source = \(bind: source.rawValue)") }
        if let level = filter.level {
            parts.append("EXISTS (SELECT 1 FROM opinions op WHERE op.\(\OpinionRecord.itemID) = f.id AND op.level = \(bind: level.rawValue))")
        }
        switch filter.due {
        case .overdue?: parts.append(Self.pending + " AND f.\(\I.dueOn) < \(bind: today.iso)")
        case .dueSoon?: parts.append(Self.pending + " AND f.\(\I.dueOn) >= \(bind: today.iso) AND f.\(\I.dueOn) <= \(bind: soon.iso)")
        case .onTime?: parts.append(Self.pending + " AND f.\(\I.dueOn) > \(bind: soon.iso)")
        case nil: break
        }
        return parts.joined(" AND ")
    }

    /// A page of the items a filter selects, the earliest due first.
    func list(_ scope: Scope, filter: FollowUpFilter, offset: Int, limit: Int = 50, today: CivilDate) async throws -> (rows: [FollowUpRow], total: Int) {
        _ = try await UnitStore(database: database).unit(scope, id: filter.unitID)
        let soon = FollowUpDue.soonLimit(today: today, calendar: try await calendars.recentCalendar())
        let condition = conditions(scope, filter, today: today, soon: soon)
        // The page's ids first, from the index alone (unit, status, due date, id); then their rows and names.
        let page: SQLQueryString = "SELECT f.id FROM follow_up_items f WHERE \(condition) ORDER BY f.\(\I.dueOn), f.id LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))"
        let rows = try await sql.raw("\(Self.select) WHERE f.id IN (\(page)) ORDER BY f.\(\I.dueOn), f.id").rows(FollowUpRow.self)
        return (rows, try await count(scope, filter: filter, today: today, soon: soon))
    }

    /// How many items a filter selects: the total of its list.
    func count(_ scope: Scope, filter: FollowUpFilter, today: CivilDate, soon known: CivilDate? = nil) async throws -> Int {
        let soon = if let known { known } else { FollowUpDue.soonLimit(today: today, calendar: try await calendars.recentCalendar()) }
        struct Count: Decodable { var n: Int }
        return try await sql.raw("SELECT COUNT(*) AS n FROM follow_up_items f WHERE \(conditions(scope, filter, today: today, soon: soon))").row(Count.self)?.n ?? 0
    }

    /// The counts of a filter's subtree, period, side, source and level by status, with the pending
    /// ones past due today and due soon (its status and due filters are not applied: they are what is counted).
    func counts(_ scope: Scope, filter entered: FollowUpFilter, today: CivilDate) async throws -> FollowUpCounts {
        _ = try await UnitStore(database: database).unit(scope, id: entered.unitID)
        let filter = entered.counted
        let soon = FollowUpDue.soonLimit(today: today, calendar: try await calendars.recentCalendar())
        let condition = conditions(scope, filter, today: today, soon: soon)
        struct Row: Decodable { var status: String; var n: Int; var late: Int; var soon: Int }
        let rows = try await sql.raw("""
            SELECT f.status AS status, COUNT(*) AS n, SUM(CASE WHEN f.\(\I.dueOn) < \(bind: today.iso) THEN 1 ELSE 0 END) AS late,
              SUM(CASE WHEN f.\(\I.dueOn) >= \(bind: today.iso) AND f.\(\I.dueOn) <= \(bind: soon.iso) THEN 1 ELSE 0 END) AS soon
            FROM follow_up_items f WHERE \(condition) GROUP BY f.status
            """).rows(Row.self)
        var counts = FollowUpCounts(byStatus: Dictionary(uniqueKeysWithValues: FollowUpStatus.allCases.map { ($0, 0) }), overdue: 0, dueSoon: 0)
        for row in rows {
            guard let status = FollowUpStatus(rawValue: row.status) else { continue }
            counts.byStatus[status] = row.n
            if status.isPending {
                counts.overdue += row.late
                counts.dueSoon += row.soon
            }
        }
        return counts
    }

    /// For each of `units` (the units below the filter's), how many items of the filter lie in its
    /// subtree (history included) and how many of them are pending past due today: one query.
    func countsBelow(_ scope: Scope, filter entered: FollowUpFilter, units: [UUID], today: CivilDate) async throws -> [UUID: (total: Int, overdue: Int)] {
        guard !units.isEmpty else { return [:] }
        let filter = entered.counted
        let condition = conditions(scope, filter, today: today, soon: today)
        let column: SQLQueryString = filter.side == .set ? "f.\(\I.ownerUnitID)" : "f.\(\I.unitID)"
        struct Row: Decodable { var unitID: UUID; var n: Int; var late: Int }
        let rows = try await sql.raw("""
            SELECT \(Reach.container("c")) AS unit_id, COUNT(*) AS n,
              SUM(CASE WHEN \(Self.pending) AND f.\(\I.dueOn) < \(bind: today.iso) THEN 1 ELSE 0 END) AS late
            FROM follow_up_items f\(Reach.join(under: units, column: column, as: "c")) WHERE \(condition) GROUP BY \(Reach.container("c"))
            """).rows(Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.unitID, ($0.n, $0.late)) })
    }

    func counts(_ scope: Scope, unitID: UUID, period: ReportPeriod?, source: FollowUpSource? = nil, today: CivilDate) async throws -> FollowUpCounts {
        try await counts(scope, filter: FollowUpFilter(unitID: unitID, period: period, source: source), today: today)
    }
}
