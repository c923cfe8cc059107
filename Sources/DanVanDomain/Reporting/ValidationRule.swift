/// Indicators added and subtracted: `resolved`, `men + women`, `received - resolved`.
public struct IndicatorExpression: Hashable, Sendable, CustomStringConvertible {
    public struct Term: Hashable, Sendable {
        public let code: String
        public let subtracted: Bool

        public init(_ code: String, subtracted: Bool = false) {
            self.code = code
            self.subtracted = subtracted
        }
    }

    /// At least one; the first is never subtracted.
    public let terms: [Term]

    /// `nil` for no terms, or a first term subtracted.
    public init?(_ terms: [Term]) {
        guard let first = terms.first, !first.subtracted else { return nil }
        self.terms = terms
    }

    /// The codes in the expression, in order.
    public var codes: [String] { terms.map(\.code) }

    /// The expression's value; `nil` when a value is missing.
    public func value(_ values: IndicatorValues) -> Double? {
        var total = 0.0
        for term in terms {
            guard let value = values[term.code] else { return nil }
            total += term.subtracted ? -value : value
        }
        return total
    }

    /// `"men + women"`, the text ``ValidationRule/init(_:)`` reads.
    public var description: String {
        text { $0 }
    }

    /// The expression in words, the indicators by name: "Số nam + số nữ". The first name
    /// keeps its capital when `capitalised`; the others start in lower case, unless they
    /// start with an abbreviation ("BHYT", "UBND"). A code without a name stands as itself.
    public func words(_ names: [String: String], capitalised: Bool) -> String {
        var first = capitalised
        return text { code in
            defer { first = false }
            let name = names[code] ?? code
            return first ? name : Self.lowercasingFirstLetter(name)
        }
    }

    private func text(_ name: (String) -> String) -> String {
        terms.enumerated().map { index, term in
            (index == 0 ? "" : term.subtracted ? " - " : " + ") + name(term.code)
        }.joined()
    }

    private static func lowercasingFirstLetter(_ name: String) -> String {
        let firstWord = name.prefix { $0 != " " }
        guard let first = name.first, !(firstWord.count > 1 && firstWord == firstWord.uppercased()) else { return name }
        return first.lowercased() + name.dropFirst()
    }
}

/// How the two sides of a rule must compare.
public enum RuleOperator: String, Hashable, Sendable, CaseIterable {
    case lessOrEqual = "<="
    case less = "<"
    case equal = "=="
    case notEqual = "!="
    case greaterOrEqual = ">="
    case greater = ">"

    /// Whether `left` and `right` compare this way. Values closer than a billionth of the
    /// larger one count as equal, so decimals that add up on paper add up here
    /// (0,1 + 0,2 == 0,3).
    public func holds(_ left: Double, _ right: Double) -> Bool {
        let order = Self.order(left, right)
        switch self {
        case .lessOrEqual: return order <= 0
        case .less: return order < 0
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .greaterOrEqual: return order >= 0
        case .greater: return order > 0
        }
    }

    /// -1, 0 or 1.
    static func order(_ left: Double, _ right: Double) -> Int {
        if abs(left - right) <= 1e-9 * max(1, abs(left), abs(right)) { return 0 }
        return left < right ? -1 : 1
    }
}

/// A rule between indicators of a form (quy tắc kiểm tra): `resolved <= received`,
/// `men + women == total`, as data, checked on the values of one unit and period.
///
/// A rule with a value missing on either side is skipped: it neither holds nor breaks
/// (a form half filled is not wrong yet; required fields are checked on their own).
public struct ValidationRule: Hashable, Sendable, CustomStringConvertible {
    public let left: IndicatorExpression
    public let comparison: RuleOperator
    public let right: IndicatorExpression

    public init(_ left: IndicatorExpression, _ comparison: RuleOperator, _ right: IndicatorExpression) {
        self.left = left
        self.comparison = comparison
        self.right = right
    }

