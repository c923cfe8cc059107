import DanVanDomain
import Foundation
import Hummingbird

/// Letters (đơn thư): the work lists, the intake form and the case page.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /letters?list=&kind=&status=&unit=&organisation=&q=&sort=&offset= | work lists |
/// | GET | /letters?figure=&unit=&period= | the letters behind a statistics figure |
/// | GET | /letters/new?visit= | the intake form |
/// | POST | /letters | record a letter (multipart, with attachments) |
/// | GET | /letters/:id | the case page |
/// | POST | /letters/:id/actions | take an action on the case |
/// | GET | /letters/:id/attachments/:aid | download an attachment |
struct LetterController: Sendable {
    let letters: LetterStore
    let organisations: OrganisationStore
    let units: UnitStore
    let renderer: PageRenderer

    static let intakeFields = ["organisation", "received_on", "channel", "kind", "field", "subject", "content", "sender_name", "sender_address",
                               "sender_contact", "sender_id_number", "people_count", "is_repeat", "visit"]

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.letters) { request, context in try await index(request, context: context) }
        signedIn.get(SiteURL.Pattern.letterNew) { request, context in try await newForm(request, context: context) }
        signedIn.post(SiteURL.Pattern.letters) { request, context in try await create(request, context: context) }
        signedIn.get(SiteURL.Pattern.letterReceipt) { _, context in
            try await receipt(id: try UUID.parse(context.parameters.get("id")), context: context)
        }
        signedIn.get(SiteURL.Pattern.letter) { request, context in
            try await showCase(id: try UUID.parse(context.parameters.get("id")), context: context,
                               saved: FormData.query(of: request).optional("saved").flatMap(LetterAction.init(rawValue:)))
        }
        signedIn.post(SiteURL.Pattern.letterActions) { request, context in try await act(request, context: context) }
        signedIn.get(SiteURL.Pattern.letterAttachment) { _, context in try await download(context: context) }
    }

    func letterText(_ context: SignedInContext) -> LetterText { LetterText(catalogue: renderer.catalogue, language: context.language) }

    func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, prefix: String, selected: String, _ text: LetterText) -> [FormOption] where T.RawValue == String {
        T.allCases.map { FormOption(value: $0.rawValue, label: text.label(prefix, $0.rawValue), selected: $0.rawValue == selected) }
    }

    // MARK: Work lists

    struct IndexPage: Sendable, Encodable {
        struct Tab: Sendable, Encodable { var label: String; var href: String; var current: Bool }
        struct Row: Sendable, Encodable {
            var href: String, code: String, received: String, kind: String, field: String, subject: String, sender: String
            var organisation: String, handler: String, status: String, due: String, dueClass: String?
        }
        struct OfficerRow: Sendable, Encodable { var name: String; var href: String?; var open: String; var overdue: String }
        var heading: String
        var figureHeading: String?
        var tabs: [Tab]
        var values: [String: String]
        var kinds: [FormOption]
        var statuses: [FormOption]
        var sorts: [FormOption]
        var rows: [Row]
        var officers: [OfficerRow]
        var isOfficerList: Bool
        /// A search or filter is set: the folded filter panel is shown open.
        var filtered: Bool
        var total: String
        var pager: Pager
        var canReceive: Bool
        var newHref: String
    }

    private func index(_ request: Request, context: SignedInContext) async throws -> Response {
        let scope = context.scope
        let text = letterText(context)
        let calendar = try await letters.calendars.recentCalendar()
        let today = CivilDate.today(now: Date())
        let list = LetterListQuery(FormData.query(of: request), today: today, calendar: calendar)
        let (rows, total) = list.list == .officer ? ([], 0) : try await letters.page(scope, query: list.query)
        let officers = list.list == .officer ? try await letters.openByHandler(scope, unitID: list.query.unitID) : []
        let offset = list.query.offset
        let page = IndexPage(
            heading: text.text("letters_list_" + list.list.rawValue),
            figureHeading: try await figureHeading(list, scope: scope, text: text),
            tabs: LetterList.allCases.map { IndexPage.Tab(label: text.text("letters_list_" + $0.rawValue), href: SiteURL.letterList($0.rawValue).path,
                                                           current: $0 == list.list && list.figures == nil) },
            values: list.values,
            kinds: options(LetterKind.self, prefix: "kind", selected: list.values["kind"] ?? "", text),
            statuses: options(LetterStatus.self, prefix: "status", selected: list.values["status"] ?? "", text),
            sorts: LetterSort.allCases.map { FormOption(value: $0.rawValue, label: text.text("letters_sort_" + $0.rawValue), selected: $0 == list.query.sort) },
            rows: rows.map { Self.row($0, text: text, today: today, calendar: calendar) },
            officers: officers.map { officer in
                IndexPage.OfficerRow(name: officer.name ?? text.text("letters_unassigned"),
                                     href: officer.handlerID.map { SiteURL.lettersOfHandler($0).path },
                                     open: VietnameseFormat.integer(officer.open), overdue: VietnameseFormat.integer(officer.overdue))
            },
            isOfficerList: list.list == .officer,
            filtered: ["q", "kind", "status", "days", "sort"].contains { !(list.values[$0] ?? "").isEmpty },
            total: VietnameseFormat.integer(total),
            pager: Pager(offset: offset, size: LetterListQuery.pageSize, shown: rows.count, total: total, catalogue: renderer.catalogue,
                         language: context.language, href: list.href(offset:)),
            canReceive: scope.has(.receptionOfficer) || scope.has(.leader),
            newHref: SiteURL.letterNew(visit: nil).path)
        return renderer.render("letters/letters_index", titleKey: "letters_title", page: page, context: context, section: "letters")
    }

    /// "Tiếp nhận trong kỳ — Huyện Chư Pưh — 2024": what a list behind a statistics figure counts.
    private func figureHeading(_ list: LetterListQuery, scope: Scope, text: LetterText) async throws -> String? {
        guard let (figures, period, _) = list.figures else { return nil }
        var parts = [figures.map { text.text($0.labelKey) }.joined(separator: ", ")]
        if let unitID = list.query.unitID { parts.append(try await units.unit(scope, id: unitID).name) }
        parts.append(LetterText.date(period.from) + " – " + LetterText.date(period.to))
        return parts.joined(separator: " — ")
    }

    static func row(_ letter: LetterRow, text: LetterText, today: CivilDate, calendar: WorkingCalendar) -> IndexPage.Row {
        IndexPage.Row(
            href: SiteURL.letter(letter.id).path, code: letter.code, received: LetterText.date(letter.receivedOn),
            kind: text.label("kind", letter.kind), field: text.label("field", letter.field), subject: letter.subject,
            sender: letter.letterKind == .denunciation ? text.text("sender_redacted") : letter.senderLabel,
            organisation: letter.organisationName, handler: letter.handlerName ?? "", status: text.label("status", letter.status),
            due: LetterText.date(letter.dueOn),
            dueClass: letter.letterStatus.isOpen ? DueState.of(letter.dueOn, today: today, calendar: calendar).rawValue.nilIfEmpty : nil)
    }

    // MARK: Intake

    struct NewPage: Sendable, Encodable {
        var form: FormState
        var organisations: [FormOption]
        var channels: [FormOption]
        var kinds: [FormOption]
        var fields: [FormOption]
        var isRepeat: Bool
        var chooseFilesAgain: Bool
        var action: String
    }

    private func newForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let scope = context.scope
        var values = ["received_on": CivilDate.today(now: Date()).iso, "channel": LetterChannel.inPerson.rawValue, "people_count": "1",
                      "organisation": scope.organisationID.uuidString]
        if let visitID = UUID(uuidString: FormData.query(of: request)["visit"]) {
            let visit = try await letters.visit(scope, visitID: visitID)
            values["received_on"] = visit.date
            values["visit"] = visitID.uuidString
            values["content"] = visit.content
            values["subject"] = VietnameseText.headline(visit.content)
            values["people_count"] = String(visit.people)
            if visit.isRepeat { values["is_repeat"] = "1" }
            values["sender_name"] = visit.citizenName ?? ""
            values["sender_address"] = visit.citizenAddress ?? ""
        }
        return try await renderNew(FormState(values: values), context: context)
    }

    func renderNew(_ form: FormState, chooseFilesAgain: Bool = false, context: SignedInContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let scope = context.scope
        let text = letterText(context)
        let selected = form.values["organisation"] ?? scope.organisationID.uuidString
        var choices = try await organisations.organisations(scope, unitID: scope.unitID).filter { $0.validTo == nil }
        if !choices.contains(where: { $0.id == scope.organisationID }) {
            choices.insert(try await organisations.organisation(scope, id: scope.organisationID), at: 0)
        }
        let page = NewPage(
            form: form,
            organisations: choices.map { FormOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString.lowercased() == selected.lowercased()) },
            channels: options(LetterChannel.self, prefix: "channel", selected: form.values["channel"] ?? "", text),
            kinds: options(LetterKind.self, prefix: "kind", selected: form.values["kind"] ?? "", text),
            fields: options(LetterField.self, prefix: "field", selected: form.values["field"] ?? "", text),
            isRepeat: !(form.values["is_repeat"] ?? "").isEmpty,
            chooseFilesAgain: chooseFilesAgain,
            action: SiteURL.letters.path)
        return renderer.render("letters/letter_new", titleKey: "letter_new_title", page: page, context: context, status: status, section: "letters")
    }

    static func input(from form: FormData) -> LetterInput {
        LetterInput(organisationID: UUID(uuidString: form["organisation"]), receivedOn: form["received_on"], channel: form["channel"], kind: form["kind"],
                    field: form["field"], subject: form["subject"], content: form.text("content"),
                    sender: SenderIdentity(name: form["sender_name"], address: form["sender_address"], contact: form["sender_contact"],
                                           idNumber: form["sender_id_number"]),
                    peopleCount: form["people_count"], isRepeat: !form["is_repeat"].isEmpty, visitID: UUID(uuidString: form["visit"]))
    }

    /// The chosen files; the one checkbox marks them all as identifying (signature, handwriting).
    static func attachments(from form: MultipartForm) -> [AttachmentInput] {
        let identifying = !form.fields["attachment_identifying"].isEmpty
        return form.files.filter { $0.field == "attachment" }.map {
            AttachmentInput(filename: $0.filename, data: $0.data, identifying: identifying)
        }
    }

    private func create(_ request: Request, context: SignedInContext) async throws -> Response {
        let scope = context.scope
        let form: MultipartForm
        do {
            form = try await MultipartForm.from(request, limit: UploadLimits.letterBody)
        } catch where UploadLimits.isTooLarge(error) {
            throw UploadLimits.tooLarge(request)
        }
        let attachments = Self.attachments(from: form)
        return try await renderer.submit(keeping: FormState(form.fields, fields: Self.intakeFields), context: context) {
            let received = try await letters.receive(scope, input: Self.input(from: form.fields), attachments: attachments)
            return Response.redirect(to: SiteURL.letterSaved(received.id, action: LetterAction.receive.rawValue).path)
        } showAgain: { state in
            try await renderNew(state, chooseFilesAgain: !attachments.isEmpty, context: context, status: .unprocessableContent)
        }
    }
}
