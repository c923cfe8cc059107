import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// Filters of the work lists and of the lists behind statistics figures.
struct LetterQuery: Sendable {
    /// The subtree (with history) the list covers; nil = the caller's whole scope.
    var unitID: UUID?
    var organisationID: UUID?
    var statuses: [LetterStatus] = []
    var kinds: [LetterKind] = []
    /// Open cases whose current due date is on or before this date (due soon)…
    var dueBy: CivilDate?
    /// …and not before this one (not yet overdue: the overdue list has those).
    var dueFrom: CivilDate?
    /// Open cases whose current due date is before this date (overdue).
    var overdueOn: CivilDate?
    var handlerID: UUID?
    /// Accepted cases that no handling officer has yet (`handler=none`): a leader's to assign.
    var unassigned = false
    /// Folded search over code, subject, content and (not for denunciations) the sender's name.
    var search: String?
    /// Letters that meet every figure over the period (a statistics figure, or a form's column).
    var figures: ([LetterFigure], ReportPeriod)?
    var sort: LetterSort = .dueOn
    var limit = 100
    var offset = 0
}

enum LetterSort: String, Sendable, CaseIterable {
    case dueOn = "due"
    case receivedNewest = "received_desc"
    case receivedOldest = "received"
    case code

    var sql: SQLQueryString {
        switch self {
        case .dueOn: "CASE WHEN l.\(\L.dueOn) IS NULL THEN 1 ELSE 0 END, l.\(\L.dueOn), l.\(\L.receivedOn)"
        case .receivedNewest: "l.\(\L.receivedOn) DESC, l.code DESC"
        case .receivedOldest: "l.\(\L.receivedOn), l.code"
        case .code: "l.code"
        }
    }
}

/// Every query over letters and cases, each through the caller's scope, and
/// every change as an event in one transaction with its audit entry.
struct LetterStore: Sendable {
    let database: AppDatabase
    let calendars: CalendarStore
    /// Attachments above this size are refused.
    static let maxAttachmentBytes = 10 * 1024 * 1024

    init(database: AppDatabase) {
        self.database = database
        self.calendars = CalendarStore(database: database)
    }

    var sql: any SQLDatabase { database.sql }

    /// The columns of a list row and of a case, read from `LetterRow` and `LetterDetail`.
    static let listColumns = RowColumns.select(LetterRow.self, from: "l", joined: [\.unitName: "u.name", \.organisationName: "o.name"])
    static let detailColumns = RowColumns.select(LetterDetail.self, from: "l",
                                                 joined: [\.unitName: "u.name", \.organisationName: "o.name", \.organisationKind: "o.kind"])

    /// The names a letter row shows: its unit and its organisation.
    static let names: SQLQueryString = "JOIN organisation_units u ON u.id = l.\(\L.unitID) JOIN organisations o ON o.id = l.\(\L.organisationID)"
    static let from: SQLQueryString = "FROM letters l " + names

    /// The reach condition on `l` for a scope.
    static func inScope(_ scope: Scope) -> SQLQueryString {
        Reach.condition(scope, unit: "l.\(\L.unitID)", organisation: "l.\(\L.organisationID)")
    }

    /// The subtree of a unit, history included (reports over a 2025 unit include its predecessors).
    static func inSubtree(_ unitID: UUID) -> SQLQueryString {
        Reach.subtree("l.\(\L.unitID)", of: unitID)
    }

    /// The reach of a scope and the subtree of a unit together, as one list of
    /// units that starts from the (small) subtree: the same letters as
    /// `inScope(scope) AND inSubtree(unitID)`, without walking the whole reach of a
    /// national scope for each query.
    static func inScope(_ scope: Scope, subtree unitID: UUID) -> SQLQueryString {
        Reach.condition(scope, unit: "l.\(\L.unitID)", organisation: "l.\(\L.organisationID)", within: unitID)
    }

    // MARK: Reading

