import Foundation
import Testing
@testable import DanVanDomain

@Suite("CutOff")
struct ReportingCutOffTests {

    func cutOff(_ day: Int, _ month: Int? = nil) -> CutOff {
        CutOff(day: day, month: month)!
    }

    /// (cut-off day, cut-off month of a year form, period, first day, last day).
    @Test(arguments: [
        // Months closing on the 14th, across the year boundary and February.
        (14, nil, "2026-11", "2026-10-15", "2026-11-14"),
        (14, nil, "2026-01", "2025-12-15", "2026-01-14"),
        (14, nil, "2026-12", "2026-11-15", "2026-12-14"),
        (14, nil, "2026-03", "2026-02-15", "2026-03-14"),
        // A cut-off of 31 in 30-day months and February: the month's last day.
        (31, nil, "2026-11", "2026-11-01", "2026-11-30"),
        (31, nil, "2026-12", "2026-12-01", "2026-12-31"),
        (31, nil, "2026-02", "2026-02-01", "2026-02-28"),
        (31, nil, "2024-02", "2024-02-01", "2024-02-29"),
        // 30 and 29 close February on its last day, and March starts on the 1st.
        (30, nil, "2026-02", "2026-01-31", "2026-02-28"),
        (30, nil, "2026-03", "2026-03-01", "2026-03-30"),
        (30, nil, "2026-04", "2026-03-31", "2026-04-30"),
        (30, nil, "2024-02", "2024-01-31", "2024-02-29"),
        (29, nil, "2024-03", "2024-03-01", "2024-03-29"),
        (29, nil, "2023-03", "2023-03-01", "2023-03-29"),
        (29, nil, "2023-02", "2023-01-30", "2023-02-28"),
        (29, nil, "2024-02", "2024-01-30", "2024-02-29"),
        (1, nil, "2026-01", "2025-12-02", "2026-01-01"),
        // Longer periods are their months joined.
        (14, nil, "2026Q1", "2025-12-15", "2026-03-14"),
        (14, nil, "2026Q4", "2026-09-15", "2026-12-14"),
        (14, nil, "2026H1", "2025-12-15", "2026-06-14"),
        (14, nil, "2026H2", "2026-06-15", "2026-12-14"),
        (14, nil, "2026N9", "2025-12-15", "2026-09-14"),
        (14, nil, "2026", "2025-12-15", "2026-12-14"),
        (31, nil, "2026Q3", "2026-07-01", "2026-09-30"),
        // Year forms closing in a given month; the month does not move the other frequencies.
        (14, 12, "2026", "2025-12-15", "2026-12-14"),
        (30, 11, "2026", "2025-12-01", "2026-11-30"),
        (31, 11, "2026", "2025-12-01", "2026-11-30"),
        (29, 2, "2024", "2023-03-01", "2024-02-29"),
        (29, 2, "2025", "2024-03-01", "2025-02-28"),
        (30, 11, "2026-05", "2026-05-01", "2026-05-30"),
    ] as [(Int, Int?, String, String, String)])
    func range(_ cutOffDay: Int, _ month: Int?, _ key: String, _ first: String, _ last: String) {
        let cut = cutOff(cutOffDay, month)
        let range = cut.range(of: period(key))
        #expect("\(range.from.iso) \(range.to.iso)" == "\(first) \(last)")
        #expect(cut.closingDay(of: period(key)) == day(last))
        #expect(cut.period(containing: day(first), period(key).frequency) == period(key))
        #expect(cut.period(containing: day(last), period(key).frequency) == period(key))
    }

    /// The calendar end gives the calendar periods.
    @Test func calendarEndIsTheCalendar() {
        for key in ["2026-01", "2026-02", "2024-02", "2026-11", "2026Q3", "2026H2", "2026N9", "2026"] {
            #expect(CutOff.calendarEnd.range(of: period(key)) == period(key).calendarDates)
        }
    }

