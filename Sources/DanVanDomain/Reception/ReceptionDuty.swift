import Foundation

/// Who must receive citizens in person (trực tiếp tiếp công dân).
public enum DutyHolder: String, Sendable, Codable, CaseIterable {
    /// Chủ tịch Ủy ban nhân dân.
    case peoplesCommitteeChair = "ubnd_chair"
    /// Bí thư cấp ủy (the party committee head).
    case partySecretary = "party_secretary"
}

/// The period a reception quota applies to.
public enum DutyPer: String, Sendable, Codable {
    /// Monday to Sunday.
    case week
    /// A calendar month.
    case month
}

/// How many days of reception a holder must hold per period, at one level, from a date.
public struct ReceptionDutyRule: Hashable, Sendable, Codable {
    public let holder: DutyHolder
    /// The app's unit levels: 1 province, 2 district, 3 commune.
    public let level: Int
    /// Distinct days of reception required per period.
    public let days: Int
    public let per: DutyPer
    /// The legal source, in Vietnamese.
    public let source: String
    public let effectiveFrom: CivilDate

    public init(holder: DutyHolder, level: Int, days: Int, per: DutyPer, source: String, effectiveFrom: CivilDate) {
        self.holder = holder
        self.level = level
        self.days = days
        self.per = per
        self.source = source
        self.effectiveFrom = effectiveFrom
    }
}

/// The default reception duty (DOMAIN.md §4.1).
public enum ReceptionDutyRules {
    /// UBND chair: commune at least 1 day a week, district 2 days a month, province 1 day a
    /// month (Luật Tiếp công dân 2013, 42/2013/QH13, Điều 12–15, in force 1/7/2014).
    /// Party committee head: province and district 1 day a month, commune 2 days a month
    /// (Quy định 11-QĐi/TW of 18/2/2019 of the Politburo, in force from signature).
    public static let defaults: [ReceptionDutyRule] = {
        let law = CivilDate(year: 2014, month: 7, day: 1)!
        let regulation = CivilDate(year: 2019, month: 2, day: 18)!
        let lawSource = "Luật Tiếp công dân 2013, Điều 12–15"
        let partySource = "Quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị"
        return [
            ReceptionDutyRule(holder: .peoplesCommitteeChair, level: 1, days: 1, per: .month, source: lawSource, effectiveFrom: law),
            ReceptionDutyRule(holder: .peoplesCommitteeChair, level: 2, days: 2, per: .month, source: lawSource, effectiveFrom: law),
            ReceptionDutyRule(holder: .peoplesCommitteeChair, level: 3, days: 1, per: .week, source: lawSource, effectiveFrom: law),
            ReceptionDutyRule(holder: .partySecretary, level: 1, days: 1, per: .month, source: partySource, effectiveFrom: regulation),
            ReceptionDutyRule(holder: .partySecretary, level: 2, days: 1, per: .month, source: partySource, effectiveFrom: regulation),
            ReceptionDutyRule(holder: .partySecretary, level: 3, days: 2, per: .month, source: partySource, effectiveFrom: regulation),
        ]
    }()
}

/// A period in which fewer days of reception were held than required.
public struct DutyShortfall: Hashable, Sendable {
    public let periodStart: CivilDate
    public let periodEnd: CivilDate
    public let required: Int
    public let held: Int

    public init(periodStart: CivilDate, periodEnd: CivilDate, required: Int, held: Int) {
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.required = required
        self.held = held
    }
}

/// Who fell short of their reception duty.
public enum ReceptionDutyCheck {
    /// For each whole week (Monday–Sunday) or whole calendar month inside `[from, to]`, the
    /// distinct days of reception required and held; returns only the periods that fell
    /// short, in order.
    ///
    /// Partial periods at the edges of the range are ignored: a week or month counts only
    /// if it lies entirely inside `[from, to]`, so a check run mid-month never reports the
    /// current month as short. Several sessions on one day count as one day; dates outside
    /// the periods are ignored. The quota is not reduced for holidays in the period (the law
    /// states none).
    public static func shortfalls(rule: ReceptionDutyRule, from: CivilDate, to: CivilDate,
                                  sessionDates: [CivilDate]) -> [DutyShortfall] {
        let days = Set(sessionDates.map(\.dayNumber))
        var result: [DutyShortfall] = []
        for (start, end) in periods(rule.per, from: from, to: to) {
            let held = days.count { $0 >= start.dayNumber && $0 <= end.dayNumber }
            if held < rule.days {
                result.append(DutyShortfall(periodStart: start, periodEnd: end, required: rule.days, held: held))
            }
        }
        return result
    }

    /// The rule for `holder` at `level` in force on `date`: the matching rule with the
    /// latest `effectiveFrom` on or before `date` (the later in `rules` on a tie).
    public static func rule(holder: DutyHolder, level: Int, on date: CivilDate,
                            in rules: [ReceptionDutyRule]) -> ReceptionDutyRule? {
        var best: ReceptionDutyRule?
        for rule in rules where rule.holder == holder && rule.level == level && rule.effectiveFrom <= date {
            if best.map({ rule.effectiveFrom >= $0.effectiveFrom }) ?? true {
                best = rule
            }
        }
        return best
    }

    /// The whole periods inside `[from, to]`.
    static func periods(_ per: DutyPer, from: CivilDate, to: CivilDate) -> [(CivilDate, CivilDate)] {
        var result: [(CivilDate, CivilDate)] = []
        switch per {
        case .week:
            let offset = (Weekday.monday.rawValue - from.weekday.rawValue + 7) % 7
            var monday = from.adding(days: offset)
            while monday.adding(days: 6) <= to {
                result.append((monday, monday.adding(days: 6)))
                monday = monday.adding(days: 7)
            }
        case .month:
            var year = from.year
            var month = from.month
            if from.day != 1 {
                (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
            }
            while let first = CivilDate(year: year, month: month, day: 1),
                  let last = CivilDate(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month)),
                  last <= to {
                result.append((first, last))
                (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
            }
        }
        return result
    }
}
