extension VietnameseFormat {

    /// A figure as a report writes it, whole or not: `1635` → `"1.635"`, `85.48` → `"85,48"`,
    /// `12.5` → `"12,5"`; at most `fractionDigits` decimals (rounded half away from zero),
    /// without trailing zeros. Non-finite values give `"—"`.
    public static func figure(_ x: Double, fractionDigits: Int = 2) -> String {
        DecimalDigits(x, fractionDigits: fractionDigits)?.formatted(trimTrailingZeros: true) ?? "—"
    }
}
