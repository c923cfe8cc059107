import DanVanDomain
import Foundation
import Hummingbird

/// The case page (hồ sơ vụ việc): details, sender, timeline, deadlines, attachments and action forms.
extension LetterController {
    struct CasePage: Sendable, Encodable {
        struct Fact: Sendable, Encodable { var label: String; var value: String }
        struct Sender: Sendable, Encodable { var name: String; var address: String; var contact: String; var idNumber: String }
        struct Event: Sendable, Encodable { var date: String; var action: String; var actor: String; var reason: String?; var detail: String?; var due: String; var rule: String? }
        struct Deadline: Sendable, Encodable {
            var step: String, rule: String, source: String, variant: String, days: String, from: String, due: String, state: String, stateClass: String
        }
        struct Attachment: Sendable, Encodable { var href: String; var filename: String; var size: String; var identifying: Bool }
        var code: String
        var subject: String
        var content: String
        var status: String
        var facts: [Fact]
        var duplicateHref: String?
        var sender: Sender?
        var events: [Event]
        var deadlines: [Deadline]
        var attachments: [Attachment]
        var actions: [ActionForm]
        var actionHref: String
        var receiptHref: String
        /// Bước tiếp theo, in words, with the due date when there is one.
        var nextStep: String
        /// The caller can take the next step here (the forms below).
        var nextStepIsMine: Bool
        /// The step whose form failed, named at the top with a link to its form (the errors are in the form).
        var failedAction: FailedAction?
    }

    struct FailedAction: Sendable, Encodable { var action: String; var label: String }

    /// One action form; `is…` flags pick the fields the template shows.
    struct ActionForm: Sendable, Encodable {
        var action: String
        var label: String
        var form: FormState
        var open: Bool
        /// Asked before sending, for a step that ends the case for the sender (trả đơn, rút đơn).
        var confirm: String?
        var needsReason: Bool
        var isClassify: Bool, isAccept: Bool, isAssign: Bool, isForward: Bool, isExtend: Bool, isResolve: Bool, hasAnswer: Bool
        /// A leader accepting a case can name its handling officer in the same step.
        var assignsToo: Bool
        var kinds: [FormOption], fields: [FormOption], competences: [FormOption], variants: [FormOption]
        var handlers: [FormOption], targets: [FormOption], outcomes: [FormOption]
    }

    /// Actions asked about before they are sent: they end the case for the sender.
    static let confirmActions: Set<LetterAction> = [.returnLetter, .withdraw]

    /// Actions that need a reason typed.
    static let reasonActions: Set<LetterAction> = [.returnLetter, .guide, .file, .extend, .withdraw]

    func showCase(id: UUID, context: SignedInContext, failed: (LetterAction, FormState)? = nil, saved: LetterAction? = nil) async throws -> Response {
        let scope = context.scope
        let text = letterText(context)
        let letter = try await letters.letter(scope, id: id)
        let identity = try await letters.identity(scope, id: id)
        let calendar = try await letters.calendars.recentCalendar()
        let events = try await letters.events(scope, id: id)
        let actors = try await letters.actorNames(scope, id: id)
        let deadlines = LetterStore.deadlines(of: letter, extensions: LetterStore.extensions(in: events), calendar: calendar,
                                              rules: try await letters.calendars.deadlineRules())
        let today = CivilDate.today(now: Date())
        let forms = try await actionForms(scope, letter: letter, failed: failed, text: text)
        let page = CasePage(
            code: letter.code, subject: letter.subject, content: letter.content, status: text.label("status", letter.status),
            facts: Self.facts(letter, text: text),
            duplicateHref: letter.duplicateOf.map { SiteURL.letter($0).path },
            sender: Self.sender(identity),
            events: events.map { Self.event($0, actor: $0.userID.flatMap { actors[$0] } ?? $0.createdBy, text: text) },
            deadlines: deadlines.map { Self.deadline($0, text: text, today: today, calendar: calendar) },
            attachments: try await letters.attachments(scope, of: letter, seenAs: identity).map {
                CasePage.Attachment(href: SiteURL.letterAttachment(id, $0.id).path, filename: $0.filename,
                                    size: VietnameseFormat.kilobytes($0.size), identifying: $0.identifying)
            },
            actions: forms,
            actionHref: SiteURL.letterActions(id).path,
            receiptHref: SiteURL.letterReceipt(id).path,
            nextStep: Self.nextStep(letter, text: text),
            nextStepIsMine: forms.contains { form in Self.step(of: letter).actions.contains { $0.rawValue == form.action } },
            failedAction: failed.map { FailedAction(action: $0.0.rawValue, label: text.label("action", $0.0.rawValue)) })
        let notice = saved.map { text.text("letter_saved", [text.label("action", $0.rawValue)]) }
        return renderer.render("letters/letter_show", titleKey: "letter_title", title: letter.code, page: page, context: context,
                               status: failed == nil ? .ok : .unprocessableContent, notice: failed == nil ? notice : nil, section: "letters")
    }

