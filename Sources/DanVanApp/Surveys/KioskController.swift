import DanVanDomain
import Foundation
import Hummingbird

/// The kiosk at a counter: a tablet opens its secret link, no account, and citizens tap
/// their answer. The page keeps answers made offline in the browser and sends them when the
/// network returns (`static/kiosk.js`).
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /kiosk/:token | the kiosk page (Vietnamese only; a revoked or unknown token is 404) |
/// | POST | /kiosk/:token/answers | a JSON batch `[{id, at, choice, reason?, survey?}]`; answers with what became of them and the survey shown now |
struct KioskController: Sendable {
    let surveys: SurveyStore
    let throttle: Throttle
    let renderer: PageRenderer

    struct KioskPage: Sendable, Encodable {
        var question: String
        var counter: String
        var choices: [SurveyChoice]
        var reasons: [SurveyChoice]
        var answersURL: String
        /// The survey shown: sent with each answer, and compared with the one each batch's answer names.
        var survey: String
        var script: String
    }

    /// The most bytes a batch may take: a hundred answers with room to spare.
    static let bodyLimit = 64 * 1024

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURL.Pattern.kiosk) { _, context in
            var context = context
            context.language = .vi   // the kiosk speaks Vietnamese whatever the tablet's settings
            let token = context.parameters.get("token") ?? ""
            guard let access = try await surveys.kiosk(token: token) else { throw AppError.notFound }
            let page = KioskPage(question: access.survey.question, counter: access.kiosk.name, choices: access.survey.choiceList,
                                 reasons: access.survey.reasonList, answersURL: SiteURL.kioskAnswers(token: token).path,
                                 survey: access.survey.id.uuidString.lowercased(),
                                 script: SiteURL.kioskScript.path)
            return renderer.render("surveys/kiosk", titleKey: "kiosk_title", page: page, context: context)
        }
        router.post(SiteURL.Pattern.kioskAnswers) { request, context in
            let language = Language.vi
            guard let access = try await surveys.kiosk(token: context.parameters.get("token") ?? "") else {
                return APIError.response(.notFound, catalogue: renderer.catalogue, language: language)
            }
            var request = request
            let body = try? await request.collectBody(upTo: Self.bodyLimit)
            guard let body, let answers = try? JSONDecoder().decode([KioskAnswerInput].self, from: Data(buffer: body)) else {
                return APIError.response(AppError(.badRequest, code: "kiosk_batch_malformed"), catalogue: renderer.catalogue, language: language)
            }
            guard answers.count <= SurveyStore.batchLimit else {
                return APIError.response(AppError(.badRequest, code: "kiosk_batch_too_large"), catalogue: renderer.catalogue, language: language)
            }
            var result = try await surveys.takeKioskAnswers(access, answers: answers, throttle: throttle)
            result.survey = access.survey.id.uuidString.lowercased()
            return JSONResponse.make(result)
        }
    }
}
