/// The kind of number an entered indicator holds (kiểu giá trị): how many decimals it may
/// have and whether it may be negative. The unit (người, buổi, đồng) is the indicator's.
public struct IndicatorValueType: Hashable, Sendable {
    /// 0 for whole numbers.
    public let fractionDigits: Int
    public let allowsNegative: Bool

    /// A count or an amount in đồng: whole, never negative (số lượng, số tiền).
    public static let count = IndicatorValueType(fractionDigits: 0, allowsNegative: false)
    /// A whole number that may be negative (a change from one period to the next).
    public static let integer = IndicatorValueType(fractionDigits: 0, allowsNegative: true)

    /// A number with at most `fractionDigits` decimals (0…6), never negative unless allowed.
    public static func decimal(_ fractionDigits: Int, allowsNegative: Bool = false) -> IndicatorValueType {
        IndicatorValueType(fractionDigits: fractionDigits, allowsNegative: allowsNegative)
    }

    /// The largest value a cell takes: 15 digits, exact as a `Double`.
    public static let largest = 999_999_999_999_999.0

    private init(fractionDigits: Int, allowsNegative: Bool) {
        self.fractionDigits = min(max(fractionDigits, 0), 6)
        self.allowsNegative = allowsNegative
    }

    /// Reads a grid cell as typed in Vietnamese: `1.635`, `1635`, `85,48`, ` 2.225 ` (dots
    /// group thousands, the comma marks decimals; spaces around are ignored, a leading `-`
    /// or `−` is a minus). An empty cell is no value (`nil`), which clears it. Trailing zeros
    /// after the comma do not count as decimals (`12,50` is `12,5`).
    public func parse(_ text: String) -> Result<Double?, NumberEntryProblem> {
        var typed = Substring(VietnameseText.normalized(text))
        guard !typed.isEmpty else { return .success(nil) }
        let negative = typed.first == "-" || typed.first == "\u{2212}"
        if negative { typed = typed.dropFirst() }
        guard let magnitude = VietnameseNumber.parse(String(typed)) else { return .failure(.notANumber) }
        if negative && magnitude != 0 && !allowsNegative { return .failure(.negative) }
        let decimals = typed.split(separator: ",").dropFirst().first.map { $0.reversed().drop { $0 == "0" }.count } ?? 0
        if decimals > fractionDigits { return .failure(fractionDigits == 0 ? .notWhole : .tooManyDecimals(allowed: fractionDigits)) }
        if magnitude > Self.largest { return .failure(.tooLarge) }
        return .success(negative && magnitude != 0 ? -magnitude : magnitude)
    }

    /// A value as the grid shows it: `"1.635"`, `"85,48"`.
    public func text(_ value: Double) -> String {
        VietnameseFormat.figure(value, fractionDigits: fractionDigits)
    }
}

/// Why a number typed into a cell was refused.
public enum NumberEntryProblem: Error, Hashable, Sendable {
    /// Letters, a decimal point where the comma goes, two commas …
    case notANumber
    /// A negative value where the indicator counts something.
    case negative
    /// Decimals where the indicator takes whole numbers.
    case notWhole
    case tooManyDecimals(allowed: Int)
    /// More than ``IndicatorValueType/largest``.
    case tooLarge

    /// Message for the user, in Vietnamese, shown beside the cell.
    public var message: String {
        switch self {
        case .notANumber: return "Chỉ nhập số, ví dụ 1.635 hoặc 85,48 (dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân)."
        case .negative: return "Không được nhập số âm."
        case .notWhole: return "Chỉ nhập số nguyên, không có phần thập phân."
        case .tooManyDecimals(let allowed): return "Chỉ được nhập tối đa \(allowed) chữ số thập phân."
        case .tooLarge: return "Số quá lớn (tối đa 15 chữ số)."
        }
    }
}
