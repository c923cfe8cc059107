import Foundation
import Testing
@testable import DanVanDomain

@Suite("ReportingPeriod")
struct ReportingPeriodTests {

    func days(_ period: ReportingPeriod) -> String {
        "\(period.firstDay.iso) \(period.lastDay.iso)"
    }

    @Test(arguments: [
        ("2026-11", ReportingFrequency.month, 11, "Tháng 11/2026", "2026-11-01 2026-11-30"),
        ("2026-03", .month, 3, "Tháng 03/2026", "2026-03-01 2026-03-31"),
        ("2024-02", .month, 2, "Tháng 02/2024", "2024-02-01 2024-02-29"),
        ("2026Q1", .quarter, 1, "Quý I/2026", "2026-01-01 2026-03-31"),
        ("2026Q2", .quarter, 2, "Quý II/2026", "2026-04-01 2026-06-30"),
        ("2026Q3", .quarter, 3, "Quý III/2026", "2026-07-01 2026-09-30"),
        ("2026Q4", .quarter, 4, "Quý IV/2026", "2026-10-01 2026-12-31"),
        ("2026H1", .half, 1, "6 tháng đầu năm 2026", "2026-01-01 2026-06-30"),
        ("2026H2", .half, 2, "6 tháng cuối năm 2026", "2026-07-01 2026-12-31"),
        ("2026N9", .nineMonths, 1, "9 tháng năm 2026", "2026-01-01 2026-09-30"),
        ("2026", .year, 1, "Năm 2026", "2026-01-01 2026-12-31"),
    ])
    func keysLabelsAndDays(_ key: String, _ frequency: ReportingFrequency, _ index: Int, _ label: String, _ range: String) {
        let parsed = ReportingPeriod(key: key)
        #expect(parsed?.frequency == frequency)
        #expect(parsed?.year == Int(key.prefix(4)))
        #expect(parsed?.index == index)
        #expect(parsed?.key == key)
        #expect(parsed?.description == key)
        #expect(parsed?.label == label)
        #expect(parsed.map(days) == range)
        #expect(parsed.map { "\($0.calendarDates.from.iso) \($0.calendarDates.to.iso)" } == range)
    }

    @Test(arguments: [
        ("2026-11", "November 2026"), ("2026-01", "January 2026"), ("2024-02", "February 2024"), ("2026Q1", "Q1 2026"), ("2026Q3", "Q3 2026"),
        ("2026H1", "First half of 2026"), ("2026H2", "Second half of 2026"), ("2026N9", "Nine months of 2026"), ("2026", "Year 2026"),
    ])
    func englishLabels(_ key: String, _ label: String) {
        #expect(ReportingPeriod(key: key)?.englishLabel == label)
    }

    @Test func everyPeriodHasAnEnglishLabelOfItsOwn() {
        let periods = ReportingFrequency.allCases.flatMap { frequency in
            (1...frequency.periodsPerYear).compactMap { ReportingPeriod(frequency, year: 2026, index: $0) }
        }
        #expect(Set(periods.map(\.englishLabel)).count == periods.count)
        #expect(periods.allSatisfy { $0.englishLabel.allSatisfy(\.isASCII) && $0.englishLabel.hasSuffix("2026") })
    }

    @Test(arguments: ["", "202", "20266", "2026-", "2026-1", "2026-13", "2026-00", "2026-123", "2026q3", "2026Q5", "2026Q0",
                      "2026Q", "2026Q12", "2026H3", "2026H0", "2026S1", "2026N6", "2026N", "2026N99", "0000", "0000-01",
                      " 2026", "2026 ", "2026-q3", "2026-6m", "2026/11", "202611", "x026", "2026-1a", "٢٠٢٦"])
    func rejects(_ key: String) {
        #expect(ReportingPeriod(key: key) == nil)
    }

    @Test func everyPeriodOfAYearRoundTrips() {
        for frequency in ReportingFrequency.allCases {
            let periods = (1...frequency.periodsPerYear).compactMap { ReportingPeriod(frequency, year: 2026, index: $0) }
            #expect(periods.count == frequency.periodsPerYear)
            for period in periods {
                #expect(ReportingPeriod(key: period.key) == period)
                #expect(ReportingPeriod(period.calendarDates) == period)
            }
        }
        #expect(ReportingPeriod(.month, year: 2026, index: 13) == nil)
        #expect(ReportingPeriod(.nineMonths, year: 2026, index: 2) == nil)
        #expect(ReportingPeriod.year(0) == nil && ReportingPeriod.year(10_000) == nil)
        #expect(ReportingPeriod.year(1)?.key == "0001")
    }

