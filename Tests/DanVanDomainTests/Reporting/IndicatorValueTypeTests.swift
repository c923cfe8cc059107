import Testing
@testable import DanVanDomain

@Suite("IndicatorValueType")
struct ReportingIndicatorValueTypeTests {

    func value(_ type: IndicatorValueType, _ text: String) -> Double?? {
        try? type.parse(text).get()
    }

    func problem(_ type: IndicatorValueType, _ text: String) -> NumberEntryProblem? {
        guard case .failure(let problem) = type.parse(text) else { return nil }
        return problem
    }

    /// The figures of the seeds as an officer types them.
    @Test(arguments: [
        ("1.635", 1_635.0), ("1635", 1_635), (" 2.225 ", 2_225), ("\u{00A0}11.245\t", 11_245), ("0", 0),
        ("8.200.000.000", 8_200_000_000), ("813", 813), ("12,00", 12), ("-0", 0),
    ])
    func counts(_ text: String, _ expected: Double) {
        #expect(value(.count, text) == .some(expected))
    }

    @Test(arguments: [("85,48", 85.48), ("91,98", 91.98), ("1.234,5", 1_234.5), ("7,9", 7.9), ("12,50", 12.5), ("100", 100)])
    func decimals(_ text: String, _ expected: Double) {
        #expect(value(.decimal(2), text) == .some(expected))
    }

    @Test func anEmptyCellIsNoValue() {
        #expect(value(.count, "") == .some(nil))
        #expect(value(.count, "   ") == .some(nil))
    }

    @Test(arguments: ["abc", "12a", "1 635", "85.48", "1.5", "1,2,3", "12,", ",5", "1.2345", "--5", "+5", "5-", "12%", "1e3", "١٢"])
    func refusesWhatIsNoVietnameseNumber(_ text: String) {
        #expect(problem(.decimal(2), text) == .notANumber)
        #expect(problem(.count, text) == .notANumber)
    }

    @Test func negativeOnlyWhereTheTypeAllowsIt() {
        #expect(problem(.count, "-5") == .negative)
        #expect(problem(.count, "\u{2212}1.635") == .negative)
        #expect(problem(.decimal(2), "-0,5") == .negative)
        #expect(value(.integer, "-5") == .some(-5))
        #expect(value(.integer, "\u{2212}1.635") == .some(-1_635))
        #expect(value(.decimal(1, allowsNegative: true), "-2,5") == .some(-2.5))
    }

    @Test func decimalsWithinTheTypesDigits() {
        #expect(problem(.count, "85,48") == .notWhole)
        #expect(problem(.integer, "-1,5") == .notWhole)
        #expect(problem(.decimal(2), "85,485") == .tooManyDecimals(allowed: 2))
        #expect(problem(.decimal(1), "7,90") == nil)
        #expect(problem(.decimal(0), "7,9") == .notWhole)
    }

    @Test func tooLarge() {
        #expect(value(.count, "999.999.999.999.999") == .some(999_999_999_999_999))
        #expect(problem(.count, "1.000.000.000.000.000") == .tooLarge)
    }

    @Test func messagesInVietnamese() {
        #expect(NumberEntryProblem.notANumber.message.hasPrefix("Chỉ nhập số, ví dụ 1.635 hoặc 85,48"))
        #expect(NumberEntryProblem.negative.message == "Không được nhập số âm.")
        #expect(NumberEntryProblem.notWhole.message == "Chỉ nhập số nguyên, không có phần thập phân.")
        #expect(NumberEntryProblem.tooManyDecimals(allowed: 2).message == "Chỉ được nhập tối đa 2 chữ số thập phân.")
        #expect(NumberEntryProblem.tooLarge.message == "Số quá lớn (tối đa 15 chữ số).")
    }

    @Test func showsWhatItReads() {
        #expect(IndicatorValueType.count.text(1_635) == "1.635")
        #expect(IndicatorValueType.decimal(2).text(85.48) == "85,48")
        #expect(IndicatorValueType.decimal(2).text(12.5) == "12,5")
        for text in ["1.635", "85,48", "8.200.000.000", "0,05"] {
            let read = try? IndicatorValueType.decimal(2).parse(text).get()
            #expect(read.flatMap { $0 }.map(IndicatorValueType.decimal(2).text) == text)
        }
    }
}