    static func step(of letter: LetterDetail) -> LetterNextStep {
        LetterNextStep.of(status: letter.letterStatus, hasHandler: letter.handlerID != nil, answerReceived: letter.answerReceivedOn != nil)
    }

    /// "Bước tiếp theo: Phạm Thị Dung xác minh và giải quyết. Hạn: 14/09/2022."
    static func nextStep(_ letter: LetterDetail, text: LetterText) -> String {
        let step = step(of: letter)
        var sentence = text.text("next_step_" + step.rawValue, [letter.handlerName ?? text.text("next_step_handler")])
        if step != .none, let due = letter.dueOn { sentence += " " + text.text("next_step_due", [LetterText.date(due)]) }
        return sentence
    }

    static func facts(_ letter: LetterDetail, text: LetterText) -> [CasePage.Fact] {
        let items: [(String, String)] = [
            ("letter_code", letter.code), ("letter_received_on", LetterText.date(letter.receivedOn)), ("letter_channel", text.label("channel", letter.channel)),
            ("letter_kind", text.label("kind", letter.kind)), ("letter_field", text.label("field", letter.field)),
            ("letter_competence", text.label("competence", letter.competence)), ("letter_variant", text.label("variant", letter.variant)),
            ("letter_organisation", letter.organisationName + " (" + letter.unitName + ")"), ("letter_people_count", String(letter.peopleCount)),
            ("letter_repeat", letter.isRepeat ? text.text("letter_yes") : text.text("letter_no")),
            ("letter_handler", letter.handlerName ?? ""), ("letter_status", text.label("status", letter.status)),
            ("letter_due_on", LetterText.date(letter.dueOn)), ("letter_accepted_on", LetterText.date(letter.acceptedOn)),
            ("letter_decision_number", letter.decisionNumber ?? ""), ("letter_decision_date", LetterText.date(letter.decisionDate)),
            ("letter_outcome", text.label("outcome", letter.outcome)), ("letter_resolved_on", LetterText.date(letter.resolvedOn)),
            ("letter_public_answer", letter.publicAnswer ?? ""),
        ]
        return items.filter { !$0.1.isEmpty }.map { CasePage.Fact(label: text.text($0.0), value: $0.1) }
    }

    static func sender(_ view: SenderView) -> CasePage.Sender? {
        guard case .shown(let person) = view else { return nil }
        return CasePage.Sender(name: person.name, address: person.address, contact: person.contact, idNumber: person.idNumber)
    }

    /// One line of a case's history; `actor` is who acted, by name (the user name when the account is gone).
    static func event(_ event: LetterEventRow, actor: String, text: LetterText) -> CasePage.Event {
        CasePage.Event(date: LetterText.date(event.onDate), action: text.label("action", event.action), actor: actor, reason: event.reason.nilIfEmpty,
                       detail: eventDetail(event, text: text).nilIfEmpty,
                       due: LetterText.date(event.dueOn), rule: text.label("rule", event.ruleKey).nilIfEmpty)
    }

