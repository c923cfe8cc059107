import DanVanDomain
import Foundation
import Hummingbird

/// The public side, without an account: a citizen sends a kiến nghị or phản
/// ánh to a commune and follows it with the tracking code.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /public/send | the form (`?province=` lists that province's communes) |
/// | POST | /public/send | send it; the answer shows the tracking code |
/// | GET | /public/track | the status of a letter by `?code=` |
struct PublicController: Sendable {
    let letters: LetterStore
    let units: UnitStore
    let accounts: AccountStore
    let renderer: PageRenderer
    let throttle: Throttle

    static let fields = ["province", "commune_id", "kind", "field", "subject", "content", "sender_name", "sender_address", "sender_contact"]

    struct SendPage: Sendable, Encodable {
        var form: FormState
        var provinces: [FormOption]
        var communes: [FormOption]
        var kinds: [FormOption]
        var fields: [FormOption]
        var hasProvince: Bool
    }

    struct SentPage: Sendable, Encodable {
        var trackingCode: String
        var code: String
        var organisation: String
        var receivedOn: String
        var dueOn: String?
        var trackHref: String
    }

    struct TrackPage: Sendable, Encodable {
        struct Step: Sendable, Encodable { var label: String; var date: String }
        var code: String
        var error: String?
        var found: Bool
        var letterCode: String
        var receivedOn: String
        var kind: String
        var status: String
        var organisation: String
        var dueOn: String?
        var steps: [Step]
        var answer: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURL.Pattern.publicSend) { request, context in
            let query = FormData.query(of: request)
            return try await sendForm(FormState(query, fields: Self.fields), context: context)
        }
        router.post(SiteURL.Pattern.publicSend) { request, context in
            let form = try await FormData.from(request, context: context)
            var state = FormState(form, fields: Self.fields)
            // A filled honeypot is a robot: nothing is saved.
            guard form["website"].isEmpty else {
                state.errors["form"] = renderer.catalogue.text("error_public_rejected", context.language)
                return try await sendForm(state, context: context, status: .unprocessableContent)
            }
            let attempt = try await throttle.begin(Throttle.publicLetters(address: context.address))
            if let wait = attempt.retryAfter {
                state.errors["form"] = renderer.catalogue.text("error_public_throttled", context.language)
                return try await sendForm(state, context: context, status: .tooManyRequests).retrying(after: wait)
            }
            let submission = PublicSubmission(communeID: UUID(uuidString: form["commune_id"]), kind: form["kind"], field: form["field"],
                                              subject: form["subject"], content: form.text("content"), name: form["sender_name"],
                                              address: form["sender_address"], contact: form["sender_contact"])
            return try await renderer.submit(keeping: state, context: context) {
                let sent = try await letters.submitPublic(submission, address: context.address)
                // Post, then redirect, then get: reloading the confirmation cannot send the letter twice.
                return Response.redirect(to: SiteURL.publicSent(code: sent.trackingCode).path)
            } showAgain: { state in
                try await throttle.forget(attempt.ids)   // a letter sent back to be corrected does not count
                return try await sendForm(state, context: context, status: .unprocessableContent)
            }
        }
        router.get(SiteURL.Pattern.publicSent) { request, context in
            // The same facts as the tracking page, so the same limit (a code is a secret).
            let code = FormData.query(of: request)["code"]
            if let wait = try await throttle.begin(Throttle.tracking(address: context.address)).retryAfter {
                let page = TrackPage(code: code, error: renderer.catalogue.text("error_public_throttled", context.language), found: false, letterCode: "",
                                     receivedOn: "", kind: "", status: "", organisation: "", steps: [])
                return renderer.render("letters/public_track", titleKey: "public_track_title", page: page, context: context, status: .tooManyRequests,
                                       section: "public").retrying(after: wait)
            }
            let status = try await letters.track(code)
            let page = SentPage(trackingCode: status.trackingCode, code: status.code, organisation: status.organisationName,
                                receivedOn: Self.date(status.receivedOn), dueOn: status.dueOn.map(Self.date),
                                trackHref: SiteURL.publicTrack(code: status.trackingCode).path)
            return renderer.render("letters/public_sent", titleKey: "public_sent_title", page: page, context: context, section: "public")
        }
        router.get(SiteURL.Pattern.publicTrack) { request, context in
            let code = FormData.query(of: request)["code"]
            var page = TrackPage(code: code, error: nil, found: false, letterCode: "", receivedOn: "", kind: "", status: "", organisation: "", steps: [])
            guard !code.isEmpty else { return renderer.render("letters/public_track", titleKey: "public_track_title", page: page, context: context, section: "public") }
            let language = context.language
            // Every look-up counts, found or not: tracking codes cannot be guessed by trying.
            if let wait = try await throttle.begin(Throttle.tracking(address: context.address)).retryAfter {
                page.error = renderer.catalogue.text("error_public_throttled", language)
                return renderer.render("letters/public_track", titleKey: "public_track_title", page: page, context: context, status: .tooManyRequests,
                                       section: "public").retrying(after: wait)
            }
            do {
                let status = try await letters.track(code)
                page.found = true
                page.code = status.trackingCode
                page.letterCode = status.code
                page.receivedOn = Self.date(status.receivedOn)
                page.kind = renderer.catalogue.text("kind_" + status.kind, language)
                page.status = renderer.catalogue.text("status_" + status.status, language)
                page.organisation = status.organisationName
                page.dueOn = LetterStatus(rawValue: status.status)?.isOpen == true ? status.dueOn.map(Self.date) : nil
                page.steps = status.steps.map { TrackPage.Step(label: renderer.catalogue.text("action_" + $0.action, language), date: Self.date($0.date)) }
                page.answer = status.publicAnswer
                return renderer.render("letters/public_track", titleKey: "public_track_title", page: page, context: context, section: "public")
            } catch let error as AppError where error.code == "tracking_not_found" {
                page.error = renderer.catalogue.text("error_tracking_not_found", language)
                return renderer.render("letters/public_track", titleKey: "public_track_title", page: page, context: context, status: .notFound, section: "public")
            }
        }
    }

    private func sendForm(_ form: FormState, context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        let places = try await PublicPlaces(units: units, accounts: accounts).choices(form, address: context.address)
        let page = SendPage(
            form: form,
            provinces: places.provinces,
            communes: places.communes,
            kinds: [LetterKind.petition, .report].map { FormOption(value: $0.rawValue, label: renderer.catalogue.text("kind_" + $0.rawValue, language),
                                                                   selected: $0.rawValue == form.values["kind"]) },
            fields: [LetterField.land, .policy, .justice, .other].map { FormOption(value: $0.rawValue, label: renderer.catalogue.text("field_" + $0.rawValue, language),
                                                                                  selected: $0.rawValue == form.values["field"]) },
            hasProvince: !places.communes.isEmpty)
        return renderer.render("letters/public_send", titleKey: "public_send_title", page: page, context: context, status: status, section: "public")
    }

    static func date(_ iso: String) -> String {
        CivilDate(iso: iso).map(VietnameseFormat.date) ?? iso
    }
}

/// The provinces of today and, once one is chosen (`province`), its communes (`commune_id`
/// selected): where a public form sends.
struct PublicPlaces: Sendable {
    let units: UnitStore
    let accounts: AccountStore

    func choices(_ form: FormState, address: String) async throws -> (provinces: [FormOption], communes: [FormOption]) {
        let scope = try await accounts.publicScope(address: address)
        let today = CivilDate.today(now: Date())
        let provinces = try await units.children(scope, of: scope.unitID, on: today).filter { $0.level == 1 }.sortedVietnamese()
        let province = UUID(uuidString: form.values["province"] ?? "")
        var communes: [UnitSummary] = []
        if let province, provinces.contains(where: { $0.id == province }) {
            communes = try await units.children(scope, of: province, on: today).filter { $0.level == 3 }.sortedVietnamese()
        }
        return (provinces.map { FormOption(value: $0.id.uuidString, label: $0.name, selected: $0.id == province) },
                communes.map { FormOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == form.values["commune_id"]) })
    }
}