    /// One page of letters. A search chooses the page on the letters alone (an
    /// index of each unit's letters holds the search text and the order:
    /// ``AddLetterSearchIndex``, ``AddLetterSearchCover``) and reads the rows and
    /// names of that page only; everything else is one query. Measured at
    /// 1,000,000 letters, province search p95: SQLite 97 → 15 ms, PostgreSQL
    /// 152 → 23 ms.
    func letters(_ scope: Scope, query: LetterQuery) async throws -> [LetterRow] {
        try await checkUnit(scope, query.unitID)
        return try await sql.raw(pageSelect(scope, query, counted: false)).rows(LetterRow.self)
    }

    /// One page of letters and how many the query finds in all, in one statement (a page of
    /// the list asked for both in two, measured under `danvan bench pages`: one round trip
    /// and one statement fewer per request). A page past the end reads the count on its own.
    func page(_ scope: Scope, query: LetterQuery) async throws -> (rows: [LetterRow], total: Int) {
        try await checkUnit(scope, query.unitID)
        let counted = try await sql.raw(pageSelect(scope, query, counted: true)).rows(Counted<LetterRow>.self)
        guard let total = counted.first?.total else { return ([], query.offset == 0 ? 0 : try await count(scope, query: query)) }
        return (counted.map(\.row), total)
    }

    /// The select of a page; `counted` adds the count of the whole query as `total_count`.
    private func pageSelect(_ scope: Scope, _ query: LetterQuery, counted: Bool) -> SQLQueryString {
        let page: SQLQueryString = "ORDER BY \(query.sort.sql) LIMIT \(literal: query.limit) OFFSET \(literal: query.offset)"
        let total: SQLQueryString = counted ? ", (SELECT COUNT(*) FROM letters l WHERE \(conditions(scope, query))) AS total_count" : ""
        return (query.search ?? "").isEmpty
            ? "SELECT \(unsafeRaw: Self.listColumns)\(total) \(Self.from) WHERE \(conditions(scope, query)) \(page)"
            : """
              SELECT \(unsafeRaw: Self.listColumns)\(total) FROM (SELECT l.id FROM letters l WHERE \(conditions(scope, query)) \(page)) page
              JOIN letters l ON l.id = page.id \(Self.names)
              ORDER BY \(query.sort.sql)
              """
    }

