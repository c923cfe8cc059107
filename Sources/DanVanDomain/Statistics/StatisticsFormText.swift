import Foundation

/// The text of a statistics form, as an administrator types it and as the
/// default forms ship:
///
///     mã: 01/XLD
///     tên: Tổng hợp kết quả xử lý đơn
///     căn cứ: Thông tư 01/2024/TT-TTCP
///     hiệu lực từ: 2024-01-01
///     thay thế: 01/TCD, 02/TCD
///     (1) | Tổng số đơn phải xử lý | đơn: to_process | = 2 + 3 | = 4 + 5
///     (2) | Kỳ trước chuyển sang | đơn: carried_over
///     (21) | Đôn đốc giải quyết | không ghi nhận
///     (18) | Không thuộc thẩm quyền | = 19 + 20 + 21
///
/// A column line is its number, its label, its definition — what it counts
/// (`đơn`, `lượt`, `người`, `kỳ`, then figures joined by `&`), a sum (`= 2 + 3`)
/// or `không ghi nhận` — and any relations the form states. A label's parts
/// between colons are the headings printed above the column, outermost first
/// (`Tiếp thường xuyên: đoàn đông người: số đoàn`), and neighbouring columns
/// that share a heading are grouped under it. Lines starting with `#` are comments. ``parse(_:figures:)`` checks everything and names
/// every bad line; ``format(_:)`` writes a form back.
public enum StatisticsFormText {
    static let headerKeys = ["ma": "code", "ten": "title", "can cu": "source", "hieu luc tu": "valid_from", "thay the": "replaces"]
    static let recordWords: [String: FormRecords] = [
        "don": .letters, "letters": .letters, "luot": .visits, "visits": .visits, "nguoi": .people, "people": .people,
        "ky": .sessions, "sessions": .sessions,
    ]
    static let notRecordedWords: Set<String> = ["khong ghi nhan", "-", "—", "not recorded"]

