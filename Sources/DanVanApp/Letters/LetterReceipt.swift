import DanVanDomain
import Foundation
import Hummingbird

/// Giấy biên nhận đơn: the receipt a citizen takes home when an office receives a
/// letter, printed on one A4 page: the national heading, the receiving body, the case's
/// number, what was received and from whom, who received it, when the answer is due and
/// how to follow the case, with the two signatures.
extension LetterController {
    struct ReceiptPage: Sendable, Encodable {
        var organisationName: String
        var unitName: String
        var code: String
        var placeDate: String
        var sender: CasePage.Sender?
        var kind: String
        var subject: String
        var receivedOn: String
        var channel: String
        /// The enclosed files by name, "; " between; nil for none.
        var attachments: String?
        var receivedBy: String
        var dueOn: String?
        var dueRule: String?
        var trackingCode: String?
        var caseHref: String
    }

    func receipt(id: UUID, context: SignedInContext) async throws -> Response {
        let scope = context.scope
        let text = letterText(context)
        let letter = try await letters.letter(scope, id: id)
        let identity = try await letters.identity(scope, id: id)
        let events = try await letters.events(scope, id: id)
        let actors = try await letters.actorNames(scope, id: id)
        let received = events.first { $0.action == LetterAction.receive.rawValue }
        let page = ReceiptPage(
            organisationName: letter.organisationName, unitName: letter.unitName, code: letter.code,
            placeDate: VietnameseFormat.placeDate(place: letter.unitName, letter.receivedDate),
            sender: Self.sender(identity), kind: text.label("kind", letter.kind), subject: letter.subject,
            receivedOn: LetterText.date(letter.receivedOn), channel: text.label("channel", letter.channel),
            attachments: try await letters.attachments(scope, of: letter, seenAs: identity).map(\.filename).joined(separator: "; ").nilIfEmpty,
            receivedBy: received.flatMap { event in event.userID.flatMap { actors[$0] } ?? event.createdBy } ?? letter.createdBy,
            dueOn: letter.dueOn.map { LetterText.date($0) },
            dueRule: letter.dueRule.map { text.label("rule", $0) },
            trackingCode: letter.trackingCode, caseHref: SiteURL.letter(id).path)
        return renderer.render("letters/letter_receipt", titleKey: "receipt_title", title: text.text("receipt_title") + " " + letter.code,
                               page: page, context: context, section: "letters")
    }
}
