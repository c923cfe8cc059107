import Foundation

extension VietnameseFormat {

    /// `"16/03/2023"` (ngày/tháng/năm).
    public static func date(_ d: CivilDate) -> String {
        CivilDate.padded(d.day, 2) + "/" + CivilDate.padded(d.month, 2) + "/" + CivilDate.padded(d.year, 4)
    }

    /// The date as written in administrative documents: `"ngày 16 tháng 3 năm 2023"`.
    ///
    /// Follows Nghị định 30/2020/NĐ-CP (thể thức văn bản hành chính): a day below 10 and
    /// the months 1 and 2 take a leading zero — `"ngày 05 tháng 01 năm 2024"`,
    /// `"ngày 09 tháng 10 năm 2025"`.
    public static func proseDate(_ d: CivilDate) -> String {
        let day = CivilDate.padded(d.day, 2)
        let month = d.month <= 2 ? CivilDate.padded(d.month, 2) : String(d.month)
        return "ngày \(day) tháng \(month) năm \(d.year)"
    }

    /// Place and date line of a document (địa danh, ngày tháng năm):
    /// `"Chư Pưh, ngày 16 tháng 3 năm 2023"`. A unit's name is written as a place, without
    /// its kind: "Xã Ia Le" → "Ia Le", "Huyện Chư Pưh" → "Chư Pưh" ("Thành phố" stays).
    public static func placeDate(place: String, _ d: CivilDate) -> String {
        var name = VietnameseText.normalized(place)
        for kind in ["Xã ", "Phường ", "Thị trấn ", "Thị xã ", "Huyện ", "Quận ", "Tỉnh ", "Đặc khu "] where name.hasPrefix(kind) && name.count > kind.count {
            name = String(name.dropFirst(kind.count))
            break
        }
        return name + ", " + proseDate(d)
    }

    /// A moment in Vietnam time (UTC+7, no daylight saving), as an office writes it:
    /// `"16/03/2023 14:05:09"`, or `"16/03/2023 14:05"` without the seconds.
    public static func moment(_ date: Date, seconds: Bool = true) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down)) + 7 * 3600
        let day = CivilDate(dayNumber: Int((Double(total) / 86400).rounded(.down)))
        let rest = ((total % 86400) + 86400) % 86400
        let time = CivilDate.padded(rest / 3600, 2) + ":" + CivilDate.padded(rest % 3600 / 60, 2)
        return Self.date(day) + " " + time + (seconds ? ":" + CivilDate.padded(rest % 60, 2) : "")
    }
}
