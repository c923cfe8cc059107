import DanVanDomain
import Foundation
import SQLKit

/// A deadline rule as the `deadline_rules` table keeps it.
struct DeadlineRuleRow: Codable, Sendable {
    var id: UUID
    var key: String
    var step: String
    var count: String
    /// The limits per variant, as JSON.
    var limits: String
    var source: String
    var effectiveFrom: String
    var createdBy: String

    init(_ rule: DeadlineRule, createdBy: String) {
        id = UUID()
        key = rule.key
        step = rule.step
        count = rule.count.rawValue
        limits = Self.encode(rule.limits)
        source = rule.source
        effectiveFrom = rule.effectiveFrom.iso
        self.createdBy = createdBy
    }

    var rule: DeadlineRule? {
        guard let count = DayCount(rawValue: count), let from = CivilDate(iso: effectiveFrom),
              let data = limits.data(using: .utf8),
              let raw = try? JSONDecoder().decode([String: DeadlineLimit].self, from: data)
        else { return nil }
        var limits: [DeadlineVariant: DeadlineLimit] = [:]
        for (key, limit) in raw { if let variant = DeadlineVariant(rawValue: key) { limits[variant] = limit } }
        return DeadlineRule(key: key, step: step, count: count, limits: limits, source: source, effectiveFrom: from)
    }

    static func encode(_ limits: [DeadlineVariant: DeadlineLimit]) -> String {
        let raw = Dictionary(uniqueKeysWithValues: limits.map { ($0.key.rawValue, $0.value) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(raw)) ?? Data(), as: UTF8.self)
    }
}

/// An override of one date, with who set it.
/// A row of `calendar_years`: the Tết days a year's announcement chose, and the day off
/// next to National Day.
struct CalendarYearRow: Codable, Sendable {
    var year: Int
    /// The five days, ISO, comma-separated.
    var tetDays: String?
    var nationalDayAdjacent: String?
    var createdBy: String
    var createdAt: Date
}

struct CalendarOverrideRow: Codable, Sendable {
    var id: UUID
    var date: String
    var kind: String
    var note: String
    var createdBy: String
    var createdAt: Date
}

/// The legal calendar and the rule tables, read from the database: the days
/// off of any year (computed, then the administrators' settings and overrides),
/// the deadline rules (the reception-duty rules are Reception's, `ReceptionDutyRules.swift`).
struct CalendarStore: Sendable {
    let database: AppDatabase
    private var sql: any SQLDatabase { database.sql }

    /// The working calendar as pages show due states with it: read at most once a second
    /// (``DatabaseCaches/calendar``). A deadline that is stored reads ``calendar()``.
    func recentCalendar() async throws -> WorkingCalendar {
        try await database.caches.calendar.value { try await calendar() }
    }

    /// The working calendar with every stored year setting and override.
    func calendar() async throws -> WorkingCalendar {
        let years = try await sql.raw("SELECT \(unsafeRaw: RowColumns.select(CalendarYearRow.self, from: "y")) FROM calendar_years y").rows(CalendarYearRow.self)
        var settings: [Int: YearSettings] = [:]
        for row in years {
            let tet = row.tetDays.map { $0.split(separator: ",").compactMap { CivilDate(iso: String($0)) } }
            settings[row.year] = YearSettings(tetDays: tet?.isEmpty == false ? tet : nil,
                                              nationalDayAdjacent: row.nationalDayAdjacent.flatMap(CivilDate.init(iso:)))
        }
        let overrides = try await self.overrides().compactMap { row -> CalendarOverride? in
            guard let date = CivilDate(iso: row.date), let kind = CalendarOverride.Kind(rawValue: row.kind) else { return nil }
            return CalendarOverride(date: date, kind: kind, note: row.note, createdBy: row.createdBy)
        }
        return WorkingCalendar(settings: settings, overrides: overrides)
    }

    func overrides(year: Int? = nil) async throws -> [CalendarOverrideRow] {
        var query: SQLQueryString = "SELECT \(unsafeRaw: RowColumns.select(CalendarOverrideRow.self, from: "c")) FROM calendar_overrides c"
        if let year { query = query + " WHERE date LIKE \(bind: "\(year)-%")" }
        return try await sql.raw(query + " ORDER BY date").rows(CalendarOverrideRow.self)
    }

    /// Sets an extra day off or a swapped working day (administrators only).
    func setOverride(_ scope: Scope, date: CivilDate, kind: CalendarOverride.Kind, note: String) async throws {
        try scope.requireNationalAdministrator()
        if note.isEmpty { throw ValidationError(["note": "error_required"]) }
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.delete(from: "calendar_overrides").where("date", .equal, date.iso).run()
            let row = CalendarOverrideRow(id: UUID(), date: date.iso, kind: kind.rawValue, note: note, createdBy: scope.username, createdAt: Date())
            try await sql.insert(into: "calendar_overrides").values(of: row).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "calendar_override", recordID: row.id,
                                      summary: "\(date.iso) \(kind.rawValue): \(note)", after: ["date": date.iso, "kind": kind.rawValue, "note": note])
        }
        database.caches.calendar.clear()
    }

    /// Removes the override of a date (administrators only).
    func removeOverride(_ scope: Scope, date: CivilDate) async throws {
        try scope.requireNationalAdministrator()
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.delete(from: "calendar_overrides").where("date", .equal, date.iso).run()
            try await AuditLog.record(on: tx, scope: scope, action: .delete, recordType: "calendar_override", recordID: nil,
                                      summary: date.iso, before: ["date": date.iso])
        }
        database.caches.calendar.clear()
    }

    /// Sets the five Tết days a year's government announcement chose (administrators only).
    func setTetDays(_ scope: Scope, year: Int, days: [CivilDate]) async throws {
        try scope.requireNationalAdministrator()
        guard days.count == 5, days.allSatisfy({ abs($0.year - year) <= 1 }) else { throw ValidationError(["tet_days": "error_tet_days"]) }
        let text = days.sorted().map(\.iso).joined(separator: ",")
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.delete(from: "calendar_years").where("year", .equal, year).run()
            try await sql.insert(into: "calendar_years")
                .values(of: CalendarYearRow(year: year, tetDays: text, nationalDayAdjacent: nil, createdBy: scope.username, createdAt: Date())).run()
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "calendar_year", recordID: nil,
                                      summary: "Tết \(year)", after: [ColumnName.of(\CalendarYearRow.tetDays): text])
        }
        database.caches.calendar.clear()
    }

    /// Every deadline rule, all effective dates.
    func deadlineRuleRows() async throws -> [DeadlineRuleRow] {
        try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(DeadlineRuleRow.self, from: "r")) FROM deadline_rules r ORDER BY r.key, r.\(\DeadlineRuleRow.effectiveFrom)
            """)
            .rows(DeadlineRuleRow.self)
    }

    func deadlineRules() async throws -> DeadlineRuleBook {
        DeadlineRuleBook(try await deadlineRuleRows().compactMap(\.rule))
    }

    /// Adds a rule that supersedes the earlier one of the same key from its date (administrators only).
    func addDeadlineRule(_ scope: Scope, _ rule: DeadlineRule) async throws {
        try scope.requireNationalAdministrator()
        let row = DeadlineRuleRow(rule, createdBy: scope.username)
        try await database.db.transaction { tx in
            try await (tx as! any SQLDatabase).insert(into: "deadline_rules").values(of: row).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "deadline_rule", recordID: row.id,
                                      summary: "\(rule.key) từ \(rule.effectiveFrom.iso)", after: ["key": rule.key, "limits": row.limits, "source": rule.source])
        }
    }
}
