import DanVanDomain
import Foundation
import Hummingbird

/// Meetings and their opinions: record a meeting with its opinions, route each to an agency,
/// publish the answer, record that the raiser was told; the public page of published answers.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /meetings?unit=&period=&offset= | the meetings of a subtree in reach |
/// | GET | /meetings/new | the form: the meeting and up to five opinions |
/// | POST | /meetings | record it (the form's id: posted twice, stored once) |
/// | GET | /meetings/:id | the meeting, its opinions, where each went and its answer |
/// | POST | /opinions/:id/route | route an opinion to an agency with a due date |
/// | POST | /opinions/:id/mark | publish (or withdraw) the answer; the raiser was told |
/// | GET | /public/opinions | published opinions and their answers, no personal data |
struct MeetingController: Sendable {
    let meetings: MeetingStore
    let units: UnitStore
    let followUps: FollowUpController
    let renderer: PageRenderer

    static let opinionRows = 5
    static let fields = ["form_id", "document_id", "kind", "organisation_id", "place_unit_id", "co_hosts", "held_on", "participants", "minutes"]
        + (0..<opinionRows).flatMap { ["opinion_text_\($0)", "opinion_field_\($0)", "opinion_level_\($0)", "opinion_raiser_\($0)"] }
    static let routeFields = ["organisation_id", "due_on", "working_days"]

    struct MeetingLine: Sendable, Encodable {
        var href: String
        var kind: String
        var heldOn: String
        var placeName: String
        var organisationName: String
        var coHosts: String
        var participants: String
        var opinions: String
        var minutes: String
    }

    struct ListPage: Sendable, Encodable {
        var unitName: String
        var meetings: [MeetingLine]
        var pager: Pager
        var newHref: String
    }

    struct OpinionForm: Sendable, Encodable {
        var index: Int
        var text: String
        var fields: [FormOption]
        var levels: [FormOption]
        /// Who raised it: a citizen (not recorded), or an organisation in reach, told of the answer.
        var raisers: [FormOption]
        var textError: String?
        var raiserError: String?
    }

    struct NewPage: Sendable, Encodable {
        var action: String
        var form: FormState
        var kinds: [FormOption]
        var organisations: [FormOption]
        var places: [FormOption]
        var opinions: [OpinionForm]
    }

    struct OpinionLine: Sendable, Encodable {
        var id: String
        var text: String
        var field: String
        var level: String
        var item: FollowUpController.ItemLine?
        var routeAction: String?
        var markAction: String
        var published: Bool
        var canPublish: Bool
        /// The words the publish form offers: those posted, or the opinion and its answer to be edited.
        var publicText: String
        var publicAnswer: String
        var raiserTold: Bool
        var raiserName: String?
        var form: FormState?
    }

    struct MeetingPage: Sendable, Encodable {
        var meeting: MeetingLine
        var opinions: [OpinionLine]
        var organisations: [FormOption]
    }

    struct PublicPage: Sendable, Encodable {
        var opinions: [PublishedLine]
        var pager: Pager
    }

