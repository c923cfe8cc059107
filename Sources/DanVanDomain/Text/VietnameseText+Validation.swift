extension VietnameseText {

    /// Message shown when pasted text is still in the legacy TCVN3 (ABC) encoding.
    public static let tcvn3Message =
        "Văn bản có vẻ dùng bảng mã TCVN3 (ABC) cũ; hãy chuyển sang Unicode trước khi nhập."

    /// Message shown when text contains control characters.
    public static let controlCharacterMessage =
        "Văn bản chứa ký tự điều khiển không hợp lệ; hãy xóa chúng rồi nhập lại."

    /// Heuristic: does this look like legacy TCVN3 (bảng mã ABC / .VnTime) text read as Latin-1,
    /// e.g. `"D©n vËn"` (Dân vận) or `"Tr­êng"` (Trường)?
    ///
    /// Returns `false` as soon as the text contains a letter that only exists in Unicode
    /// Vietnamese (ă đ ĩ ũ ơ ư, U+1EA0–U+1EF9) or a combining diacritic (NFD Vietnamese).
    /// Otherwise it counts TCVN3 code points that sit next to a letter:
    /// - strong: Latin-1 symbols TCVN3 uses for letters (`¡`–`®`, `µ`–`¹`, `¼`–`¾`), one suffices;
    /// - weak: Latin-1 letters Vietnamese never uses (`Ë`, `ä`, `ö`…), `«`/`»`, or an accented
    ///   capital right after a lowercase letter (`nhiÒu`); two are needed, so a single
    ///   foreign name such as "Müller" is not rejected.
    public static func looksLikeTCVN3(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        var strong = 0
        var weak = 0
        for (i, scalar) in scalars.enumerated() {
            let v = scalar.value
            if isUnicodeOnlyVietnamese(v) { return false }
            guard v >= 0xA1 && v <= 0xFF else { continue }
            let previous = i > 0 ? scalars[i - 1].value : nil
            let next = i + 1 < scalars.count ? scalars[i + 1].value : nil
            let touchesLetter = isLetterLike(previous) || isLetterLike(next)
            guard touchesLetter else { continue }
            if isStrongTCVN3(v) {
                strong += 1
            } else if v == 0xAB || v == 0xBB || isForeignLatin1Letter(v) {
                weak += 1
            } else if isVietnameseLatin1Capital(v), let p = previous, isLowercaseLike(p) {
                weak += 1
            }
        }
        return strong >= 1 || weak >= 2
    }

    /// Reason why free text cannot be accepted as is, in Vietnamese, or `nil` when it is fine.
    ///
    /// Rejects control characters (tab, line feed and carriage return are allowed) and text
    /// that ``looksLikeTCVN3(_:)``.
    public static func validationProblem(_ s: String) -> String? {
        for scalar in s.unicodeScalars where scalar.properties.generalCategory == .control {
            switch scalar {
            case "\t", "\n", "\r": continue
            default: return controlCharacterMessage
            }
        }
        if looksLikeTCVN3(s) { return tcvn3Message }
        return nil
    }

    // MARK: - Character classes

    /// Letters that exist in Unicode Vietnamese but not in Latin-1, and combining marks.
    static func isUnicodeOnlyVietnamese(_ v: UInt32) -> Bool {
        switch v {
        case 0x0102, 0x0103, 0x0110, 0x0111, 0x0128, 0x0129, 0x0168, 0x0169,
             0x01A0, 0x01A1, 0x01AF, 0x01B0, 0x1EA0...0x1EF9, 0x0300...0x036F:
            return true
        default:
            return false
        }
    }

    /// Latin-1 symbols that TCVN3 uses for letters and that never occur inside real words:
    /// ¡¢£¤¥¦§ (Ă Â Ê Ô Ơ Ư Đ), ¨©ª¬­® (ă â ê ơ ư đ), µ¶·¸¹ (à ả ã á ạ), ¼½¾ (ẳ ẵ ắ).
    private static func isStrongTCVN3(_ v: UInt32) -> Bool {
        switch v {
        case 0xA1...0xAA, 0xAC...0xAE, 0xB5...0xB9, 0xBC...0xBE: return true
        default: return false
        }
    }

    /// Latin-1 letters (and × ÷) in TCVN3's range that are not Vietnamese letters.
    private static func isForeignLatin1Letter(_ v: UInt32) -> Bool {
        guard v >= 0xC0 && v <= 0xFF else { return false }
        return !isVietnameseLatin1Letter(v)
    }

    /// à á â ã è é ê ì í ò ó ô õ ù ú ý and their capitals: valid in Unicode Vietnamese.
    private static func isVietnameseLatin1Letter(_ v: UInt32) -> Bool {
        let lower = v >= 0xE0 ? v : v + 0x20
        switch lower {
        case 0xE0...0xE3, 0xE8...0xEA, 0xEC, 0xED, 0xF2...0xF5, 0xF9, 0xFA, 0xFD: return true
        default: return false
        }
    }

    private static func isVietnameseLatin1Capital(_ v: UInt32) -> Bool {
        v >= 0xC0 && v <= 0xDD && isVietnameseLatin1Letter(v)
    }

    private static func isLetterLike(_ v: UInt32?) -> Bool {
        guard let v else { return false }
        return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || (v >= 0xC0 && v <= 0xFF)
            || isStrongTCVN3(v)
    }

    private static func isLowercaseLike(_ v: UInt32) -> Bool {
        (v >= 0x61 && v <= 0x7A) || (v >= 0xDF && v <= 0xFF) || isStrongTCVN3(v)
    }
}
