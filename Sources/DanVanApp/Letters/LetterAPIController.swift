import DanVanDomain
import Foundation
import Hummingbird

/// Letters in the JSON API. Lists never carry a denouncer's identity; the
/// detail carries the sender only when the caller may see it (audited for a denunciation).
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /api/v1/letters?list=&kind=&status=&unit=&organisation=&q=&sort=&offset=&figure=&period= | letters in scope |
/// | GET | /api/v1/letters/:id | one case with sender (or redacted), events and deadlines |
struct LetterAPIController: Sendable {
    let letters: LetterStore

    struct ListBody: Encodable, Sendable {
        var items: [LetterItemBody]
        var total: Int
        var limit: Int
        var offset: Int
    }

    /// What the API says of the sender.
    struct SenderBody: Encodable, Sendable {
        var redacted: Bool?
        var name: String?
        var address: String?
        var contact: String?
        var idNumber: String?

        init(_ view: SenderView) {
            switch view {
            case .shown(let person): (name, address, contact, idNumber) = (person.name, person.address, person.contact, person.idNumber)
            case .redacted: redacted = true
            }
        }
    }

    struct DeadlineBody: Encodable, Sendable {
        var step: String, rule: String, source: String, variant: String, totalDays: Int, count: String, from: String, dueOn: String, doneOn: String?
    }

    struct DetailBody: Encodable, Sendable {
        var letter: LetterBody
        var sender: SenderBody
        var events: [LetterEventBody]
        var deadlines: [DeadlineBody]
    }

    /// The list's parameters as the document declares them (the pages read them leniently).
    static func check(_ query: APIQuery) throws {
        try query.check("list", in: LetterList.allCases.map(\.rawValue))
        try query.check("kind", in: LetterKind.allCases.map(\.rawValue))
        try query.check("status", in: LetterStatus.allCases.map(\.rawValue))
        try query.check("sort", in: LetterSort.allCases.map(\.rawValue))
        for name in ["unit", "organisation", "handler"] { try query.checkUUID(name) }
        try query.checkInteger("days", 0...365)
        try query.checkInteger("offset", 0...1_000_000)
        try query.checkText("q", maxLength: InputLimits.searchMaxLength)
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.apiLetters) { request, context in
            let scope = context.scope
            try Self.check(APIQuery(request))
            let calendar = try await letters.calendars.recentCalendar()
            var list = LetterListQuery(FormData.query(of: request), today: CivilDate.today(now: Date()), calendar: calendar)
            if list.list == .officer { list.query.statuses = LetterStatus.open }
            var (rows, total) = try await letters.page(scope, query: list.query)
            for index in rows.indices where rows[index].letterKind == .denunciation { rows[index].senderLabel = "" }
            return JSONResponse.make(ListBody(items: rows.map(LetterItemBody.init), total: total, limit: list.query.limit,
                                              offset: list.query.offset))
        }
        signedIn.get(SiteURL.Pattern.apiLetter) { _, context in
            let scope = context.scope
            let id = try UUID.parse(context.parameters.get("id"))
            var letter = try await letters.letter(scope, id: id)
            if letter.letterKind == .denunciation { letter.senderLabel = "" }
            let deadlines = try await letters.deadlines(scope, id: id).map {
                DeadlineBody(step: $0.step, rule: $0.ruleKey, source: $0.source, variant: $0.variant.rawValue, totalDays: $0.totalDays,
                             count: $0.count.rawValue, from: $0.from.iso, dueOn: $0.due.iso, doneOn: $0.doneOn?.iso)
            }
            return JSONResponse.make(DetailBody(letter: LetterBody(letter), sender: SenderBody(try await letters.identity(scope, id: id)),
                                                events: try await letters.events(scope, id: id).map(LetterEventBody.init), deadlines: deadlines))
        }
    }
}
