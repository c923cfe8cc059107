/// How often a form reports (tần suất báo cáo): DHIS2's period type.
public enum ReportingFrequency: String, Sendable, Hashable, CaseIterable, Codable {
    /// Báo cáo tháng.
    case month
    /// Báo cáo quý.
    case quarter
    /// Báo cáo 6 tháng (the first or the second half of a year).
    case half
    /// Báo cáo 9 tháng: January to September, one a year.
    case nineMonths
    /// Báo cáo năm.
    case year

    /// The months one period spans: 1, 3, 6, 9, 12.
    public var monthCount: Int {
        switch self {
        case .month: 1
        case .quarter: 3
        case .half: 6
        case .nineMonths: 9
        case .year: 12
        }
    }

    /// The periods of one year: 12, 4, 2, 1 (nine months), 1.
    public var periodsPerYear: Int {
        self == .nineMonths ? 1 : 12 / monthCount
    }
}

/// A reporting period as a value (kỳ báo cáo), DHIS2's idea: a frequency, a year and the
/// period's number in that year, written as a key — `2026-11`, `2026Q3`, `2026H1`,
/// `2026N9`, `2026`.
///
/// It names the period; the days it covers are a ``ReportPeriod`` — the calendar months
/// (``calendarDates``), or under a form's ``CutOff`` the days `CutOff.range(of:)` gives.
/// `ReportPeriod` stays the date range every query takes, and a standard calendar
/// `ReportPeriod` converts back with ``init(_:)``.
public struct ReportingPeriod: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let frequency: ReportingFrequency
    public let year: Int
    /// The month (1…12), quarter (1…4) or half (1…2); always 1 for nine months and a year.
    public let index: Int

    /// `nil` for an index the frequency does not have, or a year outside 1…9999.
    public init?(_ frequency: ReportingFrequency, year: Int, index: Int = 1) {
        guard (1...9999).contains(year), (1...frequency.periodsPerYear).contains(index) else { return nil }
        self.frequency = frequency
        self.year = year
        self.index = index
    }

    public static func month(_ year: Int, _ month: Int) -> ReportingPeriod? { ReportingPeriod(.month, year: year, index: month) }
    public static func quarter(_ year: Int, _ quarter: Int) -> ReportingPeriod? { ReportingPeriod(.quarter, year: year, index: quarter) }
    public static func half(_ year: Int, _ half: Int) -> ReportingPeriod? { ReportingPeriod(.half, year: year, index: half) }
    public static func nineMonths(_ year: Int) -> ReportingPeriod? { ReportingPeriod(.nineMonths, year: year) }
    public static func year(_ year: Int) -> ReportingPeriod? { ReportingPeriod(.year, year: year) }

    // MARK: Keys

    /// Parses exactly the keys ``key`` writes: `2026-11` (two-digit month), `2026Q3`,
    /// `2026H1`, `2026N9`, `2026`; `nil` for anything else (lower case, spaces, `2026Q5`).
    public init?(key: String) {
        let bytes = Array(key.utf8)
        guard bytes.count >= 4, let year = Self.digits(bytes[0..<4]) else { return nil }
        let rest = bytes[4...]
        let parsed: ReportingPeriod?
        switch (rest.first, rest.count) {
        case (nil, _): parsed = .year(year)
        case (UInt8(ascii: "-"), 3): parsed = Self.digits(rest.dropFirst()).flatMap { .month(year, $0) }
        case (UInt8(ascii: "Q"), 2): parsed = Self.digits(rest.dropFirst()).flatMap { .quarter(year, $0) }
        case (UInt8(ascii: "H"), 2): parsed = Self.digits(rest.dropFirst()).flatMap { .half(year, $0) }
        case (UInt8(ascii: "N"), 2): parsed = rest.last == UInt8(ascii: "9") ? .nineMonths(year) : nil
        default: parsed = nil
        }
        guard let parsed else { return nil }
        self = parsed
    }

    /// `2026-11`, `2026Q3`, `2026H1`, `2026N9` or `2026`.
    public var key: String {
        let year = CivilDate.padded(year, 4)
        switch frequency {
        case .month: return year + "-" + CivilDate.padded(index, 2)
        case .quarter: return year + "Q\(index)"
        case .half: return year + "H\(index)"
        case .nineMonths: return year + "N9"
        case .year: return year
        }
    }

    public var description: String { key }

    /// The Vietnamese name of the period: "Tháng 11/2026", "Quý III/2026",
    /// "6 tháng đầu năm 2026" ("6 tháng cuối năm 2026" for the second half),
    /// "9 tháng năm 2026", "Năm 2026".
    public var label: String {
        switch frequency {
        case .month: return "Tháng \(CivilDate.padded(index, 2))/\(year)"
        case .quarter: return "Quý \(["I", "II", "III", "IV"][index - 1])/\(year)"
        case .half: return (index == 1 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + String(year)
        case .nineMonths: return "9 tháng năm \(year)"
        case .year: return "Năm \(year)"
        }
    }

    /// The English name of the period, for pages shown in English: "November 2026", "Q3 2026",
    /// "First half of 2026" ("Second half of 2026"), "Nine months of 2026", "Year 2026".
    public var englishLabel: String {
        switch frequency {
        case .month: return "\(Self.englishMonths[index - 1]) \(year)"
        case .quarter: return "Q\(index) \(year)"
        case .half: return (index == 1 ? "First half of " : "Second half of ") + String(year)
        case .nineMonths: return "Nine months of \(year)"
        case .year: return "Year \(year)"
        }
    }

    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                                "November", "December"]

    // MARK: Months and days

    /// The calendar month the period starts in (1…12).
    public var firstMonth: Int {
        frequency == .nineMonths ? 1 : (index - 1) * frequency.monthCount + 1
    }

    /// The calendar month the period ends in (1…12).
    public var lastMonth: Int {
        firstMonth + frequency.monthCount - 1
    }

    /// The monthly periods this one is made of, in order: what 3-, 6-, 9- and 12-month
    /// figures are derived from. A month is made of itself.
    public var months: [ReportingPeriod] {
        (firstMonth...lastMonth).map { ReportingPeriod(.month, year: year, index: $0)! }
    }

    /// The keys of ``months``: `["2026-01", "2026-02", "2026-03"]` for `2026Q1`.
    public var monthKeys: [String] {
        months.map(\.key)
    }

    /// The first day of the calendar period (1/7 for `2026Q3`).
    public var firstDay: CivilDate {
        CivilDate(year: year, month: firstMonth, day: 1)!
    }

    /// The last day of the calendar period (30/9 for `2026Q3`).
    public var lastDay: CivilDate {
        CivilDate(year: year, month: lastMonth, day: CivilDate.daysInMonth(year: year, month: lastMonth))!
    }

    /// The calendar days the period covers, from ``firstDay`` to ``lastDay``.
    public var calendarDates: ReportPeriod {
        ReportPeriod(from: firstDay, to: lastDay)!
    }

    /// The standard calendar period a date range is (a month, a quarter, a half, the first
    /// nine months, a year); `nil` for any other range, such as 15/10–14/11.
    public init?(_ range: ReportPeriod) {
        let (from, to) = (range.from, range.to)
        guard from.year == to.year, from.day == 1,
              to.day == CivilDate.daysInMonth(year: to.year, month: to.month) else { return nil }
        let count = to.month - from.month + 1
        guard let frequency = ReportingFrequency.allCases.first(where: { $0.monthCount == count }),
              let period = ReportingPeriod.containing(from, frequency), period.firstMonth == from.month
        else { return nil }
        self = period
    }

    /// The calendar period of `frequency` a date lies in; `nil` for nine months and a date
    /// from October on (no nine-month period contains it).
    public static func containing(_ date: CivilDate, _ frequency: ReportingFrequency) -> ReportingPeriod? {
        if frequency == .nineMonths { return date.month <= 9 ? .nineMonths(date.year) : nil }
        return ReportingPeriod(frequency, year: date.year, index: (date.month - 1) / frequency.monthCount + 1)
    }

    // MARK: Neighbours

    /// The period just before: 2026-01 → 2025-12, 2026Q1 → 2025Q4, 2026H1 → 2025H2. A
    /// nine-month period has none in its own year, so its previous one is last year's.
    /// `nil` before year 1.
    public var previous: ReportingPeriod? {
        index > 1 ? ReportingPeriod(frequency, year: year, index: index - 1)
            : ReportingPeriod(frequency, year: year - 1, index: frequency.periodsPerYear)
    }

    /// The period just after (2026-12 → 2027-01); `nil` after year 9999.
    public var next: ReportingPeriod? {
        index < frequency.periodsPerYear ? ReportingPeriod(frequency, year: year, index: index + 1)
            : ReportingPeriod(frequency, year: year + 1, index: 1)
    }

    /// The same period of the year before (cùng kỳ năm trước): 2026Q3 → 2025Q3.
    public var sameLastYear: ReportingPeriod? {
        ReportingPeriod(frequency, year: year - 1, index: index)
    }

    /// Ordered by the month a period starts in, then by the month it ends in, so 2026-01 <
    /// 2026Q1 < 2026H1 < 2026N9 < 2026 < 2026-02.
    public static func < (lhs: ReportingPeriod, rhs: ReportingPeriod) -> Bool {
        (lhs.year, lhs.firstMonth, lhs.lastMonth) < (rhs.year, rhs.firstMonth, rhs.lastMonth)
    }

    // MARK: Codable, as its key

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let period = ReportingPeriod(key: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected a period key such as 2026-11, 2026Q3, 2026H1, 2026N9 or 2026, got \(text)")
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(key)
    }

    /// The value of one or more ASCII digits.
    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.isEmpty ? nil : CivilDate.number(bytes)
    }
}
