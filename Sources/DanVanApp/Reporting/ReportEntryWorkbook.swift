import DanVanDomain
import Foundation

/// A report's form as a workbook to fill (its entered indicators, with the values already saved),
/// and a filled one read back: the form and period it was made for checked, every row and cell
/// read with its indicator's value type, each problem naming its row and column.
enum ReportEntryWorkbook {
    /// The rows before the indicators: form, period, organisation, a blank row, the headings.
    static let headingRows = 5
    static let codeColumn = 0, valueColumn = 3, commentColumn = 4

    /// The workbook of a report: one sheet, one row per entered indicator.
    static func blank(_ report: ReportEntryContext, values: [String: DataValueRecord]) -> XLSXWorkbook {
        typealias Cell = XLSXWorkbook.Cell
        var rows: [[Cell]] = [
            [.heading("Biểu mẫu"), .text(report.version.form.code), .text(report.version.form.name)],
            [.heading("Kỳ báo cáo"), .text(report.period.key), .text(report.period.label)],
            [.heading("Cơ quan, tổ chức"), .text(report.organisation.name), .text(report.organisation.unitName)],
            [],
            [.heading("Mã chỉ tiêu"), .heading("Chỉ tiêu"), .heading("Đơn vị tính"), .heading("Số liệu"), .heading("Ghi chú")],
        ]
        for item in report.version.items where item.indicator.isEntered {
            let indicator = item.indicator, stored = values[indicator.code]
            let value: Cell = stored?.value.map {
                Cell(value: .number($0), style: indicator.fractionDigits == 0 ? XLSXWorkbook.Style.plain.with(.integer) : .plain)
            } ?? .empty
            rows.append([.text(indicator.code), .text(indicator.name), .text(indicator.unit), value, .text(stored?.comment ?? "")])
        }
        return XLSXWorkbook(sheets: [XLSXWorkbook.Sheet(name: XLSXWorkbook.sheetName(report.version.form.code), rows: rows,
                                                        widths: [26, 60, 14, 18, 40], frozenRows: headingRows)])
    }

    /// What a filled workbook holds for the report, or why it cannot be taken (all or nothing).
    struct Reading: Sendable {
        var cells: [String: String] = [:]
        var comments: [String: String] = [:]
        /// The row of each indicator, for the save path's messages.
        var rows: [String: Int] = [:]
        var problems: [String] = []
    }

    /// Reads a filled workbook: B1 must be the report's form, B2 its period and B3–C3 its organisation and unit.
    static func read(_ data: Data, _ report: ReportEntryContext) -> Reading {
        var reading = Reading()
        let sheet: [Int: [Int: XLSXReader.Cell]]
        do { sheet = try XLSXReader.rows(data) } catch XLSXReader.Problem.tooLarge {
            reading.problems.append("Tệp quá lớn.")
            return reading
        } catch {
            reading.problems.append("Tệp không phải sổ tính Excel (.xlsx).")
            return reading
        }
        func text(_ row: Int, _ column: Int) -> String { VietnameseText.normalized(sheet[row]?[column]?.text ?? "") }
        let form = text(1, 1), period = text(2, 1)
        guard !form.isEmpty, !period.isEmpty else {
            reading.problems.append("Tệp không phải biểu mẫu tải từ trang này: ô B1 phải là mã biểu mẫu và ô B2 là kỳ báo cáo.")
            return reading
        }
        guard form == report.version.form.code, period == report.period.key else {
            let label = ReportingPeriod(key: period)?.label ?? period
            reading.problems.append("Tệp là biểu mẫu “\(form)” kỳ “\(label)”, không phải biểu mẫu “\(report.version.form.code)” kỳ “\(report.period.label)” của trang này.")
            return reading
        }
        // Row 3: the organisation, by name and unit as written (no internal id in the file): another's workbook is not taken here.
        let organisation = text(3, 1), unit = text(3, 2)
        guard organisation == VietnameseText.normalized(report.organisation.name), unit.isEmpty || unit == VietnameseText.normalized(report.organisation.unitName) else {
            reading.problems.append("Ô B3–C3: tệp là báo cáo của “\([organisation, unit].filter { !$0.isEmpty }.joined(separator: ", "))”, "
                                    + "không phải của “\(report.organisation.name), \(report.organisation.unitName)” trên trang này.")
            return reading
        }
        let indicators = report.version.indicators
        let column = { (index: Int) in XLSXWorkbook.columnName(index) }
        for row in (headingRows + 1...max(headingRows + 1, sheet.keys.max() ?? 0)) {
            let code = text(row, codeColumn)
            guard !code.isEmpty else {
                if !text(row, valueColumn).isEmpty { reading.problems.append("Dòng \(row), cột \(column(codeColumn)): thiếu mã chỉ tiêu.") }
                continue
            }
            guard let indicator = indicators[code] else { reading.problems.append("Dòng \(row), cột \(column(codeColumn)): mã chỉ tiêu “\(code)” không có trong biểu mẫu."); continue }
            guard indicator.isEntered else { reading.problems.append("Dòng \(row): chỉ tiêu “\(indicator.name)” được tính tự động, không nhập."); continue }
            guard reading.rows[code] == nil else { reading.problems.append("Dòng \(row): chỉ tiêu “\(indicator.name)” đã có ở dòng \(reading.rows[code]!)."); continue }
            reading.rows[code] = row
            // A number stored as a number is written with a point; a number typed as text in Vietnamese.
            let cell = sheet[row]?[valueColumn]
            let typed = cell.map { $0.isNumber ? Double($0.text).map(ReportEntryAPIController.text) ?? $0.text : $0.text } ?? ""
            if case .failure(let problem) = indicator.valueType.parse(typed) {
                reading.problems.append("Dòng \(row), cột \(column(valueColumn)) (\(indicator.name)): \(problem.message)")
            }
            reading.cells[code] = typed
            reading.comments[code] = text(row, commentColumn)
        }
        if reading.rows.isEmpty && reading.problems.isEmpty { reading.problems.append("Tệp không có dòng chỉ tiêu nào (từ dòng \(headingRows + 1)).") }
        return reading
    }
}
