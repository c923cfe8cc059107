import Foundation

/// Working days (ngày làm việc) of state bodies: Monday to Friday, less public holidays,
/// their make-up days and the administrator's overrides.
///
/// How a day is decided, first match wins:
/// 1. an override (`CalendarOverride`) for that date — working or off, weekends included;
/// 2. Saturday and Sunday are off;
/// 3. a day a holiday rule yields (`HolidayRule`, with the year's `YearSettings`) is off;
/// 4. a make-up day (nghỉ bù) is off: each holiday that falls on a Saturday or Sunday is
///    made up on the next Monday–Friday after it that is neither a holiday nor already
///    another holiday's make-up day (Bộ luật Lao động 2019, Điều 111 khoản 3: "Nếu ngày
///    nghỉ hằng tuần trùng với ngày nghỉ lễ, tết … thì người lao động được nghỉ bù … vào
///    ngày làm việc kế tiếp"). Make-up days are chosen before overrides apply, so an
///    override that moves them is entered as overrides, not inferred;
/// 5. every other day is a working day.
///
/// Each year's days are computed once, on first use, and kept in a cache shared by copies
/// of the value (the inputs are immutable, so the cache never goes stale).
public struct WorkingCalendar: Sendable {
    public let rules: [HolidayRule]
    /// Per solar year.
    public let settings: [Int: YearSettings]
    public let overrides: [CalendarOverride]

    private let overrideByDay: [Int: CalendarOverride]
    private let cache = YearCache()

    /// When two overrides name the same date, the later one in `overrides` wins.
    public init(rules: [HolidayRule] = HolidayRules.laborCode2019, settings: [Int: YearSettings] = [:],
                overrides: [CalendarOverride] = []) {
        self.rules = rules
        self.settings = settings
        self.overrides = overrides
        var byDay: [Int: CalendarOverride] = [:]
        for override in overrides {
            byDay[override.date.dayNumber] = override
        }
        self.overrideByDay = byDay
    }

    // MARK: Defaults where the law leaves the choice to the government

    /// The computed Tết days when the government's announcement is not entered: the last
    /// day of the old lunar year (29 or 30 tháng Chạp) and mùng 1 to mùng 4 — with
    /// `days` other than 5, the last day of the old year and mùng 1 … mùng `days - 1`.
    /// `year` is the solar year of mùng 1 (1…9999).
    public static func defaultTetDays(_ year: Int, days: Int = 5) -> [CivilDate] {
        guard days > 0 else { return [] }
        let first = LunarCalendar.newYear(year)
        return (-1..<(days - 1)).map { first.adding(days: $0) }
    }

    /// The computed day off next to a solar holiday (2/9) when the government's choice is
    /// not entered: of the day before and the day after, the one that is a weekday
    /// (Monday–Friday); if both are, the one that joins the weekend (a Monday or a Friday);
    /// if neither joins it (2/9 on a Wednesday), the day before. By weekday of 2/9:
    /// Mon → Tue 3/9, Tue → Mon 1/9, Wed → Tue 1/9, Thu → Fri 3/9, Fri → Thu 1/9,
    /// Sat → Fri 1/9, Sun → Mon 3/9 — the choices announced in 2021–2025
    /// (2021: 2–3/9, 2022: 1–2/9, 2023: 1–2/9, 2024: 2–3/9, 2025: 1–2/9).
    public static func defaultAdjacentDay(to date: CivilDate) -> CivilDate {
        let before = date.adding(days: -1)
        let after = date.adding(days: 1)
        switch (isWeekend(before), isWeekend(after)) {
        case (false, true): return before
        case (true, false): return after
        case (true, true): return before
        case (false, false): return after.weekday == .friday ? after : before
        }
    }

    static func isWeekend(_ date: CivilDate) -> Bool {
        date.weekday == .saturday || date.weekday == .sunday
    }

    // MARK: Queries

    /// The weekdays (Monday–Friday) of solar `year` that are not worked, sorted, each with
    /// its reason: a holiday rule's key, `"compensatory"` (nghỉ bù) or `"override"`.
    /// Holidays falling on a weekend are not listed (their make-up days are).
    public func holidays(in year: Int) -> [DayOff] {
        table(year: year).daysOff
    }

    public func isWorkingDay(_ date: CivilDate) -> Bool {
        var cursor = Cursor(calendar: self)
        return cursor.isWorking(date.dayNumber)
    }

    /// The first working day strictly after `date`.
    public func nextWorkingDay(after date: CivilDate) -> CivilDate {
        adding(workingDays: 1, to: date)
    }

    /// `date` if it is a working day, else the next working day.
    public func firstWorkingDay(onOrAfter date: CivilDate) -> CivilDate {
        isWorkingDay(date) ? date : nextWorkingDay(after: date)
    }

    /// The day on which the `n`-th working day strictly after `date` falls (the first day
    /// is not counted, so `date` itself never counts). `n == 0` returns `date`; a negative
    /// `n` counts back: the `|n|`-th working day strictly before `date`.
    public func adding(workingDays n: Int, to date: CivilDate) -> CivilDate {
        var cursor = Cursor(calendar: self)
        var day = date.dayNumber
        var remaining = n.magnitude
        let step = n < 0 ? -1 : 1
        while remaining > 0 {
            day += step
            if cursor.isWorking(day) {
                remaining -= 1
            }
        }
        return CivilDate(dayNumber: day)
    }

