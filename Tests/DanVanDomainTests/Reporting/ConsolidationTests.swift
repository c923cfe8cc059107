import Testing
@testable import DanVanDomain

@Suite("Consolidation")
struct ReportingConsolidationTests {

    /// Letters received and resolved, the resolution rate in percent, members (latest) and
    /// propaganda sessions.
    let consolidation = Consolidation([
        "received": .sum, "resolved": .sum, "sessions": .sum, "members": .latest,
        "rate": .ratio(numerator: "resolved", denominator: "received", factor: 100),
    ])

    func percent(_ value: Double?) -> String? {
        value.map { VietnameseFormat.decimal($0, fractionDigits: 2) }
    }

    /// Two communes: 9 of 10 letters resolved (90%) and 50 of 100 (50%). The district resolved
    /// 59 of 110, 53,64% — not the 70% an average of the two rates would say.
    @Test func ratioOfSumsIsNoAverageOfRatios() {
        let communes: [IndicatorValues] = [["received": 10, "resolved": 9], ["received": 100, "resolved": 50]]
        let rates = communes.map { consolidation.withRatios($0)["rate"]! }
        #expect(rates == [90, 50])
        let averageOfRates = rates.reduce(0, +) / Double(rates.count)
        let district = consolidation.withRatios(consolidation.overUnits(communes))
        #expect(district["received"] == 110 && district["resolved"] == 59)
        #expect(percent(district["rate"]) == "53,64")
        #expect(percent(averageOfRates) == "70,00")
        #expect(district["rate"] != averageOfRates)
    }

    /// Over months too: a quarter's rate is its resolved over its received.
    @Test func ratioOverMonthsIsTheRatioOfTheMonthsSums() {
        let months: [(period: ReportingPeriod, values: IndicatorValues)] = [
            (period("2026-01"), ["received": 10, "resolved": 9, "rate": 90]),
            (period("2026-02"), ["received": 100, "resolved": 50, "rate": 50]),
        ]
        let quarter = consolidation.withRatios(consolidation.overPeriods(months))
        #expect(percent(quarter["rate"]) == "53,64")
    }

    /// Members are counted at a date: the quarter takes the last month that has a value
    /// (February when March has none), whatever order the months come in.
    @Test func latestOverAQuarterTakesTheLastMonthWithAValue() {
        let months: [(period: ReportingPeriod, values: IndicatorValues)] = [
            (period("2026-02"), ["members": 125, "sessions": 2]),
            (period("2026-03"), ["sessions": 4]),
            (period("2026-01"), ["members": 120, "sessions": 3]),
        ]
        let quarter = consolidation.overPeriods(months)
        #expect(quarter["members"] == 125)
        #expect(quarter["sessions"] == 9)
    }

    /// Each unit's own latest value, then the units added up: a commune that last reported
    /// in January still counts in the district's quarter.
    @Test func latestPerUnitThenAddedOverUnits() {
        let communeA: [(period: ReportingPeriod, values: IndicatorValues)] = [(period("2026-01"), ["members": 10]), (period("2026-03"), ["members": 12])]
        let communeB: [(period: ReportingPeriod, values: IndicatorValues)] = [(period("2026-01"), ["members": 20])]
        #expect(consolidation.consolidate([communeA, communeB])["members"] == 32)
    }

    /// Six-, nine- and twelve-month figures come from the months they are made of.
    @Test func periodsDerivedFromMonthlyValues() {
        var monthly: [ReportingPeriod: IndicatorValues] = [:]
        for month in 1...12 {
            monthly[.month(2026, month)!] = ["sessions": Double(month), "members": Double(100 + month)]
        }
        monthly[.month(2025, 12)!] = ["sessions": 1_000]
        #expect(consolidation.value(of: period("2026N9"), monthly: monthly)["sessions"] == 45)
        #expect(consolidation.value(of: period("2026N9"), monthly: monthly)["members"] == 109)
        #expect(consolidation.value(of: period("2026H1"), monthly: monthly)["sessions"] == 21)
        #expect(consolidation.value(of: period("2026Q4"), monthly: monthly)["sessions"] == 33)
        #expect(consolidation.value(of: period("2026"), monthly: monthly)["sessions"] == 78)
        #expect(consolidation.value(of: period("2026"), monthly: monthly)["members"] == 112)
        #expect(consolidation.value(of: period("2026-05"), monthly: monthly)["sessions"] == 5)
        // A year closing on 30 November: December 2025 to November 2026.
        let novemberYear = CutOff(day: 30, month: 11)!
        #expect(consolidation.value(of: period("2026"), monthly: monthly, cutOff: novemberYear)["sessions"] == 1_066)
        #expect(consolidation.value(of: period("2026"), monthly: monthly, cutOff: novemberYear)["members"] == 111)
    }

    /// Nothing reported is no value, not 0; a rate needs both parts and a denominator.
    @Test func missingIsNotZero() {
        #expect(consolidation.consolidate([])["sessions"] == nil)
        #expect(consolidation.overUnits([["sessions": 3], [:]])["sessions"] == 3)
        #expect(consolidation.withRatios(["received": 0, "resolved": 0])["rate"] == nil)
        #expect(consolidation.withRatios(["received": 10])["rate"] == nil)
        #expect(consolidation.withRatios(["resolved": 10, "rate": 80])["rate"] == nil)
        #expect(consolidation.overUnits([["rate": 90], ["rate": 50]])["rate"] == nil)
        #expect(consolidation.overUnits([["other": 1], ["other": 2]])["other"] == 3)
    }
}
