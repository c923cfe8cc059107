import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

/// The import of a registration sheet written by openpyxl (not by DanVan): a dry run names every
/// bad row and column in Vietnamese; the write is all or nothing; the limits.
@Suite("Models: import from Excel")
struct ModelImportTests {
    /// A workbook written by openpyxl: `rows` as Python literals (the heading row first).
    static func sheet(_ rows: String, dates: Bool = false) async throws -> Data {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("danvan-import-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import sys, datetime, openpyxl
            wb = openpyxl.Workbook()
            ws = wb.active
            for row in \(rows):
                ws.append(row)
            wb.save(sys.argv[1])
            """
        let result = try await Process.run("/usr/bin/env", ["python3", "-c", script, file.path])
        #expect(result.status == 0, "\(result.errors)")
        return try Data(contentsOf: file)
    }

    static func headings(_ app: TestApp, without: String? = nil) -> String {
        let names = ModelSheets.templateColumns.map { app.services.catalogue.text($0.heading, .vi) }.filter { $0 != without }
        return "[" + names.map { "'\($0)'" }.joined(separator: ", ") + "]"
    }

    /// A row of the template's 20 columns.
    static func row(_ organisation: String, name: String, kind: String = "Tập thể", field: String = "Kinh tế", target: String = "800", started: String = "datetime.date(2025, 3, 1)") -> String {
        "['\(organisation)', '\(name)', '\(kind)', '', '', '\(field)', '', 'Thực trạng', '', '', 'Phương thức', 'Mục tiêu', 'Số hộ được hỗ trợ', 'hộ', \(target), 5000000, 20, '', \(started), '30/11/2025']"
    }

    /// A reporting officer of Ia Le (a 2025 commune) who imports, and the organisations they register for.
    static func commune(_ app: TestApp) async throws -> (unit: UnitSummary, scope: Scope, store: ModelStore, organisations: [ModelImport.Organisation]) {
        let iaLe = try await app.unit("23986", legacy: false)
        let scope = try await app.officer("nhap.iale", roles: [.reportingOfficer], in: iaLe)
        let store = ModelStore(database: app.database)
        let controller = ModelController(models: store, organisations: app.services.organisations, units: app.services.units, renderer: app.services.renderer)
        return (iaLe, scope, store, try await controller.registrable(scope: scope))
    }

    @Test("a sheet from openpyxl: a dry run writes nothing, the import writes every row; two bad rows are named by row and column and nothing is written")
    func importSheet() async throws {
        try await TestApp.run { app in
            let (iaLe, scope, store, organisations) = try await Self.commune(app)
            let committee = try #require(organisations.first { $0.summary.name.contains("Ủy ban nhân dân") }).summary.name
            let union = try #require(organisations.first { $0.summary.name.contains("Phụ nữ") }).summary.name
            let importer = ModelImport(models: store, catalogue: app.services.catalogue)
            func run(_ data: Data, write: Bool) async throws -> ModelImport.Report {
                try await importer.run(scope, data: data, year: "2025", write: write, organisations: organisations, language: .vi)
            }
            func count() async throws -> Int { try await store.list(scope, filter: ModelFilter(unitID: iaLe.id, year: 2025)).total }

            let bad = try await Self.sheet("[\(Self.headings(app)), \(Self.row(committee, name: "Một cửa thân thiện")), \(Self.row("Hội Không Có Thật", name: "Sai tổ chức")), \(Self.row(union, name: "Sai kiểu", target: "'nhiều'", started: "'ba tháng ba'"))]")
            let refused = try await run(bad, write: true)
            #expect(refused.written == nil && refused.rows == 3)
            #expect(refused.problems.contains("Dòng 3, cột A (Tổ chức đăng ký): không tìm thấy tổ chức “Hội Không Có Thật” trong phạm vi của bạn."))
            #expect(refused.problems.contains { $0.hasPrefix("Dòng 4, cột O (Chỉ tiêu): Chỉ tiêu phải là số") })
            #expect(refused.problems.contains { $0.hasPrefix("Dòng 4, cột S (Ngày bắt đầu (dd/mm/yyyy)): Ngày không hợp lệ") })
            #expect(refused.problems.count == 3)
            #expect(try await count() == 0)

            let good = try await Self.sheet("[\(Self.headings(app)), \(Self.row(committee, name: "Một cửa thân thiện")), \(Self.row(union, name: "Phụ nữ giúp nhau", target: "'1.200'")), \(Self.row(union, name: "Tiết kiệm vì người nghèo", field: "Văn hóa - xã hội", target: "12.5"))]")
            let checked = try await run(good, write: false)
            #expect(checked.problems == [] && checked.rows == 3 && checked.written == nil)
            #expect(try await count() == 0)
            let written = try await run(good, write: true)
            #expect(written.problems == [] && written.written == 3)
            #expect(try await count() == 3)
            let models = try await store.list(scope, filter: ModelFilter(unitID: iaLe.id, year: 2025, search: "tiet kiem")).rows
            let detail = try await store.detail(scope, id: try #require(models.first).id)
            #expect(detail.goals.first?.target == 12.5 && detail.model.startedOn == "2025-03-01" && detail.model.resourceMoney == 5_000_000 && detail.model.field == "culture")
            // A number typed as text in the Vietnamese way ("1.200") is one thousand two hundred, not 1,2.
            let typed = try await store.list(scope, filter: ModelFilter(unitID: iaLe.id, year: 2025, search: "giup nhau")).rows
            #expect(try await store.detail(scope, id: try #require(typed.first).id).goals.first?.target == 1_200)
        }
    }

    @Test("a row repeating a model's name and organisation adds a goal to it; coordinating and participating organisations from their columns")
    func goalsAndPartners() async throws {
        try await TestApp.run { app in
            let (iaLe, scope, store, organisations) = try await Self.commune(app)
            let committee = try #require(organisations.first { $0.summary.name.contains("Ủy ban nhân dân") }).summary.name
            let union = try #require(organisations.first { $0.summary.name.contains("Phụ nữ") }).summary.name
            func with(_ row: String, _ extra: String) -> String { String(row.dropLast()) + ", " + extra + "]" }
            let sheet = try await Self.sheet("[\(Self.headings(app)), \(with(Self.row(committee, name: "Một cửa thân thiện"), "'', '\(union)', ''")), "
                                             + "\(with(Self.row(committee, name: "Một cửa thân thiện", target: "300"), "'', '', ''")), "
                                             + "\(with(Self.row(union, name: "Phụ nữ giúp nhau"), "'', '', '\(committee); Hội Không Có Thật'"))]")
            let importer = ModelImport(models: store, catalogue: app.services.catalogue)
            let refused = try await importer.run(scope, data: sheet, year: "2025", write: true, organisations: organisations, language: .vi)
            #expect(refused.written == nil && refused.problems == ["Dòng 4, cột W (Tổ chức tham gia): không tìm thấy tổ chức “Hội Không Có Thật” trong phạm vi của bạn."])
            let fixed = try await Self.sheet("[\(Self.headings(app)), \(with(Self.row(committee, name: "Một cửa thân thiện"), "'', '\(union)', ''")), "
                                             + "\(with(Self.row(committee, name: "Một cửa thân thiện", target: "300"), "'', '', ''")), "
                                             + "\(with(Self.row(union, name: "Phụ nữ giúp nhau"), "'', '', '\(committee)'"))]")
            let written = try await importer.run(scope, data: fixed, year: "2025", write: true, organisations: organisations, language: .vi)
            #expect(written.problems == [] && written.written == 2)
            let rows = try await store.list(scope, filter: ModelFilter(unitID: iaLe.id, year: 2025)).rows
            let desk = try await store.detail(scope, id: try #require(rows.first { $0.name == "Một cửa thân thiện" }).id)
            #expect(desk.goals.map(\.target) == [800, 300] && desk.partners.map(\.role) == ["coordinating"] && desk.partners.map(\.name) == [union])
            let help = try await store.detail(scope, id: try #require(rows.first { $0.name == "Phụ nữ giúp nhau" }).id)
            #expect(help.partners.map(\.role) == ["participating"] && help.partners.map(\.name) == [committee])
        }
    }

    @Test("a unit code is the same with or without its leading zeros (Excel keeps \"00004\" typed in a General cell as 4)")
    func unitCodes() {
        #expect(ModelImport.sameUnitCode("00004", "4") && ModelImport.sameUnitCode("23986", "23986") && ModelImport.sameUnitCode("01", "1.0"))
        #expect(!ModelImport.sameUnitCode("23986", "23971") && !ModelImport.sameUnitCode("4", "40") && !ModelImport.sameUnitCode("01", ""))
    }

    @Test("two organisations of the same name: a row naming it without a unit code is refused, naming both; the unit code column chooses one")
    func sameNamedOrganisations() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let iaLe = try await app.unit("23986", legacy: false)
            let province = try await app.services.units.children(national, of: try #require(iaLe.parentID), on: CivilDate.today(now: Date()))
            let other = try #require(province.first { $0.id != iaLe.id })
            let input = OrganisationInput(kind: "grassroots_party_organisation", name: "Chi bộ thôn 1")
            let ours = try await app.services.organisations.create(national, unitID: iaLe.id, input: input)
            _ = try await app.services.organisations.create(national, unitID: other.id, input: input)
            let scope = try await app.officer("nhap.tinh", roles: [.danVanStaff], in: try await app.services.units.unit(national, id: iaLe.parentID!))
            let store = ModelStore(database: app.database)
            let controller = ModelController(models: store, organisations: app.services.organisations, units: app.services.units, renderer: app.services.renderer)
            let organisations = try await controller.registrable(scope: scope)
            #expect(organisations.filter { $0.summary.name == "Chi bộ thôn 1" }.count == 2)
            let importer = ModelImport(models: store, catalogue: app.services.catalogue)
            func run(_ code: String) async throws -> ModelImport.Report {
                let sheet = try await Self.sheet("[\(Self.headings(app)), \(Self.row("Chi bộ Thôn 1", name: "Thôn sạch đẹp").dropLast()), '\(code)']]")
                return try await importer.run(scope, data: sheet, year: "2025", write: true, organisations: organisations, language: .vi)
            }
            let ambiguous = try await run("")
            #expect(ambiguous.written == nil && ambiguous.problems.count == 1)
            #expect(ambiguous.problems.first == "Dòng 2, cột A (Tổ chức đăng ký): có 2 tổ chức tên “Chi bộ Thôn 1” (\([iaLe, other].sortedVietnamese().map { "\($0.name), mã \($0.code)" }.joined(separator: "; "))); ghi mã đơn vị hành chính của tổ chức vào cột “Mã đơn vị hành chính”.")
            let wrong = try await run("99999")
            #expect(wrong.problems == ["Dòng 2, cột U (Mã đơn vị hành chính): không tìm thấy tổ chức “Chi bộ Thôn 1” thuộc đơn vị hành chính mã “99999” trong phạm vi của bạn."])
            #expect(try await store.list(scope, filter: ModelFilter(unitID: iaLe.parentID!, year: 2025)).total == 0)
            let chosen = try await run(iaLe.code)
            #expect(chosen.problems == [] && chosen.written == 1)
            let rows = try await store.list(scope, filter: ModelFilter(unitID: iaLe.parentID!, year: 2025)).rows
            #expect(rows.count == 1 && rows.first.map { $0.organisationName == ours.name && $0.unitName == iaLe.name } == true)
        }
    }

    @Test("a missing column, 25.000 rows, a file renamed .xlsx and a zip bomb: each a clear message, nothing written")
    func limits() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let scope = try await app.officer("nhap.iale", roles: [.reportingOfficer], in: iaLe)
            let store = ModelStore(database: app.database)
            let importer = ModelImport(models: store, catalogue: app.services.catalogue)
            func run(_ data: Data) async throws -> [String] {
                let report = try await importer.run(scope, data: data, year: "2025", write: true, organisations: [], language: .vi)
                #expect(report.written == nil)
                return report.problems
            }
            #expect(try await run(try await Self.sheet("[\(Self.headings(app, without: "Lĩnh vực"))]")) == ["Thiếu cột “Lĩnh vực”."])
            let many = try await Self.sheet("[\(Self.headings(app))] + [['X', 'Mô hình %d' % n] for n in range(25000)]")
            #expect(try await run(many) == ["Bảng tính có 25.000 dòng; mỗi lần nhập tối đa 2.000 dòng. Không có gì được ghi."])
            #expect(try await run(Data("Tên mô hình,Lĩnh vực\nA,B\n".utf8)) == ["Tệp không phải là bảng tính Excel (.xlsx); không có gì được ghi."])
            // A zip that is not a workbook (a .docx's shape) is not one either.
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("danvan-bomb-\(UUID().uuidString).xlsx")
            defer { try? FileManager.default.removeItem(at: file) }
            let bomb = """
                import sys, zipfile
                with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                    z.writestr('[Content_Types].xml', '<Types/>')
                    z.writestr('xl/workbook.xml', '<workbook/>')
                    z.writestr('xl/worksheets/sheet1.xml', '<worksheet>' + ' ' * (60 * 1024 * 1024) + '</worksheet>')
                """
            let made = try await Process.run("/usr/bin/env", ["python3", "-c", bomb, file.path])
            #expect(made.status == 0, "\(made.errors)")
            let bytes = try Data(contentsOf: file)
            #expect(bytes.count < 1_000_000)
            #expect(try await run(bytes) == ["Tệp giải nén ra quá lớn (có thể là tệp nén độc hại); không có gì được ghi."])
            // Headers that lie about the sizes (small, or 4 GB each), and a part declaring entities: refused.
            let patched = FileManager.default.temporaryDirectory.appendingPathComponent("danvan-patched-\(UUID().uuidString).xlsx")
            defer { try? FileManager.default.removeItem(at: patched) }
            func craft(_ size: Int, entities: Bool = false) async throws -> Data {
                let script = """
                    import sys, zipfile, struct
                    path, size, entities = sys.argv[1], int(sys.argv[2]), sys.argv[3] == '1'
                    sheet = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>'
                             if entities else '<worksheet>' + ' ' * (40 * 1024 * 1024) + '</worksheet>')
                    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
                        z.writestr('xl/workbook.xml', '<workbook/>')
                        z.writestr('xl/worksheets/sheet1.xml', sheet)
                        z.writestr('xl/worksheets/sheet2.xml', '<worksheet/>')
                    data = bytearray(open(path, 'rb').read())
                    if size >= 0:
                        at = data.find(b'PK\\x01\\x02')
                        while at >= 0:
                            struct.pack_into('<I', data, at + 24, size)
                            at = data.find(b'PK\\x01\\x02', at + 4)
                    open(path, 'wb').write(data)
                    """
                let made = try await Process.run("/usr/bin/env", ["python3", "-c", script, patched.path, String(size), entities ? "1" : "0"])
                #expect(made.status == 0, "\(made.errors)")
                return try Data(contentsOf: patched)
            }
            #expect(try await run(try await craft(1_000)) == ["Tệp giải nén ra quá lớn (có thể là tệp nén độc hại); không có gì được ghi."])
            #expect(try await run(try await craft(0xFFFF_FFFF)) == ["Tệp giải nén ra quá lớn (có thể là tệp nén độc hại); không có gì được ghi."])
            #expect(try await run(try await craft(-1, entities: true)) == ["Tệp không phải là bảng tính Excel (.xlsx); không có gì được ghi."])
            #expect(try await store.list(scope, filter: ModelFilter(unitID: iaLe.id, year: 2025)).total == 0)
        }
    }

    @Test("organisations have no code of their own: a sheet names them by name (and unit code); one out of the importer's reach, or under a unit code out of reach, is named unknown by row and column in Vietnamese, on the page too, as one that does not exist; nothing written")
    func unknownOrganisations() async throws {
        try await TestApp.run { app in
            let (iaLe, scope, store, organisations) = try await Self.commune(app)
            let iaHru = try await app.unit("23971", legacy: false)
            let sibling = try await ModelReplicationTests.union(app, of: iaHru).name
            let union = try #require(organisations.first { $0.summary.name.contains("Phụ nữ") }).summary.name
            #expect(!organisations.contains { $0.summary.name == sibling })
            let importer = ModelImport(models: store, catalogue: app.services.catalogue)
            // Row 2 names the sibling commune's union (it exists, out of reach); row 3 our union under the sibling commune's code; row 4 is good.
            let data = try await Self.sheet("[\(Self.headings(app)), \(Self.row(sibling, name: "Ngoài phạm vi")), \(Self.row(union, name: "Mã sai").dropLast()), '\(iaHru.code)'], \(Self.row(union, name: "Đúng"))]")
            let expected = ["Dòng 2, cột A (Tổ chức đăng ký): không tìm thấy tổ chức “\(sibling)” trong phạm vi của bạn.",
                            "Dòng 3, cột U (Mã đơn vị hành chính): không tìm thấy tổ chức “\(union)” thuộc đơn vị hành chính mã “\(iaHru.code)” trong phạm vi của bạn."]
            for write in [false, true] {
                let report = try await importer.run(scope, data: data, year: "2025", write: write, organisations: organisations, language: .vi)
                #expect(report.problems == expected && report.written == nil)
            }
            #expect(try await store.list(scope, filter: ModelFilter(unitID: iaLe.id, year: 2025)).total == 0)
            // The import page says the same, and writes nothing.
            let (_, password) = try await app.user("nhap.trang", roles: [.reportingOfficer], kind: "peoples_committee", in: iaLe)
            try await app.client { browser in
                try await browser.login("nhap.trang", password)
                let page = try await browser.postMultipart("/models/import", [("year", "2025"), ("mode", "write")],
                                                           files: [.init(field: "file", filename: "dang-ky.xlsx", contentType: "application/octet-stream", data: Array(data))])
                #expect(page.status == .unprocessableContent)
                for problem in expected { #expect(page.body.contains(problem), "\(problem)") }
            }
            #expect(try await store.list(scope, filter: ModelFilter(unitID: iaLe.id, year: 2025)).total == 0)
        }
    }
}
