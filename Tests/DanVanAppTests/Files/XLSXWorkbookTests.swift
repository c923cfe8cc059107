import Foundation
import Testing
import ZIPFoundation
import DanVanDomain
@testable import DanVanApp

@Suite("XLSX writer")
struct XLSXWorkbookTests {
    @Test("column names, sheet names and XML escaping")
    func names() {
        #expect([0, 25, 26, 51, 701, 702].map(XLSXWorkbook.columnName) == ["A", "Z", "AA", "AZ", "ZZ", "AAA"])
        #expect(XLSXWorkbook.sheetName("Thống kê [2025]: quý 1/2") == "Thống kê 2025 quý 12")
        #expect(XLSXWorkbook.sheetName(String(repeating: "x", count: 40)).count == 31)
        #expect(XLSXWorkbook.escape("a<b & \"c\" > d\u{1}") == "a&lt;b &amp; &quot;c&quot; &gt; d")
    }

    @Test("a workbook with Vietnamese text, markup characters and numbers reads back in openpyxl")
    func readsBack() async throws {
        let workbook = XLSXWorkbook(sheets: [
            .init(name: "Thống kê", rows: [[.heading("Tiêu đề <đậm> & \"rõ\"")], [], [.text("Lượt"), .number(1635), .empty, .number(-2)]], widths: [20, 10]),
            .init(name: "Trang 2", rows: [[.text("Đơn thư")]]),
        ])
        let read = try await ReadWorkbook.read([UInt8](try workbook.data()))
        #expect(read.names == ["Thống kê", "Trang 2"])
        #expect(read.rows.count == 3)
        #expect(read.rows[0].first as? String == "Tiêu đề <đậm> & \"rõ\"")
        #expect(read.rows[2].first as? String == "Lượt")
        #expect(StatisticsTests.number(read.rows[2][1]) == 1635)
        #expect(StatisticsTests.number(read.rows[2][3]) == -2)
    }

    @Test("typed cells, merged ranges, frozen panes, print titles and the A4 landscape setup read back in openpyxl")
    func layout() async throws {
        // A 53-character heading in a 14-wide column.
        let heading = "Tổng số đơn đủ điều kiện xử lý theo nội dung khiếu nại"
        let style = XLSXWorkbook.Style(bold: true, alignment: .center, wrap: true, border: true)
        let sheet = XLSXWorkbook.Sheet(name: "Biểu 'số' 1", rows: [
            [.text("Tiếp thường xuyên", style), .empty, .text(heading, style)],
            [.text("Lượt", style), .text("Người", style)],
            [.number(1635), .percent(106.0 / 124.0), .date(CivilDate(iso: "2023-03-16")!)],
        ], widths: [14, 14, 14], merges: [.init(rows: 0...0, columns: 0...1), .init(rows: 0...1, columns: 2...2)],
           frozenRows: 2, frozenColumns: 1, printsLandscape: true, printTitleRows: 0...1)
        let bytes = try XLSXWorkbook(sheets: [sheet]).data()
        let read = try await ReadWorkbook.read([UInt8](bytes))
        #expect(read.merged == ["A1:B1", "C1:C2"])
        #expect(read.types["A3"] == "n" && read.formats["A3"] == "#,##0" && StatisticsTests.number(read.rows[2][0]) == 1635)
        #expect(read.types["B3"] == "n" && read.formats["B3"] == "0.00%" && abs(((read.rows[2][1] as? NSNumber)?.doubleValue ?? 0) - 0.8548387) < 1e-6)
        #expect(read.types["C3"] == "d" && read.formats["C3"] == "dd/mm/yyyy" && read.rows[2][2] as? String == "2023-03-16 00:00:00")
        #expect(read.frozen == "B3")
        #expect(read.orientation == "landscape" && read.paperSize == 9 && read.fitToWidth == 1 && read.fitToHeight == 0 && read.fitsToPage)
        #expect(read.printTitleRows == "$1:$2")
        // The heading wraps over rows tall enough for its lines (five of 12-point text).
        let heights = XLSXWorkbook.rowHeights(sheet)
        #expect((heights[0] ?? 15.75) + (heights[1] ?? 15.75) >= 5 * 12 * 1.2)
        // The sheet's elements come in the order the schema requires, or Excel calls the file corrupt.
        let archive = try Archive(data: bytes, accessMode: .read)
        var xml = Data()
        _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { xml.append($0) }
        let text = String(decoding: xml, as: UTF8.self)
        let positions = ["<sheetPr", "<dimension", "<sheetViews", "<sheetFormatPr", "<cols", "<sheetData", "<mergeCells", "<printOptions", "<pageMargins",
                         "<pageSetup"].map { text.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil } && positions.map { $0! } == positions.map { $0! }.sorted())
    }
}
