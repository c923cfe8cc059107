import DanVanDomain
import Foundation
import ZIPFoundation

/// A minimal Office Open XML workbook (.xlsx), built in memory: typed cells
/// (text, numbers, percentages, dates) with their styles, merged ranges,
/// frozen panes, row heights for wrapped text and an A4 print setup. Text is
/// written as inline strings, so no shared string table is needed; the style
/// table is built from the styles the cells use.
struct XLSXWorkbook: Sendable {
    /// How a cell looks. Fonts are Times New Roman, as on printed forms.
    struct Style: Hashable, Sendable {
        enum Alignment: String, Sendable { case general, left, center, right }
        /// Number formats by their id: built-in `#,##0` and `0.00%`, and `dd/mm/yyyy`.
        enum Format: Int, Sendable { case general = 0, integer = 3, percent = 10, date = 164 }

        var bold = false
        var italic = false
        var underline = false
        var size = 12.0
        var alignment = Alignment.general
        var wrap = false
        /// A thin line on all four sides.
        var border = false
        var format = Format.general

        static let plain = Style()
        static let bold = Style(bold: true)
    }

    enum Value: Sendable, Equatable {
        case text(String)
        case number(Double)
        case date(CivilDate)
        case empty
    }

    struct Cell: Sendable, Equatable {
        var value: Value
        var style: Style

        static let empty = Cell(value: .empty, style: .plain)
        static func text(_ text: String, _ style: Style = .plain) -> Cell { Cell(value: .text(text), style: style) }
        /// Bold text (titles, headers).
        static func heading(_ text: String) -> Cell { Cell(value: .text(text), style: .bold) }
        /// A whole number, shown `1.635` in a Vietnamese spreadsheet (`#,##0`).
        static func number(_ n: Int, _ style: Style = .plain) -> Cell { Cell(value: .number(Double(n)), style: style.with(.integer)) }
        /// A ratio stored as a fraction, shown `85,48%` (`0.00%`).
        static func percent(_ ratio: Double, _ style: Style = .plain) -> Cell { Cell(value: .number(ratio), style: style.with(.percent)) }
        /// A date cell (a serial day number), shown `16/03/2023`.
        static func date(_ date: CivilDate, _ style: Style = .plain) -> Cell { Cell(value: .date(date), style: style.with(.date)) }
    }

    /// A rectangle of cells, zero-based.
    struct Range: Sendable, Equatable {
        var rows: ClosedRange<Int>
        var columns: ClosedRange<Int>

        var reference: String {
            XLSXWorkbook.columnName(columns.lowerBound) + String(rows.lowerBound + 1) + ":"
                + XLSXWorkbook.columnName(columns.upperBound) + String(rows.upperBound + 1)
        }
    }

    struct Sheet: Sendable {
        var name: String
        var rows: [[Cell]]
        /// Column widths in characters, from column A.
        var widths: [Double] = []
        var merges: [Range] = []
        /// Rows and columns that stay in view when scrolling.
        var frozenRows = 0
        var frozenColumns = 0
        /// Printed on A4 paper, landscape, fitted to the page's width.
        var printsLandscape = false
        /// Rows printed again at the top of every page (the table's headings).
        var printTitleRows: ClosedRange<Int>?
    }

    var sheets: [Sheet] = []

