import Testing
@testable import DanVanDomain

@Suite("VietnameseFormat.figure")
struct VietnameseFormatFigureTests {
    @Test func wholeOrNotWithoutTrailingZeros() {
        #expect(VietnameseFormat.figure(1_635) == "1.635")
        #expect(VietnameseFormat.figure(85.48) == "85,48")
        #expect(VietnameseFormat.figure(12.5) == "12,5")
        #expect(VietnameseFormat.figure(53.636_363) == "53,64")
        #expect(VietnameseFormat.figure(0.285, fractionDigits: 2) == "0,29")
        #expect(VietnameseFormat.figure(-1_234_567.1) == "-1.234.567,1")
        #expect(VietnameseFormat.figure(1.999, fractionDigits: 2) == "2")
        #expect(VietnameseFormat.figure(.nan) == "—")
    }
}