    /// The event's detail in words: the store keeps raw values for classify ("kind, field, competence, variant")
    /// and resolve ("number, date, outcome"); the intake's detail is the code, already in the heading.
    static func eventDetail(_ event: LetterEventRow, text: LetterText) -> String {
        let parts = event.detail.components(separatedBy: ", ")
        switch LetterAction(rawValue: event.action) {
        case .receive: return ""
        case .classify where parts.count == 4:
            return zip(["kind", "field", "competence", "variant"], parts).map { text.label($0.0, $0.1) }.joined(separator: ", ")
        case .resolve where parts.count == 3:
            return [parts[0], LetterText.date(parts[1]), text.label("outcome", parts[2])].joined(separator: ", ")
        default: return event.detail
        }
    }

    static func deadline(_ deadline: CaseDeadline, text: LetterText, today: CivilDate, calendar: WorkingCalendar) -> CasePage.Deadline {
        let state: (String, String)
        if let done = deadline.doneOn {
            state = (text.text("deadline_done_on") + " " + LetterText.date(done), "done")
        } else {
            switch DueState.of(deadline.due.iso, today: today, calendar: calendar) {
            case .overdue: state = (text.text("deadline_overdue"), DueState.overdue.rawValue)
            case .soon: state = (text.text("deadline_due_soon"), DueState.soon.rawValue)
            case .none: state = (text.text("deadline_pending"), "")
            }
        }
        return CasePage.Deadline(step: text.label("step", deadline.step), rule: text.label("rule", deadline.ruleKey), source: deadline.source,
                                 variant: text.label("variant", deadline.variant.rawValue),
                                 days: "\(deadline.totalDays) " + text.label("count", deadline.count.rawValue),
                                 from: LetterText.date(deadline.from), due: LetterText.date(deadline.due), state: state.0, stateClass: state.1)
    }

    private func actionForms(_ scope: Scope, letter: LetterDetail, failed: (LetterAction, FormState)?, text: LetterText) async throws -> [ActionForm] {
        let actions = LetterStore.actions(scope, on: letter)
        let assignsAtAcceptance = actions.contains(.accept) && LetterStore.mayTake(.assign, scope: scope, letter: letter)
        let handlers = actions.contains(.assign) || assignsAtAcceptance ? try await letters.handlers(scope, letterID: letter.id) : []
        let targets = actions.contains(.forward) ? try await letters.forwardTargets(scope, letterID: letter.id) : []
        let today = CivilDate.today(now: Date()).iso
        return actions.map { action in
            let form = failed?.0 == action ? failed!.1
                : FormState(values: ["on_date": today, "kind": letter.kind, "field": letter.field, "competence": letter.competence, "variant": letter.variant,
                                     "decision_date": today, "handler_id": letter.handlerID?.uuidString ?? ""])
            let value = { (key: String) in form.values[key] ?? "" }
            let choose = { (choices: [LetterChoice], key: String) in
                choices.map { choice in
                    FormOption(value: choice.id.uuidString,
                               label: choice.name + (choice.endedOn.map { " (" + text.text("letter_target_ended", [LetterText.date($0)]) + ")" } ?? ""),
                               selected: choice.id.uuidString.lowercased() == value(key).lowercased())
                }
            }
            return ActionForm(
                action: action.rawValue, label: text.label("action", action.rawValue), form: form, open: failed?.0 == action,
                confirm: Self.confirmActions.contains(action) ? text.text("letter_confirm_" + action.rawValue) : nil,
                needsReason: Self.reasonActions.contains(action),
                isClassify: action == .classify, isAccept: action == .accept, isAssign: action == .assign, isForward: action == .forward,
                isExtend: action == .extend, isResolve: action == .resolve, hasAnswer: action == .resolve || action == .sendResult,
                assignsToo: action == .accept && assignsAtAcceptance && !handlers.isEmpty,
                kinds: options(LetterKind.self, prefix: "kind", selected: value("kind"), text),
                fields: options(LetterField.self, prefix: "field", selected: value("field"), text),
                competences: options(Competence.self, prefix: "competence", selected: value("competence"), text),
                variants: options(DeadlineVariant.self, prefix: "variant", selected: value("variant"), text),
                handlers: choose(handlers, "handler_id"), targets: choose(targets, "target_organisation_id"),
                outcomes: LetterOutcome.allowed(for: letter.letterKind).map {
                    FormOption(value: $0.rawValue, label: text.label("outcome", $0.rawValue), selected: $0.rawValue == value("outcome"))
                })
        }
    }

