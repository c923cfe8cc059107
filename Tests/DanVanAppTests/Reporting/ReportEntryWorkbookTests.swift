import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

/// A report's form as a workbook, filled and imported back: a dry run first, all or nothing, each
/// problem naming its row and column; a file of another form or period refused.
@Suite("Reporting: the form as a workbook, filled and imported")
struct ReportEntryWorkbookTests {
    typealias Cell = XLSXWorkbook.Cell

    /// The blank workbook of the Front's May 2022 report with some cells filled.
    static func filled(_ f: ReportEntryFixture, _ app: TestApp, period: String? = nil, organisation: String? = nil,
                       cells: [String: Cell]) async throws -> [UInt8] {
        let report = try await f.store.context(f.communeOfficer, organisationID: f.front.id, formID: f.form.id, period: ReportEntryFixture.period)
        var workbook = ReportEntryWorkbook.blank(report, values: [:])
        var rows = workbook.sheets[0].rows
        if let period { rows[1][1] = .text(period) }
        if let organisation { rows[2][1] = .text(organisation) }
        for index in rows.indices.dropFirst(ReportEntryWorkbook.headingRows) {
            guard case .text(let code) = rows[index][0].value, let cell = cells[code] else { continue }
            rows[index][ReportEntryWorkbook.valueColumn] = cell
        }
        workbook.sheets[0].rows = rows
        return [UInt8](try workbook.data())
    }

    @Test("the blank form lists the entered indicators; a dry run saves nothing; a bad cell names its row and column and nothing is taken; a good file is saved once")
    func importFilled() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            try await f.act(f.districtStaff, f.front, .unlock, reason: "Nhập từ Excel", on: CivilDate.today(now: Date()))
            let fields = [("organisation", f.front.id.uuidString), ("form", f.form.id.uuidString), ("period", ReportEntryFixture.period.key)]
            let good = try await Self.filled(f, app, cells: ["TUYEN_TRUYEN_BUOI": .number(45), "TUYEN_TRUYEN_LUOT": .text("11.245"), "VAN_DONG_TIEN": .number(8_195_000_000)])
            let bad = try await Self.filled(f, app, cells: ["TUYEN_TRUYEN_BUOI": .number(45), "TIN_BAI": .text("nhiều")])
            let other = try await Self.filled(f, app, period: "2022-06", cells: ["TUYEN_TRUYEN_BUOI": .number(45)])
            let another = try await Self.filled(f, app, organisation: "Ủy ban MTTQ xã Ia Hrú", cells: ["TUYEN_TRUYEN_BUOI": .number(45)])
            try await app.client { browser in
                _ = try await browser.login("mttq.iale", f.passwords["mttq.iale"]!)
                let blank = try await browser.get(SiteURL.reportWorkbook(organisation: f.front.id, form: f.form.id, period: ReportEntryFixture.period.key).path)
                #expect(blank.status == .ok)
                let rows = try XLSXReader.rows(Data(blank.bytes.readableBytesView))
                #expect(rows[1]?[1]?.text == "DV_THANG" && rows[2]?[1]?.text == "2022-05" && rows[6]?[0]?.text == "TUYEN_TRUYEN_BUOI")
                #expect(!rows.values.contains { $0[0]?.text == "DON_TIEP_NHAN" })
                func post(_ data: [UInt8], mode: String) async throws -> Browser.Page {
                    try await browser.postMultipart(SiteURL.reportImport.path, fields + [("mode", mode)],
                                                    files: [.init(field: "file", filename: "bao-cao.xlsx", contentType: XLSXWorkbook.contentType, data: data)])
                }
                let wrongPeriod = try await post(other, mode: "check")
                #expect(wrongPeriod.status == .unprocessableContent && wrongPeriod.body.contains("kỳ “Tháng 06/2022”"))
                // Another organisation's workbook is not imported on this page: the cell is named, nothing saved.
                let wrongOrganisation = try await post(another, mode: "write")
                #expect(wrongOrganisation.status == .unprocessableContent && wrongOrganisation.body.contains("Ô B3")
                        && wrongOrganisation.body.contains("Ủy ban MTTQ xã Ia Hrú"))
                #expect(try await f.store.values(organisationID: f.front.id, period: ReportEntryFixture.period).isEmpty)
                let refused = try await post(bad, mode: "write")
                #expect(refused.status == .unprocessableContent && refused.body.contains("cột D") && refused.body.contains(NumberEntryProblem.notANumber.message))
                #expect(try await f.store.values(organisationID: f.front.id, period: ReportEntryFixture.period).isEmpty)
                let checked = try await post(good, mode: "check")
                #expect(checked.status == .ok && checked.body.contains("3 giá trị sẽ thay đổi"))
                #expect(try await f.store.values(organisationID: f.front.id, period: ReportEntryFixture.period).isEmpty)
                let saved = try await post(good, mode: "write")
                #expect(saved.status == .ok && saved.body.contains("3 giá trị thay đổi"))
                let values = try await f.store.values(organisationID: f.front.id, period: ReportEntryFixture.period)
                #expect(values["TUYEN_TRUYEN_LUOT"]?.value == 11_245 && values["VAN_DONG_TIEN"]?.value == 8_195_000_000)
                #expect(try await post(good, mode: "write").body.contains("0 giá trị thay đổi"))
                #expect(try await DataValueTotals.check(app.database).isEmpty, "the totals follow what was saved")
            }
        }
    }
}
