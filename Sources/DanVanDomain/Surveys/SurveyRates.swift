/// The rates of a survey's answers (tỷ lệ hài lòng) as a report shows them: to two
/// decimals, and adding up to exactly 100,00%. Each rate is rounded down to a hundredth
/// of a percent, and the hundredths still missing go, one each, to the answers whose
/// rounding dropped the most (largest remainder); among equal remainders, to the answer
/// listed first. Computed in integers: no rate depends on floating point.
public enum SurveyRates {
    /// The whole, in hundredths of a percent (100,00%).
    public static let whole = 10_000

    /// Each count's share of the total in hundredths of a percent (`9198` is 91,98%); they
    /// add up to ``whole``, or are all 0 when there is no answer. Negative counts count as 0.
    public static func hundredths(_ counts: [Int]) -> [Int] {
        let counts = counts.map { max($0, 0) }
        let total = counts.reduce(0, +)
        guard total > 0 else { return counts.map { _ in 0 } }
        var shares = counts.map { $0 * whole / total }
        let remainders = counts.map { $0 * whole % total }
        let missing = whole - shares.reduce(0, +)
        // Largest remainder first; the earlier answer first among equals.
        let order = remainders.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in order.prefix(missing) { shares[index] += 1 }
        return shares
    }

    /// A share in hundredths of a percent as Vietnamese writes it: `9198` → `"91,98%"`, `790` → `"7,90%"`.
    public static func text(hundredths: Int) -> String {
        DecimalDigits(negative: hundredths < 0, scaled: hundredths.magnitude, fractionDigits: 2).formatted() + "%"
    }
}
