import Testing
@testable import DanVanDomain

@Suite("ValidationRule")
struct ReportingValidationRuleTests {

    let names = [
        "received": "Số đã nhận", "resolved": "Số đã giải quyết", "men": "Số nam", "women": "Số nữ",
        "total": "Tổng số", "cards": "BHYT đã trao", "pending": "Số đang giải quyết",
    ]

    func rule(_ text: String) -> ValidationRule {
        ValidationRule(text)!
    }

    @Test func resolvedMayNotExceedReceived() {
        let resolvedAtMostReceived = rule("resolved <= received")
        let broken = resolvedAtMostReceived.violation(["resolved": 12, "received": 10], names: names)
        #expect(broken?.message == "Số đã giải quyết (12) lớn hơn số đã nhận (10)")
        #expect(broken?.left == 12 && broken?.right == 10)
        #expect(broken?.rule.codes == ["resolved", "received"])
        #expect(resolvedAtMostReceived.violation(["resolved": 10, "received": 10], names: names) == nil)
        #expect(resolvedAtMostReceived.violation(["resolved": 9, "received": 10], names: names) == nil)
    }

    @Test func partsAddUpToTheTotal() {
        let addsUp = rule("men + women == total")
        #expect(addsUp.violation(["men": 3, "women": 4, "total": 10], names: names)?.message == "Số nam + số nữ (7) nhỏ hơn tổng số (10)")
        #expect(addsUp.violation(["men": 8, "women": 4, "total": 10], names: names)?.message == "Số nam + số nữ (12) lớn hơn tổng số (10)")
        #expect(addsUp.violation(["men": 6, "women": 4, "total": 10], names: names) == nil)
        // Decimals that add up on paper add up.
        #expect(addsUp.violation(["men": 0.1, "women": 0.2, "total": 0.3], names: names) == nil)
        #expect(rule("total - men == women").violation(["men": 6, "women": 4, "total": 10], names: names) == nil)
    }

    /// A missing value skips the rule: neither held nor broken.
    @Test func aMissingValueSkipsTheRule() {
        #expect(rule("resolved <= received").violation(["resolved": 12], names: names) == nil)
        #expect(rule("men + women == total").violation(["men": 30, "total": 10], names: names) == nil)
        #expect(rule("resolved <= received").violation([:], names: names) == nil)
    }

    /// Every operator, and the relation the message states is the one found.
    @Test(arguments: [
        ("resolved < received", 10.0, 10.0, "bằng"), ("resolved < received", 11, 10, "lớn hơn"),
        ("resolved >= received", 9, 10, "nhỏ hơn"), ("resolved > received", 10, 10, "bằng"),
        ("resolved != received", 10, 10, "bằng"), ("resolved = received", 9, 10, "nhỏ hơn"),
    ])
    func operators(_ text: String, _ resolved: Double, _ received: Double, _ relation: String) {
        let broken = rule(text).violation(["resolved": resolved, "received": received], names: names)
        #expect(broken?.message == "Số đã giải quyết (\(VietnameseFormat.figure(resolved))) \(relation) số đã nhận (\(VietnameseFormat.figure(received)))")
    }

    @Test func figuresInVietnameseAndNamesInTheirCase() {
        let broken = rule("cards <= total").violation(["cards": 2_225.5, "total": 1_635], names: names)
        #expect(broken?.message == "BHYT đã trao (2.225,5) lớn hơn tổng số (1.635)")
        let reversed = rule("total >= cards").violation(["cards": 2_225, "total": 1_635], names: names)
        #expect(reversed?.message == "Tổng số (1.635) nhỏ hơn BHYT đã trao (2.225)")
        let unnamed = rule("resolved <= other").violation(["resolved": 2, "other": 1], names: names)
        #expect(unnamed?.message == "Số đã giải quyết (2) lớn hơn other (1)")
    }

    @Test func violationsOfAFormInOrder() {
        let rules = [rule("resolved <= received"), rule("men + women == total"), rule("pending <= received")]
        let values: IndicatorValues = ["resolved": 12, "received": 10, "men": 1, "women": 1, "total": 2, "pending": 11]
        #expect(ValidationRule.violations(rules, values, names: names).map(\.rule) == [rules[0], rules[2]])
    }

    @Test(arguments: [
        ("resolved <= received", "resolved <= received"), ("resolved<=received", "resolved <= received"),
        ("  men+women  =  total ", "men + women == total"), ("total − men == women", "total - men == women"),
        ("a.b_1 - c >= d + e - f", "a.b_1 - c >= d + e - f"), ("x != y", "x != y"), ("x > y", "x > y"), ("x < y", "x < y"),
    ])
    func readsAndWritesBack(_ text: String, _ written: String) {
        #expect(ValidationRule(text)?.description == written)
        #expect(ValidationRule(written)?.description == written)
    }

    @Test(arguments: ["", "resolved", "resolved <=", "<= received", "resolved <= <= received", "resolved <= received <= total",
                      "resolved =< received", "resolved => received", "resolved + <= received", "- resolved <= received",
                      "resolved received <= total", "x >= 0", "1x <= y", "số <= nhận", "x <= y * 2", "x <== y", "x <> y"])
    func rejects(_ text: String) {
        #expect(ValidationRule(text) == nil)
    }
}