    /// The number of working days in `(start, end]` — `start` not counted, `end` counted —
    /// so that `workingDays(from: d, to: adding(workingDays: n, to: d)) == n`. When `end`
    /// is before `start` the result is the negative of `workingDays(from: end, to: start)`;
    /// when they are equal it is 0.
    public func workingDays(from start: CivilDate, to end: CivilDate) -> Int {
        if end < start {
            return -workingDays(from: end, to: start)
        }
        var cursor = Cursor(calendar: self)
        var count = 0
        var day = start.dayNumber + 1
        let last = end.dayNumber
        while day <= last {
            if cursor.isWorking(day) {
                count += 1
            }
            day += 1
        }
        return count
    }

    // MARK: Computing a year

    /// One solar year's verdicts.
    struct YearTable: Sendable {
        let firstDay: Int
        let working: [Bool]
        let daysOff: [DayOff]

        func contains(_ dayNumber: Int) -> Bool {
            dayNumber >= firstDay && dayNumber - firstDay < working.count
        }
    }

    /// Walks days, fetching a year's table only when the walk leaves the current one.
    struct Cursor {
        let calendar: WorkingCalendar
        var table: YearTable?

        init(calendar: WorkingCalendar) {
            self.calendar = calendar
        }

        mutating func isWorking(_ dayNumber: Int) -> Bool {
            if let table, table.contains(dayNumber) {
                return table.working[dayNumber - table.firstDay]
            }
            let fresh = calendar.table(year: CivilDate(dayNumber: dayNumber).year)
            table = fresh
            return fresh.working[dayNumber - fresh.firstDay]
        }
    }

    func table(year: Int) -> YearTable {
        cache.table(year) { buildTable(year: $0) }
    }

    /// The days the rules yield in solar `year` (weekends included), with the rule's key.
    func ruleDays(_ year: Int) -> [(day: CivilDate, key: String)] {
        guard (1...9999).contains(year) else { return [] }
        var result: [(day: CivilDate, key: String)] = []
        for rule in rules {
            var days: [CivilDate] = []
            switch rule.kind {
            case let .solar(month, day):
                if let date = CivilDate(year: year, month: month, day: day) { days = [date] }
            case let .lunar(month, day):
                // A lunar date of lunar year `year - 1` or `year` can fall in solar `year`.
                days = [year - 1, year]
                    .compactMap { LunarCalendar.solarDate(of: LunarDate(year: $0, month: month, day: day)) }
                    .filter { $0.year == year }
            case let .lunarNewYear(count):
                days = settings[year]?.tetDays ?? Self.defaultTetDays(year, days: count)
            case let .adjacentToSolar(month, day):
                if let adjacent = settings[year]?.nationalDayAdjacent {
                    days = [adjacent]
                } else if let date = CivilDate(year: year, month: month, day: day) {
                    days = [Self.defaultAdjacentDay(to: date)]
                }
            }
            for day in days where rule.isValid(on: day) {
                result.append((day, rule.key))
            }
        }
        return result
    }

    func buildTable(year: Int) -> YearTable {
        // Holidays of the neighbouring years too: a make-up day may cross New Year, and
        // must not land on the next year's holiday.
        var holidayKey: [Int: String] = [:]
        for y in [year - 1, year, year + 1] {
            for (day, key) in ruleDays(y) where holidayKey[day.dayNumber] == nil {
                holidayKey[day.dayNumber] = key
            }
        }
        var makeUp: [Int: String] = [:]
        for dayNumber in holidayKey.keys.sorted() {
            let day = CivilDate(dayNumber: dayNumber)
            guard Self.isWeekend(day) else { continue }
            var candidate = dayNumber + 1
            while Self.isWeekend(CivilDate(dayNumber: candidate)) || holidayKey[candidate] != nil
                    || makeUp[candidate] != nil {
                candidate += 1
            }
            makeUp[candidate] = "\(holidayKey[dayNumber] ?? "") \(day.iso)"
        }

        let firstDay = Self.dayNumberOfJanuary1(year)
        let count = Self.dayNumberOfJanuary1(year + 1) - firstDay
        var working = [Bool](repeating: true, count: count)
        var daysOff: [DayOff] = []
        for index in 0..<count {
            let dayNumber = firstDay + index
            let date = CivilDate(dayNumber: dayNumber)
            let weekend = Self.isWeekend(date)
            if let override = overrideByDay[dayNumber] {
                working[index] = override.kind == .workingDay
                if override.kind == .dayOff && !weekend {
                    daysOff.append(DayOff(date: date, reason: "override", note: override.note))
                }
            } else if weekend {
                working[index] = false
            } else if let key = holidayKey[dayNumber] {
                working[index] = false
                daysOff.append(DayOff(date: date, reason: key))
            } else if let note = makeUp[dayNumber] {
                working[index] = false
                daysOff.append(DayOff(date: date, reason: "compensatory", note: note))
            }
        }
        return YearTable(firstDay: firstDay, working: working, daysOff: daysOff)
    }

    /// Days from 1970-01-01 to 1 January of `year`, for any year.
    static func dayNumberOfJanuary1(_ year: Int) -> Int {
        LunarCalendar.julianDayOfDecember31(year - 1) - LunarCalendar.julianDayOfEpoch + 1
    }
}

/// The per-year tables of one `WorkingCalendar`, computed on first use.
final class YearCache: @unchecked Sendable {
    // @unchecked: every access to `tables` holds `lock`.
    private let lock = NSLock()
    private var tables: [Int: WorkingCalendar.YearTable] = [:]

    func table(_ year: Int, build: (Int) -> WorkingCalendar.YearTable) -> WorkingCalendar.YearTable {
        if let cached = lock.withLock({ tables[year] }) {
            return cached
        }
        let built = build(year)
        lock.withLock { tables[year] = built }
        return built
    }
}
