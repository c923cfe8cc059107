import Foundation

/// Rules for Vietnamese text (văn bản tiếng Việt): normalisation, search folding,
/// legacy-encoding detection and alphabetical order.
///
/// Everything here is pure: no I/O, no locale look-ups, same result on every platform.
public enum VietnameseText {

    /// Canonical form for storage and display (chuẩn hóa): Unicode NFC, leading and
    /// trailing whitespace removed, every internal run of whitespace replaced by one space.
    ///
    /// `"  Xã   Ia\tLe "` → `"Xã Ia Le"`; NFD input (`"D" + "a" + U+0302 + "n"`) → `"Dân"`.
    public static func normalized(_ s: String) -> String {
        let nfc = s.precomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in nfc.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// Search key (khóa tìm kiếm, "bỏ dấu"): lowercase, without tones or vowel marks,
    /// `đ`/`Đ` → `d`, whitespace collapsed and trimmed.
    ///
    /// `"Dân vận khéo"` → `"dan van kheo"`; `"CHƯ PƯH"`, `"Chư Pưh"`, `"chu puh"` → `"chu puh"`.
    /// Accepts NFC and NFD input alike. The look-alike `Ð`/`ð` (U+00D0/U+00F0), often typed
    /// instead of `Đ`, also folds to `d`.
    public static func folded(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return foldedASCII(s)
        }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var onlyASCII = true
        for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            let v = scalar.value
            if v >= 0x0300 && v <= 0x036F { continue }  // combining diacritics
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            switch v {
            case 0x41...0x5A:
                out.append(Unicode.Scalar(UInt8(v + 0x20)))
            case 0x00...0x7F:
                out.append(scalar)
            case 0x0110, 0x0111, 0x00D0, 0x00F0:  // Đ đ Ð ð
                out.append("d")
            default:
                onlyASCII = false
                if scalar.properties.changesWhenLowercased {
                    out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        let result = String(out)
        return onlyASCII ? result : result.precomposedStringWithCanonicalMapping
    }

    /// ASCII-only fast path of ``folded(_:)``.
    private static func foldedASCII(_ s: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for byte in s.utf8 {
            switch byte {
            case 0x20, 0x09...0x0D:
                pendingSpace = !bytes.isEmpty
                continue
            default:
                break
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
