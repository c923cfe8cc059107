import DanVanDomain
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// A national administrator changes an indicator and gives a form a new version from a day, each
/// checked and audited; nobody else may.
@Suite("Reporting: forms administration")
struct ReportEntryAdminTests {
    static func input(_ validFrom: String, items: String, rules: String = "", cutOffDay: String = "14") -> FormVersionInput {
        FormVersionInput(form: "DV_THANG", validFrom: validFrom, frequency: "month", cutOffDay: cutOffDay, cutOffMonth: "", opensAfter: "0", closesAfter: "5",
                         organisationKinds: ["fatherland_front", "police"], levels: ["2", "3"], approverKinds: ["dan_van_board", "propaganda_dan_van_board"],
                         rules: rules, items: items)
    }

    @Test("an indicator's name, unit and decimals changed and audited; bad input refused beside its field")
    func indicator() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let admin = ReportFormAdmin(database: app.database)
            try await admin.updateIndicator(national, input: IndicatorInput(code: "HIEN_DAT", name: "Diện tích đất Nhân dân hiến", unit: "m²", fractionDigits: "1"))
            let changed = try #require(try await admin.catalogue.indicators().first { $0.code == "HIEN_DAT" })
            #expect(changed.name == "Diện tích đất Nhân dân hiến" && changed.fractionDigits == 1)
            struct Count: Decodable { var n: Int }
            #expect(try await app.database.sql.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE record_type = 'indicator'").row(Count.self)?.n == 1)
            do {
                try await admin.updateIndicator(national, input: IndicatorInput(code: "HIEN_DAT", name: "", unit: "m²", fractionDigits: "9"))
                Issue.record("bad input accepted")
            } catch let problems as ReportAdminProblems {
                #expect(problems.fields["name"] != nil && problems.fields["fraction_digits"] != nil)
            }
            let district = try await app.officer("quantri.huyen", roles: [.administrator], in: try await app.unit("639", legacy: true))
            #expect(await ReportEntryFixture.status {
                try await admin.updateIndicator(district, input: IndicatorInput(code: "HIEN_DAT", name: "X", unit: "m²", fractionDigits: "0"))
            } == 403)
        }
    }

    @Test("a new version applies from its day: periods before keep the old one; unknown codes and bad rules are refused, nothing saved")
    func newVersion() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let admin = ReportFormAdmin(database: app.database)
            let form = try await admin.catalogue.form(code: "DV_THANG")
            do {
                try await admin.addVersion(national, input: Self.input("01/01/2027", items: "# I. Tuyên truyền\nTUYEN_TRUYEN_BUOI\nKHONG_CO", rules: "TUYEN_TRUYEN_BUOI <= THIEU"))
                Issue.record("a bad version accepted")
            } catch let problems as ReportAdminProblems {
                #expect(problems.fields["items"]?.contains("KHONG_CO") == true && problems.fields["rules"]?.contains("THIEU") == true)
            }
            #expect(try await admin.catalogue.versions(of: form).count == 1)
            try await admin.addVersion(national, input: Self.input("01/01/2027", items: """
                # I. Tuyên truyền
                TUYEN_TRUYEN_BUOI*
                TUYEN_TRUYEN_ATGT_BUOI
                # II. Đơn thư
                DON_THUOC_THAM_QUYEN
                DON_DA_GIAI_QUYET
                DON_TY_LE_GIAI_QUYET
                """, rules: "TUYEN_TRUYEN_ATGT_BUOI <= TUYEN_TRUYEN_BUOI"))
            let new = try #require(try await admin.catalogue.version(of: form, for: .month(2027, 1)!))
            #expect(new.cutOff.day == 14 && new.window.opens == 0 && new.items.map(\.indicator.code).count == 5 && new.items.first?.required == true && new.kinds == ["fatherland_front", "police"])
            #expect(try await admin.catalogue.version(of: form, for: .month(2026, 12)!)?.record.validFrom == "2018-01-01")
            #expect(ReportFormAdmin.itemsText(new).hasPrefix("# I. Tuyên truyền\nTUYEN_TRUYEN_BUOI*"))
            // The same day twice is refused.
            await #expect(throws: ReportAdminProblems.self) { try await admin.addVersion(national, input: Self.input("01/01/2027", items: "# I\nTIN_BAI")) }
        }
    }

    @Test("a new version keeps the form's frequency and cut-off, and does not reach back to a period submitted or open for entry")
    func versionLimits() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let admin = ReportFormAdmin(database: app.database)
            func problems(_ input: FormVersionInput, today: CivilDate) async -> [String: String] {
                do { try await admin.addVersion(national, input: input, today: today); return [:] } catch let problems as ReportAdminProblems { return problems.fields } catch { return ["": "\(error)"] }
            }
            let day = CivilDate(year: 2026, month: 12, day: 1)!
            // Cut-off 20 after 14: days 15…20 would be in two periods; a new form is needed.
            #expect(await problems(Self.input("01/01/2028", items: "# I\nTIN_BAI", cutOffDay: "20"), today: day)["frequency"]?.contains("biểu mẫu mới") == true)
            // June 2027's report submitted: a version from 01/06/2027 would change it; from 02/06/2027 it does not.
            let f = try await ReportEntryFixture.make(app)
            try await app.database.sql.insert(into: "reports").values(of: ReportRecord(
                id: UUID(), formID: f.form.id, organisationID: f.front.id, unitID: f.front.unitID, periodKey: "2027-06", state: "submitted", submittedOn: "2027-06-16",
                returnReason: nil, updatedBy: "test", updatedAt: Date())).run()
            #expect(await problems(Self.input("01/06/2027", items: "# I\nTIN_BAI"), today: day)["valid_from"]?.contains("Tháng 06/2027") == true)
            // Entry of November 2026 open on 16/11/2026: a version from 01/11/2026 is refused.
            #expect(await problems(Self.input("01/11/2026", items: "# I\nTIN_BAI"), today: CivilDate(year: 2026, month: 11, day: 16)!)["valid_from"] != nil)
            #expect(await problems(Self.input("02/06/2027", items: "# I\nTIN_BAI"), today: day).isEmpty)
        }
    }

    @Test("the pages: the indicators and the forms with their versions; a bad version shown again with what was typed and the messages")
    func pages() async throws {
        try await TestApp.run { app in
            let (_, password) = try await app.nationalAdministrator("quantri.tw")
            try await app.client { browser in
                _ = try await browser.login("quantri.tw", password)
                let indicators = try await browser.get(SiteURL.reportIndicators.path)
                #expect(indicators.status == .ok && indicators.body.contains("TUYEN_TRUYEN_BUOI") && indicators.body.contains("Tỷ lệ của hai tổng"))
                let refused = try await browser.post(SiteURL.reportIndicators.path, [("code", "TIN_BAI"), ("name", ""), ("unit", "tin"), ("fraction_digits", "0")])
                #expect(refused.status == .unprocessableContent && refused.body.contains("Cần tên chỉ tiêu"))
                let forms = try await browser.get(SiteURL.reportForms.path)
                #expect(forms.status == .ok && forms.body.contains("01/01/2018") && forms.body.contains("# III. Huy động nguồn lực"))
                let bad = try await browser.post(SiteURL.reportFormVersions.path, [
                    ("form", "DV_THANG"), ("valid_from", "01/01/2027"), ("frequency", "month"), ("cut_off_day", "14"), ("opens_after", "1"),
                    ("closes_after", "6"), ("organisation_kinds", "police"), ("levels", "3"), ("approver_kinds", "dan_van_board"),
                    ("items", "# I. Thử\nKHONG_CO"), ("rules", "")])
                #expect(bad.status == .unprocessableContent && bad.body.contains("KHONG_CO") && bad.body.contains("không có trong danh mục"))
                let reports = try await browser.get(SiteURL.reports(organisation: nil).path)
                #expect(reports.status == .ok && reports.body.contains(SiteURL.reportForms.path))
            }
        }
    }
}
