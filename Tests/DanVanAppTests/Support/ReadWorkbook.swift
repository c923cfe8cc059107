import Foundation
import Testing
@testable import DanVanApp

/// A workbook's first sheet as openpyxl (a real reader) reads it: the values,
/// each cell's type and number format, the merged ranges, the frozen pane and
/// the print setup.
struct ReadWorkbook {
    var names: [String]
    /// Values by row; a date cell is "YYYY-MM-DD 00:00:00", an empty cell NSNull.
    var rows: [[Any]]
    /// By reference ("B14"): openpyxl's data type ("n" number, "s" text, "d" date) and number format.
    var types: [String: String]
    var formats: [String: String]
    /// "A13:A16", as openpyxl gives them.
    var merged: Set<String>
    /// The first cell that scrolls ("B17"): the rows above it and the columns left of it stay.
    var frozen: String?
    var orientation: String?
    var paperSize: Int?
    var fitToWidth: Int?
    var fitToHeight: Int?
    var fitsToPage: Bool
    /// "13:16": the rows printed at the top of every page.
    var printTitleRows: String?

    /// The row index (zero-based) of the first row whose first cell is `text`.
    func row(startingWith text: String) -> Int? {
        rows.firstIndex { ($0.first as? String) == text }
    }

    /// The table's rows: from the first row below the frozen pane down to the first row with an empty first cell.
    var body: [[Any]] {
        guard let frozen, let first = Int(frozen.drop { $0.isLetter }) else { return [] }
        return Array(rows.dropFirst(first - 1).prefix { !($0.first is NSNull) && !$0.isEmpty })
    }

    /// The text anywhere in the sheet.
    var texts: [String] { rows.flatMap { $0.compactMap { $0 as? String } } }

    /// Reads the first sheet. Fails, never skips, when openpyxl is missing.
    static func read(_ bytes: [UInt8]) async throws -> ReadWorkbook {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("danvan-\(UUID().uuidString).xlsx")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys
            try:
                import openpyxl
            except ImportError:
                sys.stderr.write("openpyxl is missing: run scripts/browser-deps (pip install openpyxl)\\n"); sys.exit(3)
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.worksheets[0]
            cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
            setup = ws.page_setup
            fit = ws.sheet_properties.pageSetUpPr
            def number(value):
                return None if value is None else int(value)
            print(json.dumps({
                "names": wb.sheetnames,
                "rows": [list(r) for r in ws.iter_rows(values_only=True)],
                "types": {c.coordinate: c.data_type for c in cells},
                "formats": {c.coordinate: c.number_format for c in cells},
                "merged": [str(r) for r in ws.merged_cells.ranges],
                "frozen": ws.freeze_panes,
                "orientation": setup.orientation,
                "paper": number(setup.paperSize),
                "fit_width": number(setup.fitToWidth),
                "fit_height": number(setup.fitToHeight),
                "fit_page": bool(fit is not None and fit.fitToPage),
                "titles": str(ws.print_title_rows) if ws.print_title_rows else None,
            }, ensure_ascii=False, default=str))
            """
        let result = try await Process.run("/usr/bin/env", ["python3", "-c", script, file.path])
        if result.status != 0 {
            Issue.record("openpyxl could not read the workbook (status \(result.status)): \(result.errors)")
            throw AppError(.internalServerError, code: "openpyxl")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let rows = json["rows"] as? [[Any]] ?? []
        return ReadWorkbook(names: json["names"] as? [String] ?? [], rows: rows, types: json["types"] as? [String: String] ?? [:],
                            formats: json["formats"] as? [String: String] ?? [:], merged: Set(json["merged"] as? [String] ?? []),
                            frozen: json["frozen"] as? String, orientation: json["orientation"] as? String, paperSize: json["paper"] as? Int,
                            fitToWidth: json["fit_width"] as? Int, fitToHeight: json["fit_height"] as? Int, fitsToPage: json["fit_page"] as? Bool ?? false,
                            printTitleRows: json["titles"] as? String)
    }
}
