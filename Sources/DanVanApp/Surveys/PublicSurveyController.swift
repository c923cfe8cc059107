import DanVanDomain
import Foundation
import Hummingbird

/// The online survey for a citizen who used a public service, without an account, with the
/// public letter form's protections (form token, honeypot, a limit per address).
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /public/survey | the form (`?province=` lists that province's communes; `?sent=1` thanks) |
/// | POST | /public/survey | answer; then back to the form, thanked |
struct PublicSurveyController: Sendable {
    let surveys: SurveyStore
    let places: PublicPlaces
    let throttle: Throttle
    let renderer: PageRenderer

    static let fields = ["province", "commune_id", "field", "choice", "reason"]

    struct SurveyPage: Sendable, Encodable {
        var form: FormState
        var provinces: [FormOption]
        var communes: [FormOption]
        var hasProvince: Bool
        var fields: [FormOption]
        var question: String
        var choices: [FormOption]
        var reasons: [FormOption]
        var sent: Bool
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURL.Pattern.publicSurvey) { request, context in
            let query = FormData.query(of: request)
            return try await form(FormState(query, fields: Self.fields), context: context, sent: query["sent"] == "1")
        }
        router.post(SiteURL.Pattern.publicSurvey) { request, context in
            let form = try await FormData.from(request, context: context)
            var state = FormState(form, fields: Self.fields)
            // A filled honeypot is a robot: nothing is saved.
            guard form["website"].isEmpty else {
                state.errors["form"] = renderer.catalogue.text("error_public_rejected", context.language)
                return try await self.form(state, context: context, status: .unprocessableContent)
            }
            let attempt = try await throttle.begin(Throttle.publicSurveys(address: context.address))
            if let wait = attempt.retryAfter {
                state.errors["form"] = renderer.catalogue.text("error_public_throttled", context.language)
                return try await self.form(state, context: context, status: .tooManyRequests).retrying(after: wait)
            }
            return try await renderer.submit(keeping: state, context: context) {
                try await surveys.answerOnline(OnlineAnswerInput(communeID: UUID(uuidString: form["commune_id"]), field: form["field"], choice: form["choice"],
                                                                 reason: form["reason"]), address: context.address)
                // Post, then redirect, then get: reloading the thanks cannot answer twice.
                return Response.redirect(to: SiteURL.publicSurveySent.path)
            } showAgain: { state in
                try await throttle.forget(attempt.ids)   // a form sent back to be corrected does not count
                return try await self.form(state, context: context, status: .unprocessableContent)
            }
        }
    }

    private func form(_ form: FormState, context: AppRequestContext, sent: Bool = false, status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        let t = renderer.catalogue
        let choices = try await places.choices(form, address: context.address)
        // The commune chosen shows its own survey's question (the default until one is chosen).
        let today = CivilDate.today(now: Date())
        let survey = try await surveys.publicSurvey(communeID: UUID(uuidString: form.values["commune_id"] ?? ""), on: today)
            ?? SurveyStore.defaultSurvey(unitID: UUID(), organisationID: nil, from: today, createdBy: "", now: Date())
        let page = SurveyPage(
            form: form, provinces: choices.provinces, communes: choices.communes, hasProvince: !choices.communes.isEmpty,
            fields: SurveyField.allCases.map { FormOption(value: $0.rawValue, label: t.text("survey_field_" + $0.rawValue, language), selected: $0.rawValue == form.values["field"]) },
            question: survey.question,
            choices: survey.choiceList.map { FormOption(value: $0.key, label: $0.label, selected: $0.key == form.values["choice"]) },
            reasons: survey.reasonList.map { FormOption(value: $0.key, label: $0.label, selected: $0.key == form.values["reason"]) },
            sent: sent)
        return renderer.render("surveys/public_survey", titleKey: "survey_public_title", page: page, context: context, status: status, section: "public")
    }
}
