/// The day a form's period closes (ngày chốt số liệu), when it is not the calendar end.
///
/// Vietnamese statistical reporting often closes a month on the 14th: the November report
/// covers 15/10–14/11, the first quarter 15/12–14/3, the year 15/12 of the year before to
/// 14/12. A month, quarter, half, nine months or year closes on ``day`` of its last month;
/// a month too short for the day closes on its last day (a cut-off of 31 closes November
/// on the 30th, a cut-off of 30 closes February on the 28th or 29th), so periods follow
/// each other without a gap or an overlap.
///
/// A year form may instead close in another ``month`` (30 November: the year 2026 covers
/// 1/12/2025–30/11/2026). The month is for year forms only; the other frequencies close in
/// their own last month whatever it says.
public struct CutOff: Hashable, Sendable, Codable {
    /// 1…31.
    public let day: Int
    /// 1…12, for year forms; `nil` for December.
    public let month: Int?

    /// The calendar end: every period closes on its last day.
    public static let calendarEnd = CutOff(day: 31)!

    /// `nil` for a day outside 1…31 or a month outside 1…12.
    public init?(day: Int, month: Int? = nil) {
        guard (1...31).contains(day), month.map({ (1...12).contains($0) }) ?? true else { return nil }
        self.day = day
        self.month = month
    }

    /// The days `period` covers under this cut-off, both ends included.
    public func range(of period: ReportingPeriod) -> ReportPeriod {
        let closing = closingMonthIndex(of: period)
        let before = closing - period.frequency.monthCount
        return ReportPeriod(from: closingDay(monthIndex: before).adding(days: 1), to: closingDay(monthIndex: closing))!
    }

    /// The months whose figures make up `period` under this cut-off, in order: the period's
    /// own months, except for a year closing in another month — the 2026 year closing on
    /// 30 November is made of December 2025 to November 2026. Their days under the same
    /// cut-off join into the period's days exactly.
    public func months(of period: ReportingPeriod) -> [ReportingPeriod] {
        let closing = closingMonthIndex(of: period)
        return (closing - period.frequency.monthCount + 1...closing).compactMap { ReportingPeriod.month($0 / 12, $0 % 12 + 1) }
    }

    /// The period of `frequency` a day falls in under this cut-off: 15/11/2026 is in the
    /// December 2026 report when months close on the 14th, and in the 2027 report of a year
    /// closing on 14 December. `nil` for nine months and a day no nine-month period covers.
    public func period(containing day: CivilDate, _ frequency: ReportingFrequency) -> ReportingPeriod? {
        if frequency == .year {
            return .year(day > closingDay(monthIndex: Self.monthIndex(day.year, month ?? 12)) ? day.year + 1 : day.year)
        }
        // The month the day is counted in: its own, or the next once its closing day has passed.
        let own = Self.monthIndex(day.year, day.month)
        let counted = day > closingDay(monthIndex: own) ? own + 1 : own
        return CivilDate(year: counted / 12, month: counted % 12 + 1, day: 1).flatMap { ReportingPeriod.containing($0, frequency) }
    }

    /// The day the period closes on: the cut-off day of its closing month, or that month's
    /// last day when the month is shorter.
    public func closingDay(of period: ReportingPeriod) -> CivilDate {
        closingDay(monthIndex: closingMonthIndex(of: period))
    }

    private func closingMonthIndex(of period: ReportingPeriod) -> Int {
        Self.monthIndex(period.year, period.frequency == .year ? month ?? 12 : period.lastMonth)
    }

    /// The closing day in the month `index` (months since the start of year 0; the month
    /// before January of year 1 is one too).
    private func closingDay(monthIndex index: Int) -> CivilDate {
        let (year, month) = (index / 12, index % 12 + 1)
        return CivilDate(dayNumber: CivilDate.dayNumber(year: year, month: month, day: min(day, CivilDate.daysInMonth(year: year, month: month))))
    }

    private static func monthIndex(_ year: Int, _ month: Int) -> Int {
        year * 12 + month - 1
    }

    // MARK: Codable, validated

    private enum CodingKeys: String, CodingKey { case day, month }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let cutOff = CutOff(day: try container.decode(Int.self, forKey: .day), month: try container.decodeIfPresent(Int.self, forKey: .month)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "A cut-off day is 1…31 and its month 1…12"))
        }
        self = cutOff
    }
}

/// When entry opens and closes for a period (thời hạn nhập báo cáo), in days after the day
/// the period closes (its ``CutOff``): opening 0 and closing 5 with months closing on the
/// 14th opens the November form on 14/11 and closes it on 19/11. Negative: before that day.
public struct EntryWindow: Hashable, Sendable, Codable {
    /// Days from the closing day to the first day of entry.
    public let opens: Int
    /// Days from the closing day to the last day of entry, on which a report is still on time.
    public let closes: Int

    /// The longest a window may reach from the closing day, either way.
    public static let reach = 366

    /// `nil` when the window closes before it opens, or reaches further than ``reach`` days.
    public init?(opens: Int, closes: Int) {
        guard opens <= closes, abs(opens) <= Self.reach, abs(closes) <= Self.reach else { return nil }
        self.opens = opens
        self.closes = closes
    }

    /// The first and last day of entry for `period`.
    public func dates(of period: ReportingPeriod, _ cutOff: CutOff) -> ReportPeriod {
        let closing = cutOff.closingDay(of: period)
        return ReportPeriod(from: closing.adding(days: opens), to: closing.adding(days: closes))!
    }

    /// Whether values for `period` may be entered on `day`.
    public func isOpen(on day: CivilDate, for period: ReportingPeriod, _ cutOff: CutOff) -> Bool {
        dates(of: period, cutOff).contains(day)
    }

    /// Whether a report submitted on `day` is on time (đúng hạn): on or before the last day
    /// of entry, however early.
    public func isOnTime(_ day: CivilDate, for period: ReportingPeriod, _ cutOff: CutOff) -> Bool {
        day <= dates(of: period, cutOff).to
    }

    /// Every period of `frequency` open for entry on `day`, oldest first (a wide window can
    /// hold two months open at once).
    public func openPeriods(on day: CivilDate, _ frequency: ReportingFrequency, _ cutOff: CutOff) -> [ReportingPeriod] {
        // A window reaches at most a year and a day from a closing day, itself within a
        // month of its period: two years either side hold every candidate.
        (day.year - 2...day.year + 2).flatMap { year in
            (1...frequency.periodsPerYear).compactMap { ReportingPeriod(frequency, year: year, index: $0) }
        }.filter { isOpen(on: day, for: $0, cutOff) }
    }

    // MARK: Codable, validated

    private enum CodingKeys: String, CodingKey { case opens, closes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let window = EntryWindow(opens: try container.decode(Int.self, forKey: .opens), closes: try container.decode(Int.self, forKey: .closes)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "An entry window closes on or after it opens, within \(Self.reach) days of the cut-off"))
        }
        self = window
    }
}
