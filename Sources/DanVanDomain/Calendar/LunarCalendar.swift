import Foundation

/// A date of the Vietnamese lunisolar calendar (âm lịch).
///
/// `year` is the lunar year as numbered by the solar year in which it begins (the year
/// whose mùng 1 Tết falls in that solar year); `isLeapMonth` marks the intercalary
/// month (tháng nhuận), which repeats the number of the month before it.
public struct LunarDate: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int
    public let isLeapMonth: Bool

    public init(year: Int, month: Int, day: Int, isLeapMonth: Bool = false) {
        self.year = year
        self.month = month
        self.day = day
        self.isLeapMonth = isLeapMonth
    }

    /// `"10/3/2025"`, `"1/2n/2023"` for a day of a leap month.
    public var description: String {
        "\(day)/\(month)\(isLeapMonth ? "n" : "")/\(year)"
    }
}

/// The Vietnamese lunar calendar reckoned at UTC+7, by Hồ Ngọc Đức's public algorithm
/// (astronomical new moons and sun longitude after Jean Meeus, *Astronomical
/// Algorithms*): a month begins on the day, in Vietnam's time zone, of a new moon;
/// month 11 contains the winter solstice; in a year with 13 months the leap month is
/// the first one that contains no major solar term (trung khí).
///
/// Foundation's `.chinese` calendar is reckoned at UTC+8 and disagrees in some years
/// (Tết 2007 fell on 17/2 in Vietnam, 18/2 in China), so it is not used. Dates are
/// proleptic Gregorian; the algorithm is accurate for roughly 1800–2199.
public enum LunarCalendar {
    /// Vietnam's time zone, in hours east of UTC.
    static let vietnam = 7.0
    /// Julian day number of 1970-01-01 (the epoch of `CivilDate.dayNumber`).
    static let julianDayOfEpoch = 2_440_588

    /// The lunar date of a solar (dương lịch) date.
    public static func lunarDate(of date: CivilDate) -> LunarDate {
        lunarDate(of: date, timeZone: vietnam)
    }

    /// The solar date of a lunar date; `nil` when that lunar date does not exist (day 30
    /// of a 29-day month, a leap month the year does not have, month or day out of range).
    public static func solarDate(of lunar: LunarDate) -> CivilDate? {
        solarDate(of: lunar, timeZone: vietnam)
    }

    /// Mùng 1 Tết (the first day of the first lunar month) of the lunar year that begins
    /// in solar `year` (1…9999).
    public static func newYear(_ year: Int) -> CivilDate {
        newYear(year, timeZone: vietnam)
    }

    // MARK: The reference algorithm, for any time zone (tests compare UTC+8)

    static func newYear(_ year: Int, timeZone: Double) -> CivilDate {
        // Month 1 day 1 always exists and is never a leap month.
        solarDate(of: LunarDate(year: year, month: 1, day: 1), timeZone: timeZone)!
    }

    /// `convertSolar2Lunar`.
    static func lunarDate(of date: CivilDate, timeZone: Double) -> LunarDate {
        let dayNumber = julianDay(date)
        let k = floor((Double(dayNumber) - 2_415_021.076998695) / 29.530588853)
        var monthStart = newMoonDay(Int(k) + 1, timeZone)
        if monthStart > dayNumber {
            monthStart = newMoonDay(Int(k), timeZone)
        }
        var a11 = lunarMonth11(date.year, timeZone)
        var b11 = a11
        var lunarYear: Int
        if a11 >= monthStart {
            lunarYear = date.year
            a11 = lunarMonth11(date.year - 1, timeZone)
        } else {
            lunarYear = date.year + 1
            b11 = lunarMonth11(date.year + 1, timeZone)
        }
        let lunarDay = dayNumber - monthStart + 1
        let diff = (monthStart - a11) / 29
        var isLeap = false
        var lunarMonth = diff + 11
        if b11 - a11 > 365 {
            let leapMonthDiff = leapMonthOffset(a11, timeZone)
            if diff >= leapMonthDiff {
                lunarMonth = diff + 10
                if diff == leapMonthDiff {
                    isLeap = true
                }
            }
        }
        if lunarMonth > 12 {
            lunarMonth -= 12
        }
        if lunarMonth >= 11 && diff < 4 {
            lunarYear -= 1
        }
        return LunarDate(year: lunarYear, month: lunarMonth, day: lunarDay, isLeapMonth: isLeap)
    }

