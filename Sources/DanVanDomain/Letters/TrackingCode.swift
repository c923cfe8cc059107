/// The code a citizen receives for an online submission (mã tra cứu), e.g. `"DV-7KQ4-M2XP"`.
///
/// Eight characters from a 31-character alphabet without the look-alikes 0, O, 1, I and L
/// (`23456789ABCDEFGHJKMNPQRSTUVWXYZ`): seven random ones and a check character, the
/// weighted sum `Σ (i + 1) · value(i)` of the seven modulo 31. Because 31 is prime, any
/// single mistyped character and any swap of two adjacent characters is detected.
/// About 2.75 × 10¹⁰ codes: not a secret by itself (the app must still rate-limit look-ups).
public enum TrackingCode {
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ".utf8)
    static let randomLength = 7
    static let prefix = "DV"

    /// A code from at least 8 random bytes (from a cryptographically secure generator);
    /// the first 8 are used, as one 64-bit number whose base-31 digits give the characters
    /// (negligible bias). Fewer than 8 bytes is a programming error.
    public static func make(randomBytes: [UInt8]) -> String {
        precondition(randomBytes.count >= 8, "TrackingCode.make needs 8 random bytes")
        var number = randomBytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var values: [Int] = []
        for _ in 0..<randomLength {
            values.append(Int(number % 31))
            number /= 31
        }
        return format(values + [checkValue(values)])
    }

    /// The canonical form `"DV-XXXX-XXXX"` of what a citizen typed: lower case, missing or
    /// extra dashes and spaces, and a missing `DV` prefix are accepted; `nil` when the input
    /// has other characters, the wrong length, or a wrong check character.
    public static func normalized(_ input: String) -> String? {
        var bytes: [UInt8] = []
        for byte in input.utf8 where byte != 0x2D && byte != 0x20 {  // '-' and ' '
            bytes.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)  // a–z → A–Z
        }
        if bytes.count == randomLength + 1 + prefix.utf8.count, bytes.starts(with: prefix.utf8) {
            bytes.removeFirst(prefix.utf8.count)
        }
        guard bytes.count == randomLength + 1 else { return nil }
        var values: [Int] = []
        for byte in bytes {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            values.append(value)
        }
        guard checkValue(Array(values.prefix(randomLength))) == values[randomLength] else { return nil }
        return format(values)
    }

    static func checkValue(_ values: [Int]) -> Int {
        values.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element } % 31
    }

    static func format(_ values: [Int]) -> String {
        let characters = values.map { Character(Unicode.Scalar(alphabet[$0])) }
        return prefix + "-" + String(characters[0..<4]) + "-" + String(characters[4..<8])
    }
}
