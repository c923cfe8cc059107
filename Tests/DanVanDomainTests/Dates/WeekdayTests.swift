import Testing
@testable import DanVanDomain

@Suite("Weekday")
struct WeekdayTests {
    @Test func isoNumberingAndNames() {
        #expect(Weekday.monday.rawValue == 1)
        #expect(Weekday.sunday.rawValue == 7)
        #expect(Weekday.allCases.map(\.vietnameseName)
            == ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"])
    }
}