    /// Reads a form. `figures` names, for each kind of record, the figures a
    /// column may use; a name outside them is a problem of its line. A letter
    /// column needs one figure outside `periodless` (figures that say what a
    /// letter is, not what happened to it in the period).
    public static func parse(_ text: String, figures: [FormRecords: Set<String>], periodless: Set<String> = []) -> Result<StatisticsForm, FormTextProblems> {
        var problems: [FormTextProblem] = []
        var header: [String: String] = [:]
        var columns: [FormColumn] = []
        var lineOfColumn: [Int: Int] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if !trimmed.contains("|"), let colon = trimmed.firstIndex(of: ":") {
                let key = VietnameseText.folded(String(trimmed[..<colon]))
                guard let field = headerKeys[key] else { problems.append(.init(line: line, kind: .unknownHeader, detail: String(trimmed[..<colon]))); continue }
                header[field] = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                continue
            }
            switch column(trimmed, line: line, figures: figures, periodless: periodless) {
            case .success(let column):
                if lineOfColumn[column.number] != nil {
                    problems.append(.init(line: line, kind: .duplicateColumn, detail: String(column.number)))
                } else {
                    lineOfColumn[column.number] = line
                    columns.append(column)
                }
            case .failure(let problem): problems.append(problem)
            }
        }
        for (key, field) in [("mã", "code"), ("tên", "title"), ("căn cứ", "source"), ("hiệu lực từ", "valid_from")] where (header[field] ?? "").isEmpty {
            problems.append(.init(line: 0, kind: .missingHeader, detail: key))
        }
        let validFrom = header["valid_from"].flatMap { CivilDate(iso: $0) }
        if let value = header["valid_from"], !value.isEmpty, validFrom == nil { problems.append(.init(line: 0, kind: .badDate, detail: value)) }
        if columns.isEmpty { problems.append(.init(line: 0, kind: .noColumns, detail: "")) }
        problems += referenceProblems(columns, lines: lineOfColumn)
        guard problems.isEmpty, let validFrom else {
            let inLineOrder = problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
            return .failure(FormTextProblems(problems: inLineOrder))
        }
        let replaces = (header["replaces"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return .success(StatisticsForm(code: header["code"]!, title: header["title"]!, source: header["source"]!, validFrom: validFrom,
                                       replaces: replaces, columns: columns.sorted { $0.number < $1.number }))
    }

    /// The text that ``parse(_:figures:)`` reads back into the same form.
    public static func format(_ form: StatisticsForm) -> String {
        var lines = ["mã: \(form.code)", "tên: \(form.title)", "căn cứ: \(form.source)", "hiệu lực từ: \(form.validFrom.iso)"]
        if !form.replaces.isEmpty { lines.append("thay thế: " + form.replaces.joined(separator: ", ")) }
        for column in form.columns {
            var fields = ["(\(column.number))", column.label]
            switch column.definition {
            case .count(let records, let names):
                let word = ["letters": "đơn", "visits": "lượt", "people": "người", "sessions": "kỳ"][records.rawValue]!
                fields.append(names.isEmpty ? word + ":" : word + ": " + names.joined(separator: " & "))
            case .sum(let parts): fields.append(sum(parts))
            case .notRecorded: fields.append("không ghi nhận")
            }
            fields += column.relations.map(sum)
            lines.append(fields.joined(separator: " | "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "= 2 + 3".
    public static func sum(_ parts: [Int]) -> String { "= " + parts.map(String.init).joined(separator: " + ") }

    static func column(_ line: String, line number: Int, figures: [FormRecords: Set<String>], periodless: Set<String>) -> Result<FormColumn, FormTextProblem> {
        let fields = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.count >= 3 else { return .failure(.init(line: number, kind: .badLine, detail: line)) }
        let numberText = fields[0].trimmingCharacters(in: CharacterSet(charactersIn: "()"))
        guard let columnNumber = Int(numberText), columnNumber > 0, columnNumber < 1000 else {
            return .failure(.init(line: number, kind: .badColumnNumber, detail: fields[0]))
        }
        guard !fields[1].isEmpty else { return .failure(.init(line: number, kind: .emptyLabel, detail: fields[0])) }
        let definition: FormColumnDefinition
        switch self.definition(fields[2], line: number, figures: figures, periodless: periodless) {
        case .success(let parsed): definition = parsed
        case .failure(let problem): return .failure(problem)
        }
        var relations: [[Int]] = []
        for field in fields.dropFirst(3) where !field.isEmpty {
            guard let parts = sumParts(field) else { return .failure(.init(line: number, kind: .badRelation, detail: field)) }
            relations.append(parts)
        }
        return .success(FormColumn(number: columnNumber, label: fields[1], definition: definition, relations: relations))
    }

    static func definition(_ text: String, line: Int, figures: [FormRecords: Set<String>], periodless: Set<String>) -> Result<FormColumnDefinition, FormTextProblem> {
        if notRecordedWords.contains(VietnameseText.folded(text)) { return .success(.notRecorded) }
        if text.hasPrefix("=") {
            guard let parts = sumParts(text) else { return .failure(.init(line: line, kind: .badRelation, detail: text)) }
            return .success(.sum(parts))
        }
        guard let colon = text.firstIndex(of: ":"), let records = recordWords[VietnameseText.folded(String(text[..<colon]))] else {
            return .failure(.init(line: line, kind: .unknownRecords, detail: text))
        }
        let names = text[text.index(after: colon)...].split(separator: "&").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let known = figures[records] ?? []
        if let unknown = names.first(where: { !known.contains($0) }) { return .failure(.init(line: line, kind: .unknownFigure, detail: unknown)) }
        if records == .letters && names.allSatisfy(periodless.contains) { return .failure(.init(line: line, kind: .lettersNeedFigure, detail: text)) }
        return .success(.count(records, names))
    }

    /// "= 2 + 3 + (4)" → [2, 3, 4].
    static func sumParts(_ text: String) -> [Int]? {
        guard text.hasPrefix("=") else { return nil }
        let parts = text.dropFirst().split(separator: "+").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " ()")) }
        let numbers = parts.compactMap { Int($0) }
        return numbers.count == parts.count && !numbers.isEmpty ? numbers : nil
    }

    /// Sums and relations must name columns of the form, and sums must not go round.
    static func referenceProblems(_ columns: [FormColumn], lines: [Int: Int]) -> [FormTextProblem] {
        var problems: [FormTextProblem] = []
        let byNumber = Dictionary(columns.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        for column in columns {
            var referenced = column.relations.flatMap { $0 }
            if case .sum(let parts) = column.definition { referenced += parts }
            if let missing = referenced.first(where: { byNumber[$0] == nil || $0 == column.number }) {
                problems.append(.init(line: lines[column.number] ?? 0, kind: .unknownColumn, detail: String(missing)))
            }
        }
        guard problems.isEmpty else { return problems }
        var state: [Int: Bool] = [:] // false: being visited, true: done
        func visit(_ number: Int) -> Bool {
            if let done = state[number] { return done }
            state[number] = false
            if case .sum(let parts)? = byNumber[number]?.definition {
                for part in parts where !visit(part) { return false }
            }
            state[number] = true
            return true
        }
        for column in columns where !visit(column.number) {
            problems.append(.init(line: lines[column.number] ?? 0, kind: .circularSum, detail: String(column.number)))
            break
        }
        return problems
    }
}

/// What is wrong with one line of a form's text (line 0: the form as a whole).
public struct FormTextProblem: Error, Sendable, Equatable {
    public enum Kind: String, Sendable {
        case missingHeader = "missing_header"
        case unknownHeader = "unknown_header"
        case badDate = "bad_date"
        case badLine = "bad_line"
        case badColumnNumber = "bad_column_number"
        case duplicateColumn = "duplicate_column"
        case emptyLabel = "empty_label"
        case unknownRecords = "unknown_records"
        case unknownFigure = "unknown_figure"
        case lettersNeedFigure = "letters_need_figure"
        case badRelation = "bad_relation"
        case unknownColumn = "unknown_column"
        case circularSum = "circular_sum"
        case noColumns = "no_columns"
        /// A form of the same code already takes effect on the same day.
        case duplicateForm = "duplicate_form"
    }

    public var line: Int
    public var kind: Kind
    /// The text at fault, for the message.
    public var detail: String

    public init(line: Int, kind: Kind, detail: String) {
        self.line = line
        self.kind = kind
        self.detail = detail
    }
}

/// Every problem of a form's text, in line order.
public struct FormTextProblems: Error, Sendable, Equatable {
    public var problems: [FormTextProblem]

    public init(problems: [FormTextProblem]) { self.problems = problems }
}