    /// (day, frequency, cut-off day, cut-off month, the period the day falls in).
    @Test(arguments: [
        ("2026-11-14", ReportingFrequency.month, 14, nil, "2026-11"),
        ("2026-11-15", .month, 14, nil, "2026-12"),
        ("2026-12-15", .month, 14, nil, "2027-01"),
        ("2026-12-15", .quarter, 14, nil, "2027Q1"),
        ("2026-12-15", .year, 14, nil, "2027"),
        ("2026-12-15", .year, 14, 12, "2027"),
        ("2026-12-14", .year, 14, 12, "2026"),
        ("2026-12-01", .year, 30, 11, "2027"),
        ("2026-11-30", .year, 30, 11, "2026"),
        ("2026-06-15", .half, 14, nil, "2026H2"),
        ("2026-06-14", .half, 14, nil, "2026H1"),
        ("2025-12-15", .nineMonths, 14, nil, "2026N9"),
        ("2026-09-14", .nineMonths, 14, nil, "2026N9"),
        ("2026-11-30", .month, 31, nil, "2026-11"),
        ("2026-01-31", .month, 30, nil, "2026-02"),
        ("2026-02-28", .month, 30, nil, "2026-02"),
        ("2024-02-29", .month, 29, nil, "2024-02"),
        ("2024-02-29", .month, 28, nil, "2024-03"),
    ] as [(String, ReportingFrequency, Int, Int?, String)])
    func periodOfADay(_ iso: String, _ frequency: ReportingFrequency, _ cut: Int, _ month: Int?, _ key: String) {
        #expect(cutOff(cut, month).period(containing: day(iso), frequency) == period(key))
    }

    @Test func noNineMonthPeriodAfterItsCutOff() {
        #expect(cutOff(14).period(containing: day("2026-09-15"), .nineMonths) == nil)
        #expect(cutOff(14).period(containing: day("2026-12-14"), .nineMonths) == nil)
        #expect(CutOff.calendarEnd.period(containing: day("2026-10-01"), .nineMonths) == nil)
    }

    /// Every cut-off day, every frequency, three years: each period starts the day after the
    /// one before ends, and each of its days falls in it.
    @Test func periodsFollowEachOtherWithoutGapOrOverlap() {
        let cutOffs = (1...31).map { cutOff($0) } + [cutOff(14, 12), cutOff(30, 11), cutOff(29, 2), cutOff(31, 6)]
        for cut in cutOffs {
            for frequency in ReportingFrequency.allCases where frequency != .nineMonths {
                var current = ReportingPeriod(frequency, year: 2023)!
                while current.year <= 2025, let next = current.next {
                    let range = cut.range(of: current)
                    #expect(cut.range(of: next).from == range.to.adding(days: 1), "\(cut) \(current)")
                    var day = range.from
                    while day <= range.to {
                        #expect(cut.period(containing: day, frequency) == current, "\(cut) \(current) \(day)")
                        day = day.adding(days: 1)
                    }
                    current = next
                }
            }
        }
    }

    /// A period's months under a cut-off: their days join into the period's days.
    @Test(arguments: [
        (14, nil, "2026", "2026-01", "2026-12"), (14, 12, "2026", "2026-01", "2026-12"), (30, 11, "2026", "2025-12", "2026-11"),
        (29, 2, "2024", "2023-03", "2024-02"), (14, nil, "2026N9", "2026-01", "2026-09"), (14, 11, "2026Q3", "2026-07", "2026-09"),
        (31, nil, "2026-05", "2026-05", "2026-05"),
    ] as [(Int, Int?, String, String, String)])
    func monthsOfAPeriod(_ cutOffDay: Int, _ month: Int?, _ key: String, _ first: String, _ last: String) {
        let cut = cutOff(cutOffDay, month)
        let months = cut.months(of: period(key))
        #expect(months.first == period(first) && months.last == period(last))
        #expect(months.count == period(key).frequency.monthCount)
        #expect(zip(months, months.dropFirst()).allSatisfy { $0.next == $1 })
        let monthly = cutOff(cutOffDay)
        #expect(monthly.range(of: months.first!).from == cut.range(of: period(key)).from)
        #expect(monthly.range(of: months.last!).to == cut.range(of: period(key)).to)
    }

