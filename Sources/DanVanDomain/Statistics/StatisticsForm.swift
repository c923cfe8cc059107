import Foundation

/// Biểu mẫu thống kê: one statistics form of the Thanh tra (FORMS.md), as data.
///
/// A form is a list of numbered columns. A column counts records that meet a
/// conjunction of named figures, or is the sum of other columns, or is a
/// column DanVan does not record (money recovered, people disciplined …),
/// left blank. A column may also state relations the form prints ("(1) = (2)
/// + (3) = (4) + (5)"); the figures are checked against them. A form takes
/// effect on a date and may replace other forms from that date, so the 2025
/// set can be entered when its appendix is at hand.
public struct StatisticsForm: Sendable, Equatable {
    /// "01/XLD".
    public var code: String
    public var title: String
    /// "Thông tư 01/2024/TT-TTCP".
    public var source: String
    public var validFrom: CivilDate
    /// Codes of forms this one replaces from ``validFrom`` (the same code is always replaced).
    public var replaces: [String]
    public var columns: [FormColumn]

    public init(code: String, title: String, source: String, validFrom: CivilDate, replaces: [String] = [], columns: [FormColumn]) {
        self.code = code
        self.title = title
        self.source = source
        self.validFrom = validFrom
        self.replaces = replaces
        self.columns = columns
    }

    public func column(_ number: Int) -> FormColumn? { columns.first { $0.number == number } }

    /// Every column's value from the counts of the counted columns: sums add
    /// their parts, columns not recorded stay nil (and count as 0 in a sum).
    public func values(counts: [Int: Int]) -> [Int: Int?] {
        var values: [Int: Int?] = [:]
        func value(_ number: Int) -> Int? {
            if let known = values[number] { return known }
            let result: Int?
            switch column(number)?.definition {
            case .count: result = counts[number] ?? 0
            case .sum(let parts): result = parts.reduce(0) { $0 + (value($1) ?? 0) }
            case .notRecorded, nil: result = nil
            }
            values[number] = result
            return result
        }
        for column in columns { _ = value(column.number) }
        return values
    }

    /// The stated relations the values break: (column, its parts, the two totals).
    public func brokenRelations(_ values: [Int: Int?]) -> [FormRelationBreak] {
        columns.flatMap { column in
            column.relations.compactMap { parts -> FormRelationBreak? in
                let total = (values[column.number] ?? nil) ?? 0
                let sum = parts.reduce(0) { $0 + ((values[$1] ?? nil) ?? 0) }
                return total == sum ? nil : FormRelationBreak(column: column.number, parts: parts, value: total, sum: sum)
            }
        }
    }
}

/// One numbered column of a form.
public struct FormColumn: Sendable, Equatable {
    public var number: Int
    public var label: String
    public var definition: FormColumnDefinition
    /// Relations the form states: each list of columns sums to this column.
    public var relations: [[Int]]

    public init(number: Int, label: String, definition: FormColumnDefinition, relations: [[Int]] = []) {
        self.number = number
        self.label = label
        self.definition = definition
        self.relations = relations
    }

    /// The headings printed above the column, outermost first, then its own
    /// name: the label's parts between colons, each begun with a capital
    /// ("Tiếp thường xuyên: đoàn đông người: số đoàn" → "Tiếp thường xuyên",
    /// "Đoàn đông người", "Số đoàn"). Neighbouring columns that share a heading
    /// are printed under it.
    public var headings: [String] {
        let parts = label.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return parts.isEmpty ? [label] : parts.map { $0.prefix(1).uppercased() + $0.dropFirst() }
    }
}

public enum FormColumnDefinition: Sendable, Equatable {
    /// Records of a kind that meet every named figure (none: every record of the period).
    case count(FormRecords, [String])
    /// The sum of other columns.
    case sum([Int])
    /// Not recorded by DanVan: the cell is left blank.
    case notRecorded
}

/// What a counted column counts.
public enum FormRecords: String, Sendable, CaseIterable {
    /// Đơn: letters, with the letter figures.
    case letters
    /// Lượt tiếp: visits, with the reception figures.
    case visits
    /// Người được tiếp: the people of those visits.
    case people
    /// Kỳ tiếp: reception sessions, with the figures about who received.
    case sessions
}

/// A stated relation that the values do not meet.
public struct FormRelationBreak: Sendable, Equatable {
    public var column: Int
    public var parts: [Int]
    public var value: Int
    public var sum: Int
}
