/// A report sheet laid out as the forms are printed (the Thanh tra forms,
/// Nghị định 30/2020/NĐ-CP): the form number box and the reporting body on
/// the left, the national heading on the right, the title and period centred,
/// the table with its grouped, merged and numbered headings, and the signature
/// block. The table's heading rows are frozen and repeated on every printed
/// page; the sheet prints on A4 landscape, fitted to the width.
struct OfficialSheet: Sendable {
    /// The frame's words, in the reader's language.
    struct Words: Sendable {
        /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
        var nation: String
        /// "Độc lập - Tự do - Hạnh phúc".
        var motto: String
        /// "…, ngày … tháng … năm …".
        var placeAndDate: String
        /// "NGƯỜI LẬP BIỂU" and "(Ký, ghi rõ họ tên)".
        var preparer: String
        var preparerNote: String
        /// "THỦ TRƯỞNG ĐƠN VỊ" and "(Ký tên, đóng dấu)".
        var head: String
        var headNote: String

        /// The words of the catalogue (`workbook_…`), in a language.
        init(catalogue: StringCatalogue, language: Language) {
            func text(_ key: String) -> String { catalogue.text("workbook_" + key, language) }
            (nation, motto, placeAndDate) = (text("nation"), text("motto"), text("place_date"))
            (preparer, preparerNote, head, headNote) = (text("preparer"), text("preparer_note"), text("head"), text("head_note"))
        }
    }

    struct Column: Sendable {
        /// The headings above the column, outermost first, then its own name;
        /// neighbours that share a heading are merged under it.
        var headings: [String]
        /// The column's number on the form: "(1)", or "A" for a text column.
        var number: String
        var width: Double
    }

    var name: String
    /// "Biểu số 01/TCD" and "Ban hành kèm theo …", boxed at the top left.
    var formNumber: [String] = []
    /// "Đơn vị báo cáo: Huyện Chư Pưh".
    var reportingBody: String
    var title: String
    /// The period, centred under the title.
    var subtitles: [String]
    var columns: [Column]
    /// The table's rows; each cell gets a border, a row is padded to the columns.
    var rows: [[XLSXWorkbook.Cell]]
    var words: Words

    typealias Style = XLSXWorkbook.Style
    private static let headingStyle = Style(bold: true, alignment: .center, wrap: true, border: true)

    var sheet: XLSXWorkbook.Sheet {
        var grid = Grid(width: columns.count)
        let widths = columns.map(\.width)
        let split = Self.split(widths)
        let left = 0...(split - 1), right = min(split, columns.count - 1)...(columns.count - 1), all = 0...(columns.count - 1)
        // The frame: the form number box and the reporting body; the national heading.
        let box = 0...min(split - 1, widths.indices.first { widths[...$0].reduce(0, +) >= 22 } ?? 0)
        var frameRows = formNumber.enumerated().map { index, line in
            (box, XLSXWorkbook.Cell.text(line, Style(bold: index == 0, italic: index > 0, size: index == 0 ? 12 : 10, alignment: .center, wrap: true, border: true)))
        }
        frameRows.append((left, .text(reportingBody, Style(bold: true, wrap: true))))
        let national = [XLSXWorkbook.Cell.text(words.nation, Style(bold: true, alignment: .center, wrap: true)),
                        .text(words.motto, Style(bold: true, underline: true, alignment: .center, wrap: true))]
        for index in 0..<max(frameRows.count, national.count) {
            let row = grid.addRow()
            if index < frameRows.count { grid.put(frameRows[index].1, row: row, columns: frameRows[index].0) }
            if index < national.count { grid.put(national[index], row: row, columns: right) }
        }
        grid.addRow()
        grid.put(.text(title.uppercased(), Style(bold: true, size: 14, alignment: .center, wrap: true)), row: grid.addRow(), columns: all)
        for line in subtitles { grid.put(.text(line, Style(italic: true, alignment: .center, wrap: true)), row: grid.addRow(), columns: all) }
        grid.addRow()
        // The table: grouped headings, the numbers row, the body.
        let headingTop = grid.rows.count
        let depth = columns.map(\.headings.count).max() ?? 1
        for _ in 0..<depth { grid.addRow() }
        for level in 0..<depth {
            var c = 0
            while c < columns.count {
                let headings = columns[c].headings
                if level < headings.count - 1 {
                    var end = c
                    while end + 1 < columns.count, columns[end + 1].headings.count - 1 > level,
                          columns[end + 1].headings.prefix(level + 1) == headings.prefix(level + 1) { end += 1 }
                    grid.put(.text(headings[level], Self.headingStyle), row: headingTop + level, columns: c...end)
                    c = end + 1
                } else {
                    if level == headings.count - 1 {
                        grid.put(.text(headings[level], Self.headingStyle), row: headingTop + level, columns: c...c, through: headingTop + depth - 1)
                    }
                    c += 1
                }
            }
        }
        let numbers = grid.addRow()
        for (c, column) in columns.enumerated() { grid.put(.text(column.number, Style(italic: true, alignment: .center, border: true)), row: numbers, columns: c...c) }
        for cells in rows {
            let row = grid.addRow()
            for c in all {
                var cell = c < cells.count ? cells[c] : .empty
                cell.style.border = true
                if case .text = cell.value { cell.style.wrap = true }
                grid.put(cell, row: row, columns: c...c)
            }
        }
        // The signature block.
        grid.addRow()
        grid.put(.text(words.placeAndDate, Style(italic: true, alignment: .center)), row: grid.addRow(), columns: right)
        let titles = grid.addRow(), notes = grid.addRow()
        grid.put(.text(words.preparer, Style(bold: true, alignment: .center)), row: titles, columns: left)
        grid.put(.text(words.head, Style(bold: true, alignment: .center)), row: titles, columns: right)
        grid.put(.text(words.preparerNote, Style(italic: true, alignment: .center)), row: notes, columns: left)
        grid.put(.text(words.headNote, Style(italic: true, alignment: .center)), row: notes, columns: right)
        return XLSXWorkbook.Sheet(name: name, rows: grid.rows, widths: widths, merges: grid.merges, frozenRows: numbers + 1, frozenColumns: 1,
                                  printsLandscape: true, printTitleRows: headingTop...numbers)
    }

    /// The first column of the right-hand block (national heading, head's
    /// signature): the last one that leaves it at least half the width, and 45 characters.
    static func split(_ widths: [Double]) -> Int {
        guard widths.count > 1 else { return max(1, widths.count) }
        let total = widths.reduce(0, +)
        return (1..<widths.count).last { widths[$0...].reduce(0, +) >= max(45, total / 2) } ?? 1
    }

    /// Rows of cells with their merged ranges.
    private struct Grid {
        let width: Int
        var rows: [[XLSXWorkbook.Cell]] = []
        var merges: [XLSXWorkbook.Range] = []

        @discardableResult
        mutating func addRow() -> Int {
            rows.append([])
            return rows.count - 1
        }

        /// A cell over `columns` of `row` (down to `last`), merged when it covers more than one.
        mutating func put(_ cell: XLSXWorkbook.Cell, row: Int, columns: ClosedRange<Int>, through last: Int? = nil) {
            let first = columns.lowerBound
            if rows[row].count <= first { rows[row] += Array(repeating: .empty, count: first + 1 - rows[row].count) }
            rows[row][first] = cell
            let range = XLSXWorkbook.Range(rows: row...(last ?? row), columns: columns)
            if range.rows.count > 1 || columns.count > 1 { merges.append(range) }
        }
    }
}
