import Testing
@testable import DanVanDomain

@Suite("VietnameseFormat: dates")
struct VietnameseFormatDatesTests {
    let march16 = CivilDate(year: 2023, month: 3, day: 16)!

    @Test func numericDate() {
        #expect(VietnameseFormat.date(march16) == "16/03/2023")
        #expect(VietnameseFormat.date(CivilDate(year: 2024, month: 1, day: 5)!) == "05/01/2024")
    }

    @Test func proseDate() {
        #expect(VietnameseFormat.proseDate(march16) == "ngày 16 tháng 3 năm 2023")
        // Nghị định 30/2020/NĐ-CP: leading zero for days < 10 and for months 1 and 2.
        #expect(VietnameseFormat.proseDate(CivilDate(year: 2024, month: 1, day: 5)!) == "ngày 05 tháng 01 năm 2024")
        #expect(VietnameseFormat.proseDate(CivilDate(year: 2023, month: 2, day: 28)!) == "ngày 28 tháng 02 năm 2023")
        #expect(VietnameseFormat.proseDate(CivilDate(year: 2025, month: 10, day: 9)!) == "ngày 09 tháng 10 năm 2025")
        #expect(VietnameseFormat.proseDate(CivilDate(year: 2025, month: 12, day: 31)!) == "ngày 31 tháng 12 năm 2025")
    }

    @Test func placeDate() {
        #expect(VietnameseFormat.placeDate(place: "Chư Pưh", march16) == "Chư Pưh, ngày 16 tháng 3 năm 2023")
        #expect(VietnameseFormat.placeDate(place: " Ia  Le ", march16) == "Ia Le, ngày 16 tháng 3 năm 2023")
        #expect(VietnameseFormat.placeDate(place: "Xã Ia Le", march16) == "Ia Le, ngày 16 tháng 3 năm 2023")
        #expect(VietnameseFormat.placeDate(place: "Huyện Chư Pưh", march16) == "Chư Pưh, ngày 16 tháng 3 năm 2023")
        #expect(VietnameseFormat.placeDate(place: "Thành phố Pleiku", march16) == "Thành phố Pleiku, ngày 16 tháng 3 năm 2023")
    }
}