    @Test func validatesItsParts() throws {
        #expect(CutOff(day: 0) == nil && CutOff(day: 32) == nil)
        #expect(CutOff(day: 14, month: 0) == nil && CutOff(day: 14, month: 13) == nil)
        let decoded = try JSONDecoder().decode(CutOff.self, from: Data(#"{"day":14,"month":12}"#.utf8))
        #expect(decoded == cutOff(14, 12))
        #expect(try JSONDecoder().decode(CutOff.self, from: JSONEncoder().encode(cutOff(14))) == cutOff(14))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CutOff.self, from: Data(#"{"day":40}"#.utf8)) }
    }

    /// The edge of the calendar: January of year 1 starts in the month before it.
    @Test func firstMonthOfTheCalendar() {
        let range = cutOff(14).range(of: period("0001-01"))
        #expect(range.to.iso == "0001-01-14")
        #expect(range.from.dayNumber == CivilDate.dayNumber(year: 0, month: 12, day: 15))
    }
}

@Suite("EntryWindow")
struct ReportingEntryWindowTests {

    let fourteenth = CutOff(day: 14)!

    /// On the 14th the November form opens; it closes five days later.
    @Test func opensOnTheCutOffAndClosesFiveDaysLater() {
        let window = EntryWindow(opens: 0, closes: 5)!
        let dates = window.dates(of: period("2026-11"), fourteenth)
        #expect("\(dates.from.iso) \(dates.to.iso)" == "2026-11-14 2026-11-19")
        #expect(!window.isOpen(on: day("2026-11-13"), for: period("2026-11"), fourteenth))
        #expect(window.isOpen(on: day("2026-11-14"), for: period("2026-11"), fourteenth))
        #expect(window.isOpen(on: day("2026-11-19"), for: period("2026-11"), fourteenth))
        #expect(!window.isOpen(on: day("2026-11-20"), for: period("2026-11"), fourteenth))
        #expect(window.isOnTime(day("2026-11-02"), for: period("2026-11"), fourteenth))
        #expect(window.isOnTime(day("2026-11-19"), for: period("2026-11"), fourteenth))
        #expect(!window.isOnTime(day("2026-11-20"), for: period("2026-11"), fourteenth))
    }

    /// (window, cut-off, period, first day of entry, last day of entry).
    @Test(arguments: [
        (-3, 10, 31, nil, "2026-02", "2026-02-25", "2026-03-10"),
        (-3, 10, 31, nil, "2024-02", "2024-02-26", "2024-03-10"),
        (0, 5, 14, nil, "2026-12", "2026-12-14", "2026-12-19"),
        (1, 20, 14, 12, "2026", "2026-12-15", "2027-01-03"),
        (0, 15, 30, 11, "2026", "2026-11-30", "2026-12-15"),
        (0, 10, 14, nil, "2026Q1", "2026-03-14", "2026-03-24"),
        (0, 10, 31, nil, "2026Q4", "2026-12-31", "2027-01-10"),
    ] as [(Int, Int, Int, Int?, String, String, String)])
    func dates(_ opens: Int, _ closes: Int, _ day: Int, _ month: Int?, _ key: String, _ first: String, _ last: String) {
        let dates = EntryWindow(opens: opens, closes: closes)!.dates(of: period(key), CutOff(day: day, month: month)!)
        #expect("\(dates.from.iso) \(dates.to.iso)" == "\(first) \(last)")
    }

    @Test func openPeriodsOfADay() {
        let narrow = EntryWindow(opens: 0, closes: 5)!
        #expect(narrow.openPeriods(on: day("2026-12-16"), .month, fourteenth) == [period("2026-12")])
        #expect(narrow.openPeriods(on: day("2026-12-20"), .month, fourteenth).isEmpty)
        let wide = EntryWindow(opens: -5, closes: 40)!
        #expect(wide.openPeriods(on: day("2026-12-16"), .month, fourteenth) == [period("2026-11"), period("2026-12")])
        let year = EntryWindow(opens: 0, closes: 20)!
        #expect(year.openPeriods(on: day("2027-01-02"), .year, CutOff(day: 14, month: 12)!) == [period("2026")])
        #expect(year.openPeriods(on: day("2026-10-01"), .nineMonths, fourteenth) == [period("2026N9")])
    }

    @Test func validatesItsDays() throws {
        #expect(EntryWindow(opens: 5, closes: 4) == nil)
        #expect(EntryWindow(opens: 0, closes: 367) == nil && EntryWindow(opens: -367, closes: 0) == nil)
        #expect(EntryWindow(opens: 3, closes: 3) != nil)
        #expect(try JSONDecoder().decode(EntryWindow.self, from: Data(#"{"opens":0,"closes":5}"#.utf8)) == EntryWindow(opens: 0, closes: 5))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(EntryWindow.self, from: Data(#"{"opens":6,"closes":5}"#.utf8)) }
    }
}
