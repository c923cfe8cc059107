import DanVanDomain
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DanVanApp

@Suite("Statistics forms: the Thanh tra forms as data, filled from the records")
struct StatisticsFormTests {
    static let defaultCodes = ["01/TCD", "01/XLD", "01/KQGQ", "03/KQGQ"]

    @Test("every counted cell of every default form equals its records, and the relations the forms state hold")
    func cellsEqualTheirRecords() async throws {
        try await TestApp.run { app in
            let fixture = try await StatisticsFixture.build(app)
            let scope = try await app.nationalScope()
            let forms = try await app.services.forms.forms(on: CivilDate(iso: "2025-12-31")!)
            #expect(forms.map(\.form.code) == Self.defaultCodes)
            for unit in [fixture.commune, fixture.district, fixture.province] {
                for key in StatisticsFixture.periods {
                    let period = try #require(ReportPeriod.parse(key))
                    let stats = try await app.services.statistics.statistics(scope, unitID: unit.id, period: period)
                    for stored in forms {
                        let filled = try await app.services.forms.values(scope, form: stored.form, unitID: unit.id, period: period)
                        #expect(filled.brokenRelations.isEmpty, "\(stored.form.code) \(unit.name) \(key): \(filled.brokenRelations)")
                        for column in stored.form.columns {
                            guard case .count(let records, let names) = column.definition else { continue }
                            let value = try #require(filled.values[column.number] ?? nil)
                            let counted = try await Self.records(app, scope: scope, unit: unit.id, period: period, records: records, names: names)
                            #expect(value == counted, "\(stored.form.code) (\(column.number)) \(unit.name) \(key): \(value) against \(counted) records")
                        }
                    }
                    // The forms and the statistics page agree where they count the same thing.
                    let xld = try await app.services.forms.values(scope, form: try #require(forms.first { $0.form.code == "01/XLD" }).form,
                                                                  unitID: unit.id, period: period)
                    #expect(xld.values[1] == .some(stats.count(.toProcess)))
                    #expect(xld.values[3] == .some(stats.count(.received)))
                    #expect(xld.values[20] == .some(stats.count(.forwarded)))
                    let tcd = try await app.services.forms.values(scope, form: try #require(forms.first { $0.form.code == "01/TCD" }).form,
                                                                  unitID: unit.id, period: period)
                    #expect(tcd.values[1] == .some(stats.visits[.visits]?.visits ?? -1))
                    #expect(tcd.values[2] == .some(stats.visits[.visits]?.people ?? -1))
                    #expect(tcd.values[12] == .some(stats.headSessions))
                }
            }
        }
    }

    /// The records behind a counted cell, through the lists its link opens.
    static func records(_ app: TestApp, scope: Scope, unit: UUID, period: ReportPeriod, records: FormRecords, names: [String]) async throws -> Int {
        switch records {
        case .letters:
            let figures = names.compactMap(LetterFigure.init(rawValue:))
            return try await app.services.letters.letters(scope, query: LetterQuery(unitID: unit, figures: (figures, period), limit: 100_000)).count
        case .visits, .people:
            let visits = try await app.services.reception.visits(scope, unitID: unit, period: period, figures: names.compactMap(VisitFigure.init(rawValue:)),
                                                                 limit: 100_000)
            return records == .people ? visits.reduce(0) { $0 + $1.people } : visits.count
        case .sessions:
            return try await app.services.reception.sessions(scope, unitID: unit, period: period, receivers: names.compactMap(VisitFigure.init(rawValue:)),
                                                             limit: 100_000).count
        }
    }

