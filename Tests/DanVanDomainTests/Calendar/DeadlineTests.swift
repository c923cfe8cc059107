import Foundation
import Testing
@testable import DanVanDomain

@Suite("Deadlines")
struct DeadlineTests {

    func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
        CivilDate(year: y, month: m, day: d)!
    }

    let calendar = WorkingCalendar()
    let book = DeadlineRuleBook(DeadlineRules.defaults)

    func rule(_ key: String) -> DeadlineRule {
        DeadlineRules.defaults.first { $0.key == key }!
    }

    func due(_ key: String, _ variant: DeadlineVariant = .standard, from start: CivilDate,
             extensions: [Int] = []) throws(DeadlineProblem) -> CivilDate {
        try DeadlineCalculator.due(rule: rule(key), variant: variant, from: start,
                                   extensions: extensions, calendar: calendar).date
    }

    /// The problem `body` throws, `nil` if none (any other error fails the test).
    func problem(_ body: () throws -> Void) -> DeadlineProblem? {
        do {
            try body()
            return nil
        } catch let problem as DeadlineProblem {
            return problem
        } catch {
            Issue.record(error)
            return nil
        }
    }

    @Test func theDefaultTable() {
        let keys = DeadlineRules.defaults.map(\.key)
        #expect(Set(keys).count == keys.count)
        #expect(Set(keys) == ["letter_process", "reception_inform", "complaint_accept", "complaint_first_resolve",
                              "complaint_second_resolve", "denunciation_register", "denunciation_register_multi",
                              "denunciation_forward", "denunciation_notify", "denunciation_resolve", "petition_forward"])
        for rule in DeadlineRules.defaults {
            #expect(rule.limit(.standard) != nil)
            #expect(!rule.source.isEmpty && !rule.step.isEmpty)
            // Calendar-day limits are the resolve steps; everything else counts working days.
            #expect((rule.count == .calendarDays) == (rule.step == "resolve"))
        }
        #expect(rule("complaint_first_resolve").limit(.complex)?.maximumDays == 45)
        #expect(rule("complaint_first_resolve").limit(.remoteComplex)?.maximumDays == 60)
        #expect(rule("complaint_second_resolve").limit(.complex)?.maximumDays == 60)
        #expect(rule("complaint_second_resolve").limit(.remoteComplex)?.maximumDays == 70)
        #expect(rule("denunciation_resolve").limit(.especiallyComplex)?.maximumDays == 90)
        #expect(rule("denunciation_resolve").limit(.remote) == nil)
        #expect(rule("complaint_accept").effectiveFrom == date(2012, 7, 1))
        #expect(rule("denunciation_resolve").effectiveFrom == date(2019, 1, 1))
        #expect(rule("reception_inform").effectiveFrom == date(2014, 7, 1))
    }

    @Test func workingDaysAcrossTet() throws {
        // Receipt Monday 5/2/2024; Tết 2024 takes 9–15/2 (with make-up days).
        #expect(try due("letter_process", from: date(2024, 2, 5)) == date(2024, 2, 26))
        #expect(try due("complaint_accept", from: date(2024, 2, 5)) == date(2024, 2, 26))
        #expect(try due("petition_forward", from: date(2024, 2, 5)) == date(2024, 2, 19))
        // 7 working days from Thursday 4/2/2027, Tết 2027 taking 5–11/2.
        #expect(try due("denunciation_register", from: date(2027, 2, 4)) == date(2027, 2, 22))
        #expect(try due("denunciation_register_multi", from: date(2027, 2, 4)) == date(2027, 2, 25))
        // Acceptance Friday 28/4/2023: 29/4–3/5 are off.
        #expect(try due("denunciation_notify", from: date(2023, 4, 28)) == date(2023, 5, 10))
        #expect(try due("denunciation_forward", from: date(2023, 4, 28)) == date(2023, 5, 10))
        #expect(try due("reception_inform", from: date(2023, 4, 28)) == date(2023, 5, 17))
    }

    @Test func calendarDaysEndingOnADayOff() throws {
        // 30 days from 30/12/2024 is 29/1/2025, mùng 1 Tết; 30–31/1 Tết, 1–2/2 weekend,
        // 3/2 made up for Saturday 1/2 → Tuesday 4/2.
        #expect(try due("complaint_first_resolve", from: date(2024, 12, 30)) == date(2025, 2, 4))
        // Ends on Saturday 8/3/2025 → Monday 10/3.
        #expect(try due("complaint_first_resolve", from: date(2025, 2, 6)) == date(2025, 3, 10))
        // Ends on Sunday 2/9/2029 → 3/9 adjacent day, 4/9 make-up → Wednesday 5/9.
        #expect(try due("denunciation_resolve", from: date(2029, 8, 3)) == date(2029, 9, 5))
        // Ends on a working day: unchanged.
        #expect(try due("complaint_first_resolve", from: date(2026, 3, 2)) == date(2026, 4, 1))
    }

    @Test func everyVariantOfEveryRule() throws {
        let start = date(2026, 3, 2)
        for rule in DeadlineRules.defaults {
            for variant in DeadlineVariant.allCases {
                guard let limit = rule.limit(variant) else {
                    #expect(problem { _ = try due(rule.key, variant, from: start) } == .variantNotAllowed(variant.rawValue))
                    continue
                }
                let result = try DeadlineCalculator.due(rule: rule, variant: variant, from: start, calendar: calendar)
                #expect(result.totalDays == limit.days)
                #expect(result.variant == variant && result.rule == rule)
                #expect(calendar.isWorkingDay(result.date))
                switch rule.count {
                case .workingDays:
                    #expect(calendar.workingDays(from: start, to: result.date) == limit.days)
                case .calendarDays:
                    #expect(result.date == calendar.firstWorkingDay(onOrAfter: start.adding(days: limit.days)))
                }
                if limit.extensions > 0 {
                    let full = Array(repeating: limit.extensionDays, count: limit.extensions)
                    let extended = try DeadlineCalculator.due(rule: rule, variant: variant, from: start,
                                                              extensions: full, calendar: calendar)
                    #expect(extended.totalDays == limit.maximumDays)
                }
            }
        }
    }

    @Test func resolveLimitsWithExtensions() throws {
        let start = date(2026, 3, 2)  // Monday
        // Complaint, first time.
        #expect(try due("complaint_first_resolve", .standard, from: start) == date(2026, 4, 1))
        #expect(try due("complaint_first_resolve", .complex, from: start) == date(2026, 4, 1))
        #expect(try due("complaint_first_resolve", .complex, from: start, extensions: [15]) == date(2026, 4, 16))
        #expect(try due("complaint_first_resolve", .remote, from: start) == date(2026, 4, 16))
        // 60 days: Friday 1/5/2026, a holiday → Monday 4/5.
        #expect(try due("complaint_first_resolve", .remoteComplex, from: start, extensions: [15]) == date(2026, 5, 4))
        // Complaint, second time.
        #expect(try due("complaint_second_resolve", .standard, from: start) == date(2026, 4, 16))
        #expect(try due("complaint_second_resolve", .complex, from: start, extensions: [15]) == date(2026, 5, 4))
        #expect(try due("complaint_second_resolve", .remote, from: start) == date(2026, 5, 4))
        #expect(try due("complaint_second_resolve", .remoteComplex, from: start, extensions: [10]) == date(2026, 5, 11))
        // Denunciation: 30, +30, +30+30 (Sunday 31/5 → Monday 1/6).
        #expect(try due("denunciation_resolve", .standard, from: start) == date(2026, 4, 1))
        #expect(try due("denunciation_resolve", .complex, from: start, extensions: [30]) == date(2026, 5, 4))
        #expect(try due("denunciation_resolve", .especiallyComplex, from: start, extensions: [30, 30]) == date(2026, 6, 1))
        #expect(try due("denunciation_resolve", .especiallyComplex, from: start, extensions: [20, 10]) == date(2026, 5, 4))
        let result = try DeadlineCalculator.due(rule: rule("denunciation_resolve"), variant: .especiallyComplex,
                                                from: start, extensions: [30, 25], calendar: calendar)
        #expect(result.totalDays == 85)
    }

    @Test func extensionsRefused() {
        #expect(problem { _ = try due("complaint_first_resolve", .standard, from: date(2026, 3, 2), extensions: [5]) }
                == .tooManyExtensions(allowed: 0))
        #expect(problem { _ = try due("complaint_first_resolve", .complex, from: date(2026, 3, 2), extensions: [15, 15]) }
                == .tooManyExtensions(allowed: 1))
        #expect(problem { _ = try due("complaint_first_resolve", .complex, from: date(2026, 3, 2), extensions: [16]) }
                == .extensionTooLong(maxDays: 15))
        #expect(problem { _ = try due("complaint_second_resolve", .remoteComplex, from: date(2026, 3, 2), extensions: [11]) }
                == .extensionTooLong(maxDays: 10))
        #expect(problem { _ = try due("denunciation_resolve", .complex, from: date(2026, 3, 2), extensions: [0]) }
                == .notPositive)
        #expect(problem { _ = try due("denunciation_resolve", .especiallyComplex, from: date(2026, 3, 2), extensions: [30, 30, 30]) }
                == .tooManyExtensions(allowed: 2))
        #expect(problem { _ = try due("denunciation_resolve", .remote, from: date(2026, 3, 2)) }
                == .variantNotAllowed("remote"))
        #expect(problem { _ = try due("letter_process", .complex, from: date(2026, 3, 2)) }
                == .variantNotAllowed("complex"))
        let zero = DeadlineRule(key: "zero", step: "process", count: .workingDays,
                                limits: [.standard: DeadlineLimit(days: 0)], source: "test", effectiveFrom: date(2020, 1, 1))
        #expect(problem { _ = try DeadlineCalculator.due(rule: zero, variant: .standard, from: date(2026, 3, 2), calendar: calendar) }
                == .notPositive)
    }

    @Test func checkExtension() {
        let resolve = rule("denunciation_resolve")
        #expect(problem { try DeadlineCalculator.checkExtension(rule: resolve, variant: .especiallyComplex, existing: [], adding: 30) } == nil)
        #expect(problem { try DeadlineCalculator.checkExtension(rule: resolve, variant: .especiallyComplex, existing: [30], adding: 30) } == nil)
        #expect(problem { try DeadlineCalculator.checkExtension(rule: resolve, variant: .especiallyComplex, existing: [30, 30], adding: 1) }
                == .tooManyExtensions(allowed: 2))
        #expect(problem { try DeadlineCalculator.checkExtension(rule: resolve, variant: .complex, existing: [], adding: 31) }
                == .extensionTooLong(maxDays: 30))
        #expect(problem { try DeadlineCalculator.checkExtension(rule: resolve, variant: .complex, existing: [], adding: -1) }
                == .notPositive)
        #expect(problem { try DeadlineCalculator.checkExtension(rule: resolve, variant: .standard, existing: [], adding: 10) }
                == .tooManyExtensions(allowed: 0))
        #expect(problem { try DeadlineCalculator.checkExtension(rule: resolve, variant: .remoteComplex, existing: [], adding: 10) }
                == .variantNotAllowed("remote_complex"))
    }

    @Test func ruleSupersededMidYear() throws {
        let newer = DeadlineRule(key: "letter_process", step: "process", count: .workingDays,
                                 limits: [.standard: DeadlineLimit(days: 15)], source: "test: Luật 136/2025/QH15",
                                 effectiveFrom: date(2026, 7, 1))
        let book = DeadlineRuleBook(DeadlineRules.defaults + [newer])
        #expect(book.rule("letter_process", on: date(2026, 6, 30))?.limit(.standard)?.days == 10)
        #expect(book.rule("letter_process", on: date(2026, 7, 1)) == newer)
        #expect(book.rule("letter_process", on: date(2030, 1, 1)) == newer)
        // Received 30/6: the old 10 working days; received 1/7: the new 15.
        #expect(try book.due("letter_process", from: date(2026, 6, 30), calendar: calendar).date == date(2026, 7, 14))
        #expect(try book.due("letter_process", from: date(2026, 7, 1), calendar: calendar).date == date(2026, 7, 22))
        // Order of the input does not matter.
        let reversed = DeadlineRuleBook([newer] + DeadlineRules.defaults)
        #expect(reversed.rule("letter_process", on: date(2026, 6, 30))?.limit(.standard)?.days == 10)
        #expect(reversed.rule("letter_process", on: date(2026, 7, 1)) == newer)
    }

    @Test func unknownOrNotYetInForce() {
        #expect(book.rule("nothing", on: date(2026, 1, 1)) == nil)
        #expect(book.rule("denunciation_resolve", on: date(2018, 12, 31)) == nil)
        #expect(book.rule("denunciation_resolve", on: date(2019, 1, 1)) != nil)
        #expect(problem { _ = try book.due("nothing", from: date(2026, 1, 1), calendar: calendar) } == .unknownRule("nothing"))
        #expect(problem { _ = try book.due("denunciation_resolve", from: date(2018, 6, 1), calendar: calendar) }
                == .unknownRule("denunciation_resolve"))
        #expect(book.keys.count == 11)
    }

    @Test func codable() throws {
        let data = try JSONEncoder().encode(DeadlineRules.defaults)
        #expect(try JSONDecoder().decode([DeadlineRule].self, from: data) == DeadlineRules.defaults)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"remote_complex\":{") && json.contains("\"calendar_days\""))
        let noStandard = """
            {"key":"x","step":"process","count":"working_days","limits":{"complex":{"days":1,"extensions":0,"extensionDays":0}},
             "source":"s","effectiveFrom":"2026-01-01"}
            """
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DeadlineRule.self, from: Data(noStandard.utf8))
        }
    }
}
