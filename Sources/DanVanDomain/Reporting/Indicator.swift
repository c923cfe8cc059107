/// An indicator (chỉ tiêu): what a form asks for or computes, as the reporting rules see it.
public struct Indicator: Hashable, Sendable {
    /// Where its values come from.
    public enum Source: Hashable, Sendable {
        /// Typed into a form (nhập).
        case entered
        /// Counted from a module's records (letters, visits, models …), never stored as a copy.
        case records
        /// Computed from other indicators: a ratio.
        case indicators
    }

    /// `received`, `letters.resolved`: an ASCII letter, then letters, digits, `_` and `.`,
    /// so that rules can name it.
    public let code: String
    /// "Số đã giải quyết".
    public let name: String
    /// "người", "buổi", "đồng", "%".
    public let unit: String
    public let valueType: IndicatorValueType
    public let aggregation: IndicatorAggregation
    public let source: Source

    public init(code: String, name: String, unit: String, valueType: IndicatorValueType = .count, aggregation: IndicatorAggregation = .sum, source: Source = .entered) {
        self.code = code
        self.name = name
        self.unit = unit
        self.valueType = valueType
        self.aggregation = aggregation
        self.source = source
    }

    /// Whether `code` is written as a code: an ASCII letter, then letters, digits, `_`, `.`.
    public static func isCode(_ code: String) -> Bool {
        guard let first = code.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return code.unicodeScalars.allSatisfy(isCodeScalar)
    }

    static func isCodeScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == ".")
    }
}

/// The indicators a form or a whole system knows, checked to hold together.
public struct IndicatorCatalogue: Sendable {
    public let indicators: [Indicator]
    public let byCode: [String: Indicator]

    /// `nil` when two indicators share a code (``problems(_:rules:)`` says which).
    public init?(_ indicators: [Indicator]) {
        let byCode = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        guard byCode.count == indicators.count else { return nil }
        self.indicators = indicators
        self.byCode = byCode
    }

    /// The consolidation by these indicators' aggregations.
    public var consolidation: Consolidation {
        Consolidation(byCode.mapValues(\.aggregation))
    }

    /// Names by code, for the messages of rules.
    public var names: [String: String] {
        byCode.mapValues(\.name)
    }

    /// What is wrong with a set of indicators and the rules over them, in Vietnamese, in
    /// order; empty when they hold together: codes unique and written as codes, a ratio
    /// computed from two known indicators that are no ratios, with a factor above 0, and
    /// only ratios computed from indicators; rules naming known indicators.
    public static func problems(_ indicators: [Indicator], rules: [ValidationRule] = []) -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        let byCode = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        for indicator in indicators {
            let code = indicator.code
            if !Indicator.isCode(code) { problems.append("Mã chỉ tiêu “\(code)” phải bắt đầu bằng chữ cái không dấu, chỉ gồm chữ, số, “_” và “.”.") }
            if !seen.insert(code).inserted { problems.append("Mã chỉ tiêu “\(code)” bị trùng.") }
            switch indicator.aggregation {
            case .ratio(let numerator, let denominator, let factor):
                for part in [numerator, denominator] {
                    if let found = byCode[part] {
                        if case .ratio = found.aggregation { problems.append("Chỉ tiêu “\(code)” là tỷ lệ của một tỷ lệ (“\(part)”): hãy dùng tử số và mẫu số của nó.") }
                    } else {
                        problems.append("Chỉ tiêu “\(code)” dùng mã “\(part)” không có trong danh mục.")
                    }
                }
                if !(factor > 0) { problems.append("Hệ số của chỉ tiêu “\(code)” phải lớn hơn 0.") }
                if indicator.source != .indicators { problems.append("Chỉ tiêu tỷ lệ “\(code)” được tính từ các chỉ tiêu khác, không nhập.") }
            case .sum, .latest:
                if indicator.source == .indicators { problems.append("Chỉ tiêu “\(code)” không phải tỷ lệ nên không tính từ chỉ tiêu khác.") }
            }
        }
        for rule in rules {
            for code in rule.codes where byCode[code] == nil {
                problems.append("Quy tắc “\(rule)” dùng mã “\(code)” không có trong danh mục.")
            }
        }
        return problems
    }
}