    // MARK: Actions

    static let actionFields = ["on_date", "reason", "detail", "kind", "field", "competence", "variant", "handler_id", "target_organisation_id", "days",
                               "decision_number", "decision_date", "outcome", "public_answer"]

    static func actionInput(_ action: LetterAction, from form: FormData) -> LetterActionInput {
        LetterActionInput(action: action, onDate: form["on_date"], reason: form["reason"], detail: form["detail"], kind: form.optional("kind"),
                          field: form.optional("field"), competence: form.optional("competence"), variant: form.optional("variant"),
                          handlerID: UUID(uuidString: form["handler_id"]), targetOrganisationID: UUID(uuidString: form["target_organisation_id"]),
                          days: form.optional("days"), decisionNumber: form.optional("decision_number"), decisionDate: form.optional("decision_date"),
                          outcome: form.optional("outcome"), publicAnswer: form.text("public_answer").nilIfEmpty)
    }

    func act(_ request: Request, context: SignedInContext) async throws -> Response {
        let scope = context.scope
        let id = try UUID.parse(context.parameters.get("id"))
        _ = try await letters.letter(scope, id: id)
        let form = try await FormData.from(request, context: context)
        guard let action = LetterAction(rawValue: form["action"]) else { throw AppError(.badRequest, code: "bad_request") }
        return try await renderer.submit(keeping: FormState(form, fields: Self.actionFields), context: context) {
            let input = Self.actionInput(action, from: form)
            // Thụ lý and giao cán bộ xử lý in one step, when a leader names the officer while accepting.
            let handler = action == .accept ? input.handlerID : nil
            if let handler, try await !letters.handlers(scope, letterID: id).contains(where: { $0.id == handler }) {
                throw ValidationError(["handler_id": "error_handler"])
            }
            try await letters.act(scope, id: id, input: input)
            if let handler {
                var assign = Self.actionInput(.assign, from: form)
                assign.handlerID = handler
                try await letters.act(scope, id: id, input: assign)
            }
            return Response.redirect(to: SiteURL.letterSaved(id, action: action.rawValue).path)
        } showAgain: { state in
            try await showCase(id: id, context: context, failed: (action, state))
        }
    }

    // MARK: Attachments

    /// Sends an attachment; an identifying one of a denunciation only to the handling chain (that read is audited).
    func download(context: SignedInContext) async throws -> Response {
        let scope = context.scope
        let id = try UUID.parse(context.parameters.get("id"))
        let attachmentID = try UUID.parse(context.parameters.get("aid"))
        let letter = try await letters.letter(scope, id: id)
        let (attachment, data) = try await letters.attachmentData(scope, letterID: id, attachmentID: attachmentID)
        if attachment.identifying, letter.letterKind == .denunciation, try await letters.identity(scope, id: id) == .redacted {
            throw AppError.notFound
        }
        // The type of the bytes (for files stored before it was sniffed at intake too), always as a download.
        return Response.download(data, filename: attachment.filename)
    }
}
