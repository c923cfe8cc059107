/// Day of the week (thứ), ISO numbering: the week starts on Monday (Thứ Hai = 1).
public enum Weekday: Int, Hashable, Sendable, Codable, CaseIterable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// "Thứ Hai" … "Thứ Bảy", "Chủ nhật".
    public var vietnameseName: String {
        switch self {
        case .monday: return "Thứ Hai"
        case .tuesday: return "Thứ Ba"
        case .wednesday: return "Thứ Tư"
        case .thursday: return "Thứ Năm"
        case .friday: return "Thứ Sáu"
        case .saturday: return "Thứ Bảy"
        case .sunday: return "Chủ nhật"
        }
    }
}
