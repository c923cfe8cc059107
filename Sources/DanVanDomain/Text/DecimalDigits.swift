/// A decimal number held as digits, so formatting never depends on platform locales
/// or on binary floating-point noise (0.285 × 100 rounds to 29, not 28).
struct DecimalDigits: Sendable {
    var negative: Bool
    /// Integer part, most significant first, no leading zeros (a single 0 for zero).
    var integer: [UInt8]
    /// Exactly the requested number of fraction digits.
    var fraction: [UInt8]

    /// `x × 10^shift`, rounded half away from zero to `fractionDigits`, computed on the
    /// shortest decimal representation of `x` (Swift's `description`). `nil` if not finite.
    init?(_ x: Double, shift: Int = 0, fractionDigits: Int) {
        guard x.isFinite else { return nil }
        let fd = max(0, fractionDigits)
        var digits: [UInt8] = []
        var pointPosition: Int?
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for byte in x.magnitude.description.utf8 {
            switch byte {
            case UInt8(ascii: "."): pointPosition = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-"): exponentSign = -1
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exponent = exponent * 10 + Int(byte - 0x30)
                } else {
                    digits.append(byte - 0x30)
                }
            default: return nil
            }
        }
        // value = 0.d1 d2 d3 … × 10^point
        let point = (pointPosition ?? digits.count) + exponentSign * exponent + shift
        let keep = point + fd
        var scaled: [UInt8]  // value × 10^fd, as an integer's digits
        if keep < 0 {
            scaled = [0]
        } else if keep >= digits.count {
            scaled = digits + [UInt8](repeating: 0, count: keep - digits.count)
        } else {
            scaled = Array(digits[0..<keep])
            if digits[keep] >= 5 { Self.increment(&scaled) }
        }
        self.init(negative: x < 0, scaledDigits: scaled, fractionDigits: fd)
    }

    /// `scaled / 10^fractionDigits` for an exact integer.
    init(negative: Bool, scaled: UInt, fractionDigits: Int) {
        self.init(negative: negative, scaledDigits: String(scaled).utf8.map { $0 - 0x30 },
                  fractionDigits: max(0, fractionDigits))
    }

    private init(negative: Bool, scaledDigits: [UInt8], fractionDigits fd: Int) {
        var all = scaledDigits
        if all.count < fd + 1 {
            all = [UInt8](repeating: 0, count: fd + 1 - all.count) + all
        }
        var integer = Array(all[0..<(all.count - fd)])
        let firstNonZero = integer.firstIndex { $0 != 0 } ?? (integer.count - 1)
        integer.removeFirst(firstNonZero)
        self.integer = integer
        self.fraction = Array(all[(all.count - fd)...])
        self.negative = negative && all.contains { $0 != 0 }
    }

    /// Vietnamese notation: `.` groups thousands, `,` separates the fraction.
    /// With `trimTrailingZeros`, "1,50" becomes "1,5" and "8,00" becomes "8".
    func formatted(trimTrailingZeros: Bool = false) -> String {
        var out = negative ? "-" : ""
        for (i, digit) in integer.enumerated() {
            if i > 0 && (integer.count - i) % 3 == 0 { out.append(".") }
            out.append(Character(Unicode.Scalar(digit + 0x30)))
        }
        var fraction = self.fraction
        if trimTrailingZeros {
            while fraction.last == 0 { fraction.removeLast() }
        }
        if !fraction.isEmpty {
            out.append(",")
            for digit in fraction { out.append(Character(Unicode.Scalar(digit + 0x30))) }
        }
        return out
    }

    private static func increment(_ digits: inout [UInt8]) {
        var i = digits.count - 1
        while i >= 0 {
            if digits[i] < 9 {
                digits[i] += 1
                return
            }
            digits[i] = 0
            i -= 1
        }
        digits.insert(1, at: 0)
    }
}
