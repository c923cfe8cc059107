/// Vietnamese number notation (cách viết số): `.` groups thousands, `,` marks decimals.
///
/// Hand-rolled on purpose: `NumberFormatter` and locales differ between macOS and Linux.
public enum VietnameseFormat {

    /// `1635` → `"1.635"`, `-12345678` → `"-12.345.678"`.
    public static func integer(_ n: Int) -> String {
        DecimalDigits(negative: n < 0, scaled: n.magnitude, fractionDigits: 0).formatted()
    }

    /// A file's size in whole kilobytes, at least 1: "1.250 KB".
    public static func kilobytes(_ bytes: Int) -> String {
        integer(max(1, bytes / 1024)) + " KB"
    }

    /// `85.48` with 2 digits → `"85,48"`; rounds half away from zero, keeps trailing zeros
    /// (`85.5` → `"85,50"`). Non-finite values give `"—"`.
    public static func decimal(_ x: Double, fractionDigits: Int) -> String {
        DecimalDigits(x, fractionDigits: fractionDigits)?.formatted() ?? "—"
    }

    /// A ratio as a percentage (tỷ lệ phần trăm): `0.8548` → `"85,48%"`.
    public static func percent(_ ratio: Double, fractionDigits: Int = 2) -> String {
        guard let digits = DecimalDigits(ratio, shift: 2, fractionDigits: fractionDigits) else { return "—" }
        return digits.formatted() + "%"
    }

    /// `numerator / denominator` as a percentage computed exactly in integers;
    /// `nil` when the denominator is 0. `percent(numerator: 1398, denominator: 1635)` → `"85,50%"`.
    public static func percent(numerator: Int, denominator: Int, fractionDigits: Int = 2) -> String? {
        guard denominator != 0 else { return nil }
        let fd = max(0, fractionDigits)
        let negative = (numerator < 0) != (denominator < 0)
        let d = denominator.magnitude
        var scale: UInt = 100
        var overflow = false
        for _ in 0..<fd where !overflow {
            (scale, overflow) = scale.multipliedReportingOverflow(by: 10)
        }
        let (product, productOverflow) = numerator.magnitude.multipliedReportingOverflow(by: scale)
        guard !overflow, !productOverflow else {
            return percent(Double(numerator) / Double(denominator), fractionDigits: fd)
        }
        var quotient = product / d
        if (product % d) >= d - product % d { quotient += 1 }  // remainder ≥ d/2: round half up
        let digits = DecimalDigits(negative: negative, scaled: quotient, fractionDigits: fd)
        return digits.formatted() + "%"
    }

    /// An amount in đồng, scaled the way reports write it:
    /// `8_200_000_000` → `"8,2 tỷ đồng"`, `350_000_000` → `"350 triệu đồng"`,
    /// `1_500_000` → `"1,5 triệu đồng"`, `950_000` → `"950.000 đồng"`.
    /// Millions (triệu) and billions (tỷ) keep at most 2 fraction digits, without trailing zeros.
    public static func money(_ dong: Int64) -> String {
        let sign = dong < 0 ? "-" : ""
        let m = dong.magnitude
        guard m >= 1_000_000 else {
            return sign + DecimalDigits(negative: false, scaled: UInt(m), fractionDigits: 0).formatted() + " đồng"
        }
        var (unit, name): (UInt64, String) = m >= 1_000_000_000 ? (1_000_000_000, "tỷ") : (1_000_000, "triệu")
        var (whole, hundredths) = scaledToHundredths(m, unit: unit)
        if unit == 1_000_000 && whole >= 1000 {  // 999.999.999 rounds to 1.000 triệu → 1 tỷ
            (unit, name) = (1_000_000_000, "tỷ")
            (whole, hundredths) = scaledToHundredths(m, unit: unit)
        }
        let digits = DecimalDigits(negative: false, scaled: UInt(whole * 100 + hundredths), fractionDigits: 2)
        return sign + digits.formatted(trimTrailingZeros: true) + " " + name + " đồng"
    }

    /// `m / unit` as whole units and rounded hundredths (half up), without overflow.
    private static func scaledToHundredths(_ m: UInt64, unit: UInt64) -> (UInt64, UInt64) {
        var whole = m / unit
        var hundredths = ((m % unit) * 100 + unit / 2) / unit
        if hundredths == 100 {
            whole += 1
            hundredths = 0
        }
        return (whole, hundredths)
    }
}
