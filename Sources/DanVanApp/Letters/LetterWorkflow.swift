import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// The result of an intake: the new case and, when the same person already
/// sent a letter on the same matter, the case it repeats.
struct ReceivedLetter: Sendable {
    var id: UUID
    var code: String
    var trackingCode: String
    var duplicateOf: UUID?
}

extension Scope {
    /// Throws unless the caller has one of the roles.
    func requireAny(_ roles: [Role]) throws(AppError) {
        guard roles.contains(where: has) else { throw AppError.forbidden }
    }
}

extension LetterStore {
    // MARK: Intake

    /// Records a letter received by an organisation in scope (reception officers and leaders).
    func receive(_ scope: Scope, input: LetterInput, attachments: [AttachmentInput] = [], today: CivilDate = .today(now: Date())) async throws -> ReceivedLetter {
        let organisation = try await OrganisationStore(database: database).organisation(scope, id: input.organisationID ?? scope.organisationID)
        try scope.requireAny([.receptionOfficer, .leader])
        let checked = try Self.validate(input, attachments: attachments, today: today)
        // The visit the letter came from must be one the caller reaches (404 otherwise).
        if let visitID = input.visitID { _ = try await visit(scope, visitID: visitID) }
        return try await insert(checked, sender: input.sender, organisation: (organisation.id, organisation.unitID), attachments: attachments,
                                actor: (scope.userID, scope.username), address: scope.address, visitID: input.visitID, sourceLetterID: nil)
    }

    /// A validated intake.
    struct CheckedLetter: Sendable {
        var receivedOn: CivilDate
        var channel: LetterChannel
        var kind: LetterKind
        var field: LetterField
        var subject: String
        var content: String
        var peopleCount: Int
        var isRepeat: Bool
    }

    static func validate(_ input: LetterInput, attachments: [AttachmentInput], today: CivilDate) throws -> CheckedLetter {
        var problems: [String: String] = [:]
        let received = CivilDate(entered: input.receivedOn)
        if input.receivedOn.isEmpty { problems["received_on"] = "error_required" }
        else if received == nil { problems["received_on"] = "error_bad_date" }
        else if received! > today { problems["received_on"] = "error_date_future" }
        let channel = LetterChannel(rawValue: input.channel)
        if channel == nil { problems["channel"] = "error_required" }
        let kind = LetterKind(rawValue: input.kind)
        if kind == nil { problems["kind"] = "error_required" }
        let field = LetterField(rawValue: input.field)
        if field == nil { problems["field"] = "error_required" }
        for (name, value, limit, required) in [("subject", input.subject, 300, true), ("content", input.content, 20_000, true),
                                               ("sender_name", input.sender.name, 200, true), ("sender_address", input.sender.address, 500, false),
                                               ("sender_contact", input.sender.contact, 200, false)] {
            if value.isEmpty { if required { problems[name] = "error_required" } }
            else if value.count > limit { problems[name] = "error_too_long" }
            else if VietnameseText.validationProblem(value) != nil { problems[name] = "error_text_encoding" }
        }
        let idNumber = input.sender.idNumber
        if !idNumber.isEmpty, !(idNumber.allSatisfy(\.isASCII) && idNumber.allSatisfy(\.isNumber) && [9, 12].contains(idNumber.count)) {
            problems["sender_id_number"] = "error_id_number"
        }
        let people = input.peopleCount.isEmpty ? 1 : Int(input.peopleCount)
        if people == nil || people! < 1 || people! > 10_000 { problems["people_count"] = "error_people_count" }
        if let problem = attachments.lazy.compactMap(Self.attachmentProblem).first { problems["attachment"] = problem }
        if !problems.isEmpty { throw ValidationError(problems) }
        return CheckedLetter(receivedOn: received!, channel: channel!, kind: kind!, field: field!, subject: input.subject, content: input.content,
                             peopleCount: people!, isRepeat: input.isRepeat)
    }