    /// `convertLunar2Solar`, returning `nil` for dates that do not exist.
    static func solarDate(of lunar: LunarDate, timeZone: Double) -> CivilDate? {
        guard (1...12).contains(lunar.month), (1...30).contains(lunar.day),
              (1...9999).contains(lunar.year)
        else { return nil }
        let a11: Int
        let b11: Int
        if lunar.month < 11 {
            a11 = lunarMonth11(lunar.year - 1, timeZone)
            b11 = lunarMonth11(lunar.year, timeZone)
        } else {
            a11 = lunarMonth11(lunar.year, timeZone)
            b11 = lunarMonth11(lunar.year + 1, timeZone)
        }
        var offset = lunar.month - 11
        if offset < 0 {
            offset += 12
        }
        if b11 - a11 > 365 {
            let leapOffset = leapMonthOffset(a11, timeZone)
            var leapMonth = leapOffset - 2
            if leapMonth < 0 {
                leapMonth += 12
            }
            if lunar.isLeapMonth && lunar.month != leapMonth {
                return nil
            } else if lunar.isLeapMonth || offset >= leapOffset {
                offset += 1
            }
        } else if lunar.isLeapMonth {
            return nil
        }
        let k = Int(floor(0.5 + (Double(a11) - 2_415_021.076998695) / 29.530588853))
        let monthStart = newMoonDay(k + offset, timeZone)
        let result = CivilDate(dayNumber: monthStart + lunar.day - 1 - julianDayOfEpoch)
        // Day 30 of a short month lands in the next month: reject it.
        return lunarDate(of: result, timeZone: timeZone) == lunar ? result : nil
    }

    /// Julian day number (`jdFromDate`).
    static func julianDay(_ date: CivilDate) -> Int {
        date.dayNumber + julianDayOfEpoch
    }

    /// Julian day (fractional, UT) of the `k`-th new moon after 1900-01-01 (`NewMoon`).
    static func newMoon(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t
        let t3 = t2 * t
        let dr = Double.pi / 180
        var jd1 = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
        let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
        let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
        var c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
        c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr)
        c1 = c1 - 0.0004 * sin(dr * 3 * mpr)
        c1 = c1 + 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
        c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
        c1 = c1 - 0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
        c1 = c1 + 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
        let deltaT: Double
        if t < -11 {
            deltaT = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
        } else {
            deltaT = -0.000278 + 0.000265 * t + 0.000262 * t2
        }
        return jd1 + c1 - deltaT
    }

    /// Julian day number of the local day of the `k`-th new moon (`getNewMoonDay`).
    static func newMoonDay(_ k: Int, _ timeZone: Double) -> Int {
        Int(floor(newMoon(k) + 0.5 + timeZone / 24))
    }

    /// Sun longitude in radians, normalised to [0, 2π), at Julian day `jdn` (UT) (`SunLongitude`).
    static func sunLongitude(atJulianDay jdn: Double) -> Double {
        let t = (jdn - 2_451_545.0) / 36525
        let t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        var l = (l0 + dl) * dr
        l -= Double.pi * 2 * floor(l / (Double.pi * 2))
        return l
    }

    /// The sun's longitude sector (0…11, 30° each) at the start of local day `dayNumber`
    /// (`getSunLongitude`).
    static func sunLongitudeSector(_ dayNumber: Int, _ timeZone: Double) -> Int {
        Int(floor(sunLongitude(atJulianDay: Double(dayNumber) - 0.5 - timeZone / 24) / Double.pi * 6))
    }

    /// Julian day number of the first day of lunar month 11 (the month of the winter
    /// solstice) that begins in solar `year` (`getLunarMonth11`).
    static func lunarMonth11(_ year: Int, _ timeZone: Double) -> Int {
        let off = julianDayOfDecember31(year) - 2_415_021
        let k = Int(floor(Double(off) / 29.530588853))
        var nm = newMoonDay(k, timeZone)
        if sunLongitudeSector(nm, timeZone) >= 9 {
            nm = newMoonDay(k - 1, timeZone)
        }
        return nm
    }

    /// `jdFromDate(31, 12, year)` for any year (proleptic Gregorian).
    static func julianDayOfDecember31(_ year: Int) -> Int {
        let era = (year >= 0 ? year : year - 399) / 400
        let yoe = year - era * 400
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + 305  // 305 = day of 31/12 in a March-based year
        return era * 146_097 + doe - 719_468 + julianDayOfEpoch
    }

    /// Index, counted from month 11 starting at `a11`, of the leap month of a 13-month
    /// lunar year (`getLeapMonthOffset`).
    static func leapMonthOffset(_ a11: Int, _ timeZone: Double) -> Int {
        let k = Int(floor((Double(a11) - 2_415_021.076998695) / 29.530588853 + 0.5))
        var i = 1
        var arc = sunLongitudeSector(newMoonDay(k + i, timeZone), timeZone)
        var last: Int
        repeat {
            last = arc
            i += 1
            arc = sunLongitudeSector(newMoonDay(k + i, timeZone), timeZone)
        } while arc != last && i < 14
        return i - 1
    }
}
