import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

/// A survey as data: an administrator starts one with its own question and choices; its unit's
/// kiosks and the online form follow it from its first day, and answers kept offline count for
/// the survey of their own day.
@Suite("Surveys: questions and choices")
struct SurveyDefinitionTests {
    static func fields(_ organisation: UUID, title: String = "Khảo sát năm 2027", choices: String, reasons: String = "Thái độ cán bộ\nThời gian chờ",
                       from: String, to: String = "") -> [(String, String)] {
        [("organisation_id", organisation.uuidString), ("title", title), ("question", "Ông/bà đánh giá thế nào về buổi làm việc hôm nay?"),
         ("choices", choices), ("reasons", reasons), ("valid_from", from), ("valid_to", to)]
    }

    struct Count: Decodable { var n: Int }

    @Test("the form starts a survey with its own choices; bad lines are named beside the field and nothing is saved")
    func startASurvey() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (user, password) = try await app.user("quantri.iale", roles: [.administrator], kind: "peoples_committee", in: iaLe)
            let organisation = user.organisationID
            try await app.client { browser in
                try await browser.login("quantri.iale", password)
                let page = try await browser.get("/surveys/kiosks")
                #expect(page.body.contains(#"id="new-survey""#) && page.body.contains("Rất hài lòng\nHài lòng\nKhông hài lòng"))
                // One choice, two lines the same but for diacritics, an end before the start: each named, what was typed kept.
                let one = try await browser.post("/surveys/new", Self.fields(organisation, title: "Khảo sát riêng", choices: "Hài lòng", from: "01/01/2027"))
                #expect(one.status == .unprocessableContent && one.body.contains("Cần từ 2 đến 5 mức trả lời") && one.body.contains(#"value="Khảo sát riêng""#))
                let repeated = try await browser.post("/surveys/new", Self.fields(organisation, choices: "Hài lòng\nhai long\nKhông", from: "01/01/2027"))
                #expect(repeated.body.contains("Có hai dòng trùng nhau"), "\(repeated.body.components(separatedBy: "field-error").dropFirst().map { $0.prefix(120) })")
                let backwards = try await browser.post("/surveys/new", Self.fields(organisation, choices: "Tốt\nChưa tốt", from: "01/01/2027", to: "31/12/2026"))
                #expect(backwards.body.contains("Ngày kết thúc không được trước ngày bắt đầu khảo sát."))
                let noDay = try await browser.post("/surveys/new", Self.fields(organisation, choices: "Tốt\nChưa tốt", from: "32/01/2027"))
                #expect(noDay.status == .unprocessableContent && noDay.body.contains("Ngày không hợp lệ"))
                let past = try await browser.post("/surveys/new", Self.fields(organisation, choices: "Tốt\nChưa tốt", from: "01/01/2020"))
                #expect(past.status == .unprocessableContent && past.body.contains("Cuộc khảo sát mới bắt đầu từ hôm nay trở đi"))
                let symbols = try await browser.post("/surveys/new", Self.fields(organisation, choices: "Tốt\n★★", from: "01/01/2027"))
                #expect(symbols.body.contains("Mỗi dòng phải có chữ hoặc số."))
                #expect(try await app.database.sql.raw("SELECT COUNT(*) AS n FROM surveys").row(Count.self)?.n == 0)

                let started = try await browser.post("/surveys/new", Self.fields(organisation, choices: "Rất hài lòng\nBình thường\nKhông hài lòng", from: "01/01/2027"))
                #expect(started.status == .seeOther, "\(started.body.components(separatedBy: "field-error").dropFirst().map { $0.prefix(120) })")
                let list = try await browser.get("/surveys/kiosks")
                #expect(list.body.contains("Khảo sát năm 2027") && list.body.contains("Rất hài lòng · Bình thường · Không hài lòng") && list.body.contains("01/01/2027"))
            }
            let survey = try #require(try await SurveyStore.runningSurvey(on: app.database.sql, unitID: iaLe.id, organisationID: organisation, on: CivilDate(iso: "2027-03-01")!))
            // A default choice keeps its key (it adds up with every other survey); another gets its folded words.
            #expect(survey.choiceList.map(\.key) == ["very_satisfied", "binh_thuong", "not_satisfied"])
            #expect(survey.reasonList.map(\.key) == ["attitude", "thoi_gian_cho"])
            #expect(try await SurveyStore.runningSurvey(on: app.database.sql, unitID: iaLe.id, organisationID: organisation, on: CivilDate(iso: "2026-12-31")!) == nil)
            // Only an administrator starts one.
            let officer = try await app.officer("canbo.iale", roles: [.reportingOfficer], in: iaLe)
            await #expect(throws: AppError.self) {
                _ = try await SurveyStore(database: app.database).createSurvey(officer, input: SurveyInput(
                    organisationID: organisation, title: "X", question: "Y", choices: "A\nB", reasons: "", validFrom: "01/01/2027", validTo: ""))
            }
        }
    }

    @Test("a kiosk shows the survey running at its unit; an answer kept offline counts for the survey of its day")
    func kioskFollowsTheRunningSurvey() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let national = try await app.nationalScope()
            let store = SurveyStore(database: app.database)
            let (_, password) = try await app.user("quantri.iale", roles: [.administrator], kind: "peoples_committee", in: iaLe)
            let committee = try #require(try await app.services.organisations.organisations(national, unitID: iaLe.id).first { $0.kind == "peoples_committee" })
            // Registered on 10/06/2026 (the default survey begins that day); a survey of its own from 17/06/2026.
            let registered = CivilDate(iso: "2026-06-10")!, switchDay = CivilDate(iso: "2026-06-17")!
            func moment(_ day: CivilDate) -> Date { Date(timeIntervalSince1970: TimeInterval(day.dayNumber) * 86_400 + 3 * 3_600) }   // 10:00 in Vietnam
            let kiosk = try await store.registerKiosk(national, input: KioskInput(organisationID: committee.id, name: "Quầy một cửa", field: ""), now: moment(registered))
            _ = try await store.createSurvey(national, input: SurveyInput(
                organisationID: committee.id, title: "Khảo sát mới", question: "Ông/bà thấy thế nào?", choices: "Rất hài lòng\nBình thường\nKhông hài lòng",
                reasons: "Thời gian chờ", validFrom: VietnameseFormat.date(switchDay), validTo: ""), now: moment(registered))
            try await app.client { browser in
                let page = try await browser.get("/kiosk/\(kiosk.token)")
                #expect(page.status == .ok && page.body.contains("Bình thường") && page.body.contains("Ông/bà thấy thế nào?"))
            }
            let access = try #require(try await store.kiosk(token: kiosk.token))
            func at(_ day: CivilDate) -> Int64 { Int64(moment(day).timeIntervalSince1970 * 1000) }
            let result = try await store.takeKioskAnswers(access, answers: [
                KioskAnswerInput(id: "before-1", at: at(switchDay.adding(days: -1)), choice: "satisfied", reason: "time"),   // the default survey's day
                KioskAnswerInput(id: "after-1", at: at(switchDay), choice: "binh_thuong", reason: "thoi_gian_cho"),
                KioskAnswerInput(id: "after-2", at: at(switchDay), choice: "satisfied", reason: nil),   // not a choice of the new survey
                KioskAnswerInput(id: "before-2", at: at(switchDay.adding(days: -1)), choice: "binh_thuong", reason: nil),   // not one of the old
            ], throttle: app.services.throttle, now: moment(switchDay.adding(days: 3)))
            #expect(result == KioskBatchResult(stored: 2, invalid: 2))
            struct Stored: Decodable { var clientID: String; var surveyID: UUID }
            let stored = try await app.database.sql.raw("SELECT client_id, survey_id FROM survey_answers ORDER BY client_id").rows(Stored.self)
            #expect(stored.map(\.clientID) == ["after-1", "before-1"] && stored[0].surveyID == access.survey.id && stored[1].surveyID == access.kiosk.surveyID)
            // A tablet that has not reloaded since the switch still shows the old question: its answer counts for the survey the citizen saw.
            let stale = try await store.takeKioskAnswers(access, answers: [
                KioskAnswerInput(id: "stale-1", at: at(switchDay.adding(days: 1)), choice: "satisfied", survey: access.kiosk.surveyID.uuidString)],
                throttle: app.services.throttle, now: moment(switchDay.adding(days: 3)))
            #expect(stale == KioskBatchResult(stored: 1))
            // Over HTTP the batch names the survey shown now, so such a page reloads.
            try await app.client { browser in
                let (_, sent) = try await KioskTests.send(browser, kiosk.token, [KioskTests.answer("now-1", "binh_thuong")], showing: true)
                #expect(sent?.stored == 1 && sent?.survey == access.survey.id.uuidString.lowercased())
            }
            // The results name a custom choice by its words.
            try await app.client { browser in
                try await browser.login("quantri.iale", password)
                let results = try await browser.get("/surveys?unit=\(iaLe.id.uuidString.lowercased())&period=2026")
                #expect(results.body.contains("Bình thường") && !results.body.contains(">binh_thuong<"))
                let answers = try await browser.get(SiteURL.surveyAnswers(unit: iaLe.id, period: "2026", filter: SurveyAnswerFilter(choice: "binh_thuong")).path)
                #expect(answers.body.contains("Thời gian chờ") && !answers.body.contains("thoi_gian_cho"))
            }
            // Closing the new survey does not bring the old one back: nothing runs, the kiosk refuses silently.
            try await store.closeSurvey(national, id: access.survey.id, lastDay: switchDay.adding(days: 2))
            let afterClose = try #require(try await store.kiosk(token: kiosk.token))
            #expect(afterClose.survey.id == access.survey.id)
            let closed = try await store.takeKioskAnswers(afterClose, answers: [KioskAnswerInput(id: "closed-1", at: at(switchDay.adding(days: 3)), choice: "satisfied")],
                                                          throttle: app.services.throttle, now: moment(switchDay.adding(days: 3)))
            #expect(closed == KioskBatchResult(closed: 1))
            #expect(try await SurveyStore.runningSurvey(on: app.database.sql, unitID: iaLe.id, organisationID: committee.id, on: switchDay.adding(days: 3)) == nil)
            #expect(try await SurveyStore.runningSurvey(on: app.database.sql, unitID: iaLe.id, organisationID: committee.id, on: switchDay.adding(days: -1))?.id
                    == access.kiosk.surveyID)
            // Another organisation of the commune starts its own survey: the committee's kiosk and survey are not touched.
            let union = try await app.user("quantri.nongdan", roles: [.administrator], kind: "farmers_union", in: iaLe, mode: .organisation).0
            let unionScope = Scope(userID: union.id, username: union.username, organisationID: union.organisationID, unitID: iaLe.id, mode: .organisation,
                                   roles: [.administrator], address: "test", unitLevel: iaLe.level)
            _ = try await store.createSurvey(unionScope, input: SurveyInput(organisationID: union.organisationID, title: "Hội Nông dân", question: "Q?",
                                                                            choices: "Có\nKhông", reasons: "", validFrom: "01/01/2027", validTo: ""))
            #expect(try await SurveyStore.runningSurvey(on: app.database.sql, unitID: iaLe.id, organisationID: committee.id, on: CivilDate(iso: "2027-02-01")!) == nil)
            #expect(try await store.kiosk(token: kiosk.token)?.survey.id == access.survey.id)
        }
    }

    @Test("the online form shows the question of the commune chosen; a choice its survey does not have is asked again, nothing stored")
    func onlineFormFollowsTheCommune() async throws {
        try await TestApp.run { app in
            let (province, commune) = try await PublicLetterTests.commune(app)
            let (user, _) = try await app.user("quantri.xa", roles: [.administrator], kind: "peoples_committee", in: commune)
            _ = try await SurveyStore(database: app.database).createSurvey(try await app.nationalScope(), input: SurveyInput(
                organisationID: user.organisationID, title: "Khảo sát mới", question: "Ông/bà thấy thế nào?", choices: "Tốt\nBình thường\nChưa tốt",
                reasons: "", validFrom: VietnameseFormat.date(.today(now: Date())), validTo: ""))
            try await app.client { browser in
                let form = try await browser.get("/public/survey?province=\(province.id.uuidString)&commune_id=\(commune.id.uuidString)")
                #expect(form.body.contains("Ông/bà thấy thế nào?") && form.body.contains(#"value="binh_thuong""#) && !form.body.contains("Thái độ cán bộ"))
                let wrong = try await browser.post("/public/survey", PublicSurveyTests.fields(province, commune, choice: "satisfied"))
                #expect(wrong.status == .unprocessableContent && wrong.body.contains("Ông/bà thấy thế nào?") && wrong.body.contains("Không được để trống."))
                #expect(try await app.database.sql.raw("SELECT COUNT(*) AS n FROM survey_answers").row(Count.self)?.n == 0)
                let right = try await browser.post("/public/survey", PublicSurveyTests.fields(province, commune, choice: "binh_thuong"))
                #expect(right.status == .seeOther)
                #expect(try await app.database.sql.raw("SELECT COUNT(*) AS n FROM survey_answers").row(Count.self)?.n == 1)
            }
        }
    }
}