    /// The catalogue key of what is wrong with an attachment, or nil.
    static func attachmentProblem(_ file: AttachmentInput) -> String? {
        if file.data.count > maxAttachmentBytes { return "error_attachment_too_large" }
        if file.data.isEmpty { return "error_attachment_empty" }
        // The kind is read from the bytes and must agree with the name: a program, a web page
        // or an SVG under an allowed name is refused.
        return FileKind.of(file.data, filename: file.filename) == nil ? "error_attachment_type" : nil
    }

    /// Inserts a letter with its sender, attachments, first event and audit entry, all or nothing.
    func insert(_ letter: CheckedLetter, sender: SenderIdentity, organisation: (id: UUID, unitID: UUID), attachments: [AttachmentInput],
                actor: (id: UUID?, name: String), address: String, visitID: UUID?, sourceLetterID: UUID?,
                tracking: String? = nil) async throws -> ReceivedLetter {
        let calendar = try await calendars.calendar()
        let rules = try await calendars.deadlineRules()
        let processKey = LetterDeadlines.processingRule(kind: letter.kind)
        let due = rules.rule(processKey, on: letter.receivedOn).flatMap {
            try? DeadlineCalculator.due(rule: $0, variant: .standard, from: letter.receivedOn, calendar: calendar)
        }
        let duplicate = try await findDuplicate(unitID: organisation.unitID, kind: letter.kind, field: letter.field, sender: sender)
        let id = UUID()
        let trackingCode = tracking ?? TrackingCode.make(randomBytes: (0..<16).map { _ in UInt8.random(in: 0...255) })
        let isDenunciation = letter.kind == .denunciation
        let now = Date()
        let code = try await database.db.transaction { tx -> String in
            let sql = tx as! any SQLDatabase
            let code = try await Self.nextCode(sql, unitID: organisation.unitID, year: letter.receivedOn.year)
            try await sql.insert(into: "letters").values(of: LetterRecord(
                id: id, code: code, unitID: organisation.unitID, organisationID: organisation.id, receivedOn: letter.receivedOn.iso,
                channel: letter.channel.rawValue, kind: letter.kind.rawValue, field: letter.field.rawValue, competence: Competence.own.rawValue,
                isRepeat: letter.isRepeat || duplicate != nil, duplicateOf: duplicate, sourceLetterID: sourceLetterID, subject: letter.subject,
                content: letter.content,
                searchText: Self.searchText(code: code, subject: letter.subject, content: letter.content, senderName: isDenunciation ? nil : sender.name),
                senderLabel: isDenunciation ? "" : sender.name, peopleCount: letter.peopleCount, status: LetterStatus.received.rawValue,
                variant: DeadlineVariant.standard.rawValue, dueOn: due?.date.iso, dueRule: due == nil ? nil : processKey,
                trackingCode: trackingCode, createdBy: actor.name, createdAt: now, updatedAt: now)).run()
            try await sql.insert(into: "letter_senders").values(of: LetterSenderRecord(
                letterID: id, name: sender.name, foldedName: VietnameseText.folded(sender.name), address: sender.address,
                contact: sender.contact, idNumber: sender.idNumber)).run()
            for file in attachments {
                try await sql.insert(into: "letter_attachments").values(of: LetterAttachmentRecord(
                    id: UUID(), letterID: id, filename: file.filename,
                    contentType: FileKind.of(file.data, filename: file.filename)?.mimeType ?? "application/octet-stream", size: file.data.count,
                    identifying: file.identifying, data: Data(file.data), createdAt: now)).run()
            }
            try await Self.insertEvent(sql, letterID: id, action: .receive, on: letter.receivedOn, actor: actor, detail: code,
                                       due: due, ruleKey: due == nil ? nil : processKey)
            if let visitID {
                try await sql.raw("""
                    UPDATE reception_visits SET \(\ReceptionVisitRecord.letterID) = \(bind: id)
                    WHERE id = \(bind: visitID) AND \(\ReceptionVisitRecord.letterID) IS NULL
                    """).run()
            }
            try await AuditLog.record(on: tx, userID: actor.id, username: actor.name, address: address, action: .create, recordType: "letter",
                                      recordID: id, summary: "\(code): \(letter.subject)",
                                      after: ["kind": letter.kind.rawValue, "field": letter.field.rawValue, "channel": letter.channel.rawValue,
                                              ColumnName.of(\L.receivedOn): letter.receivedOn.iso, "attachments": "\(attachments.count)"])
            return code
        }
        return ReceivedLetter(id: id, code: code, trackingCode: trackingCode, duplicateOf: duplicate)
    }

