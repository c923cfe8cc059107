import Foundation

/// A calendar date without time or time zone (ngày dương lịch), proleptic Gregorian.
///
/// Codable as its ISO string `"YYYY-MM-DD"`. Day arithmetic is pure integer arithmetic
/// (Howard Hinnant's `days_from_civil`), independent of Foundation's `Calendar`.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Validated date; `nil` for impossible dates such as 2023-02-29. Years 1…9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `dayNumber` days after 1970-01-01 (negative: before).
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        self.day = doy - (153 * mp + 2) / 5 + 1
        self.month = month
        self.year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Parses exactly `"YYYY-MM-DD"`.
    public init?(iso: String) {
        let b = Array(iso.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
              let y = Self.number(b[0..<4]), let m = Self.number(b[5..<7]), let d = Self.number(b[8..<10])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Parses the Vietnamese form `"16/03/2023"` or `"16/3/2023"` (ngày/tháng/năm,
    /// 1–2 digit day and month, 4-digit year). Surrounding whitespace is ignored.
    public init?(vietnamese: String) {
        let parts = VietnameseText.normalized(vietnamese).utf8.split(separator: 0x2F, omittingEmptySubsequences: false)
        guard parts.count == 3,
              (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
              let d = Self.number(parts[0]), let m = Self.number(parts[1]), let y = Self.number(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// A date as a person types it into a date field: `"16/03/2026"`, `"16/3/2026"`,
    /// `"16-03-2026"`, `"16.03.2026"`, the eight digits `"16032026"` (day, month, year;
    /// never month first), or the ISO `"2026-03-16"` a form was filled with.
    public init?(entered: String) {
        let text = VietnameseText.normalized(entered)
        if let iso = CivilDate(iso: text) {
            self = iso
            return
        }
        let digits = Array(text.utf8)
        if digits.count == 8, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let d = Self.number(digits[0..<2]), let m = Self.number(digits[2..<4]), let y = Self.number(digits[4..<8]) else { return nil }
            self.init(year: y, month: m, day: d)
            return
        }
        self.init(vietnamese: String(text.map { $0 == "-" || $0 == "." ? "/" : $0 }))
    }

    /// `"2025-07-01"`.
    public var iso: String {
        Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
    }

    public var description: String { iso }

    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        Self.dayNumber(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian year, month (1…12) and day, not
    /// checked: year 0 counts too.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public func adding(days: Int) -> CivilDate {
        CivilDate(dayNumber: dayNumber + days)
    }

    /// Number of days from `self` to `other` (positive when `other` is later).
    public func days(to other: CivilDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// ISO weekday (thứ); 1970-01-01 was a Thursday.
    public var weekday: Weekday {
        let index = ((dayNumber + 3) % 7 + 7) % 7  // 0 = Monday
        return Weekday(rawValue: index + 1)!
    }

    /// The civil date at `now` in a fixed UTC offset; default UTC+7 (Asia/Ho_Chi_Minh, no DST).
    public static func today(in timeZoneOffsetSeconds: Int = 7 * 3600, now: Date) -> CivilDate {
        let seconds = now.timeIntervalSince1970 + Double(timeZoneOffsetSeconds)
        return CivilDate(dayNumber: Int((seconds / 86_400).rounded(.down)))
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    // MARK: Codable

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected a date as YYYY-MM-DD, got \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    // MARK: Helpers

    /// Decimal value of ASCII digits; `nil` if any byte is not a digit.
    static func number<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n.magnitude)
        let sign = n < 0 ? "-" : ""
        guard digits.count < width else { return sign + digits }
        return sign + String(repeating: "0", count: width - digits.count) + digits
    }
}
