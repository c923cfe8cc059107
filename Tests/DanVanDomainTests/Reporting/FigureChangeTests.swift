import Testing
@testable import DanVanDomain

@Suite("FigureChange")
struct ReportingFigureChangeTests {

    @Test(arguments: [
        (1_125.0, 1_000.0, "tăng 12,5%"), (800, 1_000, "giảm 20%"), (1_000, 1_000, "không đổi"), (5, 0, "tăng 5"),
        (0, 4, "giảm 100%"), (2_225, 1_664, "tăng 33,71%"), (-5, -10, "tăng 50%"),
    ])
    func asReportsWriteIt(_ current: Double, _ earlier: Double, _ text: String) {
        #expect(FigureChange(current, from: earlier).text() == text)
    }

    @Test func ratiosChangeInPoints() {
        #expect(FigureChange(85.48, from: 83.18).text(percentagePoints: true) == "tăng 2,3 điểm phần trăm")
        #expect(FigureChange(50, from: 53.64).text(percentagePoints: true) == "giảm 3,64 điểm phần trăm")
        #expect(FigureChange(0.1 + 0.2, from: 0.3).text(percentagePoints: true) == "không đổi")
    }

    @Test func differenceAndRelative() {
        let change = FigureChange(1_125, from: 1_000)
        #expect(change.difference == 125 && change.relative == 0.125)
        #expect(FigureChange(5, from: 0).relative == nil)
    }
}