    /// Số đơn: the unit's code, the year and a running number ("23977-2022-0005").
    static func nextCode(_ sql: any SQLDatabase, unitID: UUID, year: Int) async throws -> String {
        struct Row: Decodable { var code: String; var n: Int }
        let unit = try await sql.raw("""
            SELECT code, (SELECT COUNT(*) FROM letters WHERE \(\L.unitID) = \(bind: unitID) AND \(\L.receivedOn) LIKE \(bind: "\(year)-%")) AS n
            FROM organisation_units WHERE id = \(bind: unitID)
            """)
            .row(Row.self)
        let number = (unit?.n ?? 0) + 1
        return "\(unit?.code ?? "DV")-\(year)-" + String(repeating: "0", count: max(0, 4 - String(number).count)) + String(number)
    }

    /// The most bytes of search text a letter keeps: an index entry holds the
    /// text (PostgreSQL refuses a b-tree entry above 2,704 bytes).
    static let searchTextMaxBytes = 2000

    /// What the folded search covers: code, subject, the sender's name and the
    /// start of the content, cut at ``searchTextMaxBytes`` on a character
    /// boundary. A denouncer's name is never put here.
    static func searchText(code: String, subject: String, content: String, senderName: String?) -> String {
        let folded = VietnameseText.folded([code, subject, senderName ?? "", String(content.prefix(searchTextMaxBytes))].joined(separator: " "))
        var bytes = 0
        return String(folded.prefix { character in
            bytes += character.utf8.count
            return bytes <= searchTextMaxBytes
        })
    }

    /// The earliest open case of the same person (identity number, or folded name
    /// and address) on the same kind and field of matter in the same unit.
    func findDuplicate(unitID: UUID, kind: LetterKind, field: LetterField, sender: SenderIdentity) async throws -> UUID? {
        struct Row: Decodable { var id: UUID }
        let person: SQLQueryString = sender.idNumber.isEmpty
            ? "s.\(\LetterSenderRecord.foldedName) = \(bind: VietnameseText.folded(sender.name)) AND s.address = \(bind: sender.address)"
            : "s.\(\LetterSenderRecord.idNumber) = \(bind: sender.idNumber)"
        return try await sql.raw("""
            SELECT l.id FROM letters l JOIN letter_senders s ON s.\(\LetterSenderRecord.letterID) = l.id
            WHERE l.\(\L.unitID) = \(bind: unitID) AND l.kind = \(bind: kind.rawValue) AND l.field = \(bind: field.rawValue)
            AND l.status IN (\(binds: LetterStatus.open.map(\.rawValue))) AND \(person) ORDER BY l.\(\L.receivedOn) LIMIT 1
            """).row(Row.self)?.id
    }

    static func insertEvent(_ sql: any SQLDatabase, letterID: UUID, action: LetterAction, on date: CivilDate, actor: (id: UUID?, name: String),
                            target: UUID? = nil, reason: String = "", detail: String = "", due: DueDate? = nil, ruleKey: String? = nil,
                            days: Int? = nil) async throws {
        try await sql.insert(into: "letter_events").values(of: LetterEventRow(
            id: UUID(), letterID: letterID, action: action.rawValue, onDate: date.iso, at: Date(), userID: actor.id, createdBy: actor.name,
            targetOrganisationID: target, reason: reason, detail: detail, dueOn: due?.date.iso, ruleKey: ruleKey ?? due?.rule.key,
            ruleSource: due?.rule.source, days: days)).run()
    }

