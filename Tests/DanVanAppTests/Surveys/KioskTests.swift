import DanVanDomain
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DanVanApp

/// The kiosk at a counter, over HTTP: registered by an administrator, reached by its secret
/// link, and every bad input handled without losing or double-counting an answer.
@Suite("Surveys: kiosks")
struct KioskTests {
    /// Registers a kiosk of Ia Le's People's Committee through the form; returns its token and id.
    static func register(_ app: TestApp, _ browser: Browser, name: String = "Quầy một cửa") async throws -> (token: String, id: UUID) {
        let page = try await browser.post("/surveys/kiosks", [("name", name), ("field", "land")])
        #expect(page.status == .ok)
        let link = try #require(page.body.range(of: #"id="new-kiosk-link" href="/kiosk/"#).map { page.body[$0.upperBound...].prefix { $0 != "\"" } })
        let national = try await app.nationalScope()
        let kiosk = try #require(try await SurveyStore(database: app.database).kiosks(national).first { $0.name == name })
        return (String(link), kiosk.id)
    }

    static func signedIn(_ app: TestApp, _ browser: Browser) async throws {
        let iaLe = try await app.unit("23986", legacy: false)
        let (_, password) = try await app.user("quantri.iale", roles: [.administrator], kind: "peoples_committee", in: iaLe)
        try await browser.login("quantri.iale", password)
    }

