import Foundation
import Testing
@testable import DanVanDomain

@Suite("WorkingCalendar")
struct WorkingCalendarTests {

    func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
        CivilDate(year: y, month: m, day: d)!
    }

    func iso(_ text: String) -> CivilDate {
        CivilDate(iso: text)!
    }

    let calendar = WorkingCalendar()

    /// Weekdays off per year under the default rules, as "MM-DD reason".
    static let expected: [Int: [String]] = [
        2023: ["01-02 compensatory", "01-23 lunar_new_year", "01-24 lunar_new_year", "01-25 lunar_new_year",
               "01-26 compensatory", "01-27 compensatory", "05-01 labour_day", "05-02 compensatory",
               "05-03 compensatory", "09-01 national_day_adjacent", "09-04 compensatory"],
        2024: ["01-01 new_year", "02-09 lunar_new_year", "02-12 lunar_new_year", "02-13 lunar_new_year",
               "02-14 compensatory", "02-15 compensatory", "04-18 hung_kings", "04-30 reunification",
               "05-01 labour_day", "09-02 national_day", "09-03 national_day_adjacent"],
        2025: ["01-01 new_year", "01-28 lunar_new_year", "01-29 lunar_new_year", "01-30 lunar_new_year",
               "01-31 lunar_new_year", "02-03 compensatory", "04-07 hung_kings", "04-30 reunification",
               "05-01 labour_day", "09-01 national_day_adjacent", "09-02 national_day"],
        2026: ["01-01 new_year", "02-16 lunar_new_year", "02-17 lunar_new_year", "02-18 lunar_new_year",
               "02-19 lunar_new_year", "02-20 lunar_new_year", "04-27 compensatory", "04-30 reunification",
               "05-01 labour_day", "09-01 national_day_adjacent", "09-02 national_day"],
        2027: ["01-01 new_year", "02-05 lunar_new_year", "02-08 lunar_new_year", "02-09 lunar_new_year",
               "02-10 compensatory", "02-11 compensatory", "04-16 hung_kings", "04-30 reunification",
               "05-03 compensatory", "09-02 national_day", "09-03 national_day_adjacent"],
        2028: ["01-03 compensatory", "01-25 lunar_new_year", "01-26 lunar_new_year", "01-27 lunar_new_year",
               "01-28 lunar_new_year", "01-31 compensatory", "04-04 hung_kings", "05-01 labour_day",
               "05-02 compensatory", "09-01 national_day_adjacent", "09-04 compensatory"],
        2029: ["01-01 new_year", "02-12 lunar_new_year", "02-13 lunar_new_year", "02-14 lunar_new_year",
               "02-15 lunar_new_year", "02-16 lunar_new_year", "04-23 hung_kings", "04-30 reunification",
               "05-01 labour_day", "09-03 national_day_adjacent", "09-04 compensatory"],
        2030: ["01-01 new_year", "02-01 lunar_new_year", "02-04 lunar_new_year", "02-05 lunar_new_year",
               "02-06 compensatory", "02-07 compensatory", "04-12 hung_kings", "04-30 reunification",
               "05-01 labour_day", "09-02 national_day", "09-03 national_day_adjacent"],
    ]

    @Test(arguments: 2023...2030)
    func holidayList(_ year: Int) {
        let list = calendar.holidays(in: year)
        #expect(list.map { "\($0.date.iso.dropFirst(5)) \($0.reason)" } == Self.expected[year])
        #expect(list.allSatisfy { $0.date.year == year && !WorkingCalendar.isWeekend($0.date) })
        #expect(list.map(\.date) == list.map(\.date).sorted())
        for off in list {
            #expect(!calendar.isWorkingDay(off.date))
        }
        // 11 days a year: 11 holiday days in law, each either on a weekday or made up.
        #expect(list.count == 11)
    }

    @Test func reunificationOnSunday2023() {
        // 29/4 (Giỗ Tổ) Saturday, 30/4 Sunday, 1/5 Monday: made up on Tuesday 2/5 and Wednesday 3/5.
        let off = calendar.holidays(in: 2023).filter { $0.date.month == 5 }
        #expect(off == [
            DayOff(date: date(2023, 5, 1), reason: "labour_day"),
            DayOff(date: date(2023, 5, 2), reason: "compensatory", note: "hung_kings 2023-04-29"),
            DayOff(date: date(2023, 5, 3), reason: "compensatory", note: "reunification 2023-04-30"),
        ])
        #expect(calendar.isWorkingDay(date(2023, 5, 4)))
    }

    @Test func nationalDayOnSaturday2023() {
        #expect(!calendar.isWorkingDay(date(2023, 9, 1)))   // Friday, the adjacent day
        #expect(!calendar.isWorkingDay(date(2023, 9, 2)))   // Saturday
        #expect(!calendar.isWorkingDay(date(2023, 9, 4)))   // Monday, made up for 2/9
        #expect(calendar.isWorkingDay(date(2023, 9, 5)))
        #expect(calendar.isWorkingDay(date(2023, 8, 31)))
    }

    @Test func hungKingsOnSunday2026() {
        // 10/3 âm lịch = Sunday 26/4/2026, made up on Monday 27/4; 30/4 Thursday and 1/5
        // Friday are holidays of their own, so 28–29/4 stay working days.
        #expect(LunarCalendar.solarDate(of: LunarDate(year: 2026, month: 3, day: 10)) == date(2026, 4, 26))
        let expected: [(Int, Bool)] = [(24, true), (25, false), (26, false), (27, false), (28, true), (29, true), (30, false)]
        for (day, working) in expected {
            #expect(calendar.isWorkingDay(date(2026, 4, day)) == working, "26-04-\(day)")
        }
        #expect(!calendar.isWorkingDay(date(2026, 5, 1)))
        #expect(calendar.isWorkingDay(date(2026, 5, 4)))
        #expect(calendar.workingDays(from: date(2026, 4, 24), to: date(2026, 5, 4)) == 3)  // 28, 29/4, 4/5
    }

    @Test func adjacentDayRule() {
        // 2/9 on each weekday → the chosen neighbour.
        let cases: [(year: Int, adjacent: Int)] = [
            (2024, 3),  // Monday → Tuesday 3/9
            (2025, 1),  // Tuesday → Monday 1/9
            (2026, 1),  // Wednesday → Tuesday 1/9
            (2027, 3),  // Thursday → Friday 3/9
            (2022, 1),  // Friday → Thursday 1/9
            (2023, 1),  // Saturday → Friday 1/9
            (2029, 3),  // Sunday → Monday 3/9
        ]
        for (year, adjacent) in cases {
            #expect(WorkingCalendar.defaultAdjacentDay(to: date(year, 9, 2)) == date(year, 9, adjacent), "\(year)")
        }
    }

    @Test func tetDays() {
        #expect(WorkingCalendar.defaultTetDays(2024).map(\.iso)
                == ["2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13"])
        // 2025 had no 30 tháng Chạp: the last day of the old year is the 29th.
        #expect(WorkingCalendar.defaultTetDays(2025).first == date(2025, 1, 28))
        #expect(WorkingCalendar.defaultTetDays(2025, days: 3).map(\.iso) == ["2025-01-28", "2025-01-29", "2025-01-30"])
        #expect(WorkingCalendar.defaultTetDays(2025, days: 0).isEmpty)
    }

    @Test func announcedTetDaysReplaceTheDefault() {
        // Suppose the government announced Tết 2025 as Monday 27/1 to Friday 31/1.
        let announced = (27...31).map { date(2025, 1, $0) }
        let custom = WorkingCalendar(settings: [2025: YearSettings(tetDays: announced)])
        let tet = custom.holidays(in: 2025).filter { $0.date.month <= 2 && $0.reason != "new_year" }
        #expect(tet.map(\.date) == announced)
        #expect(tet.allSatisfy { $0.reason == "lunar_new_year" })
        #expect(custom.isWorkingDay(date(2025, 2, 3)))   // no make-up: no Tết day on a weekend
        #expect(!calendar.isWorkingDay(date(2025, 2, 3)))
        // Other years keep the default.
        #expect(custom.holidays(in: 2026) == calendar.holidays(in: 2026))
    }

    @Test func announcedNationalDayAdjacent() {
        let custom = WorkingCalendar(settings: [2026: YearSettings(nationalDayAdjacent: date(2026, 9, 3))])
        #expect(custom.isWorkingDay(date(2026, 9, 1)))
        #expect(!custom.isWorkingDay(date(2026, 9, 3)))
    }

    @Test func overridesWin() {
        // The 2025 swap: Monday 27/1 off, worked on Saturday 8/2.
        let custom = WorkingCalendar(overrides: [
            CalendarOverride(date: date(2025, 1, 27), kind: .dayOff, note: "Thông báo hoán đổi", createdBy: "admin"),
            CalendarOverride(date: date(2025, 2, 8), kind: .workingDay, note: "Làm bù cho 27/1", createdBy: "admin"),
            CalendarOverride(date: date(2025, 4, 30), kind: .workingDay, note: "thử", createdBy: "admin"),
            CalendarOverride(date: date(2025, 5, 1), kind: .dayOff, note: "nghỉ", createdBy: "admin"),
            CalendarOverride(date: date(2025, 3, 8), kind: .dayOff, note: "thứ Bảy", createdBy: "admin"),
        ])
        #expect(!custom.isWorkingDay(date(2025, 1, 27)))
        #expect(custom.isWorkingDay(date(2025, 2, 8)))
        #expect(custom.isWorkingDay(date(2025, 4, 30)))
        #expect(!custom.isWorkingDay(date(2025, 5, 1)))
        #expect(!custom.isWorkingDay(date(2025, 3, 8)))
        let list = custom.holidays(in: 2025)
        #expect(list.contains(DayOff(date: date(2025, 1, 27), reason: "override", note: "Thông báo hoán đổi")))
        #expect(list.contains(DayOff(date: date(2025, 5, 1), reason: "override", note: "nghỉ")))
        #expect(!list.contains { $0.date == date(2025, 4, 30) })
        #expect(!list.contains { $0.date == date(2025, 3, 8) })  // a Saturday: weekdays only
        #expect(list.count == 11)
        // Friday 7/2 + 1 working day is now Saturday 8/2.
        #expect(custom.nextWorkingDay(after: date(2025, 2, 7)) == date(2025, 2, 8))
    }

    @Test func laterOverrideForTheSameDayWins() {
        let custom = WorkingCalendar(overrides: [
            CalendarOverride(date: date(2025, 6, 2), kind: .dayOff, note: "a", createdBy: "x"),
            CalendarOverride(date: date(2025, 6, 2), kind: .workingDay, note: "b", createdBy: "x"),
        ])
        #expect(custom.isWorkingDay(date(2025, 6, 2)))
    }

    @Test func addingWorkingDaysAcrossTet() {
        // Receipt Monday 5/2/2024: 6, 7, 8/2, then Tết 9–15/2, then 16, 19–23, 26/2.
        #expect(calendar.adding(workingDays: 10, to: date(2024, 2, 5)) == date(2024, 2, 26))
        #expect(calendar.workingDays(from: date(2024, 2, 5), to: date(2024, 2, 26)) == 10)
        #expect(calendar.adding(workingDays: 3, to: date(2024, 2, 5)) == date(2024, 2, 8))
        #expect(calendar.adding(workingDays: 4, to: date(2024, 2, 5)) == date(2024, 2, 16))
        #expect(calendar.adding(workingDays: 0, to: date(2024, 2, 10)) == date(2024, 2, 10))
        #expect(calendar.adding(workingDays: -4, to: date(2024, 2, 16)) == date(2024, 2, 5))
        #expect(calendar.workingDays(from: date(2024, 2, 26), to: date(2024, 2, 5)) == -10)
        #expect(calendar.workingDays(from: date(2024, 2, 5), to: date(2024, 2, 5)) == 0)
        // Across New Year: Friday 29/12/2023 + 1 → Tuesday 2/1/2024.
        #expect(calendar.adding(workingDays: 1, to: date(2023, 12, 29)) == date(2024, 1, 2))
    }

    @Test func nextAndFirstWorkingDay() {
        #expect(calendar.nextWorkingDay(after: date(2024, 2, 8)) == date(2024, 2, 16))
        #expect(calendar.firstWorkingDay(onOrAfter: date(2024, 2, 8)) == date(2024, 2, 8))
        #expect(calendar.firstWorkingDay(onOrAfter: date(2024, 2, 10)) == date(2024, 2, 16))
    }

    @Test func addingAndCountingAgreeEveryDay2023To2030() {
        let start = date(2023, 1, 1).dayNumber
        for n in stride(from: start, through: date(2030, 12, 20).dayNumber, by: 3) {
            let day = CivilDate(dayNumber: n)
            for k in [1, 5, 10] {
                let due = calendar.adding(workingDays: k, to: day)
                #expect(calendar.isWorkingDay(due))
                #expect(calendar.workingDays(from: day, to: due) == k)
                #expect(calendar.workingDays(from: day, to: due.adding(days: -1)) == k - 1)
            }
        }
    }

    @Test func workingDaysPerYear() {
        // 2024: 262 weekdays, 11 weekdays off.
        #expect(calendar.workingDays(from: date(2023, 12, 31), to: date(2024, 12, 31)) == 251)
    }

    @Test func rulesApplyOnlyWhileValid() {
        #expect(calendar.holidays(in: 2020).isEmpty)
        let ended = HolidayRule(key: "old", kind: .solar(month: 6, day: 1), validFrom: date(2000, 1, 1),
                                validTo: date(2024, 12, 31), source: "test")
        let custom = WorkingCalendar(rules: [ended])
        #expect(!custom.isWorkingDay(date(2023, 6, 1)))
        #expect(custom.isWorkingDay(date(2026, 6, 1)))
        #expect(custom.holidays(in: 2026).isEmpty)
    }

    @Test func lunarRuleInTheNextSolarYear() {
        // 15/12 âm lịch of lunar year 2024 falls on 14/1/2025 (a Tuesday).
        let rule = HolidayRule(key: "late", kind: .lunar(month: 12, day: 15), validFrom: date(2000, 1, 1), source: "test")
        let custom = WorkingCalendar(rules: [rule])
        #expect(custom.holidays(in: 2025).map(\.date) == [date(2025, 1, 14)])
    }

    @Test func codable() throws {
        let rules = HolidayRules.laborCode2019
        let data = try JSONEncoder().encode(rules)
        #expect(try JSONDecoder().decode([HolidayRule].self, from: data) == rules)
        let override = CalendarOverride(date: date(2025, 2, 8), kind: .workingDay, note: "n", createdBy: "a")
        let json = String(decoding: try JSONEncoder().encode(override), as: UTF8.self)
        #expect(json.contains("\"working_day\"") && json.contains("\"2025-02-08\""))
        let settings = YearSettings(tetDays: [date(2025, 1, 27)])
        #expect(try JSONDecoder().decode(YearSettings.self, from: JSONEncoder().encode(settings)) == settings)
    }
}
