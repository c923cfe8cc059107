import DanVanDomain
import Foundation
import SQLKit

private typealias V = ReportFormVersionRecord
private typealias FI = ReportFormItemRecord
private typealias IR = IndicatorRecord

/// One indicator of a form version as the grid and the save path read it: where it stands and
/// what it is.
struct ReportFormEntryItem: Sendable {
    var section: String
    var position: Int
    var required: Bool
    var indicator: IndicatorRecord
}

/// A form version in force for a period, read once: who reports, how often, when entry opens and
/// closes, who approves, its indicators in order and its validation rules.
struct ReportFormVersion: Sendable {
    var form: ReportFormRecord
    var record: ReportFormVersionRecord
    var items: [ReportFormEntryItem]
    var frequency: ReportingFrequency
    var cutOff: CutOff
    var window: EntryWindow
    var kinds: [String]
    var levels: [Int]
    var approverKinds: [String]
    var rules: [ValidationRule]

    /// The indicators by code.
    var indicators: [String: IndicatorRecord] {
        Dictionary(items.map { ($0.indicator.code, $0.indicator) }, uniquingKeysWith: { first, _ in first })
    }

    /// Names by code, for the messages of the rules.
    var names: [String: String] { indicators.mapValues(\.name) }

    /// The first and last day of entry of a period.
    func entryDates(_ period: ReportingPeriod) -> ReportPeriod { window.dates(of: period, cutOff) }

    /// The consolidation of its indicators (what ratios are computed from).
    var consolidation: Consolidation { Consolidation(indicators.mapValues(\.aggregationRule)) }
}

extension IndicatorRecord {
    /// The kind of number its cells take.
    var valueType: IndicatorValueType { .decimal(fractionDigits, allowsNegative: allowsNegative) }

    /// How it adds up, from its stored columns.
    var aggregationRule: IndicatorAggregation {
        switch aggregation {
        case "ratio": .ratio(numerator: numeratorCode ?? "", denominator: denominatorCode ?? "", factor: factor ?? 1)
        case "latest": .latest
        default: .sum
        }
    }

    /// Whether it is typed in (not computed from records or from other indicators).
    var isEntered: Bool { source == Indicator.Source.entered.storedName }
    var isRatio: Bool { aggregation == "ratio" }

    /// As the domain's rules read it.
    var domainIndicator: Indicator {
        let source: Indicator.Source = switch self.source {
        case "records": .records
        case "indicators": .indicators
        default: .entered
        }
        return Indicator(code: code, name: name, unit: unit, valueType: valueType, aggregation: aggregationRule, source: source)
    }
}

/// The catalogue side of reporting: the forms, the version in force for a period, the indicators.
struct ReportFormCatalogue: Sendable {
    let database: AppDatabase
    var sql: any SQLDatabase { database.sql }

    /// Every form, by code.
    func forms() async throws -> [ReportFormRecord] {
        try await sql.raw("SELECT \(unsafeRaw: RowColumns.select(ReportFormRecord.self, from: "f")) FROM report_forms f ORDER BY f.code").rows(ReportFormRecord.self)
    }

    func form(id: UUID) async throws -> ReportFormRecord {
        guard let form = try await sql.raw("SELECT \(unsafeRaw: RowColumns.select(ReportFormRecord.self, from: "f")) FROM report_forms f WHERE f.id = \(bind: id)")
            .row(ReportFormRecord.self) else { throw AppError.notFound }
        return form
    }

    func form(code: String) async throws -> ReportFormRecord {
        guard let form = try await sql.raw("SELECT \(unsafeRaw: RowColumns.select(ReportFormRecord.self, from: "f")) FROM report_forms f WHERE f.code = \(bind: code)")
            .row(ReportFormRecord.self) else { throw AppError.notFound }
        return form
    }

    /// Every indicator, in catalogue order.
    func indicators() async throws -> [IndicatorRecord] {
        try await sql.raw("SELECT \(unsafeRaw: RowColumns.select(IR.self, from: "i")) FROM indicators i ORDER BY i.\(\IR.sortOrder), i.code").rows(IR.self)
    }

    /// The version of `form` in force for `period`: the latest whose first day is on or before the
    /// period's first day; `nil` when the form did not exist yet.
    func version(of form: ReportFormRecord, for period: ReportingPeriod) async throws -> ReportFormVersion? {
        guard let record = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(V.self, from: "v")) FROM report_form_versions v
            WHERE v.\(\V.formID) = \(bind: form.id) AND v.\(\V.validFrom) <= \(bind: period.firstDay.iso)
            ORDER BY v.\(\V.validFrom) DESC LIMIT 1
            """).row(V.self) else { return nil }
        return try await version(form, record)
    }

    /// Every version of a form, the newest first.
    func versions(of form: ReportFormRecord) async throws -> [ReportFormVersionRecord] {
        try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(V.self, from: "v")) FROM report_form_versions v
            WHERE v.\(\V.formID) = \(bind: form.id) ORDER BY v.\(\V.validFrom) DESC
            """).rows(V.self)
    }

    func version(_ form: ReportFormRecord, _ record: ReportFormVersionRecord) async throws -> ReportFormVersion {
        struct Row: Decodable { var section: String; var position: Int; var required: Bool; var indicatorID: UUID }
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(Row.self, from: "fi")) FROM report_form_items fi
            WHERE fi.\(\FI.versionID) = \(bind: record.id) ORDER BY fi.\(\FI.position)
            """).rows(Row.self)
        let indicators = Dictionary(try await self.indicators().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let items = rows.compactMap { row in
            indicators[row.indicatorID].map { ReportFormEntryItem(section: row.section, position: row.position, required: row.required, indicator: $0) }
        }
        func list(_ text: String) -> [String] {
            text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return ReportFormVersion(
            form: form, record: record, items: items,
            frequency: ReportingFrequency(rawValue: record.frequency) ?? .month,
            cutOff: CutOff(day: record.cutOffDay, month: record.cutOffMonth) ?? .calendarEnd,
            window: EntryWindow(opens: record.opensAfter, closes: record.closesAfter) ?? EntryWindow(opens: 0, closes: 0)!,
            kinds: list(record.organisationKinds), levels: list(record.levels).compactMap { Int($0) },
            approverKinds: list(record.approverKinds),
            rules: record.validationRules.split(whereSeparator: \.isNewline).compactMap { ValidationRule(String($0)) })
    }
}
