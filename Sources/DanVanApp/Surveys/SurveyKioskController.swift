import DanVanDomain
import Foundation
import Hummingbird

/// The kiosks at the counters, for administrators.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /surveys/kiosks | the kiosks in reach; the form to register one |
/// | POST | /surveys/kiosks | register a kiosk: the answer shows its link once |
/// | POST | /surveys/kiosks/:id/revoke | revoke a kiosk's link |
/// | POST | /surveys/new | start a survey of a unit: its question, choices and reasons, from a day |
/// | POST | /surveys/:id/close | close a survey after a day (its kiosks and the online form refuse later answers) |
struct SurveyKioskController: Sendable {
    let surveys: SurveyStore
    let organisations: OrganisationStore
    let renderer: PageRenderer

    static let fields = ["organisation_id", "name", "field"]
    static let surveyFields = ["organisation_id", "title", "question", "choices", "reasons", "valid_from", "valid_to"]

    struct KioskRow: Sendable, Encodable {
        var name: String
        var unitName: String
        var organisationName: String
        var field: String?
        var answers: String
        var refused: String
        var registered: String
        var revoked: String?
        var revokeAction: String?
    }

    struct SurveyLine: Sendable, Encodable {
        var title: String
        var question: String
        /// The answer choices, in order.
        var choices: String
        var unitName: String
        var validFrom: String
        var validTo: String?
        var kiosks: String
        var closeAction: String?
        /// The message of a close refused, beside its form.
        var error: String?
    }

    struct KiosksPage: Sendable, Encodable {
        var surveys: [SurveyLine]
        var kiosks: [KioskRow]
        var form: FormState
        /// The form that starts a survey.
        var surveyForm: FormState
        var organisations: [FormOption]
        var surveyOrganisations: [FormOption]
        var fields: [FormOption]
        var canEdit: Bool
        /// The link of the kiosk just registered: shown this once.
        var newLink: String?
        var newName: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.surveyKiosks) { _, context in
            try await kiosks(context: context)
        }
        signedIn.post(SiteURL.Pattern.surveyKiosks) { request, context in
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: Self.fields), context: context) {
                let name = form["name"]
                let registered = try await surveys.registerKiosk(context.scope, input: KioskInput(
                    organisationID: UUID(uuidString: form["organisation_id"]), name: name, field: form["field"]))
                // The token is in no log and no later page: this answer is the one place it is shown.
                let link = SiteURL.kiosk(token: registered.token).path
                return try await kiosks(context: context, newLink: link, newName: name)
            } showAgain: { state in
                try await kiosks(context: context, form: state)
            }
        }
        signedIn.post(SiteURL.Pattern.surveyNew) { request, context in
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: Self.surveyFields), context: context) {
                _ = try await surveys.createSurvey(context.scope, input: SurveyInput(
                    organisationID: UUID(uuidString: form["organisation_id"]), title: form["title"], question: form["question"],
                    choices: form.text("choices"), reasons: form.text("reasons"), validFrom: form["valid_from"], validTo: form["valid_to"]))
                return Response.redirect(to: SiteURL.surveyKiosks.path)
            } showAgain: { state in
                try await kiosks(context: context, surveyForm: state)
            }
        }
        signedIn.post(SiteURL.Pattern.surveyClose) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: ["last_day"]), context: context) {
                try await surveys.closeSurvey(context.scope, id: id, lastDay: form["last_day"])
                return Response.redirect(to: SiteURL.surveyKiosks.path)
            } showAgain: { state in
                try await kiosks(context: context, closing: (id, state.errors["last_day"]))
            }
        }
        signedIn.post(SiteURL.Pattern.surveyKioskRevoke) { _, context in
            try await surveys.revokeKiosk(context.scope, id: try UUID.parse(context.parameters.get("id")))
            return Response.redirect(to: SiteURL.surveyKiosks.path)
        }
    }

    private func kiosks(context: SignedInContext, form: FormState? = nil, surveyForm: FormState? = nil, newLink: String? = nil, newName: String? = nil,
                        closing: (id: UUID, error: String?)? = nil) async throws -> Response {
        let scope = context.scope
        let language = context.language
        let t = renderer.catalogue
        let form = form ?? FormState(values: ["organisation_id": scope.organisationID.uuidString])
        let surveyForm = surveyForm ?? FormState(values: [
            "organisation_id": scope.organisationID.uuidString, "title": SurveyRecord.defaultTitle, "question": SurveyRecord.defaultQuestion,
            "choices": SurveyRecord.defaultChoices.map(\.label).joined(separator: "\n"), "reasons": SurveyRecord.defaultReasons.map(\.label).joined(separator: "\n"),
            "valid_from": VietnameseFormat.date(.today(now: Date()))])
        let canEdit = scope.has(.administrator)
        var choices = try await organisations.organisations(scope, unitID: scope.unitID).filter { $0.validTo == nil }
        if scope.mode == .organisation { choices = choices.filter { $0.id == scope.organisationID } }
        func options(_ form: FormState) -> [FormOption] {
            let selected = (form.values["organisation_id"] ?? "").lowercased()
            return choices.map { FormOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString.lowercased() == selected) }
        }
        let day = { (iso: String) in CivilDate(iso: iso).map(VietnameseFormat.date) ?? iso }
        let page = KiosksPage(
            surveys: try await surveys.surveys(scope).map { row in
                SurveyLine(title: row.title, question: row.question, choices: SurveyChoice.list(json: row.choices).map(\.label).joined(separator: " · "),
                           unitName: row.unitName, validFrom: day(row.validFrom), validTo: row.validTo.map(day),
                           kiosks: VietnameseFormat.integer(row.kiosks),
                           closeAction: canEdit && row.validTo == nil ? SiteURL.surveyClose(row.id).path : nil,
                           error: closing?.id == row.id ? closing?.error : nil)
            },
            kiosks: try await surveys.kiosks(scope).map { row in
                KioskRow(name: row.name, unitName: row.unitName, organisationName: row.organisationName,
                         field: row.field.map { t.text("survey_field_" + $0, language) },
                         answers: VietnameseFormat.integer(row.answers), refused: VietnameseFormat.integer(row.refused),
                         registered: VietnameseFormat.date(CivilDate.today(now: row.createdAt)),
                         revoked: row.revokedAt.map { VietnameseFormat.date(CivilDate.today(now: $0)) },
                         revokeAction: canEdit && row.revokedAt == nil ? SiteURL.surveyKioskRevoke(row.id).path : nil)
            },
            form: form, surveyForm: surveyForm, organisations: options(form), surveyOrganisations: options(surveyForm),
            fields: Self.fieldOptions(selected: form.values["field"], catalogue: t, language: language),
            canEdit: canEdit, newLink: newLink, newName: newName)
        return renderer.render("surveys/survey_kiosks", titleKey: "survey_kiosks_title", page: page, context: context,
                               status: form.hasErrors || surveyForm.hasErrors || closing != nil ? .unprocessableContent : .ok, section: "surveys")
    }

    /// The service fields, "—" (none) first.
    static func fieldOptions(selected: String?, catalogue: StringCatalogue, language: Language) -> [FormOption] {
        [FormOption(value: "", label: "—", selected: (selected ?? "").isEmpty)]
            + SurveyField.allCases.map { FormOption(value: $0.rawValue, label: catalogue.text("survey_field_" + $0.rawValue, language), selected: $0.rawValue == selected) }
    }
}
