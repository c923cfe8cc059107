import Testing
@testable import DanVanDomain

@Suite("ModelFlags: the computed 'for the count' flags of a model")
struct ModelFlagsTests {
    let today = CivilDate(iso: "2026-06-30")!

    func facts(_ id: String = "a", goals: [(String, Double)] = [("Số người được trợ giúp", 800)], evaluation: String? = nil, results: [String] = [],
               updated: String = "2026-06-01", stopped: Bool = false, text: String = "") -> ModelFacts {
        ModelFacts(id: id, goals: goals.map { (indicator: $0.0, target: $0.1) }, evaluationOn: evaluation.flatMap(CivilDate.init(iso:)),
                   resultDays: results.compactMap(CivilDate.init(iso:)), lastUpdate: CivilDate(iso: updated)!, stopped: stopped, text: text)
    }

    func flags(_ models: [ModelFacts], months: Int = 6) -> [String: [ModelFlag]] {
        ModelFlags.flags(models, today: today, settings: ModelFlagSettings(staleMonths: months, similarity: 0.8)).mapValues { $0.map(\.flag) }
    }

    @Test("no measurable goal: none, an empty indicator or a zero target raise it; one real goal clears it")
    func measurableGoal() {
        #expect(flags([facts(goals: [])])["a"] == [.noMeasurableGoal])
        #expect(flags([facts(goals: [("", 5), ("Số hộ", 0)])])["a"] == [.noMeasurableGoal])
        #expect(flags([facts(goals: [("", 5), ("Số hộ", 12)])])["a"] == [])
    }

    @Test("no result by the evaluation date: raised after the date without a result on or before it, cleared by one")
    func noResult() {
        #expect(flags([facts(evaluation: "2026-07-15")])["a"] == [])   // the date has not come
        #expect(flags([facts(evaluation: "2026-05-15")])["a"] == [.noResult])
        #expect(flags([facts(evaluation: "2026-05-15", results: ["2026-05-20"])])["a"] == [.noResult])   // too late
        #expect(flags([facts(evaluation: "2026-05-15", results: ["2026-05-15"])])["a"] == [])
    }

    @Test("no update in N months: N is a setting; a stopped model is not stale")
    func stale() {
        #expect(flags([facts(updated: "2025-12-29")])["a"] == [.stale])
        #expect(flags([facts(updated: "2025-12-29")], months: 7)["a"] == [])
        #expect(flags([facts(updated: "2025-12-30", stopped: true)])["a"] == [])
        #expect(ModelFlags.monthsBefore(CivilDate(iso: "2026-08-31")!, months: 6) == CivilDate(iso: "2026-02-28"))
    }

    @Test("near duplicates: a copy with a word changed is flagged both ways; different models are not")
    func duplicates() {
        let base = "tro giup phap ly mien phi cho nguoi ngheo doi tuong chinh sach tren dia ban thanh pho hai phong nam 2017"
        let copy = "tro giup phap ly mien phi cho nguoi ngheo doi tuong chinh sach tren dia ban thanh pho hai phong nam 2018"
        let other = "dan van kheo trong cai cach hanh chinh mot cua lien thong tai phuong"
        let found = flags([facts("a", text: base), facts("b", text: copy), facts("c", text: other)])
        #expect(found["a"] == [.nearDuplicate] && found["b"] == [.nearDuplicate] && found["c"] == [])
        #expect(ModelFlags.similarity(base, copy) > 0.8 && ModelFlags.similarity(base, other) < 0.1)
        #expect(ModelFlags.similarity(base, base) == 1)
        let hits = ModelFlags.flags([facts("a", text: base), facts("b", text: copy)], today: today, settings: ModelFlagSettings())
        #expect(hits["a"]?.first?.other == "b")
        // Stopping the copy clears the original's flag.
        #expect(flags([facts("a", text: base), facts("b", stopped: true, text: copy)])["a"] == [])
        // A higher threshold clears it.
        #expect(ModelFlags.flags([facts("a", text: base), facts("b", text: copy)], today: today, settings: ModelFlagSettings(similarity: 0.95))["a"] == [])
    }
}

@Suite("VietnameseNumber")
struct VietnameseNumberTests {
    @Test func parsesVietnameseNumbers() {
        #expect(VietnameseNumber.parse("811") == 811)
        #expect(VietnameseNumber.parse("1.635") == 1_635)
        #expect(VietnameseNumber.parse("85,5") == 85.5)
        #expect(VietnameseNumber.parse("1.234.567,25") == 1_234_567.25)
        for bad in ["", "abc", "1.23", "1,2,3", "12,", "-5", "1 000"] { #expect(VietnameseNumber.parse(bad) == nil, "\(bad)") }
    }
}
