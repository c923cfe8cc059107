import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

/// The online survey, answered without an account, with the public letter form's protections.
@Suite("Surveys: the online form")
struct PublicSurveyTests {
    static func fields(_ province: UnitSummary, _ commune: UnitSummary, choice: String = "satisfied", reason: String = "", website: String = "") -> [(String, String)] {
        [("province", province.id.uuidString), ("commune_id", commune.id.uuidString), ("field", "civil_status"), ("choice", choice),
         ("reason", reason), ("website", website)]
    }

    @Test("a citizen answers from the link of the public pages; bad input, a robot, a flood and a closed survey store nothing")
    func onlineAnswers() async throws {
        try await TestApp.run { app in
            let (province, commune) = try await PublicLetterTests.commune(app)
            try await app.client { browser in
                #expect(try await browser.get("/public/send").body.contains(#"id="survey-link" href="/public/survey""#))
                #expect(try await browser.get("/public/track?code=DV-AAAA-AAAA").body.contains(#"id="survey-link" href="/public/survey""#))
                let form = try await browser.get("/public/survey?province=\(province.id.uuidString)")
                #expect(form.status == .ok && form.body.contains(commune.name) && form.body.contains("Không hài lòng"))
                let posted = try await browser.post("/public/survey", Self.fields(province, commune, reason: "time"))
                #expect(posted.status == .seeOther && posted.location == "/public/survey?sent=1")
                #expect(try await browser.get("/public/survey?sent=1").body.contains("Cảm ơn ông/bà đã đánh giá!"))
                // Without the form token, with the honeypot filled, without a choice: nothing stored.
                #expect(try await browser.post("/public/survey", Self.fields(province, commune), includeCSRF: false).status == .forbidden)
                #expect(try await browser.post("/public/survey", Self.fields(province, commune, website: "x")).status == .unprocessableContent)
                let missing = try await browser.post("/public/survey", Self.fields(province, commune, choice: ""))
                #expect(missing.status == .unprocessableContent && missing.body.contains("Không được để trống."))
            }
            let national = try await app.nationalScope()
            let answers = try await SurveyStore(database: app.database).answers(national, unitID: commune.id, period: ReportPeriod.year(CivilDate.today(now: Date()).year)!,
                                                                               filter: SurveyAnswerFilter())
            #expect(answers.map(\.channel) == ["online"] && answers.first?.reason == "time" && answers.first?.field == "civil_status")
            // Ten answers an hour from one address; the eleventh waits.
            try await app.client { browser in
                _ = try await browser.get("/public/survey")   // the form first, as a citizen opens it
                for index in 0..<9 {
                    let page = try await browser.post("/public/survey", Self.fields(province, commune))
                    #expect(page.status == .seeOther, "answer \(index + 2): \(page.status) \(page.body.prefix(300))")
                }
                let flood = try await browser.post("/public/survey", Self.fields(province, commune))
                #expect(flood.status == .tooManyRequests && flood.headers[.retryAfter] != nil)
            }
            #expect(try await SurveyStore(database: app.database).answers(national, unitID: commune.id, period: ReportPeriod.year(CivilDate.today(now: Date()).year)!,
                                                                         filter: SurveyAnswerFilter()).count == 10)
            // A commune whose survey was closed takes no more answers (no new survey starts by itself).
            struct Survey: Decodable { var id: UUID }
            let survey = try #require(try await app.database.sql.raw("SELECT id FROM surveys").row(Survey.self))
            let store = SurveyStore(database: app.database)
            try await store.closeSurvey(national, id: survey.id, lastDay: CivilDate.today(now: Date().addingTimeInterval(-86_400)))
            await #expect(throws: ValidationError.self) {
                try await store.answerOnline(OnlineAnswerInput(communeID: commune.id, field: "land", choice: "satisfied", reason: ""), address: "t")
            }
            struct Count: Decodable { var n: Int }
            #expect(try await app.database.sql.raw("SELECT COUNT(*) AS n FROM surveys").row(Count.self)?.n == 1)
        }
    }
}
