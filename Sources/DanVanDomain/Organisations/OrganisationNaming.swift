/// Vietnamese names of a unit's organisations (tên các tổ chức của đơn vị hành chính).
///
/// A unit is given by its full name ("Huyện Chư Pưh") and its type ("Huyện").
/// Type words are matched case-insensitively but with diacritics ("Quan Hóa" is not "Quận").
public enum OrganisationNaming {

    /// Unit types that may prefix a unit name, longest first.
    static let knownTypes = ["Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Quận", "Tỉnh", "Xã"]

    /// Name without its type (tên riêng): ("Huyện Chư Pưh", "Huyện") → "Chư Pưh".
    /// If the name does not start with the type, the (normalised) name is returned.
    public static func shortName(unitName: String, unitType: String) -> String {
        let name = VietnameseText.normalized(unitName)
        return strip(prefix: VietnameseText.normalized(unitType), from: name)?.rest ?? name
    }

    /// The unit as written inside a longer name, type in lowercase:
    /// ("Xã Ia Le", "Xã") → "xã Ia Le", ("Thành phố Hải Phòng", "Thành phố") → "thành phố Hải Phòng".
    ///
    /// If the name does not start with its type but with another known type, that one is
    /// lowercased; if it has no type prefix at all, the lowercased type is put in front
    /// (("Côn Đảo", "Đặc khu") → "đặc khu Côn Đảo").
    public static func lowercasedUnit(unitName: String, unitType: String) -> String {
        let name = VietnameseText.normalized(unitName)
        let type = VietnameseText.normalized(unitType)
        for candidate in [type] + knownTypes where !candidate.isEmpty {
            if let match = strip(prefix: candidate, from: name) {
                return match.prefix.lowercased() + " " + match.rest
            }
        }
        return type.isEmpty ? name : type.lowercased() + " " + name
    }

    /// Name of the unit's Party committee (cấp ủy):
    /// "Tỉnh ủy Gia Lai", "Thành ủy Hải Phòng", "Huyện ủy Chư Pưh", "Quận ủy Ba Đình",
    /// "Thị ủy Ayun Pa"; at commune level and for unknown types "Đảng ủy " + the lowercased unit
    /// ("Đảng ủy xã Ia Le", "Đảng ủy phường Phúc Xá", "Đảng ủy đặc khu Côn Đảo").
    public static func partyCommitteeName(unitName: String, unitType: String) -> String {
        let short = shortName(unitName: unitName, unitType: unitType)
        switch VietnameseText.normalized(unitType).lowercased() {
        case "tỉnh": return "Tỉnh ủy " + short
        case "thành phố": return "Thành ủy " + short
        case "huyện": return "Huyện ủy " + short
        case "quận": return "Quận ủy " + short
        case "thị xã": return "Thị ủy " + short
        default: return "Đảng ủy " + lowercasedUnit(unitName: unitName, unitType: unitType)
        }
    }

    /// `prefix` + the lowercased unit: ("Ủy ban nhân dân", "Xã Ia Le", "Xã") → "Ủy ban nhân dân xã Ia Le".
    public static func name(prefix: String, unitName: String, unitType: String) -> String {
        VietnameseText.normalized(prefix) + " " + lowercasedUnit(unitName: unitName, unitType: unitType)
    }

    /// Splits `name` into its leading type words (as written) and the rest, when the first
    /// words equal `prefix` ignoring case and something follows.
    private static func strip(prefix: String, from name: String) -> (prefix: String, rest: String)? {
        let typeWords = prefix.split(separator: " ")
        let nameWords = name.split(separator: " ")
        guard !typeWords.isEmpty, nameWords.count > typeWords.count else { return nil }
        for (t, n) in zip(typeWords, nameWords) where t.lowercased() != n.lowercased() {
            return nil
        }
        return (nameWords[..<typeWords.count].joined(separator: " "),
                nameWords[typeWords.count...].joined(separator: " "))
    }
}
