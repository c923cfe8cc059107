import DanVanDomain
import Foundation
import Logging

extension DeadlineProblem {
    /// The catalogue key of the message that explains the problem.
    var messageKey: String {
        switch self {
        case .unknownRule: "error_no_rule"
        case .variantNotAllowed: "error_variant_not_allowed"
        case .tooManyExtensions: "error_extension_count"
        case .extensionTooLong: "error_extension_length"
        case .notPositive: "error_days"
        }
    }
}

/// Texts about the legal calendar and deadlines, shared by the pages and the
/// `danvan calendar` / `danvan deadline` commands.
enum CalendarText {
    /// The catalogue key naming why a day is off (`holiday_new_year`, `holiday_compensatory` …).
    static func reasonKey(_ reason: String) -> String { "holiday_\(reason)" }

    /// "Nghỉ bù (Ngày Chiến thắng 30/04/2023)", "Quốc khánh", "Nghỉ theo quyết định (note)".
    static func reason(_ day: DayOff, catalogue: StringCatalogue, language: Language) -> String {
        let label = catalogue.text(reasonKey(day.reason), language)
        guard let note = day.note, !note.isEmpty else { return label }
        if day.reason == "compensatory" {
            // The note reads "reunification 2023-04-30": the holiday made up for.
            let parts = note.split(separator: " ")
            if parts.count == 2, let date = CivilDate(iso: String(parts[1])) {
                return "\(label) (\(catalogue.text(reasonKey(String(parts[0])), language)) \(VietnameseFormat.date(date)))"
            }
        }
        return "\(label) (\(note))"
    }

    /// One line per day off of `year`: "01/01/2027  Thứ Sáu  Tết Dương lịch".
    static func daysOffLines(_ calendar: WorkingCalendar, year: Int, catalogue: StringCatalogue) -> [String] {
        calendar.holidays(in: year).map { day in
            "\(VietnameseFormat.date(day.date))  \(day.date.weekday.vietnameseName)  \(reason(day, catalogue: catalogue, language: .vi))"
        }
    }

    /// "10 ngày làm việc", "30 ngày, gia hạn tối đa 1 lần × 15 ngày".
    static func limit(_ limit: DeadlineLimit, count: DayCount, catalogue: StringCatalogue, language: Language) -> String {
        var text = "\(limit.days) \(catalogue.text("count_\(count.rawValue)", language))"
        if limit.extensions > 0 {
            text += catalogue.text("calendar_extension_allowance", language, ["\(limit.extensions)", "\(limit.extensionDays)"])
        }
        return text
    }

    /// Parses "15", "15, 10" or "15 10" into extension lengths; nil when a part is not a whole number.
    static func extensions(_ text: String) -> [Int]? {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" })
        var result: [Int] = []
        for part in parts {
            guard let days = Int(part) else { return nil }
            result.append(days)
        }
        return result
    }

    /// The lines `danvan deadline` prints: the due date and the rule used.
    static func deadlineLines(_ due: DueDate, extensions: [Int], catalogue: StringCatalogue) -> [String] {
        let language = Language.vi
        let rule = due.rule
        var lines = [
            "\(catalogue.text("calendar_due", language)): \(VietnameseFormat.date(due.date)) (\(due.date.weekday.vietnameseName))",
            "\(catalogue.text("calendar_rule", language)): \(rule.key) — \(catalogue.text("rule_\(rule.key)", language))",
            "\(catalogue.text("calendar_limit", language)): \(due.totalDays) \(catalogue.text("count_\(rule.count.rawValue)", language))"
                + " (\(catalogue.text("variant_\(due.variant.rawValue)", language))"
                + (extensions.isEmpty ? "" : ", \(catalogue.text("calendar_extensions", language).lowercased()) \(extensions.map(String.init).joined(separator: " + "))")
                + ")",
            "\(catalogue.text("calendar_source", language)): \(rule.source)",
            "\(catalogue.text("calendar_effective", language)): \(VietnameseFormat.date(rule.effectiveFrom))",
        ]
        if rule.count == .calendarDays { lines.append(catalogue.text("calendar_calendar_days_note", language)) }
        return lines
    }

    /// The whole answer of `danvan deadline`, or a Vietnamese message for bad input.
    static func deadline(book: DeadlineRuleBook, calendar: WorkingCalendar, rule key: String, from: String, variant: String,
                         extensions: [Int], catalogue: StringCatalogue) throws(CommandProblem) -> String {
        let language = Language.vi
        guard let start = CivilDate(iso: from) else { throw CommandProblem(description: catalogue.text("error_bad_date", language)) }
        guard book.keys.contains(key) else {
            throw CommandProblem(description: catalogue.text("calendar_unknown_rule", language, [key, book.keys.joined(separator: ", ")]))
        }
        guard let chosen = DeadlineVariant(rawValue: variant) else {
            throw CommandProblem(description: catalogue.text("calendar_unknown_variant", language,
                                                             [variant, DeadlineVariant.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        do {
            let due = try book.due(key, variant: chosen, from: start, extensions: extensions, calendar: calendar)
            return deadlineLines(due, extensions: extensions, catalogue: catalogue).joined(separator: "\n")
        } catch {
            throw CommandProblem(description: catalogue.text(error.messageKey, language))
        }
    }
}

/// The work behind `danvan calendar <year>` and `danvan deadline`.
/// `danvan calendar` and `danvan deadline`: they only compute, so they read the database
/// when there is one and otherwise use the shipped rules, creating nothing.
public enum CalendarCommands {
    /// The calendar and the deadline rules to compute with.
    public struct Source: Sendable {
        let calendar: WorkingCalendar
        let rules: DeadlineRuleBook
        let catalogue: StringCatalogue
    }

    /// The stored calendar and rules when the database exists (a PostgreSQL server, or the
    /// SQLite file of the data folder), brought up to date; the shipped ones otherwise.
    public static func source(_ configuration: AppConfiguration, logger: Logger) async throws -> Source {
        let catalogue = try StringCatalogue.shipped()
        if case .sqlite(let path) = configuration.databaseTarget, !FileManager.default.fileExists(atPath: path) {
            return Source(calendar: WorkingCalendar(), rules: DeadlineRuleBook(DeadlineRules.defaults), catalogue: catalogue)
        }
        return try await AppDatabase.using(configuration.databaseTarget, logger: logger) { database in
            try await database.migrate()
            let store = CalendarStore(database: database)
            return Source(calendar: try await store.calendar(), rules: try await store.deadlineRules(), catalogue: catalogue)
        }
    }

    public static func daysOff(_ source: Source, year: Int) throws -> String {
        guard (1...9999).contains(year) else { throw CommandProblem(description: source.catalogue.text("calendar_bad_year", .vi)) }
        let lines = CalendarText.daysOffLines(source.calendar, year: year, catalogue: source.catalogue)
        return lines.isEmpty ? source.catalogue.text("calendar_no_days_off", .vi) : lines.joined(separator: "\n")
    }

    public static func deadline(_ source: Source, rule: String, from: String, variant: String, extensions: [Int]) throws -> String {
        try CalendarText.deadline(book: source.rules, calendar: source.calendar, rule: rule, from: from, variant: variant, extensions: extensions,
                                  catalogue: source.catalogue)
    }
}
