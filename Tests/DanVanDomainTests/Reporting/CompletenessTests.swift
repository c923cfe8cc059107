import Testing
@testable import DanVanDomain

@Suite("Completeness")
struct ReportingCompletenessTests {

    let fourteenth = CutOff(day: 14)!
    let fiveDays = EntryWindow(opens: 0, closes: 5)!

    /// Seven communes expected for November: five reported, two of them late, two missing.
    @Test func expectedReceivedOnTimeAndMissing() {
        let communes = ["Ia Le", "Ia Hrú", "Ia Dreng", "Ia Phang", "Chư Don", "Ia Blứ", "Nhơn Hòa"]
        let submitted = [
            "Ia Le": day("2026-11-14"), "Ia Hrú": day("2026-11-19"), "Ia Dreng": day("2026-11-20"),
            "Chư Don": day("2026-11-02"), "Nhơn Hòa": day("2026-12-01"), "Xã khác": day("2026-11-15"),
        ]
        let november = Completeness(expected: communes, submitted: submitted, period: period("2026-11"), cutOff: fourteenth, window: fiveDays)
        #expect(november.expected == 7 && november.received == 5 && november.onTime == 3)
        #expect(november.missing == ["Ia Phang", "Ia Blứ"])
        #expect(november.late == ["Ia Dreng", "Nhơn Hòa"])
        #expect(november.receivedRate == "71,43%")
        #expect(november.onTimeRate == "42,86%")
    }

    @Test func nothingExpected() {
        let none = Completeness<String>(expected: [], submitted: [:], period: period("2026-11"), cutOff: fourteenth, window: fiveDays)
        #expect(none.expected == 0 && none.receivedRate == nil && none.onTimeRate == nil && none.missing.isEmpty)
    }

    @Test func aUnitExpectedTwiceCountsOnce() {
        let twice = Completeness(expected: ["Ia Le", "Ia Le"], submitted: ["Ia Le": day("2026-11-15")], period: period("2026-11"), cutOff: fourteenth, window: fiveDays)
        #expect(twice.expected == 1 && twice.received == 1 && twice.onTime == 1 && twice.receivedRate == "100,00%")
    }
}
