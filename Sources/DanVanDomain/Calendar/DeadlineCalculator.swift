import Foundation

/// A computed due date (hạn xử lý / hạn giải quyết).
public struct DueDate: Hashable, Sendable {
    /// The last day on which the step is still on time.
    public let date: CivilDate
    public let rule: DeadlineRule
    public let variant: DeadlineVariant
    /// The base limit plus the extensions granted.
    public let totalDays: Int

    public init(date: CivilDate, rule: DeadlineRule, variant: DeadlineVariant, totalDays: Int) {
        self.date = date
        self.rule = rule
        self.variant = variant
        self.totalDays = totalDays
    }
}

/// Why a deadline cannot be computed or an extension cannot be granted.
public enum DeadlineProblem: Error, Equatable, Sendable {
    /// No rule with this key is in force on the start date.
    case unknownRule(String)
    /// The rule does not define this variant (the variant's raw value).
    case variantNotAllowed(String)
    /// More extensions than the variant allows.
    case tooManyExtensions(allowed: Int)
    /// An extension longer than the variant allows.
    case extensionTooLong(maxDays: Int)
    /// A limit or an extension of zero or fewer days.
    case notPositive
}

/// Due dates from rules and a working calendar (Bộ luật Dân sự 2015, Điều 145–148: the
/// first day of a period is not counted; a period ending on a day off ends on the next
/// working day).
public enum DeadlineCalculator {
    /// The due date of a step that started on `start` (receipt, acceptance decision …).
    ///
    /// The first day is not counted. Working-day limits count only working days of
    /// `calendar`; calendar-day limits count every day, and if the last one is not a
    /// working day the deadline moves to the next working day. Extensions (gia hạn) add to
    /// the running limit: the total is counted from `start` in one go.
    public static func due(rule: DeadlineRule, variant: DeadlineVariant, from start: CivilDate,
                           extensions: [Int] = [], calendar: WorkingCalendar) throws(DeadlineProblem) -> DueDate {
        guard let limit = rule.limit(variant) else {
            throw .variantNotAllowed(variant.rawValue)
        }
        guard limit.days > 0 else { throw .notPositive }
        for index in extensions.indices {
            try checkExtension(rule: rule, variant: variant, existing: Array(extensions[..<index]),
                               adding: extensions[index])
        }
        let total = limit.days + extensions.reduce(0, +)
        let date: CivilDate
        switch rule.count {
        case .workingDays:
            date = calendar.adding(workingDays: total, to: start)
        case .calendarDays:
            date = calendar.firstWorkingDay(onOrAfter: start.adding(days: total))
        }
        return DueDate(date: date, rule: rule, variant: variant, totalDays: total)
    }

    /// Checks one more extension of `days` against the rule: the variant must exist, allow
    /// one more extension after `existing`, and `days` must be 1…`extensionDays`.
    public static func checkExtension(rule: DeadlineRule, variant: DeadlineVariant, existing: [Int],
                                      adding days: Int) throws(DeadlineProblem) {
        guard let limit = rule.limit(variant) else {
            throw .variantNotAllowed(variant.rawValue)
        }
        guard existing.count < limit.extensions else {
            throw .tooManyExtensions(allowed: limit.extensions)
        }
        guard days > 0 else { throw .notPositive }
        guard days <= limit.extensionDays else {
            throw .extensionTooLong(maxDays: limit.extensionDays)
        }
    }
}

extension DeadlineRuleBook {
    /// The due date under the rule with `key` in force on `start`; throws `.unknownRule`
    /// when there is none.
    public func due(_ key: String, variant: DeadlineVariant = .standard, from start: CivilDate,
                    extensions: [Int] = [], calendar: WorkingCalendar) throws(DeadlineProblem) -> DueDate {
        guard let rule = rule(key, on: start) else {
            throw .unknownRule(key)
        }
        return try DeadlineCalculator.due(rule: rule, variant: variant, from: start,
                                          extensions: extensions, calendar: calendar)
    }
}
