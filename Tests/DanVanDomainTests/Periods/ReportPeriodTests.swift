import Testing
@testable import DanVanDomain

@Suite("ReportPeriod")
struct ReportPeriodTests {

    func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
        CivilDate(year: y, month: m, day: d)!
    }

    func range(_ period: ReportPeriod?) -> String? {
        period.map { "\($0.from.iso) \($0.to.iso)" }
    }

    @Test func standardPeriods() {
        #expect(range(.year(2022)) == "2022-01-01 2022-12-31")
        #expect(range(.quarter(2022, 1)) == "2022-01-01 2022-03-31")
        #expect(range(.quarter(2024, 2)) == "2024-04-01 2024-06-30")
        #expect(range(.quarter(2022, 3)) == "2022-07-01 2022-09-30")
        #expect(range(.quarter(2022, 4)) == "2022-10-01 2022-12-31")
        #expect(range(.sixMonths(2022)) == "2022-01-01 2022-06-30")
        #expect(range(.nineMonths(2022)) == "2022-01-01 2022-09-30")
        #expect(range(.month(2024, 2)) == "2024-02-01 2024-02-29")
        #expect(range(.month(2023, 2)) == "2023-02-01 2023-02-28")
        #expect(ReportPeriod.quarter(2022, 0) == nil)
        #expect(ReportPeriod.quarter(2022, 5) == nil)
        #expect(ReportPeriod.month(2022, 13) == nil)
        #expect(ReportPeriod.year(0) == nil)
    }

    @Test func ranges() {
        #expect(ReportPeriod(from: date(2022, 3, 2), to: date(2022, 3, 1)) == nil)
        let oneDay = ReportPeriod(from: date(2022, 3, 1), to: date(2022, 3, 1))
        #expect(oneDay?.contains(date(2022, 3, 1)) == true)
        let cutOff = ReportPeriod(from: date(2021, 12, 15), to: date(2022, 12, 14))!
        #expect(cutOff.contains(date(2021, 12, 15)) && cutOff.contains(date(2022, 12, 14)))
        #expect(!cutOff.contains(date(2021, 12, 14)) && !cutOff.contains(date(2022, 12, 15)))
        #expect(cutOff.key == nil)
        #expect(cutOff.description == "2021-12-15…2022-12-14")
    }

    @Test(arguments: [
        ("2022", "2022-01-01 2022-12-31"), ("2022-q1", "2022-01-01 2022-03-31"), ("2022-Q4", "2022-10-01 2022-12-31"),
        ("2022-6m", "2022-01-01 2022-06-30"), ("2022-9m", "2022-01-01 2022-09-30"), ("2022-03", "2022-03-01 2022-03-31"),
        ("2024-02", "2024-02-01 2024-02-29"), ("2022-12", "2022-12-01 2022-12-31"),
    ])
    func parses(_ key: String, _ expected: String) {
        #expect(range(ReportPeriod.parse(key)) == expected)
    }

    @Test(arguments: ["", "22", "202", "20222", "2022-", "2022-q5", "2022-q0", "2022-3", "2022-13", "2022-00",
                      "2022-6M", "2022-3m", "2022-q12", "2022/03", "x022", "2022-03-01", " 2022", "0000"])
    func rejects(_ key: String) {
        #expect(ReportPeriod.parse(key) == nil)
    }

    @Test func keysRoundTrip() {
        let keys = ["2022", "2022-q1", "2022-q2", "2022-q3", "2022-q4", "2022-6m", "2022-9m", "2022-01", "2022-12"]
        for key in keys {
            #expect(ReportPeriod.parse(key)?.key == key)
            #expect(ReportPeriod.parse(key)?.description == key)
        }
        #expect(ReportPeriod.parse("2022-Q2")?.key == "2022-q2")
    }

    @Test func monthsAndDays() {
        func split(_ period: ReportPeriod) -> String {
            let (months, days) = period.monthsAndDays
            return ([months.map { "\($0.lowerBound)…\($0.upperBound)" } ?? "-"] + days.map { range($0)! }).joined(separator: " | ")
        }
        #expect(split(.year(2022)!) == "2022-01…2022-12")
        #expect(split(.quarter(2022, 2)!) == "2022-04…2022-06")
        #expect(split(.month(2024, 2)!) == "2024-02…2024-02")
        #expect(split(ReportPeriod(from: date(2022, 1, 15), to: date(2022, 2, 14))!) == "- | 2022-01-15 2022-02-14")
        #expect(split(ReportPeriod(from: date(2021, 12, 15), to: date(2022, 6, 14))!) == "2022-01…2022-05 | 2021-12-15 2021-12-31 | 2022-06-01 2022-06-14")
        #expect(split(ReportPeriod(from: date(2022, 3, 1), to: date(2022, 4, 10))!) == "2022-03…2022-03 | 2022-04-01 2022-04-10")
        #expect(split(ReportPeriod(from: date(2022, 3, 5), to: date(2022, 3, 31))!) == "- | 2022-03-05 2022-03-31")
        #expect(split(ReportPeriod(from: date(2022, 3, 5), to: date(2022, 3, 5))!) == "- | 2022-03-05 2022-03-05")
    }

    @Test func containment() {
        let q1 = ReportPeriod.quarter(2025, 1)!
        #expect(q1.contains(date(2025, 1, 1)) && q1.contains(date(2025, 3, 31)))
        #expect(!q1.contains(date(2024, 12, 31)) && !q1.contains(date(2025, 4, 1)))
    }
}
