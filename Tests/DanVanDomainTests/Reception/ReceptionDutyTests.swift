import Testing
@testable import DanVanDomain

@Suite("ReceptionDuty")
struct ReceptionDutyTests {

    func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
        CivilDate(year: y, month: m, day: d)!
    }

    func rule(_ holder: DutyHolder, _ level: Int) -> ReceptionDutyRule {
        ReceptionDutyCheck.rule(holder: holder, level: level, on: date(2025, 1, 1), in: ReceptionDutyRules.defaults)!
    }

    @Test func defaults() {
        let quotas = ReceptionDutyRules.defaults.map { "\($0.holder.rawValue) \($0.level) \($0.days)/\($0.per.rawValue)" }
        #expect(quotas == ["ubnd_chair 1 1/month", "ubnd_chair 2 2/month", "ubnd_chair 3 1/week",
                           "party_secretary 1 1/month", "party_secretary 2 1/month", "party_secretary 3 2/month"])
        for holder in DutyHolder.allCases {
            for level in 1...3 {
                #expect(ReceptionDutyCheck.rule(holder: holder, level: level, on: date(2025, 1, 1), in: ReceptionDutyRules.defaults) != nil)
            }
        }
        #expect(ReceptionDutyCheck.rule(holder: .peoplesCommitteeChair, level: 4, on: date(2025, 1, 1), in: ReceptionDutyRules.defaults) == nil)
        #expect(ReceptionDutyCheck.rule(holder: .partySecretary, level: 3, on: date(2019, 2, 17), in: ReceptionDutyRules.defaults) == nil)
        #expect(ReceptionDutyCheck.rule(holder: .peoplesCommitteeChair, level: 3, on: date(2014, 7, 1), in: ReceptionDutyRules.defaults) != nil)
    }

    @Test func laterRuleSupersedes() {
        let newer = ReceptionDutyRule(holder: .peoplesCommitteeChair, level: 3, days: 2, per: .week,
                                      source: "test", effectiveFrom: date(2026, 7, 1))
        let rules = ReceptionDutyRules.defaults + [newer]
        #expect(ReceptionDutyCheck.rule(holder: .peoplesCommitteeChair, level: 3, on: date(2026, 6, 30), in: rules)?.days == 1)
        #expect(ReceptionDutyCheck.rule(holder: .peoplesCommitteeChair, level: 3, on: date(2026, 7, 1), in: rules) == newer)
        #expect(ReceptionDutyCheck.rule(holder: .peoplesCommitteeChair, level: 3, on: date(2026, 7, 1), in: rules.reversed()) == newer)
    }

    @Test func communeChairWeekly() {
        // Wednesday 1/1/2025 to Friday 31/1/2025: whole weeks 6–12, 13–19, 20–26.
        let sessions = [date(2025, 1, 2), date(2025, 1, 7), date(2025, 1, 7), date(2025, 1, 27)]
        let short = ReceptionDutyCheck.shortfalls(rule: rule(.peoplesCommitteeChair, 3), from: date(2025, 1, 1),
                                                  to: date(2025, 1, 31), sessionDates: sessions)
        #expect(short == [
            DutyShortfall(periodStart: date(2025, 1, 13), periodEnd: date(2025, 1, 19), required: 1, held: 0),
            DutyShortfall(periodStart: date(2025, 1, 20), periodEnd: date(2025, 1, 26), required: 1, held: 0),
        ])
        // A range starting on a Monday and ending on a Sunday includes its edge weeks.
        let whole = ReceptionDutyCheck.shortfalls(rule: rule(.peoplesCommitteeChair, 3), from: date(2025, 1, 6),
                                                  to: date(2025, 1, 19), sessionDates: [date(2025, 1, 19)])
        #expect(whole == [DutyShortfall(periodStart: date(2025, 1, 6), periodEnd: date(2025, 1, 12), required: 1, held: 0)])
    }

    @Test func monthlyQuotas() {
        // District chair: 2 distinct days a month; 2 sessions on one day count once.
        let sessions = [date(2025, 2, 3), date(2025, 2, 3), date(2025, 3, 5), date(2025, 3, 20), date(2025, 4, 30)]
        let short = ReceptionDutyCheck.shortfalls(rule: rule(.peoplesCommitteeChair, 2), from: date(2025, 1, 15),
                                                  to: date(2025, 4, 30), sessionDates: sessions)
        #expect(short == [
            DutyShortfall(periodStart: date(2025, 2, 1), periodEnd: date(2025, 2, 28), required: 2, held: 1),
            DutyShortfall(periodStart: date(2025, 4, 1), periodEnd: date(2025, 4, 30), required: 2, held: 1),
        ])
        // Commune party secretary, a leap February and a December–January turn.
        let secretary = rule(.partySecretary, 3)
        let yearEnd = ReceptionDutyCheck.shortfalls(rule: secretary, from: date(2023, 12, 1), to: date(2024, 2, 29),
                                                    sessionDates: [date(2023, 12, 1), date(2023, 12, 15), date(2024, 2, 29)])
        #expect(yearEnd.map(\.periodStart) == [date(2024, 1, 1), date(2024, 2, 1)])
        #expect(yearEnd.map(\.periodEnd) == [date(2024, 1, 31), date(2024, 2, 29)])
        #expect(yearEnd.map(\.held) == [0, 1])
    }

    @Test func partialPeriodsAreIgnored() {
        let monthly = rule(.peoplesCommitteeChair, 1)
        #expect(ReceptionDutyCheck.shortfalls(rule: monthly, from: date(2025, 1, 2), to: date(2025, 1, 31), sessionDates: []).isEmpty)
        #expect(ReceptionDutyCheck.shortfalls(rule: monthly, from: date(2025, 1, 1), to: date(2025, 1, 30), sessionDates: []).isEmpty)
        #expect(ReceptionDutyCheck.shortfalls(rule: monthly, from: date(2025, 1, 1), to: date(2025, 1, 31), sessionDates: []).count == 1)
        let weekly = rule(.peoplesCommitteeChair, 3)
        // Tuesday to the next Monday: no whole week.
        #expect(ReceptionDutyCheck.shortfalls(rule: weekly, from: date(2025, 1, 7), to: date(2025, 1, 13), sessionDates: []).isEmpty)
        // An empty or reversed range.
        #expect(ReceptionDutyCheck.shortfalls(rule: weekly, from: date(2025, 2, 1), to: date(2025, 1, 1), sessionDates: []).isEmpty)
        // A full year with no session: 12 months short.
        #expect(ReceptionDutyCheck.shortfalls(rule: monthly, from: date(2025, 1, 1), to: date(2025, 12, 31), sessionDates: []).count == 12)
    }
}
