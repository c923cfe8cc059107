import Testing
@testable import DanVanDomain

@Suite("LunarCalendar")
struct LunarCalendarTests {

    func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
        CivilDate(year: y, month: m, day: d)!
    }

    @Test(arguments: [
        (2007, "2007-02-17"),  // Vietnam (UTC+7); China (UTC+8) had 02-18
        (2023, "2023-01-22"), (2024, "2024-02-10"), (2025, "2025-01-29"), (2026, "2026-02-17"),
        (2027, "2027-02-06"), (2028, "2028-01-26"), (2029, "2029-02-13"),
        // The new moon of 2/2/2030 is at 16:08 UTC: 23:08 in Vietnam, 00:08 on 3/2 in China.
        (2030, "2030-02-02"),
    ])
    func tet(_ year: Int, _ iso: String) {
        #expect(LunarCalendar.newYear(year).iso == iso)
        #expect(LunarCalendar.lunarDate(of: CivilDate(iso: iso)!) == LunarDate(year: year, month: 1, day: 1))
    }

    @Test func chinaReckonsAtUTC8() {
        #expect(LunarCalendar.newYear(2007, timeZone: 8).iso == "2007-02-18")
        #expect(LunarCalendar.newYear(2030, timeZone: 8).iso == "2030-02-03")
        #expect(LunarCalendar.newYear(2025, timeZone: 8).iso == "2025-01-29")
    }

    @Test func lastDayOfTheYearBeforeTet() {
        // 2025 had no 30 tháng Chạp: 28/01/2025 was 29/12 Giáp Thìn.
        #expect(LunarCalendar.lunarDate(of: date(2025, 1, 28)) == LunarDate(year: 2024, month: 12, day: 29))
        #expect(LunarCalendar.solarDate(of: LunarDate(year: 2024, month: 12, day: 30)) == nil)
        #expect(LunarCalendar.lunarDate(of: date(2024, 2, 9)) == LunarDate(year: 2023, month: 12, day: 30))
    }

    @Test(arguments: [(2023, "2023-04-29"), (2024, "2024-04-18"), (2025, "2025-04-07"), (2026, "2026-04-26")])
    func hungKingsDay(_ year: Int, _ iso: String) {
        #expect(LunarCalendar.solarDate(of: LunarDate(year: year, month: 3, day: 10))?.iso == iso)
    }

    @Test func leapMonth2023() {
        // 2023 (Quý Mão) had a leap 2nd month, beginning 22/03/2023.
        #expect(LunarCalendar.lunarDate(of: date(2023, 3, 22)) == LunarDate(year: 2023, month: 2, day: 1, isLeapMonth: true))
        #expect(LunarCalendar.lunarDate(of: date(2023, 2, 20)) == LunarDate(year: 2023, month: 2, day: 1))
        #expect(LunarCalendar.solarDate(of: LunarDate(year: 2023, month: 2, day: 1, isLeapMonth: true)) == date(2023, 3, 22))
        #expect(LunarCalendar.lunarDate(of: date(2023, 4, 20)) == LunarDate(year: 2023, month: 3, day: 1))
        #expect(LunarDate(year: 2023, month: 2, day: 1, isLeapMonth: true).description == "1/2n/2023")
    }

    @Test func nonexistentDates() {
        // No leap month in 2024, and none numbered 3 in 2023.
        #expect(LunarCalendar.solarDate(of: LunarDate(year: 2024, month: 2, day: 1, isLeapMonth: true)) == nil)
        #expect(LunarCalendar.solarDate(of: LunarDate(year: 2023, month: 3, day: 1, isLeapMonth: true)) == nil)
        #expect(LunarCalendar.solarDate(of: LunarDate(year: 2023, month: 13, day: 1)) == nil)
        #expect(LunarCalendar.solarDate(of: LunarDate(year: 2023, month: 1, day: 0)) == nil)
        #expect(LunarCalendar.solarDate(of: LunarDate(year: 2023, month: 1, day: 31)) == nil)
    }

    @Test func roundTripsEveryDay2023To2030() {
        var previous = LunarCalendar.lunarDate(of: date(2022, 12, 31))
        var leapMonths = 0
        var tets = 0
        for n in date(2023, 1, 1).dayNumber...date(2030, 12, 31).dayNumber {
            let solar = CivilDate(dayNumber: n)
            let lunar = LunarCalendar.lunarDate(of: solar)
            #expect(LunarCalendar.solarDate(of: lunar) == solar)
            // Consecutive: the next day, or day 1 after day 29 or 30.
            if lunar.day == 1 {
                #expect(previous.day == 29 || previous.day == 30)
                if lunar.isLeapMonth { leapMonths += 1; #expect(lunar.month == previous.month) }
                if lunar.month == 1 && !lunar.isLeapMonth { tets += 1; #expect(lunar.year == previous.year + 1) }
            } else {
                #expect(lunar.day == previous.day + 1 && lunar.month == previous.month && lunar.isLeapMonth == previous.isLeapMonth)
            }
            previous = lunar
        }
        #expect(tets == 8)
        #expect(leapMonths == 3)  // 2023 (2), 2025 (6), 2028 (5)
    }
}

@Suite("LunarCalendar internals")
struct LunarCalendarInternalsTests {
    @Test func december31() {
        for year in [1, 1582, 1900, 1970, 2000, 2023, 2024, 9999] {
            let date = CivilDate(year: year, month: 12, day: 31)!
            #expect(LunarCalendar.julianDayOfDecember31(year) == LunarCalendar.julianDay(date))
        }
        #expect(WorkingCalendar.dayNumberOfJanuary1(1970) == 0)
        #expect(WorkingCalendar.dayNumberOfJanuary1(2024) == CivilDate(year: 2024, month: 1, day: 1)!.dayNumber)
    }
}