    static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The .xlsx bytes.
    func data() throws -> Data {
        let archive = try Archive(accessMode: .create)
        let styles = StyleTable(sheets)
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", Self.rootRelationships),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/styles.xml", styles.xml),
        ]
        for (index, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(index + 1).xml", Self.worksheet(sheet, styles: styles))) }
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw AppError(.internalServerError, code: "xlsx_failed") }
        return data
    }

    // MARK: Parts

    private static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipsNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    private var contentTypes: String {
        Self.header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + sheets.indices.map {
                #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            }.joined()
            + "</Types>"
    }

    private static let rootRelationships = header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    /// The sheets, and the rows each repeats on printed pages (a defined name per sheet).
    private var workbook: String {
        let titles = sheets.enumerated().compactMap { index, sheet in
            sheet.printTitleRows.map { rows in
                let name = Self.sheetName(sheet.name).replacingOccurrences(of: "'", with: "''")
                return #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(index)">"#
                    + Self.escape("'\(name)'!$\(rows.lowerBound + 1):$\(rows.upperBound + 1)") + "</definedName>"
            }
        }
        return Self.header + #"<workbook xmlns="\#(Self.main)" xmlns:r="\#(Self.relationshipsNS)"><sheets>"#
            + sheets.enumerated().map { index, sheet in
                #"<sheet name="\#(Self.escape(Self.sheetName(sheet.name)))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
            }.joined()
            + "</sheets>" + (titles.isEmpty ? "" : "<definedNames>" + titles.joined() + "</definedNames>") + "</workbook>"
    }

    private var workbookRelationships: String {
        Self.header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + sheets.indices.map {
                #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
            }.joined()
            + #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
            + "</Relationships>"
    }

    /// Elements in the order the schema requires (sheetPr, dimension, sheetViews,
    /// sheetFormatPr, cols, sheetData, mergeCells, printOptions, pageMargins, pageSetup),
    /// or Excel calls the file corrupt.
    private static func worksheet(_ sheet: Sheet, styles: StyleTable) -> String {
        let covered = coveredStyles(sheet)
        let rowCount = max(sheet.rows.count, (sheet.merges.map(\.rows.upperBound).max() ?? -1) + 1)
        let columnCount = max(1, sheet.rows.map(\.count).max() ?? 0, sheet.widths.count, (sheet.merges.map(\.columns.upperBound).max() ?? -1) + 1)
        let heights = rowHeights(sheet)
        var xml = header + #"<worksheet xmlns="\#(main)" xmlns:r="\#(relationshipsNS)">"#
        if sheet.printsLandscape { xml += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"# }
        xml += #"<dimension ref="A1:\#(columnName(columnCount - 1))\#(max(rowCount, 1))"/>"#
        xml += #"<sheetViews><sheetView workbookViewId="0">"# + pane(rows: sheet.frozenRows, columns: sheet.frozenColumns) + "</sheetView></sheetViews>"
        xml += #"<sheetFormatPr defaultRowHeight="15.75"/>"#
        if !sheet.widths.isEmpty {
            xml += "<cols>" + sheet.widths.enumerated().map { #"<col min="\#($0 + 1)" max="\#($0 + 1)" width="\#(number($1))" customWidth="1"/>"# }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for r in 0..<rowCount {
            let row = r < sheet.rows.count ? sheet.rows[r] : []
            xml += #"<row r="\#(r + 1)""# + (heights[r].map { #" ht="\#(number($0))" customHeight="1""# } ?? "") + ">"
            for c in 0..<max(row.count, (covered[r]?.keys.max() ?? -1) + 1) {
                var cell = c < row.count ? row[c] : .empty
                if cell.value == .empty, let style = covered[r]?[c] { cell.style = style }
                let ref = columnName(c) + String(r + 1)
                let s = styles.index[cell.style] ?? 0
                let attributes = #"r="\#(ref)""# + (s == 0 ? "" : #" s="\#(s)""#)
                switch cell.value {
                case .empty: if s != 0 { xml += "<c \(attributes)/>" }
                case .number(let n): xml += "<c \(attributes)><v>\(number(n))</v></c>"
                case .date(let date): xml += "<c \(attributes)><v>\(serial(date))</v></c>"
                case .text(let text): xml += #"<c \#(attributes) t="inlineStr"><is><t xml:space="preserve">\#(escape(text))</t></is></c>"#
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        if !sheet.merges.isEmpty {
            xml += #"<mergeCells count="\#(sheet.merges.count)">"# + sheet.merges.map { #"<mergeCell ref="\#($0.reference)"/>"# }.joined() + "</mergeCells>"
        }
        if sheet.printsLandscape {
            xml += #"<printOptions horizontalCentered="1"/>"#
            xml += #"<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>"#
            xml += #"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#
        }
        return xml + "</worksheet>"
    }

    /// The frozen pane: `ySplit` rows and `xSplit` columns stay in view.
    private static func pane(rows: Int, columns: Int) -> String {
        guard rows > 0 || columns > 0 else { return "" }
        let active = rows > 0 && columns > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight"
        return "<pane" + (columns > 0 ? #" xSplit="\#(columns)""# : "") + (rows > 0 ? #" ySplit="\#(rows)""# : "")
            + #" topLeftCell="\#(columnName(columns))\#(rows + 1)" activePane="\#(active)" state="frozen"/>"#
    }

    /// The cells a merged range covers take its first cell's style, so its borders are drawn whole.
    private static func coveredStyles(_ sheet: Sheet) -> [Int: [Int: Style]] {
        var covered: [Int: [Int: Style]] = [:]
        for merge in sheet.merges {
            let first = merge.rows.lowerBound < sheet.rows.count && merge.columns.lowerBound < sheet.rows[merge.rows.lowerBound].count
                ? sheet.rows[merge.rows.lowerBound][merge.columns.lowerBound].style : .plain
            for r in merge.rows { for c in merge.columns where (r, c) != (merge.rows.lowerBound, merge.columns.lowerBound) { covered[r, default: [:]][c] = first } }
        }
        return covered
    }

    /// Heights in points for rows whose wrapped text needs more than one line,
    /// estimated from the text and the width of its cell (a merged cell shares
    /// the height it needs among its rows). Spreadsheets do not fit rows when
    /// they open a file, so the heights are written.
    static func rowHeights(_ sheet: Sheet) -> [Int: Double] {
        var heights: [Int: Double] = [:]
        let merges = Dictionary(sheet.merges.map { (RowColumn(row: $0.rows.lowerBound, column: $0.columns.lowerBound), $0) }, uniquingKeysWith: { first, _ in first })
        func width(_ column: Int) -> Double { column < sheet.widths.count ? sheet.widths[column] : 8.43 }
        for (r, row) in sheet.rows.enumerated() {
            for (c, cell) in row.enumerated() {
                guard case .text(let text) = cell.value, cell.style.wrap || text.contains("\n") else { continue }
                let range = merges[RowColumn(row: r, column: c)] ?? Range(rows: r...r, columns: c...c)
                let characters = range.columns.map(width).reduce(0, +) * 12 / cell.style.size * (cell.style.bold ? 1.0 : 1.1) - 1
                let lines = wrappedLines(text, characters: max(1, Int(characters)))
                let needed = Double(lines) * cell.style.size * 1.3 + 3
                let share = needed / Double(range.rows.count)
                for row in range.rows where share > 15.75 { heights[row] = max(heights[row] ?? 0, share.rounded(.up)) }
            }
        }
        return heights
    }

    private struct RowColumn: Hashable { var row: Int, column: Int }

    /// Lines of text wrapped at word boundaries in a cell `characters` wide.
    static func wrappedLines(_ text: String, characters: Int) -> Int {
        var lines = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var used = 0
            lines += 1
            for word in paragraph.split(separator: " ") {
                if used == 0 { used = word.count } else if used + 1 + word.count <= characters { used += 1 + word.count } else { lines += 1; used = word.count }
                while used > characters { lines += 1; used -= characters }
            }
        }
        return lines
    }

    /// A number as XML text: whole numbers without a decimal point.
    private static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// A date as spreadsheets count it: days since 30 December 1899.
    static func serial(_ date: CivilDate) -> Int { date.dayNumber + 25_569 }

    /// "A" … "Z", "AA" … for a zero-based column index.
    static func columnName(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 {
            let rest = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + rest))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// Sheet names: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        return cleaned.isEmpty ? "Sheet" : cleaned
    }

    /// XML text escaping; control characters XML 1.0 cannot carry are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}

extension XLSXWorkbook.Style {
    /// The same style with a number format.
    func with(_ format: Format) -> Self {
        var style = self
        style.format = format
        return style
    }
}

/// The styles the cells of a workbook use, numbered in `styles.xml` (0: plain).
private struct StyleTable {
    typealias Style = XLSXWorkbook.Style
    private struct Font: Hashable { var bold: Bool, italic: Bool, underline: Bool, size: Double }

    private(set) var styles: [Style] = [.plain]
    private(set) var index: [Style: Int] = [.plain: 0]

    init(_ sheets: [XLSXWorkbook.Sheet]) {
        for sheet in sheets {
            for row in sheet.rows {
                for cell in row where index[cell.style] == nil {
                    index[cell.style] = styles.count
                    styles.append(cell.style)
                }
            }
        }
    }

    var xml: String {
        var fonts: [Font] = []
        var fontIndex: [Font: Int] = [:]
        for style in styles {
            let font = Font(bold: style.bold, italic: style.italic, underline: style.underline, size: style.size)
            if fontIndex[font] == nil { fontIndex[font] = fonts.count; fonts.append(font) }
        }
        let thin = #"style="thin"><color auto="1"/"#
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>"#
        xml += #"<fonts count="\#(fonts.count)">"# + fonts.map { font in
            "<font>" + (font.bold ? "<b/>" : "") + (font.italic ? "<i/>" : "") + (font.underline ? "<u/>" : "")
                + #"<sz val="\#(font.size)"/><name val="Times New Roman"/><family val="1"/></font>"#
        }.joined() + "</fonts>"
        xml += #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        xml += #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
            + "<border><left \(thin)></left><right \(thin)></right><top \(thin)></top><bottom \(thin)></bottom><diagonal/></border></borders>"
        xml += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        xml += #"<cellXfs count="\#(styles.count)">"# + styles.map { style in
            let font = fontIndex[Font(bold: style.bold, italic: style.italic, underline: style.underline, size: style.size)] ?? 0
            var alignment = #"<alignment vertical="center""#
            if style.alignment != .general { alignment += #" horizontal="\#(style.alignment.rawValue)""# }
            if style.wrap { alignment += #" wrapText="1""# }
            return #"<xf numFmtId="\#(style.format.rawValue)" fontId="\#(font)" fillId="0" borderId="\#(style.border ? 1 : 0)" xfId="0""#
                + #" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1">"# + alignment + "/></xf>"
        }.joined() + "</cellXfs>"
        return xml + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
    }
}
