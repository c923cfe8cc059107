import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

/// The pages of entry and approval: the grid posted whole (no JavaScript), a cell saved by the
/// grid's script, the lock shown with who can unlock, the receiving body's page.
@Suite("Reporting: the entry pages")
struct ReportEntryPageTests {
    @Test("the grid: typed values shown in Vietnamese; a bad cell keeps what was typed with its message; a good post saves; a cell saved alone answers JSON")
    func grid() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            let period = ReportEntryFixture.period.key
            // May 2022 closed long ago: the district reopens the commune's report.
            try await f.act(f.districtStaff, f.front, .unlock, reason: "Nhập muộn", on: CivilDate.today(now: Date()))
            let entry = SiteURL.reportEntry(organisation: f.front.id, form: f.form.id, period: period).path
            let organisation = f.front.id.uuidString, form = f.form.id.uuidString
            try await app.client { browser in
                _ = try await browser.login("mttq.iale", f.passwords["mttq.iale"]!)
                let reports = try await browser.get(SiteURL.reports(organisation: nil).path + "?year=2022")
                #expect(reports.status == .ok && reports.body.contains("Tháng 05/2022") && reports.body.contains("Bị trả lại"))
                let page = try await browser.get(entry)
                #expect(page.status == .ok && page.body.contains("Nhập muộn") && page.body.contains("name=\"value_TUYEN_TRUYEN_BUOI\""))
                // The computed cells are read-only and link to their records.
                #expect(!page.body.contains("name=\"value_DON_TIEP_NHAN\"") && page.body.contains(SiteURL.letters.path))
                let bad = try await browser.post(SiteURL.reportEntrySave.path, [
                    ("organisation", organisation), ("form", form), ("period", period),
                    ("value_TUYEN_TRUYEN_BUOI", "45"), ("value_TUYEN_TRUYEN_LUOT", "11.245 người"), ("comment_TUYEN_TRUYEN_BUOI", "Kể cả 32 buổi")])
                #expect(bad.status == .unprocessableContent)
                #expect(bad.body.contains("value=\"11.245 người\"") && bad.body.contains(NumberEntryProblem.notANumber.message))
                #expect(try await f.store.values(organisationID: f.front.id, period: ReportEntryFixture.period).isEmpty)
                let good = try await browser.post(SiteURL.reportEntrySave.path, [
                    ("organisation", organisation), ("form", form), ("period", period),
                    ("value_TUYEN_TRUYEN_BUOI", "45"), ("value_TUYEN_TRUYEN_LUOT", "11245"), ("comment_TUYEN_TRUYEN_BUOI", "Kể cả 32 buổi"),
                    ("value_TUYEN_TRUYEN_ATGT_BUOI", "50")])
                #expect(good.status == .seeOther)
                let saved = try await browser.get(try #require(good.location))
                #expect(saved.body.contains("value=\"11.245\"") && saved.body.contains("value=\"Kể cả 32 buổi\""))
                #expect(saved.body.contains("lớn hơn"))   // the rule broken, beside its cells
                let cell = try await browser.post(SiteURL.reportEntryCell.path, [
                    ("organisation", organisation), ("form", form), ("period", period), ("code", "VAN_DONG_TIEN"), ("value", "8195000000")])
                #expect(cell.status == .ok && cell.body.contains("\"text\":\"8.195.000.000\"") && cell.body.contains("\"saved\":true"))
                let refused = try await browser.post(SiteURL.reportEntryCell.path, [
                    ("organisation", organisation), ("form", form), ("period", period), ("code", "TIN_BAI"), ("value", "-3")])
                #expect(refused.status == .unprocessableContent && refused.body.contains(NumberEntryProblem.negative.message))
                // Submitted: the grid is read-only and says why, and who can unlock.
                let submitted = try await browser.post(SiteURL.reportAction.path, [("organisation", organisation), ("form", form), ("period", period), ("action", "submit")])
                #expect(submitted.status == .seeOther)
                let locked = try await browser.get(entry)
                #expect(locked.body.contains(ReportLock.submitted.message) && !locked.body.contains("id=\"entry-save\""))
            }
            try await app.client { browser in
                _ = try await browser.login("bdv.chupuh", f.passwords["bdv.chupuh"]!)
                let received = SiteURL.reportsReceived(organisation: f.districtBoard.id, form: f.form.id, period: period).path
                let page = try await browser.get(received)
                #expect(page.status == .ok && page.body.contains("Ủy ban MTTQ xã Ia Le") && page.body.contains("Công an huyện Chư Pưh"))
                let refused = try await browser.post(SiteURL.reportAction.path, [("organisation", organisation), ("form", form), ("period", period),
                                                                                 ("action", "return"), ("back", "received")])
                #expect(refused.status == .unprocessableContent && refused.body.contains(ReportActionProblem.reasonRequired.message))
                let returned = try await browser.post(SiteURL.reportAction.path, [("organisation", organisation), ("form", form), ("period", period),
                                                                                  ("action", "return"), ("reason", "Sai số buổi"), ("back", "received")])
                #expect(returned.status == .seeOther && returned.location == received)
            }
            #expect(try await f.store.report(formID: f.form.id, organisationID: f.front.id, period: ReportEntryFixture.period)?.returnReason == "Sai số buổi")
        }
    }
    @Test("a refused action posted with back=received shows the receiving body's list only to a caller who reaches that body")
    func refusedActionStaysInReach() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            let period = ReportEntryFixture.period.key
            let entry = SiteURL.reportEntry(organisation: f.front.id, form: f.form.id, period: period).path
            try await app.client { browser in
                // May 2022's draft after its window: no submit button until the district reopens it.
                _ = try await browser.login("mttq.iale", f.passwords["mttq.iale"]!)
                #expect(!(try await browser.get(entry).body.contains("id=\"action-submit\"")))
            }
            try await f.act(f.districtStaff, f.front, .unlock, reason: "Nhập muộn", on: CivilDate.today(now: Date()))
            try await app.client { browser in
                _ = try await browser.login("mttq.iale", f.passwords["mttq.iale"]!)
                #expect(try await browser.get(entry).body.contains("id=\"action-submit\""))
            }
            try await f.act(f.communeOfficer, f.front, .submit, on: CivilDate.today(now: Date()))
            let fields = [("organisation", f.front.id.uuidString), ("form", f.form.id.uuidString), ("period", period), ("action", "submit"), ("back", "received")]
            try await app.client { browser in
                _ = try await browser.login("mttq.iale", f.passwords["mttq.iale"]!)
                // Submitted already: refused, and the commune's officer sees its own entry page, not the district's list.
                let refused = try await browser.post(SiteURL.reportAction.path, fields)
                #expect(refused.status == .unprocessableContent)
                #expect(refused.body.contains("Ủy ban MTTQ xã Ia Le"))
                #expect(!refused.body.contains("Công an huyện Chư Pưh"))
            }
            try await app.client { browser in
                _ = try await browser.login("bdv.chupuh", f.passwords["bdv.chupuh"]!)
                // The district's staff reaches the receiving body: the refusal is shown on its list.
                let refused = try await browser.post(SiteURL.reportAction.path, fields)
                #expect(refused.status == .unprocessableContent && refused.body.contains("Công an huyện Chư Pưh"))
            }
        }
    }
}
