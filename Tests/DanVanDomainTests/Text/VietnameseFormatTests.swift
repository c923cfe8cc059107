import Testing
@testable import DanVanDomain

@Suite("VietnameseFormat: numbers")
struct VietnameseFormatTests {

    @Test func integers() {
        #expect(VietnameseFormat.integer(1635) == "1.635")
        #expect(VietnameseFormat.integer(-12_345_678) == "-12.345.678")
        #expect(VietnameseFormat.integer(0) == "0")
        #expect(VietnameseFormat.integer(999) == "999")
        #expect(VietnameseFormat.integer(1000) == "1.000")
        #expect(VietnameseFormat.integer(Int.min) == "-9.223.372.036.854.775.808")
    }

    @Test func decimals() {
        #expect(VietnameseFormat.decimal(85.48, fractionDigits: 2) == "85,48")
        #expect(VietnameseFormat.decimal(85.5, fractionDigits: 2) == "85,50")
        #expect(VietnameseFormat.decimal(1_234_567.891, fractionDigits: 2) == "1.234.567,89")
        #expect(VietnameseFormat.decimal(1.005, fractionDigits: 2) == "1,01")
        #expect(VietnameseFormat.decimal(0.995, fractionDigits: 2) == "1,00")
        #expect(VietnameseFormat.decimal(2.5, fractionDigits: 0) == "3")
        #expect(VietnameseFormat.decimal(-2.5, fractionDigits: 0) == "-3")
        #expect(VietnameseFormat.decimal(-0.001, fractionDigits: 2) == "0,00")
        #expect(VietnameseFormat.decimal(1e-7, fractionDigits: 2) == "0,00")
        #expect(VietnameseFormat.decimal(0.5, fractionDigits: 0) == "1")
        #expect(VietnameseFormat.decimal(1e20, fractionDigits: 0) == "100.000.000.000.000.000.000")
        #expect(VietnameseFormat.decimal(.nan, fractionDigits: 2) == "—")
        #expect(VietnameseFormat.decimal(.infinity, fractionDigits: 2) == "—")
    }

    @Test func percentOfRatio() {
        #expect(VietnameseFormat.percent(0.8548) == "85,48%")
        #expect(VietnameseFormat.percent(1) == "100,00%")
        #expect(VietnameseFormat.percent(0) == "0,00%")
        #expect(VietnameseFormat.percent(0.285, fractionDigits: 0) == "29%")
        #expect(VietnameseFormat.percent(0.12345, fractionDigits: 1) == "12,3%")
    }

    @Test func percentOfCounts() {
        #expect(VietnameseFormat.percent(numerator: 1398, denominator: 1635) == "85,50%")
        #expect(VietnameseFormat.percent(numerator: 1, denominator: 3) == "33,33%")
        #expect(VietnameseFormat.percent(numerator: 2, denominator: 3, fractionDigits: 1) == "66,7%")
        #expect(VietnameseFormat.percent(numerator: 1, denominator: 16, fractionDigits: 1) == "6,3%")
        #expect(VietnameseFormat.percent(numerator: -1, denominator: 4) == "-25,00%")
        #expect(VietnameseFormat.percent(numerator: 0, denominator: 7) == "0,00%")
        #expect(VietnameseFormat.percent(numerator: 5, denominator: 0) == nil)
        #expect(VietnameseFormat.percent(numerator: Int.max, denominator: Int.max) == "100,00%")
    }

    @Test func money() {
        #expect(VietnameseFormat.money(8_200_000_000) == "8,2 tỷ đồng")
        #expect(VietnameseFormat.money(350_000_000) == "350 triệu đồng")
        #expect(VietnameseFormat.money(1_500_000) == "1,5 triệu đồng")
        #expect(VietnameseFormat.money(950_000) == "950.000 đồng")
        #expect(VietnameseFormat.money(0) == "0 đồng")
        #expect(VietnameseFormat.money(1_000_000) == "1 triệu đồng")
        #expect(VietnameseFormat.money(1_234_567) == "1,23 triệu đồng")
        #expect(VietnameseFormat.money(1_005_000) == "1,01 triệu đồng")
        #expect(VietnameseFormat.money(999_999_999) == "1 tỷ đồng")
        #expect(VietnameseFormat.money(1_500_000_000_000) == "1.500 tỷ đồng")
        #expect(VietnameseFormat.money(-2_000_000) == "-2 triệu đồng")
        #expect(VietnameseFormat.money(Int64.min) == "-9.223.372.036,85 tỷ đồng")
    }
}
