import Testing
@testable import DanVanDomain

@Suite("IndicatorCatalogue")
struct ReportingIndicatorCatalogueTests {

    let letters = [
        Indicator(code: "letters.received", name: "Số đơn đã nhận", unit: "đơn", source: .records),
        Indicator(code: "letters.resolved", name: "Số đơn đã giải quyết", unit: "đơn", source: .records),
        Indicator(code: "letters.rate", name: "Tỷ lệ giải quyết", unit: "%", valueType: .decimal(2),
                  aggregation: .ratio(numerator: "letters.resolved", denominator: "letters.received", factor: 100), source: .indicators),
        Indicator(code: "cards", name: "BHYT đã trao", unit: "thẻ"),
        Indicator(code: "members", name: "Số hội viên", unit: "người", aggregation: .latest),
    ]

    @Test func aCatalogueThatHoldsTogether() {
        let rules = [ValidationRule("letters.resolved <= letters.received")!]
        #expect(IndicatorCatalogue.problems(letters, rules: rules).isEmpty)
        let catalogue = IndicatorCatalogue(letters)!
        let communes: [[(period: ReportingPeriod, values: IndicatorValues)]] = [
            [(period("2026-01"), ["letters.received": 10, "letters.resolved": 9, "members": 40]), (period("2026-02"), ["members": 42])],
            [(period("2026-02"), ["letters.received": 100, "letters.resolved": 50, "cards": 2_225])],
        ]
        let district = catalogue.consolidation.consolidate(communes)
        #expect(district["letters.rate"].map { VietnameseFormat.figure($0) } == "53,64")
        #expect(district["members"] == 42 && district["cards"] == 2_225)
        let broken = ValidationRule.violations(rules, ["letters.resolved": 12, "letters.received": 10], names: catalogue.names)
        #expect(broken.map(\.message) == ["Số đơn đã giải quyết (12) lớn hơn số đơn đã nhận (10)"])
    }

    @Test func saysWhatDoesNotHoldTogether() {
        let bad = [
            Indicator(code: "a", name: "A", unit: ""),
            Indicator(code: "a", name: "A again", unit: ""),
            Indicator(code: "số_nhận", name: "Số nhận", unit: ""),
            Indicator(code: "1st", name: "First", unit: ""),
            Indicator(code: "r1", name: "R1", unit: "%", aggregation: .ratio(numerator: "a", denominator: "missing", factor: 100), source: .indicators),
            Indicator(code: "r2", name: "R2", unit: "%", aggregation: .ratio(numerator: "r1", denominator: "a", factor: 0)),
            Indicator(code: "s", name: "S", unit: "", source: .indicators),
        ]
        #expect(IndicatorCatalogue(bad) == nil)
        #expect(IndicatorCatalogue.problems(bad, rules: [ValidationRule("a <= nowhere")!]) == [
            "Mã chỉ tiêu “a” bị trùng.",
            "Mã chỉ tiêu “số_nhận” phải bắt đầu bằng chữ cái không dấu, chỉ gồm chữ, số, “_” và “.”.",
            "Mã chỉ tiêu “1st” phải bắt đầu bằng chữ cái không dấu, chỉ gồm chữ, số, “_” và “.”.",
            "Chỉ tiêu “r1” dùng mã “missing” không có trong danh mục.",
            "Chỉ tiêu “r2” là tỷ lệ của một tỷ lệ (“r1”): hãy dùng tử số và mẫu số của nó.",
            "Hệ số của chỉ tiêu “r2” phải lớn hơn 0.",
            "Chỉ tiêu tỷ lệ “r2” được tính từ các chỉ tiêu khác, không nhập.",
            "Chỉ tiêu “s” không phải tỷ lệ nên không tính từ chỉ tiêu khác.",
            "Quy tắc “a <= nowhere” dùng mã “nowhere” không có trong danh mục.",
        ])
    }

    @Test func codes() {
        for good in ["a", "received", "letters.resolved", "x_1", "A2"] { #expect(Indicator.isCode(good), "\(good)") }
        for bad in ["", "1a", "_a", ".a", "a b", "a-b", "đơn", "a+b"] { #expect(!Indicator.isCode(bad), "\(bad)") }
    }
}
