/// The period a report covers (kỳ báo cáo), both ends inclusive: a year, a quarter, the
/// first six or nine months of a year (báo cáo 6 tháng, 9 tháng), a month, or any range.
///
/// The standard periods are calendar periods; configurable cut-off dates (a month closing
/// on the 14th) are a range built with `init?(from:to:)`.
public struct ReportPeriod: Hashable, Sendable, CustomStringConvertible {
    public let from: CivilDate
    public let to: CivilDate

    /// `nil` when `from` is after `to`.
    public init?(from: CivilDate, to: CivilDate) {
        guard from <= to else { return nil }
        self.from = from
        self.to = to
    }

    /// 1/1 to 31/12; `nil` outside years 1…9999.
    public static func year(_ year: Int) -> ReportPeriod? {
        months(year, 1, through: 12)
    }

    /// Quarter 1…4 (quý); `nil` for another quarter number.
    public static func quarter(_ year: Int, _ quarter: Int) -> ReportPeriod? {
        guard (1...4).contains(quarter) else { return nil }
        return months(year, quarter * 3 - 2, through: quarter * 3)
    }

    /// 1/1 to 30/6.
    public static func sixMonths(_ year: Int) -> ReportPeriod? {
        months(year, 1, through: 6)
    }

    /// 1/1 to 30/9.
    public static func nineMonths(_ year: Int) -> ReportPeriod? {
        months(year, 1, through: 9)
    }

    /// Month 1…12; `nil` for another month number.
    public static func month(_ year: Int, _ month: Int) -> ReportPeriod? {
        months(year, month, through: month)
    }

    /// Whether `date` lies in the period (ends included).
    public func contains(_ date: CivilDate) -> Bool {
        from <= date && date <= to
    }

    /// Parses `"2022"`, `"2022-q1"` … `"2022-q4"` (`Q` too), `"2022-6m"`, `"2022-9m"`
    /// and `"2022-03"` (two-digit month); `nil` for anything else.
    /// A range of days written as ``description`` writes it (`"2022-01-15…2022-02-14"`, or with
    /// `..`) reads back too, so a list can show what a figure over a cut-off period counted.
    public static func parse(_ key: String) -> ReportPeriod? {
        for separator in ["…", ".."] where key.contains(separator) {
            let ends = key.split(separator: separator, omittingEmptySubsequences: false)
            guard ends.count == 2, let from = CivilDate(iso: String(ends[0])), let to = CivilDate(iso: String(ends[1])) else { return nil }
            return ReportPeriod(from: from, to: to)
        }
        let bytes = Array(key.utf8)
        guard bytes.count >= 4, let year = number(bytes[0..<4]) else { return nil }
        if bytes.count == 4 {
            return .year(year)
        }
        guard bytes[4] == 0x2D else { return nil }  // '-'
        let rest = Array(bytes[5...])
        guard rest.count == 2 else { return nil }
        switch (rest[0], rest[1]) {
        case (0x71, _), (0x51, _):  // q, Q
            return number(rest[1...]).flatMap { quarter(year, $0) }
        case (0x36, 0x6D):  // 6m
            return sixMonths(year)
        case (0x39, 0x6D):  // 9m
            return nineMonths(year)
        default:
            return number(rest[...]).flatMap { month(year, $0) }
        }
    }

    /// The key `parse` reads back (`"2022-q1"`), `nil` for a range that is no standard period.
    public var key: String? {
        let year = CivilDate.padded(from.year, 4)
        if self == .year(from.year) { return year }
        if self == .sixMonths(from.year) { return year + "-6m" }
        if self == .nineMonths(from.year) { return year + "-9m" }
        if self == .month(from.year, from.month) { return year + "-" + CivilDate.padded(from.month, 2) }
        if let q = (1...4).first(where: { self == .quarter(from.year, $0) }) { return year + "-q\(q)" }
        return nil
    }

    /// The key, or `"2022-01-15…2022-02-14"` for another range.
    public var description: String {
        key ?? "\(from.iso)…\(to.iso)"
    }

    /// The period as whole months and the days around them: what counts kept by month
    /// (`yyyy-mm`) cover, and the ranges left over at either end, to be counted day by day.
    /// A year is twelve whole months and no days; 15/01–14/02 is no whole month and two ranges.
    public var monthsAndDays: (months: ClosedRange<String>?, days: [ReportPeriod]) {
        let firstWhole = from.day == 1 ? from : Self.firstOfNextMonth(after: from)
        let lastDay = CivilDate.daysInMonth(year: to.year, month: to.month)
        let lastWhole = to.day == lastDay ? to : CivilDate(year: to.year, month: to.month, day: 1)!.adding(days: -1)
        guard firstWhole < lastWhole else { return (nil, [self]) }
        var days: [ReportPeriod] = []
        if from < firstWhole, let head = ReportPeriod(from: from, to: firstWhole.adding(days: -1)) { days.append(head) }
        if lastWhole < to, let tail = ReportPeriod(from: lastWhole.adding(days: 1), to: to) { days.append(tail) }
        return (String(firstWhole.iso.prefix(7))...String(lastWhole.iso.prefix(7)), days)
    }

    private static func firstOfNextMonth(after day: CivilDate) -> CivilDate {
        day.adding(days: CivilDate.daysInMonth(year: day.year, month: day.month) - day.day + 1)
    }

    private static func months(_ year: Int, _ first: Int, through last: Int) -> ReportPeriod? {
        guard let from = CivilDate(year: year, month: first, day: 1),
              let to = CivilDate(year: year, month: last, day: CivilDate.daysInMonth(year: year, month: last))
        else { return nil }
        return ReportPeriod(from: from, to: to)
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
