import DanVanDomain
import Foundation
import Hummingbird

/// Documents with their tasks and dissemination conferences, coordination programmes, and
/// inspections with their remedies; a task and a remedy are follow-up items.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /documents?unit= | the documents of a subtree in reach, tasks done of all; the form to record one |
/// | POST | /documents | record a document (number-symbol parsed, what it replaces by its symbol) |
/// | GET | /documents/:id | a document: its symbol's parts, what it replaces or was replaced by, tasks, conferences, a programme's members |
/// | POST | /documents/:id/tasks | a task of the document, assigned to an organisation with a due date |
/// | GET, POST | /documents/:id/file | the document's file: download it; upload it (or a new one in its place) |
/// | GET | /inspections?unit= | each plan's progress, the inspections; the form to plan one |
/// | POST | /inspections | plan an inspection |
/// | GET | /inspections/:id | an inspection, its findings and remedies |
/// | POST | /inspections/:id/findings | record that it was held, the findings and recommendations |
/// | POST | /inspections/:id/remedies | a remedy, assigned to an organisation with a due date |
struct DocumentController: Sendable {
    let documents: DocumentStore
    let meetings: MeetingStore
    let units: UnitStore
    let followUps: FollowUpController
    let renderer: PageRenderer

    static let documentFields = ["form_id", "kind", "number_symbol", "organisation_id", "issued_on", "summary", "replaces", "period_from", "period_to", "members"]
    static let itemFields = ["form_id", "title", "organisation_id", "due_on", "working_days"]
    static let inspectionFields = ["form_id", "plan_id", "organisation_id", "target_unit_id", "team", "targets", "subject", "scheduled_quarter"]

    struct DocumentLine: Sendable, Encodable {
        var href: String
        var kind: String
        var symbol: String
        var issuer: String
        var issuedOn: String
        var summary: String
        var progress: String?
        var replacesHref: String?
        var replacesSymbol: String?
        var replacedByHref: String?
        var replacedBySymbol: String?
        var period: String?
        var members: [String]
    }

    struct DocumentsPage: Sendable, Encodable {
        var unitName: String
        var documents: [DocumentLine]
        var pager: Pager
        var form: FormState
        var kinds: [FormOption]
        var organisations: [FormOption]
        var action: String
    }

    /// The form that adds a task or a remedy.
    struct ItemForm: Sendable, Encodable {
        var action: String
        var organisations: [FormOption]
        var form: FormState
    }

    struct DocumentPage: Sendable, Encodable {
        var document: DocumentLine
        var number: String?
        var kindCode: String?
        var issuers: String?
        var items: [FollowUpController.ItemLine]
        var meetings: [MeetingController.MeetingLine]
        var disseminationHref: String
        var briefingHref: String
        var add: ItemForm
        var file: FileLine?
        var fileAction: String
        var fileForm: FormState
    }

    /// A document's file as its page shows it.
    struct FileLine: Sendable, Encodable {
        var href: String
        var filename: String
        var size: String
    }

    struct InspectionLine: Sendable, Encodable {
        var href: String
        var organisationName: String
        var target: String
        var team: String
        var targets: String
        var subject: String
        var quarter: String
        var heldOn: String?
        var plan: String?
        var findings: String
        var recommendations: String
        var remedies: String
    }

    struct PlanLine: Sendable, Encodable {
        var plan: String
        var held: String
        var remedies: String
    }

    struct InspectionsPage: Sendable, Encodable {
        var unitName: String
        var plans: [PlanLine]
        var inspections: [InspectionLine]
        var form: FormState
        var organisations: [FormOption]
        var planOptions: [FormOption]
        var targets: [FormOption]
        var action: String
    }

