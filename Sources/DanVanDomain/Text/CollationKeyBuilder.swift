/// Primary weight ranges of ``VietnameseCollationKey``; `0` is the level separator.
enum CollationWeight {
    static let space: UInt32 = 1
    /// Punctuation and symbols: base + scalar value (≤ 0x10FFFF).
    static let symbolBase: UInt32 = 0x10
    /// Number marker: base + count of significant digits; then one weight per digit.
    static let numberBase: UInt32 = 0x20_0000
    static let digitBase: UInt32 = 0x21_0000
    /// Vietnamese/Latin letters: base + position in ``alphabet``.
    static let letterBase: UInt32 = 0x30_0000
    /// Other letters (other scripts, other Latin letters): base + lowercase scalar value.
    static let otherLetterBase: UInt32 = 0x40_0000

    /// a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z
    static let alphabet: [Character] = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
        "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
    ]

    /// Position in ``alphabet`` of each plain ASCII letter a…z.
    static let asciiLetterPosition: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 26)
        var position: UInt32 = 0
        for letter in alphabet {
            if let ascii = letter.asciiValue {
                table[Int(ascii - 0x61)] = position
            }
            position += 1
        }
        return table
    }()

    // Positions in ``alphabet`` of the letters a vowel modifier can produce or apply to.
    static let a: UInt32 = 0, aBreve: UInt32 = 1, aCircumflex: UInt32 = 2, dStroke: UInt32 = 6
    static let e: UInt32 = 7, eCircumflex: UInt32 = 8
    static let o: UInt32 = 18, oCircumflex: UInt32 = 19, oHorn: UInt32 = 20
    static let u: UInt32 = 26, uHorn: UInt32 = 27
}

/// Accumulates the three levels of a ``VietnameseCollationKey``.
struct CollationKeyBuilder {
    private var primary: [UInt32] = []
    private var secondary: [UInt32] = []
    private var tertiary: [UInt32] = []
    /// Index in `secondary` of the last letter of the current syllable, and its tone.
    private var syllableEnd: Int?
    private var syllableTone: UInt32 = 0

    var isEmpty: Bool { primary.isEmpty }

    /// Appends a non-letter element; ends the current syllable.
    mutating func append(primary weight: UInt32, tertiary t: UInt32 = 0) {
        closeSyllable()
        primary.append(weight)
        secondary.append(0)
        tertiary.append(t)
    }

    /// Appends a run of ASCII digits compared by numeric value.
    mutating func appendNumber(_ digits: [UInt8]) {
        var significant = digits.drop { $0 == 0 }
        if significant.isEmpty { significant = [0] }
        let leadingZeros = UInt32(digits.count - significant.count)
        let length = UInt32(min(significant.count, 0xFFFF))
        append(primary: CollationWeight.numberBase + length, tertiary: leadingZeros)
        for digit in significant {
            append(primary: CollationWeight.digitBase + UInt32(digit))
        }
    }

    /// Appends a base character with its vowel modifier (breve, circumflex, horn) and tone.
    mutating func appendBase(_ scalar: Unicode.Scalar, modifier: UInt32, tone: UInt32) {
        let v = scalar.value
        var upper: UInt32 = 0
        var position: UInt32?
        switch v {
        case 0x41...0x5A:
            upper = 1
            position = CollationWeight.asciiLetterPosition[Int(v - 0x41)]
        case 0x61...0x7A:
            position = CollationWeight.asciiLetterPosition[Int(v - 0x61)]
        case 0x0110, 0x00D0:  // Đ, look-alike Ð
            upper = 1
            position = CollationWeight.dStroke
        case 0x0111, 0x00F0:  // đ, look-alike ð
            position = CollationWeight.dStroke
        default:
            position = nil
        }
        if let base = position {
            let letter = Self.applying(modifier, to: base)
            primary.append(CollationWeight.letterBase + letter)
            secondary.append(0)
            tertiary.append(upper)
            syllableEnd = secondary.count - 1
            if syllableTone == 0 { syllableTone = tone }
            return
        }
        if scalar.properties.isAlphabetic {
            let lower = scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
            let isUpper: UInt32 = scalar.properties.changesWhenLowercased ? 1 : 0
            append(primary: CollationWeight.otherLetterBase + lower.value, tertiary: isUpper)
        } else {
            append(primary: CollationWeight.symbolBase + v)
        }
    }

    func key() -> VietnameseCollationKey {
        var copy = self
        copy.closeSyllable()
        return VietnameseCollationKey(weights: copy.primary + [0] + copy.secondary + copy.tertiary)
    }

    private mutating func closeSyllable() {
        if let end = syllableEnd {
            secondary[end] = syllableTone
        }
        syllableEnd = nil
        syllableTone = 0
    }

    private static func applying(_ modifier: UInt32, to position: UInt32) -> UInt32 {
        typealias W = CollationWeight
        switch (modifier, position) {
        case (0x0306, W.a): return W.aBreve
        case (0x0302, W.a): return W.aCircumflex
        case (0x0302, W.e): return W.eCircumflex
        case (0x0302, W.o): return W.oCircumflex
        case (0x031B, W.o): return W.oHorn
        case (0x031B, W.u): return W.uHorn
        default: return position
        }
    }
}