    /// Posts a batch as the kiosk's script does: JSON, no cookie, no form token.
    /// Posts a batch; the result without the survey it names (`showing`: with it).
    static func send(_ browser: Browser, _ token: String, _ answers: [KioskAnswerInput], showing: Bool = false) async throws -> (HTTPResponse.Status, KioskBatchResult?) {
        let body = try JSONEncoder().encode(answers)
        var (status, result) = try await send(browser, token, raw: String(decoding: body, as: UTF8.self))
        if status == .ok { #expect(result?.survey != nil) }
        if !showing { result?.survey = nil }
        return (status, result)
    }

    static func send(_ browser: Browser, _ token: String, raw: String) async throws -> (HTTPResponse.Status, KioskBatchResult?) {
        let response = try await browser.client.execute(uri: "/kiosk/\(token)/answers", method: .post, headers: [.contentType: "application/json"],
                                                        body: ByteBuffer(string: raw))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return (response.status, try? decoder.decode(KioskBatchResult.self, from: Data(buffer: response.body)))
    }

    static func answer(_ id: String, _ choice: String = "very_satisfied", reason: String? = nil, at: Date = Date()) -> KioskAnswerInput {
        KioskAnswerInput(id: id, at: Int64(at.timeIntervalSince1970 * 1000), choice: choice, reason: reason)
    }

    /// The answers stored, once the counts kept by month are checked to hold exactly them.
    static func stored(_ app: TestApp) async throws -> Int {
        struct Count: Decodable { var n: Int? }
        let counted = try await app.database.sql.raw("SELECT CAST(SUM(n) AS BIGINT) AS n FROM survey_answer_counts").row(Count.self)?.n ?? 0
        let stored = try await app.database.sql.raw("SELECT COUNT(*) AS n FROM survey_answers").row(Count.self)?.n ?? -1
        let differences = try await SurveyStore.checkCounts(app.database)
        #expect(counted == stored && differences.isEmpty)
        return stored
    }

    @Test("the kiosk page opens by its link without a login, in Vietnamese, with the three answers")
    func kioskPage() async throws {
        try await TestApp.run { app in
            try await app.client { browser in
                try await Self.signedIn(app, browser)
                let (token, _) = try await Self.register(app, browser)
                let page = try await browser.get("/kiosk/\(token)", headers: [.acceptLanguage: "en"])
                #expect(page.status == .ok)
                for label in ["Rất hài lòng", "Hài lòng", "Không hài lòng", "Cảm ơn ông/bà!", "Quầy một cửa"] { #expect(page.body.contains(label), "\(label)") }
                #expect(page.body.contains("/static/kiosk.js"))
                // The list shows the kiosk, never its token again.
                let list = try await browser.get("/surveys/kiosks")
                #expect(list.body.contains("Quầy một cửa") && !list.body.contains(token))
            }
        }
    }

    @Test("the same offline batch sent three times counts once")
    func replayCountsOnce() async throws {
        try await TestApp.run { app in
            try await app.client { browser in
                try await Self.signedIn(app, browser)
                let (token, _) = try await Self.register(app, browser)
                let batch = [Self.answer("a1", reason: "time", at: Date().addingTimeInterval(-3600)), Self.answer("a2", "not_satisfied")]
                let first = try await Self.send(browser, token, batch)
                #expect(first.0 == .ok && first.1 == KioskBatchResult(stored: 2))
                for _ in 0..<2 {
                    let again = try await Self.send(browser, token, batch)
                    #expect(again.0 == .ok && again.1 == KioskBatchResult(duplicates: 2))
                }
                // The same id twice in one batch is one answer too.
                let doubled = try await Self.send(browser, token, [Self.answer("a3"), Self.answer("a3")])
                #expect(doubled.1 == KioskBatchResult(stored: 1, duplicates: 1))
                #expect(try await Self.stored(app) == 3)
            }
        }
    }

    @Test("a revoked token and a forged one are refused: 404 page, 404 JSON, nothing stored")
    func revokedAndForged() async throws {
        try await TestApp.run { app in
            try await app.client { browser in
                try await Self.signedIn(app, browser)
                let (token, id) = try await Self.register(app, browser)
                #expect(try await Self.send(browser, token, [Self.answer("b1")]).1 == KioskBatchResult(stored: 1))
                let revoked = try await browser.post("/surveys/kiosks/\(id.uuidString.lowercased())/revoke", [])
                #expect(revoked.status == .seeOther)
                for forged in [token, Secrets.token(), "x"] {
                    #expect(try await browser.get("/kiosk/\(forged)").status == .notFound)
                    let (status, result) = try await Self.send(browser, forged, [Self.answer("b2")])
                    #expect(status == .notFound && result == nil)
                }
                #expect(try await Self.stored(app) == 1)
            }
        }
    }

    @Test("1.000 taps a minute from one token: 120 stored, the rest refused and counted on the kiosk")
    func floodIsRefusedAndCounted() async throws {
        try await TestApp.run { app in
            try await app.client { browser in
                try await Self.signedIn(app, browser)
                let (token, id) = try await Self.register(app, browser)
                var total = KioskBatchResult()
                for batch in 0..<10 {
                    let (status, result) = try await Self.send(browser, token, (0..<100).map { Self.answer("f\(batch)-\($0)") })
                    #expect(status == .ok)
                    total.stored += result?.stored ?? 0
                    total.refused += result?.refused ?? 0
                }
                #expect(total == KioskBatchResult(stored: 120, refused: 880))
                #expect(try await Self.stored(app) == 120)
                #expect(try await SurveyStore(database: app.database).kiosk(try await app.nationalScope(), id: id).refused == 880)
                #expect(try await browser.get("/surveys/kiosks").body.contains("880"))
            }
        }
    }

    @Test("a closed survey's answers, a malformed batch and malformed answers are refused without an error the kiosk would show")
    func closedAndMalformed() async throws {
        try await TestApp.run { app in
            try await app.client { browser in
                try await Self.signedIn(app, browser)
                let (token, _) = try await Self.register(app, browser)
                // Malformed entries: unknown choice or reason, bad id, a time far ahead or long before the kiosk existed.
                let bad = [Self.answer("c1", "great"), Self.answer("c2", reason: "weather"), Self.answer("bad id"), Self.answer(String(repeating: "x", count: 65)),
                           Self.answer("c3", at: Date().addingTimeInterval(86_400)), Self.answer("c4", at: Date().addingTimeInterval(-30 * 86_400))]
                #expect(try await Self.send(browser, token, bad).1 == KioskBatchResult(invalid: 6))
                for raw in ["not json", "{\"id\":1}", "[{\"id\":\"c5\"}]", ""] {
                    let (status, _) = try await Self.send(browser, token, raw: raw)
                    #expect(status == .badRequest, "\(raw)")
                }
                let tooMany = try await Self.send(browser, token, (0...SurveyStore.batchLimit).map { Self.answer("m\($0)") })
                #expect(tooMany.0 == .badRequest)
                // The survey (begun today, at the registration) is closed from yesterday: today's answer and one
                // from yesterday, before it began, are refused silently (200, nothing for the kiosk to show).
                let national = try await app.nationalScope()
                let kiosk = try #require(try await SurveyStore(database: app.database).kiosks(national).first)
                let yesterday = CivilDate.today(now: Date().addingTimeInterval(-86_400))
                let close = "/surveys/\(kiosk.surveyID.uuidString.lowercased())/close"
                let unreadable = try await browser.post(close, [("last_day", "31/02/2026")])
                #expect(unreadable.status == .unprocessableContent && unreadable.body.contains("field-error"))
                let early = try await browser.post(close, [("last_day", VietnameseFormat.date(yesterday.adding(days: -1)))])
                #expect(early.status == .unprocessableContent && early.body.contains("Ngày kết thúc không được trước ngày bắt đầu khảo sát."))
                #expect(try await browser.post(close, [("last_day", VietnameseFormat.date(yesterday))]).status == .seeOther)
                #expect(try await browser.get("/surveys/kiosks").body.contains(VietnameseFormat.date(yesterday)))
                let late = try await Self.send(browser, token, [Self.answer("d1"), Self.answer("d2", at: Date().addingTimeInterval(-86_400))])
                #expect(late.0 == .ok && late.1 == KioskBatchResult(closed: 2))
                #expect(try await Self.stored(app) == 0)
            }
        }
    }
}