    struct InspectionPage: Sendable, Encodable {
        var inspection: InspectionLine
        var findingsAction: String
        var findingsForm: FormState
        var items: [FollowUpController.ItemLine]
        var add: ItemForm
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.documents) { request, context in
            try await documentsPage(FormData.query(of: request), context: context)
        }
        signedIn.post(SiteURL.Pattern.documents) { request, context in
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: Self.documentFields), context: context) {
                let id = try await documents.record(context.scope, input: DocumentInput(
                    formID: UUID(uuidString: form["form_id"]), kind: form["kind"], numberSymbol: form["number_symbol"], organisationID: UUID(uuidString: form["organisation_id"]), issuedOn: form["issued_on"],
                    summary: form.text("summary"), replaces: form["replaces"], periodFrom: form["period_from"], periodTo: form["period_to"], members: form.text("members")))
                return Response.redirect(to: SiteURL.document(id).path)
            } showAgain: { state in
                try await documentsPage(FormData(""), context: context, form: state)
            }
        }
        signedIn.get(SiteURL.Pattern.document) { _, context in
            try await documentPage(try UUID.parse(context.parameters.get("id")), context: context)
        }
        signedIn.post(SiteURL.Pattern.documentTasks) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let document = try await documents.document(context.scope, id: id)
            return try await addItem(request, context: context, source: .task, sourceID: id, owner: (document.organisationID, document.unitID),
                                     start: CivilDate(iso: document.issuedOn)!, back: SiteURL.document(id)) { state in
                try await documentPage(id, context: context, form: state)
            }
        }
        signedIn.get(SiteURL.Pattern.documentFile) { _, context in
            let file = try await documents.fileData(context.scope, documentID: try UUID.parse(context.parameters.get("id")))
            return Response.download(Array(file.data), filename: file.filename)
        }
        signedIn.post(SiteURL.Pattern.documentFile) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            _ = try await documents.document(context.scope, id: id)   // out of reach: 404 before the body is read
            let form: MultipartForm
            do { form = try await MultipartForm.from(request, limit: UploadLimits.letterBody) } catch where UploadLimits.isTooLarge(error) {
                throw UploadLimits.tooLarge(request)
            }
            return try await renderer.submit(keeping: FormState(), context: context) {
                try await documents.attachFile(context.scope, documentID: id, file: form.files.first { $0.field == "file" }.map {
                    AttachmentInput(filename: $0.filename, data: $0.data, identifying: false)
                })
                return Response.redirect(to: SiteURL.document(id).path)
            } showAgain: { state in
                try await documentPage(id, context: context, fileForm: state)
            }
        }
        signedIn.get(SiteURL.Pattern.inspections) { request, context in
            try await inspectionsPage(FormData.query(of: request), context: context)
        }
        signedIn.post(SiteURL.Pattern.inspections) { request, context in
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: Self.inspectionFields), context: context) {
                let id = try await documents.plan(context.scope, input: InspectionInput(
                    formID: UUID(uuidString: form["form_id"]), planID: UUID(uuidString: form["plan_id"]), organisationID: UUID(uuidString: form["organisation_id"]),
                    targetUnitID: UUID(uuidString: form["target_unit_id"]), team: form.text("team"), targets: form.text("targets"), subject: form.text("subject"),
                    scheduledQuarter: form["scheduled_quarter"]))
                return Response.redirect(to: SiteURL.inspection(id).path)
            } showAgain: { state in
                try await inspectionsPage(FormData(""), context: context, form: state)
            }
        }
        signedIn.get(SiteURL.Pattern.inspection) { _, context in
            try await inspectionPage(try UUID.parse(context.parameters.get("id")), context: context)
        }
        signedIn.post(SiteURL.Pattern.inspectionFindings) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            _ = try await documents.inspection(context.scope, id: id)
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: ["held_on", "findings", "recommendations", "findings_of"]), context: context) {
                try await documents.recordFindings(context.scope, id: id, heldOn: form["held_on"], findings: form.text("findings"),
                                                   recommendations: form.text("recommendations"), shown: form["findings_of"].isEmpty ? nil : form["findings_of"])
                return Response.redirect(to: SiteURL.inspection(id).path)
            } showAgain: { state in
                try await inspectionPage(id, context: context, findings: state)
            }
        }
        signedIn.post(SiteURL.Pattern.inspectionRemedies) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let inspection = try await documents.inspection(context.scope, id: id)
            guard let held = inspection.heldOn.flatMap(CivilDate.init(iso:)) else { throw ValidationError(["title": "error_inspection_not_held"]) }
            return try await addItem(request, context: context, source: .remedy, sourceID: id, owner: (inspection.organisationID, inspection.unitID),
                                     start: held, back: SiteURL.inspection(id)) { state in
                try await inspectionPage(id, context: context, form: state)
            }
        }
    }

    /// Adds a task or a remedy from the shared form, or shows the page again with the messages.
    private func addItem(_ request: Request, context: SignedInContext, source: FollowUpSource, sourceID: UUID, owner: (UUID, UUID), start: CivilDate,
                         back: SiteURL, showAgain: (FormState) async throws -> Response) async throws -> Response {
        let form = try await FormData.from(request, context: context)
        return try await renderer.submit(keeping: FormState(form, fields: Self.itemFields), context: context) {
            _ = try await meetings.followUps.add(context.scope, source: source, sourceID: sourceID, owner: owner, title: form.text("title"), start: start,
                                                 input: FollowUpDueInput(organisationID: UUID(uuidString: form["organisation_id"]), dueOn: form["due_on"],
                                                                         workingDays: form["working_days"]), formID: UUID(uuidString: form["form_id"]))
            return Response.redirect(to: back.path)
        } showAgain: { state in
            try await showAgain(state)
        }
    }

    /// An empty form with the id of the record it will make (see ``FollowUpStore/refuseTwice``).
    static func newForm(_ values: [String: String] = [:]) -> FormState {
        FormState(values: values.merging(["form_id": UUID().uuidString]) { first, _ in first })
    }

    static func day(_ iso: String?) -> String? { iso.flatMap { CivilDate(iso: $0) }.map(VietnameseFormat.date) }

    /// "34/37" of done and all.
    static func progress(_ done: Int, _ all: Int) -> String { "\(VietnameseFormat.integer(done))/\(VietnameseFormat.integer(all))" }

    func line(_ row: DocumentRow, language: Language) -> DocumentLine {
        let t = renderer.catalogue
        return DocumentLine(
            href: SiteURL.document(row.id).path, kind: t.text("document_kind_" + row.kind, language), symbol: row.numberSymbol ?? "—",
            issuer: row.organisationName, issuedOn: Self.day(row.issuedOn) ?? row.issuedOn, summary: row.summary,
            progress: row.tasks > 0 ? Self.progress(row.tasksDone, row.tasks) : nil,
            replacesHref: row.replacesID.map { SiteURL.document($0).path }, replacesSymbol: row.replacesSymbol,
            replacedByHref: row.replacedByID.map { SiteURL.document($0).path }, replacedBySymbol: row.replacedBySymbol,
            period: row.periodFrom.map { from in "\(from.prefix(4))–\((row.periodTo ?? "").prefix(4))" },
            members: row.members.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// Documents on a page of the list.
    static let pageSize = 50

    private func documentsPage(_ query: FormData, context: SignedInContext, form: FormState? = nil) async throws -> Response {
        let scope = context.scope, language = context.language
        let (unit, _, _) = try await FollowUpController.selection(query, scope: scope, units: units)
        let form = form ?? Self.newForm(["organisation_id": scope.organisationID.uuidString])
        let offset = Pager.offset(query["offset"])
        let (rows, total) = try await documents.documents(scope, unitID: unit.id, offset: offset, limit: Self.pageSize)
        let unitQuery = unit.id == scope.unitID ? nil : unit.id
        let page = DocumentsPage(
            unitName: unit.name, documents: rows.map { line($0, language: language) },
            pager: Pager(offset: offset, size: Self.pageSize, shown: rows.count, total: total, catalogue: renderer.catalogue, language: language) {
                SiteURL.documents(unit: unitQuery, offset: $0).path
            }, form: form,
            kinds: MeetingController.options(DocumentKind.allCases, prefix: "document_kind_", selected: form.values["kind"], catalogue: renderer.catalogue,
                                             language: language),
            organisations: try await followUps.routeChoices(scope, selected: form.values["organisation_id"]), action: SiteURL.documents(unit: nil).path)
        return renderer.render("followup/documents", titleKey: "document_title", page: page, context: context,
                               status: form.hasErrors ? .unprocessableContent : .ok, section: "followup")
    }

    private func itemLines(_ scope: Scope, sourceID: UUID, language: Language) async throws -> [FollowUpController.ItemLine] {
        let today = CivilDate.today(now: Date())
        let calendar = try await meetings.followUps.calendars.recentCalendar()
        return try await meetings.followUps.items(scope, sourceIDs: [sourceID]).map { followUps.line($0, today: today, calendar: calendar, language: language) }
    }

    private func documentPage(_ id: UUID, context: SignedInContext, form: FormState? = nil, fileForm: FormState = FormState()) async throws -> Response {
        let scope = context.scope, language = context.language
        let row = try await documents.document(scope, id: id)
        let symbol = row.numberSymbol.flatMap { DocumentSymbol($0) }
        let form = form ?? Self.newForm()
        let page = DocumentPage(
            document: line(row, language: language), number: symbol?.numberText, kindCode: symbol?.kindCode, issuers: symbol?.issuers.joined(separator: ", "),
            items: try await itemLines(scope, sourceID: id, language: language),
            meetings: try await meetings.meetings(scope, documentID: id).map { MeetingController.line($0, catalogue: renderer.catalogue, language: language) },
            disseminationHref: SiteURL.meetingOf(document: id, kind: MeetingKind.dissemination.rawValue).path,
            briefingHref: SiteURL.meetingOf(document: id, kind: MeetingKind.jointBriefing.rawValue).path,
            add: ItemForm(action: SiteURL.documentTasks(id).path, organisations: try await followUps.routeChoices(scope, selected: form.values["organisation_id"]),
                          form: form),
            file: try await documents.file(scope, documentID: id).map {
                FileLine(href: SiteURL.documentFile(id).path, filename: $0.filename, size: VietnameseFormat.kilobytes($0.size))
            },
            fileAction: SiteURL.documentFile(id).path, fileForm: fileForm)
        return renderer.render("followup/document", titleKey: "document_title", title: row.numberSymbol, page: page, context: context,
                               status: form.hasErrors || fileForm.hasErrors ? .unprocessableContent : .ok, section: "followup")
    }

    func line(_ row: InspectionRow, language: Language) -> InspectionLine {
        InspectionLine(href: SiteURL.inspection(row.id).path, organisationName: row.organisationName, target: row.targetUnitName, team: row.team,
                       targets: row.targets, subject: row.subject, quarter: Self.quarter(row.scheduledQuarter, renderer: renderer, language: language),
                       heldOn: Self.day(row.heldOn), plan: row.planSymbol, findings: row.findings, recommendations: row.recommendations,
                       remedies: Self.progress(row.remediesDone, row.remedies))
    }

    static func quarter(_ key: String, renderer: PageRenderer, language: Language) -> String {
        ReportPeriod.parse(key).map { renderer.periodLabel($0, language) } ?? key
    }

    private func inspectionsPage(_ query: FormData, context: SignedInContext, form: FormState? = nil) async throws -> Response {
        let scope = context.scope, language = context.language, t = renderer.catalogue
        let (unit, _, _) = try await FollowUpController.selection(query, scope: scope, units: units)
        let rows = try await documents.inspections(scope, unitID: unit.id)
        // Each plan (or body and year, when no plan document is named): inspections held of all, remedies done of all.
        let groups = Dictionary(grouping: rows) { $0.planSymbol ?? "\($0.organisationName) \($0.scheduledQuarter.prefix(4))" }
        let plans = groups.keys.sorted().map { key in
            let group = groups[key]!
            return PlanLine(plan: key, held: Self.progress(group.filter { $0.heldOn != nil }.count, group.count),
                            remedies: Self.progress(group.map(\.remediesDone).reduce(0, +), group.map(\.remedies).reduce(0, +)))
        }
        let form = form ?? Self.newForm(["organisation_id": scope.organisationID.uuidString])
        let today = CivilDate.today(now: Date())
        let places = [try await units.unit(scope, id: scope.unitID)] + (try await units.children(scope, of: scope.unitID, on: today).sortedVietnamese())
        let selectedPlace = (form.values["target_unit_id"] ?? "").lowercased(), selectedPlan = (form.values["plan_id"] ?? "").lowercased()
        let page = InspectionsPage(
            unitName: unit.name, plans: plans, inspections: rows.map { line($0, language: language) }, form: form,
            organisations: try await followUps.routeChoices(scope, selected: form.values["organisation_id"]),
            planOptions: [FormOption(value: "", label: "—", selected: selectedPlan.isEmpty)] + (try await documents.documents(scope, unitID: scope.unitID, kind: .plan).rows)
                .map { FormOption(value: $0.id.uuidString, label: ($0.numberSymbol ?? "") + " " + String($0.summary.prefix(60)), selected: $0.id.uuidString.lowercased() == selectedPlan) },
            targets: places.map { FormOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString.lowercased() == selectedPlace) },
            action: SiteURL.inspections(unit: nil).path)
        _ = t
        return renderer.render("followup/inspections", titleKey: "inspection_title", page: page, context: context,
                               status: form.hasErrors ? .unprocessableContent : .ok, section: "followup")
    }

    private func inspectionPage(_ id: UUID, context: SignedInContext, form: FormState? = nil, findings: FormState? = nil) async throws -> Response {
        let scope = context.scope, language = context.language
        let row = try await documents.inspection(scope, id: id)
        let form = form ?? Self.newForm()
        let page = InspectionPage(
            inspection: line(row, language: language), findingsAction: SiteURL.inspectionFindings(id).path,
            findingsForm: findings ?? FormState(values: ["held_on": Self.day(row.heldOn) ?? "", "findings": row.findings, "recommendations": row.recommendations,
                                                          "findings_of": DocumentStore.findingsToken(row)]),
            items: try await itemLines(scope, sourceID: id, language: language),
            add: ItemForm(action: SiteURL.inspectionRemedies(id).path, organisations: try await followUps.routeChoices(scope, selected: form.values["organisation_id"]),
                          form: form))
        return renderer.render("followup/inspection", titleKey: "inspection_title", page: page, context: context,
                               status: form.hasErrors || findings != nil ? .unprocessableContent : .ok, section: "followup")
    }
}
