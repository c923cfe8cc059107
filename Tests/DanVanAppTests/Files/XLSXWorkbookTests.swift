import Foundation
import Testing
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
        let read = try await StatisticsTests.readWorkbook([UInt8](try workbook.data()))
        #expect(read.names == ["Thống kê", "Trang 2"])
        #expect(read.rows.count == 3)
        #expect(read.rows[0].first as? String == "Tiêu đề <đậm> & \"rõ\"")
        #expect(read.rows[2].first as? String == "Lượt")
        #expect(StatisticsTests.number(read.rows[2][1]) == 1635)
        #expect(StatisticsTests.number(read.rows[2][3]) == -2)
    }
}
