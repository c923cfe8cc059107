import Foundation
import Testing
@testable import DanVanDomain

@Suite("CivilDate")
struct CivilDateTests {

    func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
        CivilDate(year: y, month: m, day: d)!
    }

    @Test func leapYears() {
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(!CivilDate.isLeapYear(1900))
        #expect(CivilDate.isLeapYear(2000))
    }

    @Test func rejectsImpossibleDates() {
        #expect(CivilDate(year: 2025, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2025, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2025, month: 0, day: 1) == nil)
        #expect(CivilDate(year: 2025, month: 1, day: 0) == nil)
        #expect(CivilDate(year: 0, month: 1, day: 1) == nil)
        #expect(CivilDate(year: 2025, month: 12, day: 31) != nil)
    }

    @Test("a typed date is read day first, in every way an office types it; nonsense is nil")
    func enteredDates() {
        let march16 = date(2026, 3, 16)
        for text in ["16/03/2026", "16/3/2026", " 16/03/2026 ", "16-03-2026", "16.03.2026", "16032026", "2026-03-16"] {
            #expect(CivilDate(entered: text) == march16, "\(text)")
        }
        #expect(CivilDate(entered: "03/12/2026") == date(2026, 12, 3))
        for text in ["", "16/13/2026", "31/02/2026", "1632026", "160320261", "2026/03/16", "ngày 16", "16/03/26"] {
            #expect(CivilDate(entered: text) == nil, "\(text)")
        }
    }

    @Test func isoRoundTrip() {
        let d = CivilDate(iso: "2025-07-01")
        #expect(d == date(2025, 7, 1))
        #expect(d?.iso == "2025-07-01")
        #expect(d?.description == "2025-07-01")
        #expect(date(5, 1, 2).iso == "0005-01-02")
    }

    @Test(arguments: ["2025-7-01", "2025-07-1", "2025/07/01", "2025-13-01", " 2025-07-01", "2023-02-29", "", "20250701", "2025-07-0a"])
    func isoRejects(_ text: String) {
        #expect(CivilDate(iso: text) == nil)
    }

    @Test func vietnameseForms() {
        #expect(CivilDate(vietnamese: "16/03/2023") == date(2023, 3, 16))
        #expect(CivilDate(vietnamese: "16/3/2023") == date(2023, 3, 16))
        #expect(CivilDate(vietnamese: " 1/1/2024 ") == date(2024, 1, 1))
    }

    @Test(arguments: ["16/03/23", "32/01/2023", "16-03-2023", "29/02/2023", "016/03/2023", "16/03/2023/1", "//2023"])
    func vietnameseRejects(_ text: String) {
        #expect(CivilDate(vietnamese: text) == nil)
    }

    @Test func dayNumbers() {
        #expect(date(1970, 1, 1).dayNumber == 0)
        #expect(date(1969, 12, 31).dayNumber == -1)
        #expect(date(2000, 3, 1).dayNumber == 11_017)
        #expect(CivilDate(dayNumber: 11_017) == date(2000, 3, 1))
    }

    @Test func dayNumberRoundTrip1990To2040() {
        var expected = date(1990, 1, 1).dayNumber
        var count = 0
        for year in 1990...2040 {
            for month in 1...12 {
                for day in 1...CivilDate.daysInMonth(year: year, month: month) {
                    let d = date(year, month, day)
                    #expect(d.dayNumber == expected)
                    #expect(CivilDate(dayNumber: expected) == d)
                    expected += 1
                    count += 1
                }
            }
        }
        #expect(count == date(1990, 1, 1).days(to: date(2041, 1, 1)))
        // Cross-check with Foundation's epoch arithmetic.
        let seconds = Double(date(2041, 1, 1).dayNumber) * 86_400
        #expect(Date(timeIntervalSince1970: seconds) == ISO8601DateFormatter().date(from: "2041-01-01T00:00:00Z"))
    }

    @Test func arithmetic() {
        #expect(date(2024, 3, 1).adding(days: -1) == date(2024, 2, 29))
        #expect(date(2024, 12, 31).adding(days: 1) == date(2025, 1, 1))
        #expect(date(2024, 1, 1).days(to: date(2025, 1, 1)) == 366)
        #expect(date(2025, 1, 1).days(to: date(2024, 1, 1)) == -366)
    }

    @Test func weekdays() {
        #expect(date(2025, 7, 1).weekday == .tuesday)
        #expect(date(1970, 1, 1).weekday == .thursday)
        #expect(date(1969, 12, 29).weekday == .monday)
        #expect(date(2024, 2, 29).weekday == .thursday)
        #expect(date(2025, 7, 6).weekday == .sunday)
    }

    @Test func ordering() {
        let dates = [date(2025, 1, 2), date(2024, 12, 31), date(2025, 1, 1)]
        #expect(dates.sorted() == [date(2024, 12, 31), date(2025, 1, 1), date(2025, 1, 2)])
        #expect(date(2024, 2, 1) < date(2024, 10, 1))
    }

    @Test func todayInVietnam() {
        let midnightHanoi = Double(date(2025, 7, 1).dayNumber) * 86_400 - 7 * 3600
        #expect(CivilDate.today(now: Date(timeIntervalSince1970: midnightHanoi)) == date(2025, 7, 1))
        #expect(CivilDate.today(now: Date(timeIntervalSince1970: midnightHanoi - 1)) == date(2025, 6, 30))
        #expect(CivilDate.today(in: 0, now: Date(timeIntervalSince1970: -1)) == date(1969, 12, 31))
        #expect(CivilDate.today(now: Date(timeIntervalSince1970: 0)) == date(1970, 1, 1))
    }

    @Test func codableAsISOString() throws {
        struct Box: Codable, Equatable { var on: CivilDate }
        let data = try JSONEncoder().encode(Box(on: date(2025, 7, 1)))
        #expect(String(decoding: data, as: UTF8.self) == #"{"on":"2025-07-01"}"#)
        #expect(try JSONDecoder().decode(Box.self, from: data) == Box(on: date(2025, 7, 1)))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Box.self, from: Data(#"{"on":"2025-02-30"}"#.utf8))
        }
    }
}