    @Test func codableAsItsKey() throws {
        let data = try JSONEncoder().encode([period("2026Q3"), period("2026-11")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026Q3","2026-11"]"#)
        #expect(try JSONDecoder().decode([ReportingPeriod].self, from: data) == [period("2026Q3"), period("2026-11")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ReportingPeriod].self, from: Data(#"["2026-q3"]"#.utf8)) }
    }

    /// The existing date-range type converts both ways: its keys (`2026-q3`, `2026-6m`) name
    /// the same periods, and a range that is no standard period has no `ReportingPeriod`.
    @Test func convertsFromReportPeriod() {
        let pairs = [("2026-q3", "2026Q3"), ("2026-6m", "2026H1"), ("2026-9m", "2026N9"), ("2026", "2026"), ("2024-02", "2024-02")]
        for (old, new) in pairs {
            #expect(ReportPeriod.parse(old).flatMap(ReportingPeriod.init) == period(new))
            #expect(period(new).calendarDates == ReportPeriod.parse(old))
        }
        let date = { (y: Int, m: Int, d: Int) in CivilDate(year: y, month: m, day: d)! }
        for (from, to) in [(date(2026, 10, 15), date(2026, 11, 14)), (date(2026, 2, 1), date(2026, 4, 30)),
                           (date(2026, 4, 1), date(2026, 12, 31)), (date(2026, 12, 1), date(2027, 1, 31)),
                           (date(2026, 1, 1), date(2026, 2, 28)), (date(2026, 3, 1), date(2026, 8, 31))] {
            #expect(ReportingPeriod(ReportPeriod(from: from, to: to)!) == nil, "\(from)…\(to)")
        }
    }

    @Test func monthsItIsMadeOf() {
        #expect(period("2026-11").monthKeys == ["2026-11"])
        #expect(period("2026Q3").monthKeys == ["2026-07", "2026-08", "2026-09"])
        #expect(period("2026H2").monthKeys == ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"])
        #expect(period("2026N9").monthKeys == (1...9).map { "2026-0\($0)" })
        #expect(period("2026").months.count == 12)
        #expect(period("2026").months.first == period("2026-01") && period("2026").months.last == period("2026-12"))
        for frequency in ReportingFrequency.allCases {
            #expect(ReportingPeriod(frequency, year: 2026)!.months.count == frequency.monthCount)
        }
    }

    @Test(arguments: [
        ("2026-11", "2026-10", "2026-12", "2025-11"), ("2026-01", "2025-12", "2026-02", "2025-01"),
        ("2026-12", "2026-11", "2027-01", "2025-12"), ("2026Q1", "2025Q4", "2026Q2", "2025Q1"),
        ("2026Q3", "2026Q2", "2026Q4", "2025Q3"), ("2026H1", "2025H2", "2026H2", "2025H1"),
        ("2026H2", "2026H1", "2027H1", "2025H2"), ("2026N9", "2025N9", "2027N9", "2025N9"),
        ("2026", "2025", "2027", "2025"),
    ])
    func neighbours(_ key: String, _ previous: String, _ next: String, _ lastYear: String) {
        #expect(period(key).previous == period(previous))
        #expect(period(key).next == period(next))
        #expect(period(key).sameLastYear == period(lastYear))
    }

    @Test func neighboursAtTheEdgesOfTheCalendar() {
        #expect(period("0001-01").previous == nil)
        #expect(period("0001Q1").sameLastYear == nil)
        #expect(period("9999-12").next == nil)
        #expect(period("0001-02").previous == period("0001-01"))
    }

    @Test func calendarPeriodOfADay() {
        let day = CivilDate(year: 2026, month: 8, day: 17)!
        let keys = ReportingFrequency.allCases.map { ReportingPeriod.containing(day, $0)?.key }
        #expect(keys == ["2026-08", "2026Q3", "2026H2", "2026N9", "2026"])
        #expect(ReportingPeriod.containing(CivilDate(year: 2026, month: 10, day: 1)!, .nineMonths) == nil)
        #expect(ReportingPeriod.containing(CivilDate(year: 2026, month: 9, day: 30)!, .nineMonths) == period("2026N9"))
    }

    @Test func ordersByStartThenLength() {
        let keys = ["2026", "2026-02", "2026N9", "2025Q4", "2026H1", "2026Q1", "2026-01"]
        #expect(keys.map(period).sorted().map(\.key) == ["2025Q4", "2026-01", "2026Q1", "2026H1", "2026N9", "2026", "2026-02"])
    }
}
