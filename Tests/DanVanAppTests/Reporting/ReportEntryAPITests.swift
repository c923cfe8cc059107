import DanVanDomain
import FluentKit
import Foundation
import HTTPTypes
import Testing
@testable import DanVanApp

/// Data values in and out in DHIS2's dataValueSets shape, and completeness, through the caller's
/// scope and the one save path.
@Suite("Reporting: the API of data values and completeness")
struct ReportEntryAPITests {
    @Test("a set posted is saved all or nothing through the save path, read back with the report's state; out of reach is 404; a locked report is 409")
    func dataValues() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            // May 2022 closed long ago: the district reopens the Front's report.
            try await f.act(f.districtStaff, f.front, .unlock, reason: "Nhập qua phần mềm khác", on: CivilDate.today(now: Date()))
            let user = try #require(try await User.query(on: app.database.db).filter(\.$username == "mttq.iale").first())
            let identity = try #require(try await app.services.accounts.identity(sessionToken: try await app.services.accounts.startSession(for: user, address: "test")))
            let token = try await app.services.accounts.createAPIToken(identity, name: "test", address: "test")
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            let path = SiteURL.Pattern.apiDataValues.link()
            let organisation = f.front.id.uuidString
            try await app.client { browser in
                let bad = try await browser.postJSON(path, """
                    {"form":"DV_THANG","organisation":"\(organisation)","period":"2022-05","data_values":[
                      {"indicator":"TUYEN_TRUYEN_BUOI","value":45},{"indicator":"TIN_BAI","value":-3},{"indicator":"DON_TIEP_NHAN","value":2}]}
                    """, headers: auth)
                #expect(bad.status == .unprocessableContent && bad.body.contains("\"TIN_BAI\":\"\(NumberEntryProblem.negative.message)\"") && bad.body.contains("DON_TIEP_NHAN"))
                #expect(try await f.store.values(organisationID: f.front.id, period: ReportEntryFixture.period).isEmpty)
                let good = try await browser.postJSON(path, """
                    {"form":"DV_THANG","organisation":"\(organisation)","period":"2022-05","data_values":[
                      {"indicator":"TUYEN_TRUYEN_BUOI","value":45,"comment":"Kể cả 32 buổi"},{"indicator":"TUYEN_TRUYEN_ATGT_BUOI","value":50}]}
                    """, headers: auth)
                #expect(good.status == .ok && good.body.contains("\"changed\":2") && good.body.contains("\"state\":\"returned\"") && good.body.contains("lớn hơn"))
                let read = try await browser.get(path + "?form=DV_THANG&organisation=\(organisation)&period=2022-05", headers: auth)
                #expect(read.status == .ok && read.body.contains("{\"comment\":\"Kể cả 32 buổi\",\"indicator\":\"TUYEN_TRUYEN_BUOI\",\"value\":45}")
                        && read.body.contains("\"state\":\"returned\"") && read.body.contains("\"return_reason\":\"Nhập qua phần mềm khác\""))
                // A comment alone leaves the value as it is; null clears it.
                let comment = try await browser.postJSON(path, """
                    {"form":"DV_THANG","organisation":"\(organisation)","period":"2022-05","data_values":[
                      {"indicator":"TUYEN_TRUYEN_BUOI","comment":"Theo sổ theo dõi"},{"indicator":"TUYEN_TRUYEN_ATGT_BUOI","value":null}]}
                    """, headers: auth)
                #expect(comment.status == .ok && comment.body.contains("\"changed\":2"))
                let kept = try await f.store.values(organisationID: f.front.id, period: ReportEntryFixture.period)
                #expect(kept["TUYEN_TRUYEN_BUOI"]?.value == 45 && kept["TUYEN_TRUYEN_BUOI"]?.comment == "Theo sổ theo dõi" && kept["TUYEN_TRUYEN_ATGT_BUOI"]?.value == nil)
                // The district police are outside a commune officer's reach.
                let outside = try await browser.get(path + "?form=DV_THANG&organisation=\(f.police.id.uuidString)&period=2022-05", headers: auth)
                #expect(outside.status == .notFound)
                let outsidePost = try await browser.postJSON(path, """
                    {"form":"DV_THANG","organisation":"\(f.police.id.uuidString)","period":"2022-05","data_values":[{"indicator":"TIN_BAI","value":1}]}
                    """, headers: auth)
                #expect(outsidePost.status == .notFound)
                #expect(try await browser.get(path + "?form=DV_THANG&organisation=\(organisation)&period=2022-13", headers: auth).status == .badRequest)
                try await f.act(f.communeOfficer, f.front, .submit)
                let locked = try await browser.postJSON(path, """
                    {"form":"DV_THANG","organisation":"\(organisation)","period":"2022-05","data_values":[{"indicator":"TIN_BAI","value":1}]}
                    """, headers: auth)
                #expect(locked.status == .conflict && locked.body.contains(ReportLock.submitted.message))
                // Locked with a bad cell too: still 409, the report's lock first.
                let lockedBad = try await browser.postJSON(path, """
                    {"form":"DV_THANG","organisation":"\(organisation)","period":"2022-05","data_values":[{"indicator":"TIN_BAI","value":-1}]}
                    """, headers: auth)
                #expect(lockedBad.status == .conflict && lockedBad.body.contains(ReportLock.submitted.message))
                let completeness = try await browser.get(SiteURL.Pattern.apiReportingCompleteness.link() + "?form=DV_THANG&period=2022-05", headers: auth)
                #expect(completeness.status == .ok && completeness.body.contains("\"expected\":1") && completeness.body.contains("\"received\":1"))
                #expect(try await DataValueTotals.check(app.database).isEmpty, "the totals follow what was saved")
            }
        }
    }
}