    struct PublishedLine: Sendable, Encodable {
        var text: String
        var field: String
        var place: String
        var agency: String
        var answer: String?
        var answeredOn: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.meetings) { request, context in
            let query = FormData.query(of: request)
            let (unit, period, key) = try await FollowUpController.selection(query, scope: context.scope, units: units)
            let offset = Pager.offset(query["offset"])
            let (rows, total) = try await meetings.meetings(context.scope, unitID: unit.id, period: period, offset: offset)
            let page = ListPage(unitName: unit.name, meetings: rows.map { line($0, language: context.language) },
                                pager: Pager(offset: offset, size: 50, shown: rows.count, total: total, catalogue: renderer.catalogue, language: context.language) {
                                    SiteURL.meetings(unit: unit.id, period: key, offset: $0).path
                                }, newHref: SiteURL.meetingNew.path)
            return renderer.render("followup/meetings", titleKey: "followup_meetings_title", page: page, context: context, section: "followup")
        }
        signedIn.get(SiteURL.Pattern.meetingNew) { request, context in
            let query = FormData.query(of: request)
            var values = ["form_id": UUID().uuidString, "organisation_id": context.scope.organisationID.uuidString, "participants": "0"]
            if let document = UUID(uuidString: query["document"]) {
                values["document_id"] = try await DocumentStore(database: meetings.database).document(context.scope, id: document).id.uuidString
                values["kind"] = MeetingKind(rawValue: query["kind"])?.rawValue
            }
            return try await newPage(FormState(values: values), context: context)
        }
        signedIn.post(SiteURL.Pattern.meetings) { request, context in
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: Self.fields), context: context) {
                let id = try await meetings.record(context.scope, input: MeetingInput(
                    formID: UUID(uuidString: form["form_id"]), kind: form["kind"], organisationID: UUID(uuidString: form["organisation_id"]),
                    placeUnitID: UUID(uuidString: form["place_unit_id"]), coHosts: form.text("co_hosts"), heldOn: form["held_on"], participants: form["participants"], minutes: form.text("minutes"),
                    opinions: (0..<Self.opinionRows).map {
                        OpinionInput(text: form.text("opinion_text_\($0)"), field: form["opinion_field_\($0)"], level: form["opinion_level_\($0)"],
                                     raiserOrganisationID: UUID(uuidString: form["opinion_raiser_\($0)"]))
                    }, documentID: UUID(uuidString: form["document_id"])))
                return Response.redirect(to: SiteURL.meeting(id).path)
            } showAgain: { state in
                try await newPage(state, context: context)
            }
        }
        signedIn.get(SiteURL.Pattern.meeting) { _, context in
            try await meetingPage(try UUID.parse(context.parameters.get("id")), context: context)
        }
        signedIn.post(SiteURL.Pattern.opinionRoute) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let opinion = try await meetings.opinion(context.scope, id: id)
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: Self.routeFields), context: context) {
                _ = try await meetings.route(context.scope, opinionID: id, input: FollowUpDueInput(
                    organisationID: UUID(uuidString: form["organisation_id"]), dueOn: form["due_on"], workingDays: form["working_days"]))
                return Response.redirect(to: SiteURL.meeting(opinion.meetingID).path)
            } showAgain: { state in
                try await meetingPage(opinion.meetingID, context: context, routing: (id, state))
            }
        }
        signedIn.post(SiteURL.Pattern.opinionMark) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let opinion = try await meetings.opinion(context.scope, id: id)
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: ["publish", "told", "public_text", "public_answer"]), context: context) {
                let publish = form.optional("publish").map { $0 == "1" }
                try await meetings.mark(context.scope, opinionID: id, publish: publish.map { $0 ? .publish(text: form.text("public_text"), answer: form.text("public_answer")) : .withdraw },
                                        told: form.optional("told").map { $0 == "1" })
                return Response.redirect(to: SiteURL.meeting(opinion.meetingID).path)
            } showAgain: { state in
                try await meetingPage(opinion.meetingID, context: context, routing: (id, state))
            }
        }
        router.get(SiteURL.Pattern.publicOpinions) { request, context in
            let offset = Pager.offset(FormData.query(of: request)["offset"])
            let (rows, total) = try await meetings.published(offset: offset)
            let t = renderer.catalogue, language = context.language
            let page = PublicPage(opinions: rows.map {
                PublishedLine(text: $0.publicText, field: t.text("survey_field_" + $0.field, language),
                              place: $0.unitName + ", " + (CivilDate(iso: $0.heldOn).map(VietnameseFormat.date) ?? ""), agency: $0.organisationName,
                              answer: $0.publicAnswer, answeredOn: $0.answeredOn.flatMap(CivilDate.init(iso:)).map(VietnameseFormat.date))
            }, pager: Pager(offset: offset, size: 30, shown: rows.count, total: total, catalogue: t, language: language) { SiteURL.publicOpinions(offset: $0).path })
            return renderer.render("followup/public_opinions", titleKey: "followup_public_title", page: page, context: context)
        }
    }

    func line(_ row: MeetingRow, language: Language) -> MeetingLine { Self.line(row, catalogue: renderer.catalogue, language: language) }

    static func line(_ row: MeetingRow, catalogue: StringCatalogue, language: Language) -> MeetingLine {
        MeetingLine(href: SiteURL.meeting(row.id).path, kind: catalogue.text("followup_meeting_" + row.kind, language),
                    heldOn: CivilDate(iso: row.heldOn).map(VietnameseFormat.date) ?? row.heldOn, placeName: row.placeName, organisationName: row.organisationName,
                    coHosts: row.coHosts, participants: VietnameseFormat.integer(row.participants), opinions: VietnameseFormat.integer(row.opinions),
                    minutes: row.minutes)
    }

    static func options<T: RawRepresentable>(_ cases: [T], prefix: String, selected: String?, catalogue: StringCatalogue, language: Language) -> [FormOption]
    where T.RawValue == String {
        cases.map { FormOption(value: $0.rawValue, label: catalogue.text(prefix + $0.rawValue, language), selected: $0.rawValue == selected) }
    }

    private func newPage(_ form: FormState, context: SignedInContext) async throws -> Response {
        let t = renderer.catalogue, language = context.language
        let raisers = try await followUps.routeChoices(context.scope, selected: nil).dropFirst()
        let page = NewPage(
            action: SiteURL.meetingCreate.path, form: form,
            kinds: Self.options(MeetingKind.allCases, prefix: "followup_meeting_", selected: form.values["kind"] ?? MeetingKind.voterContact.rawValue,
                                catalogue: t, language: language),
            organisations: try await followUps.routeChoices(context.scope, selected: form.values["organisation_id"], below: false),
            places: try await placeChoices(context.scope, selected: form.values["place_unit_id"], language: language),
            opinions: (0..<Self.opinionRows).map { index in
                OpinionForm(index: index, text: form.values["opinion_text_\(index)"] ?? "",
                            fields: Self.options(SurveyField.allCases, prefix: "survey_field_", selected: form.values["opinion_field_\(index)"] ?? "other",
                                                 catalogue: t, language: language),
                            levels: Self.options(OpinionLevel.allCases, prefix: "followup_level_", selected: form.values["opinion_level_\(index)"] ?? "district",
                                                 catalogue: t, language: language),
                            raisers: [FormOption(value: "", label: t.text("followup_raiser_citizen", language), selected: (form.values["opinion_raiser_\(index)"] ?? "").isEmpty)]
                                + raisers.map { FormOption(value: $0.value, label: $0.label, selected: $0.value.lowercased() == form.values["opinion_raiser_\(index)"]?.lowercased()) },
                            textError: form.errors["opinion_text_\(index)"], raiserError: form.errors["opinion_raiser_\(index)"])
            })
        return renderer.render("followup/meeting_new", titleKey: "followup_meeting_new", page: page, context: context,
                               status: form.hasErrors ? .unprocessableContent : .ok, section: "followup")
    }

    /// Where a meeting may be held: at the host (the default), or a unit below the caller's.
    private func placeChoices(_ scope: Scope, selected: String?, language: Language) async throws -> [FormOption] {
        let chosen = (selected ?? "").lowercased()
        let unit = try await units.unit(scope, id: scope.unitID)
        let below = scope.mode == .subtree ? try await units.children(scope, of: unit, on: CivilDate.today(now: Date())).sortedVietnamese() : []
        return [FormOption(value: "", label: renderer.catalogue.text("followup_place_host", language), selected: chosen.isEmpty)]
            + below.map { FormOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString.lowercased() == chosen) }
    }

    private func meetingPage(_ id: UUID, context: SignedInContext, routing: (id: UUID, form: FormState)? = nil) async throws -> Response {
        let scope = context.scope, language = context.language, t = renderer.catalogue
        let meeting = try await meetings.meeting(scope, id: id)
        let opinions = try await meetings.opinions(scope, meetingID: id)
        let items = Dictionary(uniqueKeysWithValues: try await meetings.followUps.items(scope, sourceIDs: opinions.map(\.id)).map { ($0.sourceID, $0) })
        let today = CivilDate.today(now: Date())
        let calendar = try await meetings.followUps.calendars.recentCalendar()
        let page = MeetingPage(
            meeting: line(meeting, language: language),
            opinions: opinions.map { opinion in
                let item = items[opinion.id]
                return OpinionLine(
                    id: opinion.id.uuidString.lowercased(), text: opinion.text, field: t.text("survey_field_" + opinion.field, language),
                    level: t.text("followup_level_" + opinion.level, language),
                    item: item.map { followUps.line($0, today: today, calendar: calendar, language: language) },
                    routeAction: opinion.itemID == nil ? SiteURL.opinionRoute(opinion.id).path : nil, markAction: SiteURL.opinionMark(opinion.id).path,
                    published: opinion.publishedAt != nil, canPublish: item?.itemStatus == .done,
                    publicText: routing?.id == opinion.id ? routing?.form.values["public_text"] ?? "" : opinion.publicText ?? opinion.text,
                    publicAnswer: routing?.id == opinion.id ? routing?.form.values["public_answer"] ?? "" : opinion.publicAnswer ?? item?.answer ?? "",
                    raiserTold: opinion.raiserTold, raiserName: opinion.raiserName,
                    form: routing?.id == opinion.id ? routing?.form : nil)
            },
            organisations: try await followUps.routeChoices(scope, selected: routing?.form.values["organisation_id"]))
        return renderer.render("followup/meeting", titleKey: "followup_meeting_title", page: page, context: context,
                               status: routing == nil ? .ok : .unprocessableContent, section: "followup")
    }
}
