import DanVanDomain
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// The results of a unit's subtree over a period: counts, rates adding up to 100,00%, the
/// groups, the units below, the workbook, and the answers behind each count.
@Suite("Surveys: results")
struct SurveyResultsTests {
    /// `counts` answers (very satisfied, satisfied, not satisfied) of a kiosk of the organisation, spread over the months from `month`.
    static func answers(_ app: TestApp, kiosk: UUID, counts: [Int], year: Int, months: Int = 9) async throws {
        let national = try await app.nationalScope()
        let row = try await SurveyStore(database: app.database).kiosk(national, id: kiosk)
        let organisation = try await app.services.organisations.organisation(national, id: try #require(
            try await app.database.sql.raw("SELECT organisation_id FROM survey_kiosks WHERE id = \(bind: kiosk)").row(OrganisationOf.self)).organisationID)
        var records: [SurveyAnswerRecord] = []
        for (choice, count) in zip(SurveyRecord.defaultChoices.map(\.key), counts) {
            for index in 0..<count {
                let month = 1 + index % months
                let day = CivilDate(year: year, month: month, day: 1 + index % CivilDate.daysInMonth(year: year, month: month))!   // the 29th–31st too
                records.append(SurveyAnswerRecord(
                    id: UUID(), surveyID: row.surveyID, kioskID: kiosk, clientID: "\(year)-\(choice)-\(index)", unitID: row.unitID, organisationID: organisation.id,
                    channel: "kiosk", choice: choice, reason: nil, field: "land", answeredAt: Date(), answeredOn: day.iso, createdAt: Date()))
            }
        }
        let answers = records
        _ = try await app.database.db.transaction { tx in try await SurveyStore.store(answers, on: tx as! any SQLDatabase) }
    }

    struct OrganisationOf: Decodable { var organisationID: UUID }

    @Test("Dầu Tiếng's 1.659 answers show 91,98% / 7,90% / 0,12%; the units below are compared; each count opens its answers")
    func resultsPage() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let iaHru = try await app.unit("23971", legacy: false)
            let (_, password) = try await app.user("quantri.tinh", roles: [.administrator], kind: "peoples_committee", in: try await app.unit(
                try await app.services.units.unit(try await app.nationalScope(), id: try #require(iaLe.parentID)).code, legacy: false))
            let national = try await app.nationalScope()
            let store = SurveyStore(database: app.database)
            let committee = { (unit: UnitSummary) in
                try #require(try await app.services.organisations.organisations(national, unitID: unit.id).first { $0.kind == "peoples_committee" }).id
            }
            _ = try await app.user("x.iale", roles: [.reportingOfficer], kind: "peoples_committee", in: iaLe)
            _ = try await app.user("x.iahru", roles: [.reportingOfficer], kind: "peoples_committee", in: iaHru)
            let kioskLe = try await store.registerKiosk(national, input: KioskInput(organisationID: try await committee(iaLe), name: "Quầy Ia Le", field: "land"))
            let kioskHru = try await store.registerKiosk(national, input: KioskInput(organisationID: try await committee(iaHru), name: "Quầy Ia Hrú", field: ""))
            try await Self.answers(app, kiosk: kioskLe.id, counts: [1_526, 131, 2], year: 2018)
            try await Self.answers(app, kiosk: kioskHru.id, counts: [1, 1, 1], year: 2018)
            try await Self.answers(app, kiosk: kioskHru.id, counts: [5, 0, 0], year: 2019)   // another year: not counted

            let counts = try await store.counts(national, unitID: iaLe.id, period: ReportPeriod.nineMonths(2018)!)
            #expect(counts.total.counts == ["very_satisfied": 1_526, "satisfied": 131, "not_satisfied": 2])
            #expect(counts.months.count == 9 && counts.months.map(\.total).reduce(0, +) == 1_659)
            // Whole months are read from the counts kept by month, the days around them from the answers:
            // a range cut on the 15th counts exactly the answers of its days, and the counts equal the answers.
            struct Count: Decodable { var choice: String; var n: Int }
            let range = try #require(ReportPeriod(from: CivilDate(year: 2018, month: 2, day: 15)!, to: CivilDate(year: 2018, month: 5, day: 14)!))
            let answered = try await app.database.sql.raw("""
                SELECT choice, COUNT(*) AS n FROM survey_answers WHERE unit_id = \(bind: iaLe.id)
                AND answered_on >= '2018-02-15' AND answered_on <= '2018-05-14' GROUP BY choice
                """).rows(Count.self)
            let ranged = try await store.counts(national, unitID: iaLe.id, period: range)
            #expect(ranged.total.counts == Dictionary(uniqueKeysWithValues: answered.map { ($0.choice, $0.n) }) && ranged.total.total > 100)
            #expect(ranged.months.map(\.key) == ["2018-02", "2018-03", "2018-04", "2018-05"])
            #expect(try await SurveyStore.checkCounts(app.database).isEmpty)
            // danvan check finds counts that drifted from their answers, and names the unit.
            try await app.database.sql.raw("UPDATE survey_answer_counts SET n = n + 1 WHERE month = '2018-03' AND choice = 'satisfied'").run()
            let drift = try await DatabaseCheck.run(app.database)
            #expect(drift.contains { $0.contains("lệch") && $0.contains(iaLe.name) && $0.contains("2018-03") }, "\(drift)")
            try await app.database.sql.raw("UPDATE survey_answer_counts SET n = n - 1 WHERE month = '2018-03' AND choice = 'satisfied'").run()
            // A range across a new year, over the province: the same as the answers; its communes compared, each the same as its own results.
            let provinceID = try #require(iaLe.parentID)
            let across = try #require(ReportPeriod(from: CivilDate(year: 2018, month: 8, day: 15)!, to: CivilDate(year: 2019, month: 1, day: 20)!))
            let all = try await app.database.sql.raw("""
                SELECT choice, COUNT(*) AS n FROM survey_answers WHERE answered_on >= '2018-08-15' AND answered_on <= '2019-01-20' GROUP BY choice
                """).rows(Count.self)
            let provinceCounts = try await store.counts(national, unitID: provinceID, period: across)
            #expect(provinceCounts.total.counts == Dictionary(uniqueKeysWithValues: all.map { ($0.choice, $0.n) }) && provinceCounts.months.map(\.key) == ["2018-08", "2018-09", "2019-01"])
            let compared = try await store.countsBelow(national, unitID: provinceID, period: across)
            #expect(compared.filter { !$0.counts.isEmpty }.count == 2)
            for (unit, counts) in compared {
                #expect(counts == (try await store.counts(national, unitID: unit.id, period: across)).total.counts, "\(unit.name)")
            }

            try await app.client { browser in
                try await browser.login("quantri.tinh", password)
                let le = try await browser.get("/surveys?unit=\(iaLe.id.uuidString.lowercased())&period=2018-9m")
                #expect(le.status == .ok)
                for text in ["1.659", "1.526", "91,98%", "7,90%", "0,12%", "Quầy Ia Le", "Tháng 09/2018", "Đất đai", "<svg"] { #expect(le.body.contains(text), "\(text)") }
                // The province compares its communes: Ia Hrú's third each adds up to 100,00% too.
                let province = try await browser.get("/surveys?unit=\(try #require(iaLe.parentID).uuidString.lowercased())&period=2018")
                #expect(province.body.contains("survey-below") && province.body.contains(iaLe.name) && province.body.contains(iaHru.name))
                #expect(province.body.contains("33,34%") && province.body.contains("1.662"))
                // A count opens its answers.
                let link = SiteURL.surveyAnswers(unit: iaLe.id, period: "2018-9m", filter: SurveyAnswerFilter(choice: "not_satisfied")).path
                #expect(le.body.contains(link.replacingOccurrences(of: "&", with: "&amp;")))
                let answers = try await browser.get(link)
                #expect(answers.status == .ok && answers.body.contains(#"<span id="survey-answer-count">2</span>"#))
                // The workbook: numbers and rates as numeric cells.
                let workbook = try await browser.get("/surveys.xlsx?unit=\(iaLe.id.uuidString.lowercased())&period=2018-9m")
                #expect(workbook.status == .ok && workbook.headers[.contentType] == XLSXWorkbook.contentType)
                let sheet = try await ReadWorkbook.read(Array(buffer: workbook.bytes))
                let total = try #require(sheet.rows.first { ($0.first as? String) == "Tổng hợp" })
                #expect((total[1] as? Double) == 1_659 && (total[2] as? Double) == 1_526 && (total[3] as? Double) == 0.9198)
            }
        }
    }
}