    // MARK: Life cycle

    /// Takes one action on a case in scope, checked against its state, the
    /// caller's part in it, the dates and the deadline rule; all or nothing.
    func act(_ scope: Scope, id: UUID, input: LetterActionInput, today: CivilDate = .today(now: Date())) async throws {
        let letter = try await letter(scope, id: id)
        try authorise(scope, input.action, letter)
        guard input.action.isAllowed(from: letter.letterStatus), input.action.applies(to: letter.letterKind) else {
            throw ValidationError(["action": "error_action_not_allowed"])
        }
        let events = try await events(scope, id: id)
        let lastEvent = events.map(\.onDate).max() ?? letter.receivedOn
        var problems: [String: String] = [:]
        let onDate = CivilDate(entered: input.onDate)
        if onDate == nil { problems["on_date"] = input.onDate.isEmpty ? "error_required" : "error_bad_date" }
        else if onDate! > today { problems["on_date"] = "error_date_future" }
        else if onDate!.iso < letter.receivedOn { problems["on_date"] = "error_date_before_receipt" }
        else if onDate!.iso < lastEvent { problems["on_date"] = "error_date_before_last_step" }
        if !problems.isEmpty { throw ValidationError(problems) }
        let date = onDate!
        let calendar = try await calendars.calendar()
        let rules = try await calendars.deadlineRules()
        var change = LetterChange()
        var event = PendingEvent(action: input.action, date: date, reason: input.reason, detail: input.detail)

        switch input.action {
        case .receive:
            throw ValidationError(["action": "error_action_not_allowed"])
        case .classify:
            guard let kind = LetterKind(rawValue: input.kind ?? ""), let field = LetterField(rawValue: input.field ?? ""),
                  let competence = Competence(rawValue: input.competence ?? Competence.own.rawValue),
                  let variant = DeadlineVariant(rawValue: input.variant ?? DeadlineVariant.standard.rawValue)
            else { throw ValidationError(["kind": "error_required"]) }
            let sender = try await sender(of: id)
            let name = kind == .denunciation ? nil : sender?.name
            change.set(\.kind, kind.rawValue); change.set(\.field, field.rawValue); change.set(\.competence, competence.rawValue)
            change.set(\.variant, variant.rawValue); change.set(\.senderLabel, name ?? "")
            change.set(\.searchText, Self.searchText(code: letter.code, subject: letter.subject, content: letter.content, senderName: name))
            let key = LetterDeadlines.processingRule(kind: kind)
            if let rule = rules.rule(key, on: letter.receivedDate), let due = try? DeadlineCalculator.due(rule: rule, variant: .standard, from: letter.receivedDate, calendar: calendar) {
                change.set(\.dueOn, due.date.iso); change.set(\.dueRule, key)
                event.due = due
            }
            event.detail = [kind.rawValue, field.rawValue, competence.rawValue, variant.rawValue].joined(separator: ", ")
        case .accept:
            let variant = DeadlineVariant(rawValue: input.variant ?? letter.variant) ?? .standard
            change.set(\.status, LetterStatus.accepted.rawValue); change.set(\.acceptedOn, date.iso); change.set(\.processedOn, date.iso)
            change.set(\.disposition, "accept"); change.set(\.competence, Competence.own.rawValue); change.set(\.variant, variant.rawValue)
            if let key = LetterDeadlines.resolutionRule(kind: letter.letterKind, isRepeat: letter.isRepeat) {
                guard let rule = rules.rule(key, on: date) else { throw ValidationError(["action": "error_no_rule"]) }
                guard rule.limit(variant) != nil else { throw ValidationError(["variant": "error_variant_not_allowed"]) }
                let due = try DeadlineCalculator.due(rule: rule, variant: variant, from: date, calendar: calendar)
                change.set(\.dueOn, due.date.iso); change.set(\.dueRule, key); change.set(\.resolutionDueOn, due.date.iso)
                event.due = due
            } else {
                change.clear(\.dueOn); change.clear(\.dueRule)
            }
        case .returnLetter, .guide, .file:
            if input.reason.isEmpty { throw ValidationError(["reason": "error_reason_required"]) }
            change.set(\.status, input.action.status(after: letter.letterStatus).rawValue); change.set(\.processedOn, date.iso)
            change.set(\.disposition, input.action == .returnLetter ? "return" : input.action.rawValue)
            change.set(\.competence, input.action == .file ? Competence.own.rawValue : Competence.notOwn.rawValue)
            change.clear(\.dueOn); change.clear(\.dueRule)
        case .forward:
            // Only an organisation that exists on the day (not yet merged away or ended) receives a case; never the one handling it.
            guard let target = input.targetOrganisationID, let organisation = try await Organisation.find(target, on: database.db),
                  target != letter.organisationID
            else { throw ValidationError(["target_organisation_id": "error_forward_target"]) }
            guard organisation.isValid(on: date) else { throw ValidationError(["target_organisation_id": "error_forward_target_not_on_date"]) }
            change.set(\.status, LetterStatus.forwarded.rawValue); change.set(\.processedOn, date.iso); change.set(\.disposition, "forward")
            change.set(\.competence, Competence.notOwn.rawValue); change.set(\.forwardedTo, target)
            change.clear(\.dueOn); change.clear(\.dueRule)
            event.target = target
            event.detail = organisation.name
            event.forwardTo = (target, organisation.unitID)
        case .assign:
            guard let handlerID = input.handlerID else { throw ValidationError(["handler_id": "error_required"]) }
            // The officers the assign form offers (``handlers(_:letterID:)``) are the ones that may be assigned.
            guard let handler = try await handlers(scope, letterID: id).first(where: { $0.id == handlerID })
            else { throw ValidationError(["handler_id": "error_handler"]) }
            change.set(\.handlerID, handlerID); change.set(\.handlerName, handler.name)
            event.detail = handler.name
        case .notifyAcceptance:
            guard letter.notifiedOn == nil else { throw ValidationError(["action": "error_action_not_allowed"]) }
            change.set(\.notifiedOn, date.iso)
        case .verify:
            change.set(\.status, LetterStatus.verifying.rawValue)
        case .extend:
            if input.reason.isEmpty { throw ValidationError(["reason": "error_reason_required"]) }
            guard let days = Int(input.days ?? ""), days > 0 else { throw ValidationError(["days": "error_days"]) }
            guard let key = LetterDeadlines.resolutionRule(kind: letter.letterKind, isRepeat: letter.isRepeat),
                  let accepted = letter.acceptedOn.flatMap(CivilDate.init(iso:)), let rule = rules.rule(key, on: accepted)
            else { throw ValidationError(["days": "error_no_extension"]) }
            let variant = DeadlineVariant(rawValue: input.variant ?? letter.variant) ?? letter.deadlineVariant
            let existing = Self.extensions(in: events)
            do {
                guard rule.limit(variant) != nil else { throw DeadlineProblem.variantNotAllowed(variant.rawValue) }
                try DeadlineCalculator.checkExtension(rule: rule, variant: variant, existing: existing, adding: days)
            } catch {
                throw ValidationError(["days": Self.messageKey(error)])
            }
            let due = try DeadlineCalculator.due(rule: rule, variant: variant, from: accepted, extensions: existing + [days], calendar: calendar)
            change.set(\.variant, variant.rawValue); change.set(\.dueOn, due.date.iso); change.set(\.resolutionDueOn, due.date.iso)
            event.due = due
            event.days = days
        case .resolve:
            var problems: [String: String] = [:]
            let number = input.decisionNumber ?? ""
            if number.isEmpty { problems["decision_number"] = "error_decision_number" } else if number.count > 100 { problems["decision_number"] = "error_too_long" }
            let decisionDate = CivilDate(entered: input.decisionDate ?? "")
            if decisionDate == nil { problems["decision_date"] = (input.decisionDate ?? "").isEmpty ? "error_required" : "error_bad_date" }
            else if decisionDate! > today { problems["decision_date"] = "error_date_future" }
            else if decisionDate!.iso < (letter.acceptedOn ?? letter.receivedOn) { problems["decision_date"] = "error_date_before_acceptance" }
            let outcome = LetterOutcome(rawValue: input.outcome ?? "")
            if outcome == nil || !LetterOutcome.allowed(for: letter.letterKind).contains(outcome!) { problems["outcome"] = "error_outcome" }
            if !problems.isEmpty { throw ValidationError(problems) }
            change.set(\.status, LetterStatus.resolved.rawValue); change.set(\.resolvedOn, date.iso); change.set(\.decisionNumber, number)
            change.set(\.decisionDate, decisionDate!.iso); change.set(\.outcome, outcome!.rawValue)
            change.clear(\.dueOn); change.clear(\.dueRule)
            if let answer = input.publicAnswer, !answer.isEmpty { change.set(\.publicAnswer, answer) }
            event.detail = "\(number), \(decisionDate!.iso), \(outcome!.rawValue)"
        case .sendResult:
            change.set(\.status, LetterStatus.resultSent.rawValue); change.set(\.resultSentOn, date.iso)
            if let answer = input.publicAnswer, !answer.isEmpty { change.set(\.publicAnswer, answer) }
        case .enforce:
            change.set(\.status, LetterStatus.enforced.rawValue); change.set(\.enforcedOn, date.iso)
        case .withdraw:
            if input.reason.isEmpty { throw ValidationError(["reason": "error_reason_required"]) }
            change.set(\.status, LetterStatus.withdrawn.rawValue); change.set(\.withdrawnOn, date.iso)
            if letter.processedOn == nil { change.set(\.processedOn, date.iso); change.set(\.disposition, "withdraw") }
            change.clear(\.dueOn); change.clear(\.dueRule)
        case .answerReceived:
            change.set(\.answerReceivedOn, date.iso)
        }

        let sender = event.forwardTo == nil ? nil
            : try await sender(of: id)
        let actor = (scope.userID, scope.username)
        let (finalChange, finalEvent) = (change, event)
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await finalChange.apply(sql, letterID: id)
            try await Self.insertEvent(sql, letterID: id, action: finalEvent.action, on: finalEvent.date, actor: actor, target: finalEvent.target,
                                       reason: finalEvent.reason, detail: finalEvent.detail, due: finalEvent.due, days: finalEvent.days)
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "letter", recordID: id,
                                      summary: "\(letter.code): \(input.action.rawValue)", before: finalChange.before(letter), after: finalChange.auditAfter)
        }
        if let (target, unitID) = event.forwardTo, let sender {
            let copy = CheckedLetter(receivedOn: date, channel: .forwarded, kind: letter.letterKind, field: LetterField(rawValue: letter.field) ?? .other,
                                     subject: letter.subject, content: letter.content, peopleCount: letter.peopleCount, isRepeat: letter.isRepeat)
            _ = try await insert(copy, sender: sender, organisation: (target, unitID), attachments: [], actor: actor, address: scope.address,
                                 visitID: nil, sourceLetterID: id)
        }
    }

    /// Who may take an action: reception officers and leaders process letters;
    /// leaders assign; the assigned handling officer (or a leader) verifies,
    /// extends, notifies, resolves and follows up.
    static func mayTake(_ action: LetterAction, scope: Scope, letter: LetterDetail) -> Bool {
        let isHandler = letter.handlerID != nil && letter.handlerID == scope.userID && scope.has(.handlingOfficer)
        switch action {
        case .receive, .classify, .accept, .returnLetter, .guide, .forward, .file, .answerReceived: return scope.has(.receptionOfficer) || scope.has(.leader)
        case .assign: return scope.has(.leader)
        case .verify, .extend, .resolve, .sendResult, .enforce, .notifyAcceptance: return isHandler || scope.has(.leader)
        case .withdraw: return isHandler || scope.has(.leader) || scope.has(.receptionOfficer)
        }
    }

    /// The actions a case page offers the caller now: those its state and kind
    /// allow (a denunciation's acceptance is notified once) and the caller may take.
    /// Receipt is the intake form's, not an action on a case.
    static func actions(_ scope: Scope, on letter: LetterDetail) -> [LetterAction] {
        LetterAction.allCases.filter {
            $0 != .receive && $0.isAllowed(from: letter.letterStatus) && $0.applies(to: letter.letterKind)
                && !($0 == .notifyAcceptance && letter.notifiedOn != nil) && mayTake($0, scope: scope, letter: letter)
        }
    }

    private func authorise(_ scope: Scope, _ action: LetterAction, _ letter: LetterDetail) throws(AppError) {
        guard Self.mayTake(action, scope: scope, letter: letter) else { throw AppError.forbidden }
    }

    static func messageKey(_ error: any Error) -> String {
        switch error as? DeadlineProblem {
        case .tooManyExtensions: "error_extension_count"
        case .extensionTooLong: "error_extension_length"
        case .variantNotAllowed: "error_variant_not_allowed"
        default: "error_days"
        }
    }
}

