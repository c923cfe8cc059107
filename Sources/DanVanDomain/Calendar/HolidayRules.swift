import Foundation

/// One public holiday (ngày nghỉ lễ, tết) as data: what day it falls on, from when to
/// when the rule is in force, and the legal text it comes from.
///
/// A rule yields a day only when that day lies in `validFrom…validTo` (both inclusive;
/// `validTo == nil` means still in force), so a change of law is a new rule, never an
/// edit of an old one.
public struct HolidayRule: Hashable, Sendable, Codable {
    public enum Kind: Hashable, Sendable, Codable {
        /// A fixed solar date (dương lịch), e.g. 30/4.
        case solar(month: Int, day: Int)
        /// A fixed lunar date (âm lịch), e.g. Giỗ Tổ Hùng Vương 10/3.
        case lunar(month: Int, day: Int)
        /// Tết Nguyên đán: `days` days around mùng 1 — by default the last day of the old
        /// lunar year and the first `days - 1` days of the new one, unless the year's
        /// `YearSettings.tetDays` lists the days the government announced.
        case lunarNewYear(days: Int)
        /// One weekday next to a solar date (2/9 and "one day before or after it"), chosen
        /// by `WorkingCalendar.defaultAdjacentDay`, unless the year's
        /// `YearSettings.nationalDayAdjacent` gives it.
        case adjacentToSolar(month: Int, day: Int)
    }

    /// Stable key, e.g. `"new_year"`, `"lunar_new_year"`, `"hung_kings"`, `"reunification"`,
    /// `"labour_day"`, `"national_day"`, `"national_day_adjacent"`.
    public let key: String
    public let kind: Kind
    public let validFrom: CivilDate
    public let validTo: CivilDate?
    /// The legal source, in Vietnamese: `"Bộ luật Lao động 2019, Điều 112"`.
    public let source: String

    public init(key: String, kind: Kind, validFrom: CivilDate, validTo: CivilDate? = nil, source: String) {
        self.key = key
        self.kind = kind
        self.validFrom = validFrom
        self.validTo = validTo
        self.source = source
    }

    /// Whether the rule is in force on `date`.
    public func isValid(on date: CivilDate) -> Bool {
        validFrom <= date && (validTo.map { date <= $0 } ?? true)
    }
}

/// Public holiday rule sets.
public enum HolidayRules {
    /// Bộ luật Lao động 2019 (45/2019/QH14), Điều 112 khoản 1, in force from 1/1/2021:
    /// Tết Dương lịch 1 day (1/1); Tết Âm lịch 5 days; Chiến thắng 1 day (30/4); Quốc tế
    /// lao động 1 day (1/5); Quốc khánh 2 days (2/9 and one day before or after it);
    /// Giỗ Tổ Hùng Vương 1 day (10/3 âm lịch). The Prime Minister fixes the Tết days and
    /// the day next to 2/9 each year (khoản 3), which is what `YearSettings` records.
    public static let laborCode2019: [HolidayRule] = {
        let from = CivilDate(year: 2021, month: 1, day: 1)!
        let source = "Bộ luật Lao động 2019, Điều 112"
        return [
            HolidayRule(key: "new_year", kind: .solar(month: 1, day: 1), validFrom: from,
                        source: source + " khoản 1 điểm a"),
            HolidayRule(key: "lunar_new_year", kind: .lunarNewYear(days: 5), validFrom: from,
                        source: source + " khoản 1 điểm b"),
            HolidayRule(key: "reunification", kind: .solar(month: 4, day: 30), validFrom: from,
                        source: source + " khoản 1 điểm c"),
            HolidayRule(key: "labour_day", kind: .solar(month: 5, day: 1), validFrom: from,
                        source: source + " khoản 1 điểm d"),
            HolidayRule(key: "national_day", kind: .solar(month: 9, day: 2), validFrom: from,
                        source: source + " khoản 1 điểm đ"),
            HolidayRule(key: "national_day_adjacent", kind: .adjacentToSolar(month: 9, day: 2), validFrom: from,
                        source: source + " khoản 1 điểm đ"),
            HolidayRule(key: "hung_kings", kind: .lunar(month: 3, day: 10), validFrom: from,
                        source: source + " khoản 1 điểm e"),
        ]
    }()
}

/// What the government announced for one solar year; `nil` fields fall back to the
/// computed defaults.
public struct YearSettings: Hashable, Sendable, Codable {
    /// The Tết days (normally 5) the government announced for the Tết that falls in this
    /// year; replaces `WorkingCalendar.defaultTetDays`. Swapped working days
    /// (hoán đổi ngày làm việc) are `CalendarOverride`s, not Tết days.
    public var tetDays: [CivilDate]?
    /// The day off next to 2/9 the government announced.
    public var nationalDayAdjacent: CivilDate?

    public init(tetDays: [CivilDate]? = nil, nationalDayAdjacent: CivilDate? = nil) {
        self.tetDays = tetDays
        self.nationalDayAdjacent = nationalDayAdjacent
    }
}

/// An administrator's decision about one day; it wins over every rule, weekends included
/// (a Saturday made a working day to repay a swapped day, or an extra day off).
public struct CalendarOverride: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case dayOff = "day_off"
        case workingDay = "working_day"
    }

    public let date: CivilDate
    public let kind: Kind
    /// Why, e.g. the decision that announced it ("Thông báo 6150/TB-BLĐTBXH").
    public let note: String
    /// Who entered it.
    public let createdBy: String

    public init(date: CivilDate, kind: Kind, note: String, createdBy: String) {
        self.date = date
        self.kind = kind
        self.note = note
        self.createdBy = createdBy
    }
}

/// A weekday that is not worked, and why.
public struct DayOff: Hashable, Sendable {
    public let date: CivilDate
    /// The holiday rule's key, `"compensatory"` (nghỉ bù), or `"override"`.
    /// (`"weekend"` is reserved for callers listing Saturdays and Sundays; `holidays(in:)`
    /// lists weekdays only.)
    public let reason: String
    /// For a compensatory day, the holiday it makes up for (`"reunification 2023-04-30"`);
    /// for an override, its note; otherwise `nil`.
    public let note: String?

    public init(date: CivilDate, reason: String, note: String? = nil) {
        self.date = date
        self.reason = reason
        self.note = note
    }
}
