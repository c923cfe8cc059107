import Testing
@testable import DanVanDomain

@Suite("SurveyRates")
struct SurveyRatesTests {
    func texts(_ counts: [Int]) -> [String] {
        SurveyRates.hundredths(counts).map { SurveyRates.text(hundredths: $0) }
    }

    @Test func addsUpForAwkwardCounts() {
        for counts in [[1, 0, 0], [0, 1, 0], [1, 1, 0], [2, 1, 0], [1, 1, 1], [2, 2, 2], [1, 2, 3], [1_526, 131, 2], [7, 7, 7, 7, 7, 7, 7],
                       [1, 0, 0, 0, 0, 0], [9_999_999, 1, 1], [3, 3, 3, 3, 3, 3]] {
            #expect(SurveyRates.hundredths(counts).reduce(0, +) == SurveyRates.whole, "\(counts)")
        }
    }

    @Test func oneTwoAndThreeAnswers() {
        #expect(texts([1, 0, 0]) == ["100,00%", "0,00%", "0,00%"])
        #expect(texts([1, 1, 0]) == ["50,00%", "50,00%", "0,00%"])
        #expect(texts([2, 0, 1]) == ["66,67%", "0,00%", "33,33%"])
    }

    /// A third each: the hundredth left over goes to the first answer, so the shown rates add up.
    @Test func aThirdEach() {
        #expect(texts([1, 1, 1]) == ["33,34%", "33,33%", "33,33%"])
        #expect(texts([500, 500, 500]) == ["33,34%", "33,33%", "33,33%"])
    }

    /// Seed 000: Dầu Tiếng's 1.659 forms of 2018's first nine months, 91,98% / 7,9% / 0,12%,
    /// which only 1.526 / 131 / 2 give (1.525 would be 91,92%, 130 would be 7,84%).
    @Test func dauTiengSeed() {
        #expect(texts([1_526, 131, 2]) == ["91,98%", "7,90%", "0,12%"])
        #expect([1_526, 131, 2].reduce(0, +) == 1_659)
    }

    @Test func largestRemainderWins() {
        // 1/7 = 14,2857…%: rounded down, 14,28% each (99,96%); the four missing hundredths go
        // to the first four (equal remainders).
        #expect(texts([1, 1, 1, 1, 1, 1, 1]) == ["14,29%", "14,29%", "14,29%", "14,29%", "14,28%", "14,28%", "14,28%"])
        // 2/3 vs 1/3: the larger remainder (0,67 of a hundredth) takes it.
        #expect(SurveyRates.hundredths([1, 2]) == [3_333, 6_667])
    }

    @Test func noAnswers() {
        #expect(SurveyRates.hundredths([0, 0, 0]) == [0, 0, 0])
        #expect(SurveyRates.hundredths([]) == [])
    }
}