    /// Reads `"resolved <= received"`, `"men + women == total"`, `"received - resolved >= pending"`:
    /// codes (an ASCII letter, then letters, digits, `_` and `.`) joined by `+` and `-` (or
    /// `−`), one comparison among `<=`, `<`, `==` (or `=`), `!=`, `>=`, `>`; spaces anywhere.
    /// `nil` for anything else, numbers included (`x >= 0`).
    public init?(_ text: String) {
        var sides: [[IndicatorExpression.Term]] = [[]]
        var comparison: RuleOperator?
        var subtracted = false
        var expectsCode = true
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.first {
            if scalar == " " {
                scalars.removeFirst()
            } else if scalar.isASCII && scalar.properties.isAlphabetic {
                guard expectsCode else { return nil }
                let code = String(String.UnicodeScalarView(scalars.prefix(while: Indicator.isCodeScalar)))
                scalars.removeFirst(code.unicodeScalars.count)
                sides[sides.count - 1].append(.init(code, subtracted: subtracted))
                expectsCode = false
            } else if scalar == "+" || scalar == "-" || scalar == "\u{2212}" {
                guard !expectsCode else { return nil }
                subtracted = scalar != "+"
                scalars.removeFirst()
                expectsCode = true
            } else if let found = Self.comparison(at: scalars) {
                guard !expectsCode, comparison == nil else { return nil }
                comparison = found.operator
                scalars.removeFirst(found.length)
                sides.append([])
                (subtracted, expectsCode) = (false, true)
            } else {
                return nil
            }
        }
        guard !expectsCode, let comparison, sides.count == 2,
              let left = IndicatorExpression(sides[0]), let right = IndicatorExpression(sides[1]) else { return nil }
        self.init(left, comparison, right)
    }

    /// `"men + women == total"`: the text ``init(_:)`` reads back.
    public var description: String {
        "\(left) \(comparison.rawValue) \(right)"
    }

    /// Every indicator the rule names: where its message belongs.
    public var codes: [String] {
        left.codes + right.codes
    }

    /// What is wrong when the values break the rule; `nil` when it holds or is skipped for a
    /// missing value.
    public func violation(_ values: IndicatorValues, names: [String: String]) -> RuleViolation? {
        guard let l = left.value(values), let r = right.value(values), !comparison.holds(l, r) else { return nil }
        return RuleViolation(rule: self, left: l, right: r, names: names)
    }

    /// The violations of `rules`, in their order.
    public static func violations(_ rules: [ValidationRule], _ values: IndicatorValues, names: [String: String]) -> [RuleViolation] {
        rules.compactMap { $0.violation(values, names: names) }
    }

    private static func comparison(at scalars: ArraySlice<Unicode.Scalar>) -> (operator: RuleOperator, length: Int)? {
        let two = String(String.UnicodeScalarView(scalars.prefix(2)))
        if let found = RuleOperator(rawValue: two) { return (found, 2) }
        switch scalars.first {
        case "<": return (.less, 1)
        case ">": return (.greater, 1)
        case "=": return (.equal, 1)
        default: return nil
        }
    }
}

/// A rule broken by the values of one unit and period, with its message in Vietnamese:
/// "Số đã giải quyết (12) lớn hơn số đã nhận (10)".
public struct RuleViolation: Hashable, Sendable {
    public let rule: ValidationRule
    public let left: Double
    public let right: Double
    /// The two sides by name, their values, and how they actually compare.
    public let message: String

    init(rule: ValidationRule, left: Double, right: Double, names: [String: String]) {
        self.rule = rule
        self.left = left
        self.right = right
        let relation = ["nhỏ hơn", "bằng", "lớn hơn"][RuleOperator.order(left, right) + 1]
        message = "\(rule.left.words(names, capitalised: true)) (\(VietnameseFormat.figure(left))) \(relation) "
            + "\(rule.right.words(names, capitalised: false)) (\(VietnameseFormat.figure(right)))"
    }
}