    @Test("Chư Pưh 2022: the forms give the report's figures (seed 002)")
    func demoForms() async throws {
        try await TestApp.run { app in
            _ = try await DemoLoader.load(into: app.services)
            let scope = try await app.nationalScope()
            let district = try await app.unit("639", legacy: true)
            let period = ReportPeriod.year(2022)!
            let tcd = try await app.services.forms.form(code: "01/TCD", on: period.to)
            let reception = try await app.services.forms.values(scope, form: tcd.form, unitID: district.id, period: period)
            #expect(reception.values[1] == .some(184))
            #expect(reception.values[2] == .some(207))
            let kqgq = try await app.services.forms.form(code: "01/KQGQ", on: period.to)
            let complaints = try await app.services.forms.values(scope, form: kqgq.form, unitID: district.id, period: period)
            let tc = try await app.services.forms.form(code: "03/KQGQ", on: period.to)
            let denunciations = try await app.services.forms.values(scope, form: tc.form, unitID: district.id, period: period)
            let xld = try await app.services.forms.values(scope, form: try await app.services.forms.form(code: "01/XLD", on: period.to).form,
                                                          unitID: district.id, period: period)
            #expect(xld.values[3] == .some(124))
            #expect(reception.brokenRelations.isEmpty && complaints.brokenRelations.isEmpty && denunciations.brokenRelations.isEmpty
                    && xld.brokenRelations.isEmpty)
            // The workbook of 01/TCD: the district's 184 visits are its own agencies' and its communes' rows added up.
            let (_, password) = try await app.user("thongke.chupuh", roles: [.reportingOfficer], kind: "peoples_committee", in: district)
            let bytes = try await app.client { browser in
                let login = try await browser.login("thongke.chupuh", password)
                let cookie = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("danvan_session=") }?.split(separator: ";").first)
                let response = try await browser.client.execute(uri: "/statistics/form.xlsx?code=01%2FTCD&unit=\(district.id.uuidString.lowercased())&period=2022",
                                                                method: .get, headers: [.cookie: String(cookie)], body: nil)
                #expect(response.status == .ok)
                return Array(buffer: response.body)
            }
            let sheet = try await ReadWorkbook.read(bytes)
            let top = try Self.expectOfficialLayout(sheet, form: tcd.form, unit: district.name)
            // Tiếp thường xuyên (4)–(11) over Đoàn đông người (8)–(11) over Vụ việc (10)–(11) over Lần đầu, Nhiều lần.
            #expect(sheet.merged.isSuperset(of: ["E\(top):L\(top)", "M\(top):U\(top)", "V\(top):AD\(top)", "G\(top + 1):H\(top + 1)",
                                                 "I\(top + 1):L\(top + 1)", "K\(top + 2):L\(top + 2)", "E\(top + 1):E\(top + 3)",
                                                 "I\(top + 2):I\(top + 3)", "A\(top):A\(top + 3)", "B\(top):B\(top + 3)"]))
            #expect(sheet.rows[top - 1][4] as? String == "Tiếp thường xuyên" && sheet.rows[top][8] as? String == "Đoàn đông người"
                    && sheet.rows[top + 1][10] as? String == "Vụ việc" && sheet.rows[top + 2][11] as? String == "Nhiều lần")
            let body = sheet.body
            #expect(StatisticsTests.number(body[0][1]) == 184 && StatisticsTests.number(body[0][2]) == 207)
            #expect(body[1].first as? String == "Cơ quan, đơn vị cấp huyện")
            #expect(body.count > 2)
            Self.expectRowsAddUp(body, form: tcd.form)
        }
    }

    @Test("the form page links each cell to its records; the workbook opens in openpyxl with a row per unit")
    func pageAndWorkbook() async throws {
        try await TestApp.run { app in
            let fixture = try await StatisticsFixture.build(app)
            let (_, password) = try await app.user("thongke.huyen", roles: [.reportingOfficer], kind: "peoples_committee", in: fixture.district)
            let scope = try await app.nationalScope()
            let unit = fixture.district.id.uuidString.lowercased()
            let form = try await app.services.forms.form(code: "01/XLD", on: CivilDate(iso: "2025-12-31")!).form
            let filled = try await app.services.forms.values(scope, form: form, unitID: fixture.district.id, period: .year(2025)!)
            try await app.client { browser in
                let login = try await browser.login("thongke.huyen", password)
                let statistics = try await browser.get("/statistics?unit=\(unit)&period=2025")
                #expect(statistics.body.contains("/statistics/form?code=01%2FXLD&amp;unit=\(unit)&amp;period=2025"))
                let page = try await browser.get("/statistics/form?code=01%2FXLD&unit=\(unit)&period=2025")
                #expect(page.status == .ok)
                #expect(page.body.contains("Tổng hợp kết quả xử lý đơn") && page.body.contains("Thông tư 01/2024/TT-TTCP"))
                let cells = Self.cells(in: page.body)
                for column in form.columns {
                    let value = filled.values[column.number] ?? nil
                    if case .count = column.definition {
                        let cell = try #require(cells[column.number], "no link for (\(column.number))")
                        #expect(cell.value == value)
                        let list = try await browser.get(try #require(cell.href))
                        #expect(list.status == .ok)
                        let total = list.body.firstMatch(of: #/<span id="letters-total">([0-9.]+)</span>/#).map { Int($0.output.1.replacingOccurrences(of: ".", with: "")) }
                        #expect(total == .some(value), "(\(column.number)) list")
                    } else if value == nil {
                        #expect(page.body.contains(#"<span id="column-\#(column.number)" class="muted">không ghi nhận</span>"#))
                    }
                }
                // The workbook: numbered columns, the district's row equal to the page, a row for each commune under it.
                let cookie = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("danvan_session=") }?.split(separator: ";").first)
                let response = try await browser.client.execute(uri: "/statistics/form.xlsx?code=01%2FXLD&unit=\(unit)&period=2025", method: .get,
                                                                headers: [.cookie: String(cookie)], body: nil)
                #expect(response.status == .ok)
                let sheet = try await ReadWorkbook.read(Array(buffer: response.body))
                #expect(sheet.names == ["01-XLD"])
                let top = try Self.expectOfficialLayout(sheet, form: form, unit: fixture.district.name)
                // Grouped headings: a group merged over its columns, a column without one merged down the heading rows.
                #expect(sheet.merged.isSuperset(of: ["G\(top):H\(top)", "I\(top):K\(top)", "L\(top):N\(top)", "O\(top):R\(top)", "S\(top):V\(top)",
                                                     "A\(top):A\(top + 1)", "B\(top):B\(top + 1)", "W\(top):W\(top + 1)"]))
                #expect(sheet.rows[top - 1][14] as? String == "Thuộc thẩm quyền" && sheet.rows[top][14] as? String == "Tổng số")
                let body = sheet.body
                let total = try #require(body.first)
                #expect((total.first as? String)?.hasSuffix("(tổng)") == true)
                for (index, column) in form.columns.enumerated() {
                    #expect(StatisticsTests.number(total[index + 1]) == (filled.values[column.number] ?? nil), "(\(column.number)) in the workbook")
                }
                let communes = try await app.services.units.children(scope, of: fixture.district.id, on: CivilDate(iso: "2025-06-30")!)
                #expect(body.count == 2 + communes.count)
                #expect(body[1].first as? String == "Cơ quan, đơn vị cấp huyện")
                Self.expectRowsAddUp(body, form: form)
                let firstCommune = try #require(body.first { ($0.first as? String) == fixture.commune.name })
                let communeValues = try await app.services.forms.values(scope, form: form, unitID: fixture.commune.id, period: .year(2025)!)
                #expect(StatisticsTests.number(firstCommune[3]) == (communeValues.values[3] ?? nil))
                // Unknown form, or a unit outside the caller's: 404.
                #expect(try await browser.get("/statistics/form?code=99%2FXYZ&unit=\(unit)&period=2025").status == .notFound)
                let other = try await app.unit("64", legacy: true).id.uuidString.lowercased()
                #expect(try await browser.get("/statistics/form?code=01%2FXLD&unit=\(other)&period=2025").status == .notFound)
                // Only administrators add forms.
                #expect(try await browser.post("/statistics/forms", [("text", "mã: X")]).status == .forbidden)
                // In English the pages' own words change; a form's labels are its data and stay as entered.
                _ = try await browser.get("/language?to=en")
                let english = try await browser.get("/statistics?unit=\(unit)&period=2025")
                #expect(english.body.contains(#"lang="en""#) && english.body.contains("Inspectorate forms (this period"))
                let englishForm = try await browser.get("/statistics/form?code=01%2FXLD&unit=\(unit)&period=2025")
                #expect(englishForm.body.contains("Form 01/XLD") && englishForm.body.contains(">not recorded</span>"))
                #expect(englishForm.body.contains("Tổng số đơn phải xử lý"))
            }
        }
    }

    @Test("the shipped forms' texts of an earlier database get their nested headings, and lose them on revert")
    func nestedHeadingsMigration() async throws {
        try await TestApp.run { app in
            let shipped = try CreateStatisticsForms.defaultTexts().sorted()
            func texts() async throws -> [String] { try await app.services.forms.all().map(\.text).sorted() }
            #expect(try await texts() == shipped)
            let migration = UpdateStatisticsFormsNestHeadings()
            try await migration.revert(on: app.services.database.db)
            let earlier = try await texts()
            #expect(earlier.contains { $0.contains("(8) | Tiếp thường xuyên, đoàn đông người: số đoàn |") })
            #expect(Set(earlier).isDisjoint(with: shipped))
            try await migration.prepare(on: app.services.database.db)
            #expect(try await texts() == shipped)
        }
    }

    @Test("an administrator adds the 2025 form: a bad text names its lines and saves nothing; a good one replaces the old from its date")
    func administratorAddsAForm() async throws {
        try await TestApp.run { app in
            let fixture = try await StatisticsFixture.build(app)
            let (_, password) = try await app.nationalAdministrator("quantri")
            let before = try await app.services.forms.all()
            try await app.client { browser in
                try await browser.login("quantri", password)
                let list = try await browser.get("/statistics/forms")
                #expect(list.status == .ok && list.body.contains("01/KQGQ") && list.body.contains(#"name="text""#))
                let bad = """
                    mã: 02/XLD
                    tên: Xử lý đơn (mẫu 2025)
                    căn cứ: Thông tư 06/2025/TT-TTCP
                    hiệu lực từ: 2025-09-30
                    (1) | Tổng số đơn | đơn: khong_co
                    (2) | Đã xử lý | = 1 + 7
                    """
                let refused = try await browser.post("/statistics/forms", [("text", bad)])
                #expect(refused.status == .unprocessableContent)
                #expect(refused.body.contains("Dòng 5: không có chỉ tiêu “khong_co” cho loại hồ sơ này."))
                #expect(refused.body.contains("Dòng 6: tham chiếu cột (1) không có trong biểu hoặc chính cột này."))
                #expect(refused.body.contains("Tổng số đơn | đơn: khong_co"))  // the text typed is kept
                #expect(try await app.services.forms.all().count == before.count)

                let good = """
                    mã: 02/XLD
                    tên: Tổng hợp kết quả xử lý đơn (mẫu 2025)
                    căn cứ: Thông tư 06/2025/TT-TTCP
                    hiệu lực từ: 2025-09-30
                    thay thế: 01/XLD
                    (1) | Tổng số đơn phải xử lý | đơn: to_process | = 2 + 3
                    (2) | Kỳ trước chuyển sang | đơn: carried_over
                    (3) | Tiếp nhận trong kỳ | đơn: received
                    """
                let saved = try await browser.post("/statistics/forms", [("text", good)])
                #expect(saved.status == .seeOther)
                #expect(try await browser.post("/statistics/forms", [("text", good)]).status == .unprocessableContent)  // the same form twice
            }
            let forms = app.services.forms
            #expect(try await forms.forms(on: CivilDate(iso: "2025-12-31")!).map(\.form.code) == ["01/TCD", "02/XLD", "01/KQGQ", "03/KQGQ"])
            #expect(try await forms.forms(on: CivilDate(iso: "2025-09-29")!).map(\.form.code) == Self.defaultCodes)
            let old = try #require(try await forms.all().first { $0.form.code == "01/XLD" })
            #expect(old.validTo == CivilDate(iso: "2025-09-29"))
            let audit = try await app.services.audit.entries(try await app.nationalScope(), query: AuditQuery())
                .filter { $0.recordType == "statistics_form" }
            #expect(Set(audit.map(\.action)) == ["create", "update"])
            // The 2025 report uses the new form; the 2024 report the old one.
            let scope = try await app.nationalScope()
            let new = try await forms.form(code: "02/XLD", on: ReportPeriod.year(2025)!.to)
            let filled = try await forms.values(scope, form: new.form, unitID: fixture.commune.id, period: .year(2025)!)
            #expect(filled.brokenRelations.isEmpty && filled.values[1] != nil)
            await #expect(throws: AppError.self) { try await forms.form(code: "02/XLD", on: ReportPeriod.year(2024)!.to) }
            // An earlier version entered afterwards ends the day before the later one.
            let admin = try await app.officer("quantri2", roles: [.administrator], in: try await app.unit("VN", legacy: false), kind: "central_body")
            let earlier = try await forms.add(admin, text: """
                mã: 02/XLD
                tên: Bản thử nghiệm
                căn cứ: Dự thảo
                hiệu lực từ: 2025-07-01
                (1) | Tiếp nhận trong kỳ | đơn: received
                """)
            #expect(earlier.validTo == CivilDate(iso: "2025-09-29"))
            #expect(try await forms.form(code: "02/XLD", on: CivilDate(iso: "2025-08-01")!).form.title == "Bản thử nghiệm")
            #expect(try await forms.forms(on: CivilDate(iso: "2025-12-31")!).filter { $0.form.code == "02/XLD" }.map(\.form.title)
                    == ["Tổng hợp kết quả xử lý đơn (mẫu 2025)"])
        }
    }

    /// The frame of a form's workbook: the national heading, the form number box,
    /// the reporting body, the numbered columns, the frozen heading rows, the A4
    /// landscape print setup and the signature block. Returns the first heading row (one-based).
    static func expectOfficialLayout(_ sheet: ReadWorkbook, form: StatisticsForm, unit: String) throws -> Int {
        for text in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Biểu số \(form.code)", "Ban hành kèm theo \(form.source)",
                     "Đơn vị báo cáo: \(unit)", form.title.uppercased(), "NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)"] {
            #expect(sheet.texts.contains(text), "\(text)")
        }
        let numbers = try #require(sheet.row(startingWith: "A"), "no numbers row")
        #expect(sheet.rows[numbers].dropFirst().compactMap { $0 as? String } == form.columns.map { "(\($0.number))" })
        let depth = form.columns.map(\.headings.count).max() ?? 1
        #expect(sheet.rows[numbers - depth].first as? String == "Đơn vị")
        #expect(sheet.frozen == "B\(numbers + 2)")
        #expect(sheet.printTitleRows == "$\(numbers - depth + 1):$\(numbers + 1)")
        #expect(sheet.orientation == "landscape" && sheet.paperSize == 9 && sheet.fitToWidth == 1 && sheet.fitToHeight == 0 && sheet.fitsToPage)
        // Numbers are numeric cells in the Vietnamese grouping format.
        for (r, row) in sheet.body.enumerated() {
            for c in 1..<row.count where !(row[c] is NSNull) {
                let reference = XLSXWorkbook.columnName(c) + String(numbers + 2 + r)
                #expect(sheet.types[reference] == "n" && sheet.formats[reference] == "#,##0", "\(reference)")
            }
        }
        return numbers - depth + 1
    }

    /// The rows under the total (the level's own agencies, then each unit below) add up to it, column by column.
    static func expectRowsAddUp(_ body: [[Any]], form: StatisticsForm) {
        for (index, column) in form.columns.enumerated() {
            let total = StatisticsTests.number(body[0][index + 1])
            let parts = body.dropFirst().map { StatisticsTests.number($0[index + 1]) }
            if case .notRecorded = column.definition {
                #expect(total == nil && parts.allSatisfy { $0 == nil }, "(\(column.number)) is not recorded")
            } else {
                #expect(total == parts.reduce(0) { $0 + ($1 ?? -1_000_000) }, "(\(column.number)): \(String(describing: total)) against \(parts)")
            }
        }
    }

    /// The cells of a form page: column → (value, link); a value "không ghi nhận" is nil.
    static func cells(in html: String) -> [Int: (value: Int?, href: String?)] {
        var result: [Int: (Int?, String?)] = [:]
        for match in html.matches(of: #/<a id="column-([0-9]+)" href="([^"]+)">([0-9.]+)</a>/#) {
            result[Int(match.output.1)!] = (Int(match.output.3.replacingOccurrences(of: ".", with: "")), String(match.output.2).replacingOccurrences(of: "&amp;", with: "&"))
        }
        return result
    }
}