/// An event about to be written.
private struct PendingEvent: Sendable {
    var action: LetterAction
    var date: CivilDate
    var reason: String
    var detail: String
    var target: UUID?
    var due: DueDate?
    var days: Int?
    var forwardTo: (UUID, UUID)?
}

/// The columns an action changes, written in one UPDATE.
struct LetterChange: Sendable {
    private(set) var values: [(column: String, value: String?)] = []
    private var uuids: [String: UUID?] = [:]

    mutating func set(_ key: KeyPath<LetterRecord, String?>, _ value: String) { values.append((ColumnName.of(key), value)) }
    mutating func set(_ key: KeyPath<LetterRecord, String>, _ value: String) { values.append((ColumnName.of(key), value)) }
    mutating func clear(_ key: KeyPath<LetterRecord, String?>) { values.append((ColumnName.of(key), nil)) }
    mutating func set(_ key: KeyPath<LetterRecord, UUID?>, _ value: UUID) {
        let column = ColumnName.of(key)
        uuids[column] = value
        values.append((column, value.uuidString))
    }

    func apply(_ sql: any SQLDatabase, letterID: UUID) async throws {
        var update = sql.update("letters").set(SQLIdentifier(ColumnName.of(\L.updatedAt)), to: SQLBind(Date()))
        for (column, value) in values {
            if let uuid = uuids[column] { update = update.set(SQLIdentifier(column), to: uuid.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null) }
            else { update = update.set(SQLIdentifier(column), to: value.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null) }
        }
        try await update.where("id", .equal, SQLBind(letterID)).run()
    }

    /// The audit log keeps the changed columns, never the sender's name.
    var auditAfter: [String: String] {
        let unlogged = [ColumnName.of(\L.senderLabel), ColumnName.of(\L.searchText)]
        return Dictionary(values.filter { !unlogged.contains($0.column) }.map { ($0.column, $0.value ?? "") }, uniquingKeysWith: { $1 })
    }

    func before(_ letter: LetterDetail) -> [String: String] {
        let mirror = Dictionary(uniqueKeysWithValues: Mirror(reflecting: letter).children.compactMap { child -> (String, String)? in
            guard let label = child.label else { return nil }
            return (ColumnName.of(label), "\(child.value)")
        })
        return Dictionary(auditAfter.keys.map { ($0, mirror[$0].map(Self.unwrap) ?? "") }, uniquingKeysWith: { $1 })
    }

    private static func unwrap(_ text: String) -> String {
        if text == "nil" { return "" }
        if text.hasPrefix("Optional(") && text.hasSuffix(")") {
            return String(text.dropFirst(9).dropLast()).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return text
    }
}