    func count(_ scope: Scope, query: LetterQuery) async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await sql.raw("SELECT COUNT(*) AS n FROM letters l WHERE \(conditions(scope, query))").row(Count.self)?.n ?? 0
    }

    /// Open cases per handling officer, for the "by officer" work list.
    func openByHandler(_ scope: Scope, unitID: UUID?) async throws -> [(handlerID: UUID?, name: String?, open: Int, overdue: Int)] {
        struct Row: Decodable { var handlerID: UUID?; var handlerName: String?; var open: Int; var overdue: Int }
        let today = CivilDate.today(now: Date()).iso
        try await checkUnit(scope, unitID)
        var query = LetterQuery(unitID: unitID)
        query.statuses = LetterStatus.open
        let rows = try await sql.raw("""
            SELECT l.\(\L.handlerID), l.\(\L.handlerName), COUNT(*) AS open, SUM(CASE WHEN l.\(\L.dueOn) < \(bind: today) THEN 1 ELSE 0 END) AS overdue
            FROM letters l WHERE \(conditions(scope, query)) GROUP BY l.\(\L.handlerID), l.\(\L.handlerName) ORDER BY l.\(\L.handlerName)
            """).rows(Row.self)
        return rows.map { ($0.handlerID, $0.handlerName, $0.open, $0.overdue) }
    }

    /// A list over a unit outside the caller's reach is not found, as the unit itself is.
    private func checkUnit(_ scope: Scope, _ unitID: UUID?) async throws {
        if let unitID { _ = try await UnitStore(database: database).unit(scope, id: unitID) }
    }

    private func conditions(_ scope: Scope, _ query: LetterQuery) -> SQLQueryString {
        var parts: [SQLQueryString] = [query.unitID.map { Self.inScope(scope, subtree: $0) } ?? Self.inScope(scope)]
        if let id = query.organisationID { parts.append("l.\(\L.organisationID) = \(bind: id)") }
        if !query.statuses.isEmpty { parts.append("l.status IN (\(binds: query.statuses.map(\.rawValue)))") }
        if !query.kinds.isEmpty { parts.append("l.kind IN (\(binds: query.kinds.map(\.rawValue)))") }
        let open = LetterStatus.open.map(\.rawValue)
        if let dueBy = query.dueBy { parts.append("l.status IN (\(binds: open)) AND l.\(\L.dueOn) <= \(bind: dueBy.iso)") }
        if let dueFrom = query.dueFrom { parts.append("l.\(\L.dueOn) >= \(bind: dueFrom.iso)") }
        if let overdue = query.overdueOn { parts.append("l.status IN (\(binds: open)) AND l.\(\L.dueOn) < \(bind: overdue.iso)") }
        if let handler = query.handlerID { parts.append("l.\(\L.handlerID) = \(bind: handler)") }
        if query.unassigned { parts.append("l.\(\L.handlerID) IS NULL") }
        if let search = query.search, !search.isEmpty {
            parts.append("l.\(\L.searchText) LIKE \(bind: "%" + UnitStore.escapeLike(VietnameseText.folded(search)) + "%") ESCAPE '\\'")
        }
        if let (figures, period) = query.figures {
            let today = CivilDate.today(now: Date())
            parts += figures.map { $0.condition(period, today: today) }
        }
        return parts.joined(" AND ")
    }

    /// One case, without the sender's identity; not found outside the scope.
    func letter(_ scope: Scope, id: UUID) async throws -> LetterDetail {
        guard let row = try await sql.raw("SELECT \(unsafeRaw: Self.detailColumns) \(Self.from) WHERE l.id = \(bind: id) AND \(Self.inScope(scope))")
            .row(LetterDetail.self)
        else { throw AppError.notFound }
        return row
    }

    func events(_ scope: Scope, id: UUID) async throws -> [LetterEventRow] {
        _ = try await letter(scope, id: id)
        return try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(LetterEventRow.self, from: "e"))
            FROM letter_events e WHERE e.\(\LetterEventRow.letterID) = \(bind: id) ORDER BY e.at, e.\(\LetterEventRow.onDate)
            """).rows(LetterEventRow.self)
    }

    /// The full names of the accounts that acted on a case in scope, for its history (people by name).
    func actorNames(_ scope: Scope, id: UUID) async throws -> [UUID: String] {
        _ = try await letter(scope, id: id)
        struct Row: Decodable { var id: UUID; var fullName: String }
        let rows = try await sql.raw("""
            SELECT us.id, us.\(\User.$fullName) FROM users us
            WHERE us.id IN (SELECT e.\(\LetterEventRow.userID) FROM letter_events e WHERE e.\(\LetterEventRow.letterID) = \(bind: id))
            """).rows(Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.fullName) })
    }

    /// The attachments a caller who sees the sender as `identity` is shown: a denunciation's
    /// identifying ones only in the handling chain (the case page, the receipt).
    func attachments(_ scope: Scope, of letter: LetterDetail, seenAs identity: SenderView) async throws -> [AttachmentRow] {
        let all = try await attachments(scope, id: letter.id)
        guard letter.letterKind == .denunciation, identity == .redacted else { return all }
        return all.filter { !$0.identifying }
    }

    func attachments(_ scope: Scope, id: UUID) async throws -> [AttachmentRow] {
        _ = try await letter(scope, id: id)
        return try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(AttachmentRow.self, from: "a")) FROM letter_attachments a
            WHERE a.\(\LetterAttachmentRecord.letterID) = \(bind: id) ORDER BY a.\(\LetterAttachmentRecord.createdAt)
            """).rows(AttachmentRow.self)
    }

    /// An attachment's bytes. Signatures and handwriting of a denouncer are
    /// protected like the name: refused outside the handling chain, audited inside it.
    func attachmentData(_ scope: Scope, letterID: UUID, attachmentID: UUID) async throws -> (AttachmentRow, [UInt8]) {
        let letter = try await letter(scope, id: letterID)
        guard let row = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(LetterAttachmentRecord.self, from: "a")) FROM letter_attachments a
            WHERE a.id = \(bind: attachmentID) AND a.\(\LetterAttachmentRecord.letterID) = \(bind: letterID)
            """).row(LetterAttachmentRecord.self)
        else { throw AppError.notFound }
        let meta = AttachmentRow(id: row.id, letterID: row.letterID, filename: row.filename, contentType: row.contentType, size: row.size, identifying: row.identifying)
        if row.identifying && letter.letterKind == .denunciation {
            guard try await mayReadIdentity(scope, letter) else { throw AppError.notFound }
            try await AuditLog.record(on: database.db, scope: scope, action: .readProtected, recordType: "letter", recordID: letterID,
                                      summary: "\(letter.code): tệp nhận dạng người tố cáo \(row.filename)")
        }
        return (meta, [UInt8](row.data))
    }

    // MARK: Confidentiality

    /// The sender's identity as the caller may see it. For a denunciation only
    /// the handling officer and the leaders above them in the handling chain see
    /// it, and each time it is shown the audit log records the read.
    func identity(_ scope: Scope, id: UUID) async throws -> SenderView {
        let letter = try await letter(scope, id: id)
        if letter.letterKind == .denunciation {
            guard try await mayReadIdentity(scope, letter) else { return .redacted }
        }
        guard let identity = try await sender(of: id) else { return .redacted }
        if letter.letterKind == .denunciation {
            try await AuditLog.record(on: database.db, scope: scope, action: .readProtected, recordType: "letter", recordID: id,
                                      summary: "\(letter.code): danh tính người tố cáo")
        }
        return .shown(identity)
    }

    /// The sender row of a letter. Only for callers that have checked scope and,
    /// for a denunciation, the handling chain (``identity(_:id:)``), or that copy it.
    func sender(of id: UUID) async throws -> SenderIdentity? {
        try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(SenderIdentity.self, from: "s")) FROM letter_senders s WHERE s.\(\LetterSenderRecord.letterID) = \(bind: id)
            """).row(SenderIdentity.self)
    }

    /// The handling chain of a case: its handling officer, and leaders who act
    /// for the handling organisation or for an organisation of the same kind in
    /// a unit above it (the chair of the district committee above a commune's).
    func mayReadIdentity(_ scope: Scope, _ letter: LetterDetail) async throws -> Bool {
        if let handler = letter.handlerID, handler == scope.userID { return true }
        guard scope.has(.leader) else { return false }
        if scope.organisationID == letter.organisationID { return true }
        guard scope.mode == .subtree else { return false }
        struct Row: Decodable { var kind: String }
        let own = try await sql.raw("SELECT kind FROM organisations WHERE id = \(bind: scope.organisationID)").row(Row.self)
        guard own?.kind == letter.organisationKind else { return false }
        struct Found: Decodable { var id: UUID }
        let below = try await sql.raw("SELECT u.id FROM organisation_units u WHERE u.id = \(bind: letter.unitID) AND \(Reach.below(scope, unit: "u.id"))")
            .row(Found.self)
        return below != nil
    }

    // MARK: Deadlines

    /// Every due date of a case with its rule, as computed now.
    func deadlines(_ scope: Scope, id: UUID) async throws -> [CaseDeadline] {
        let letter = try await letter(scope, id: id)
        let events = try await events(scope, id: id)
        let calendar = try await calendars.calendar()
        let rules = try await calendars.deadlineRules()
        return Self.deadlines(of: letter, extensions: Self.extensions(in: events), calendar: calendar, rules: rules)
    }

    /// The days of each extension granted on a case, in order.
    static func extensions(in events: [LetterEventRow]) -> [Int] {
        events.filter { $0.action == LetterAction.extend.rawValue }.compactMap(\.days)
    }

    /// The due date the work lists keep in `due_on`: the first pending step
    /// among processing and resolution (nil when none is pending).
    static func currentDue(_ deadlines: [CaseDeadline]) -> CaseDeadline? {
        deadlines.first { $0.doneOn == nil && ($0.step == "process" || $0.step == "resolve") }
    }

    /// After the calendar or a deadline rule changes, every open case's kept
    /// due date is computed again with the new days off and rules, so the lists
    /// agree with the case page. The national calendar concerns every case, so
    /// this reads all open cases, and returns only how many changed; one audit
    /// entry names them.
    @discardableResult
    func refreshDueDates(_ scope: Scope, reason: String) async throws -> Int {
        let calendar = try await calendars.calendar()
        let rules = try await calendars.deadlineRules()
        let open = LetterStatus.open.map(\.rawValue)
        let letters = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(OpenCaseDeadline.self, from: "l")) FROM letters l WHERE l.status IN (\(binds: open)) AND l.\(\L.dueOn) IS NOT NULL
            """).rows(OpenCaseDeadline.self)
        struct Extension: Decodable { var letterID: UUID; var days: Int }
        let extensions = Dictionary(grouping: try await sql.raw("""
            SELECT e.\(\LetterEventRow.letterID), e.days FROM letter_events e JOIN letters l ON l.id = e.\(\LetterEventRow.letterID)
            WHERE e.action = \(bind: LetterAction.extend.rawValue) AND e.days IS NOT NULL AND l.status IN (\(binds: open)) ORDER BY e.at
            """).rows(Extension.self), by: \.letterID).mapValues { $0.map(\.days) }
        let changed: [(OpenCaseDeadline, CaseDeadline?)] = letters.compactMap { letter in
            let due = Self.currentDue(Self.deadlines(of: letter, extensions: extensions[letter.id] ?? [], calendar: calendar, rules: rules))
            return due?.due.iso == letter.dueOn ? nil : (letter, due)
        }
        guard !changed.isEmpty else { return 0 }
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            // One statement per new due date (a few hundred), not per case.
            struct NewDue: Hashable { var date: String?; var rule: String?; var resolves: Bool }
            let groups = Dictionary(grouping: changed) { NewDue(date: $0.1?.due.iso, rule: $0.1?.ruleKey, resolves: $0.1?.step == "resolve") }
            for (due, cases) in groups {
                for start in stride(from: 0, to: cases.count, by: 1000) {
                    var update = sql.update("letters").set(\L.dueOn, to: due.date).set(\L.dueRule, to: due.rule)
                    if due.resolves { update = update.set(\L.resolutionDueOn, to: due.date) }
                    try await update.where("id", .in, cases[start..<min(start + 1000, cases.count)].map(\.0.id)).run()
                }
            }
            let codes = changed.prefix(50).map { "\($0.0.code) \($0.0.dueOn ?? "—") → \($0.1?.due.iso ?? "—")" }
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "letter_due_dates", recordID: nil,
                                      summary: "\(reason): \(changed.count) hạn được tính lại; " + codes.joined(separator: "; "))
        }
        return changed.count
    }

    static func deadlines(of letter: some CaseDeadlineFacts, extensions: [Int], calendar: WorkingCalendar, rules: DeadlineRuleBook) -> [CaseDeadline] {
        var result: [CaseDeadline] = []
        func add(step: String, key: String, from: CivilDate, variant: DeadlineVariant, extensions: [Int] = [], doneOn: String?) {
            guard let rule = rules.rule(key, on: from),
                  let due = try? DeadlineCalculator.due(rule: rule, variant: rule.limit(variant) == nil ? .standard : variant, from: from,
                                                         extensions: extensions, calendar: calendar)
            else { return }
            result.append(CaseDeadline(step: step, ruleKey: key, source: rule.source, variant: due.variant, from: from, totalDays: due.totalDays,
                                       count: rule.count, due: due.date, doneOn: doneOn.flatMap(CivilDate.init(iso:))))
        }
        let received = letter.receivedDate
        add(step: "process", key: LetterDeadlines.processingRule(kind: letter.letterKind), from: received, variant: .standard, doneOn: letter.processedOn)
        if letter.channel == LetterChannel.inPerson.rawValue {
            add(step: "inform", key: "reception_inform", from: received, variant: .standard, doneOn: letter.processedOn)
        }
        if let accepted = letter.acceptedOn.flatMap(CivilDate.init(iso:)) {
            if letter.letterKind == .denunciation {
                add(step: "notify", key: "denunciation_notify", from: accepted, variant: .standard,
                    doneOn: letter.notifiedOn ?? letter.resolvedOn ?? letter.withdrawnOn)
            }
            if let key = LetterDeadlines.resolutionRule(kind: letter.letterKind, isRepeat: letter.isRepeat) {
                add(step: "resolve", key: key, from: accepted, variant: letter.deadlineVariant, extensions: extensions,
                    doneOn: letter.resolvedOn ?? letter.withdrawnOn)
            }
        }
        return result
    }
}
