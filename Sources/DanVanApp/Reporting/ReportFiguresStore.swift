import DanVanDomain
import Foundation
import SQLKit

private typealias D = DataValueRecord

/// Live consolidation (tổng hợp): any indicators over any subtree (history included, so a 2025
/// province holds its legacy districts) or one organisation, for any periods. Entered values are
/// summed from `data_values` whose months lie inside a period (months give quarters, halves, nine
/// months and years) — for the nation, a province or a district from the totals kept with the values
/// (``DataValueTotals``) —, computed ones counted from the records (``ComputedFigures``), ratios taken as
/// the ratio of the two totals, latest values as each organisation's last. Totals are written in the
/// transaction that writes the values: a value saved is in every level's total on the next read.
struct ReportFiguresStore: Sendable {
    let database: AppDatabase
    private var sql: any SQLDatabase { database.sql }
    var computed: ComputedFigures { ComputedFigures(database: database) }

    /// Every indicator, in the catalogue's order.
    func indicators() async throws -> [IndicatorRecord] {
        try await database.plannedOnce.raw("SELECT \(unsafeRaw: RowColumns.select(IndicatorRecord.self, from: "i")) FROM indicators i ORDER BY i.\(\IndicatorRecord.sortOrder), i.code")
            .rows(IndicatorRecord.self)
    }

    /// The indicators with these codes and the parts of the ratios among them, in the catalogue's order.
    static func withParts(_ codes: [String], of all: [IndicatorRecord]) -> [IndicatorRecord] {
        var wanted = Set(codes)
        for record in all where wanted.contains(record.code) {
            if let numerator = record.numeratorCode { wanted.insert(numerator) }
            if let denominator = record.denominatorCode { wanted.insert(denominator) }
        }
        return all.filter { wanted.contains($0.code) }
    }

    /// The forms, newest first by name.
    func forms() async throws -> [ReportFormRecord] {
        try await database.plannedOnce.raw("SELECT \(unsafeRaw: RowColumns.select(ReportFormRecord.self, from: "f")) FROM report_forms f ORDER BY f.code")
            .rows(ReportFormRecord.self)
    }

    /// The version of a form in force on a day (the earliest one before it starts).
    func version(formID: UUID, on day: CivilDate) async throws -> ReportFormVersionRecord? {
        let versions = try await database.plannedOnce.raw("""
            SELECT \(unsafeRaw: RowColumns.select(ReportFormVersionRecord.self, from: "v")) FROM report_form_versions v
            WHERE v.\(\ReportFormVersionRecord.formID) = \(bind: formID) ORDER BY v.\(\ReportFormVersionRecord.validFrom)
            """).rows(ReportFormVersionRecord.self)
        return versions.last { $0.validFrom <= day.iso } ?? versions.first
    }

    /// The indicator codes of a form version, in its order.
    func codes(versionID: UUID) async throws -> [String] {
        struct Row: Decodable { var code: String }
        return try await database.plannedOnce.raw("""
            SELECT i.code FROM report_form_items t JOIN indicators i ON i.id = t.\(\ReportFormItemRecord.indicatorID)
            WHERE t.\(\ReportFormItemRecord.versionID) = \(bind: versionID) ORDER BY t.position
            """).rows(Row.self).map(\.code)
    }

    /// A version's cut-off (the calendar end when it has none that reads).
    static func cutOff(_ version: ReportFormVersionRecord?) -> CutOff {
        version.flatMap { CutOff(day: $0.cutOffDay, month: $0.cutOffMonth) } ?? .calendarEnd
    }

    /// The figures of `indicators` for each group of the target and each period under `cutOff`.
    /// The target's root must be in reach (the caller read it through ``UnitStore/unit(_:id:)``).
    /// `catalogue`: every indicator, when the caller has read them (the ratios' parts are found there).
    func consolidate(_ scope: Scope, target: FigureTarget, periods: [ReportingPeriod], cutOff: CutOff, indicators asked: [IndicatorRecord],
                     catalogue: [IndicatorRecord]? = nil, today: CivilDate = .today(now: Date())) async throws -> FigureGrid {
        let all = if let catalogue { catalogue } else { try await self.indicators() }
        let indicators = Self.withParts(asked.map(\.code), of: all)
        let consolidation = Consolidation(Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0.aggregationRule) }))
        var grid: FigureGrid = [:]
        // Entered values: one query per period and kind of sum.
        let entered = indicators.filter(\.isEntered)
        for period in periods {
            let months = cutOff.months(of: period)
            guard let first = months.first?.firstMonthNumber, let last = months.last?.lastMonthNumber else { continue }
            for (latest, group) in [(false, entered.filter { $0.aggregationRule != .latest }), (true, entered.filter { $0.aggregationRule == .latest })] where !group.isEmpty {
                // Most of the entered indicators: read them all by unit and month (the index of a subtree's values), not one
                // indicator after another; a few: by indicator (the index of an indicator's values), the rest left out.
                let byIndicator = latest || group.count * 2 <= all.filter(\.isEntered).count
                for (unit, values) in try await enteredTotals(scope, target: target, indicators: group, months: first...last, latest: latest,
                                                              filtered: byIndicator) {
                    grid[unit, default: [:]][period, default: [:]].merge(values) { $1 }
                }
            }
        }
        // Computed ones, from the records.
        let byKey = Dictionary(indicators.compactMap { record in record.computation.map { ($0, record.code) } }, uniquingKeysWith: { first, _ in first })
        if !byKey.isEmpty {
            let counted = try await computed.values(scope, target: target, periods: periods.map { ($0, cutOff.range(of: $0)) }, keys: Array(byKey.keys), today: today)
            for (unit, byPeriod) in counted {
                for (period, values) in byPeriod {
                    for (key, value) in values { if let code = byKey[key] { grid[unit, default: [:]][period, default: [:]][code] = value } }
                }
            }
        }
        // Ratios last, from each total.
        for group in target.groups {
            for period in periods {
                grid[group, default: [:]][period] = consolidation.withRatios(grid[group]?[period] ?? [:])
            }
        }
        return grid
    }

    /// The sums (or the organisations' last values) of entered indicators whose months lie in `months`, by group.
    /// Sums of the groups that have totals come from them (``DataValueTotals``, ``keptTotals(_:target:codes:months:filtered:)``);
    /// the other groups, latest values and one organisation's values are read from the values.
    private func enteredTotals(_ scope: Scope, target: FigureTarget, indicators: [IndicatorRecord], months: ClosedRange<Int>, latest: Bool,
                               filtered: Bool) async throws -> [UUID: IndicatorValues] {
        let codes = Dictionary(uniqueKeysWithValues: indicators.map { ($0.id, $0.code) })
        var (kept, totals): (Set<UUID>, [UUID: IndicatorValues]) = ([], [:])
        if !latest { (kept, totals) = try await keptTotals(scope, target: target, codes: codes, months: months, filtered: filtered) }
        let rest = target.groups.filter { !kept.contains($0) }
        guard !rest.isEmpty else { return totals }
        let chosen: SQLQueryString = filtered ? " AND d.\(\D.indicatorID) IN (\(binds: indicators.map(\.id)))" : ""
        // The root alone needs no join: its subtree is the reach condition's.
        let alone = rest == [target.root]
        let group: SQLQueryString = alone ? "NULL" : Reach.container("fc")
        var query: SQLQueryString = "SELECT \(group) AS unit_id, d.\(\D.indicatorID) AS indicator_id, SUM(d.value) AS total FROM data_values d"
        if !alone { query += Reach.join(under: rest, column: "d.\(\D.unitID)", as: "fc") }
        query += """

            WHERE \(Self.reach(scope, target: target))\(chosen)
            AND d.\(\D.firstMonth) >= \(bind: months.lowerBound) AND d.\(\D.lastMonth) <= \(bind: months.upperBound) AND d.value IS NOT NULL
            """
        if latest {
            query += """
                 AND d.\(\D.lastMonth) = (SELECT MAX(e.\(\D.lastMonth)) FROM data_values e WHERE e.\(\D.indicatorID) = d.\(\D.indicatorID) \
                AND e.\(\D.organisationID) = d.\(\D.organisationID) AND e.value IS NOT NULL \
                AND e.\(\D.firstMonth) >= \(bind: months.lowerBound) AND e.\(\D.lastMonth) <= \(bind: months.upperBound))
                """
        }
        query += alone ? " GROUP BY d.\(\D.indicatorID)" : " GROUP BY \(Reach.container("fc")), d.\(\D.indicatorID)"
        struct Row: Decodable { var unitID: UUID?; var indicatorID: UUID; var total: Double? }
        for row in try await sql.raw(query).rows(Row.self) {
            guard let code = codes[row.indicatorID], let total = row.total else { continue }
            totals[row.unitID ?? target.root, default: [:]][code] = total
        }
        return totals
    }

    /// The groups of a target that have totals, and their sums from them, in one statement: units of the top levels
    /// inside the root's subtree (the values of a group outside it are read as the overlap of the two, from the values),
    /// for a caller who reaches their whole subtrees (a subtree scope reaches the subtree of any unit it reaches, the root
    /// checked once; an organisation's scope does not), when no one organisation is asked. Each group is tested against
    /// the root's subtree with a probe: the list of the nation's 14.000 units cost SQLite milliseconds to build.
    private func keptTotals(_ scope: Scope, target: FigureTarget, codes: [UUID: String], months: ClosedRange<Int>,
                            filtered: Bool) async throws -> (kept: Set<UUID>, totals: [UUID: IndicatorValues]) {
        guard case .subtree = scope.mode, target.organisationID == nil else { return ([], [:]) }
        typealias T = DataValueTotalRecord
        let chosen: SQLQueryString = filtered ? " AND t.\(\T.indicatorID) IN (\(binds: Array(codes.keys)))" : ""
        // A group's own row (no indicator) says it has totals, even when none of them has a value in these months.
        let levels: SQLQueryString = "u.level BETWEEN \(bind: DataValueTotals.levels.lowerBound) AND \(bind: DataValueTotals.levels.upperBound)"
        let within: SQLQueryString = "t.\(\T.firstMonth) >= \(bind: months.lowerBound) AND t.\(\T.lastMonth) <= \(bind: months.upperBound)\(chosen)"
        let query: SQLQueryString
        if target.groups == [target.root] {
            // The root alone (a unit's own figures): its totals read as any client would, the caller's reach one constant
            // look-up, the unit not named on each row (NULL); the root lies in its own subtree.
            query = """
                SELECT NULL AS unit_id, t.\(\T.indicatorID) AS indicator_id, SUM(t.total) AS total FROM data_value_totals t
                WHERE t.\(\T.unitID) = \(bind: target.root) AND \(Reach.condition(scope, unit: "t.\(\T.unitID)", root: target.root)) AND \(within)
                GROUP BY t.\(\T.indicatorID) HAVING SUM(t.n) > 0
                UNION ALL SELECT u.id, NULL, NULL FROM organisation_units u
                WHERE u.id = \(bind: target.root) AND \(levels) AND \(Reach.condition(scope, unit: "u.id", root: target.root))
                """
        } else {
            query = """
                WITH kept AS (SELECT u.id FROM organisation_units u WHERE u.id IN (\(binds: target.groups)) AND \(levels)
                  AND \(Reach.subtree("u.id", of: target.root, shape: .probe)) AND \(Reach.condition(scope, unit: "u.id", root: target.root)))
                SELECT t.\(\T.unitID) AS unit_id, t.\(\T.indicatorID) AS indicator_id, SUM(t.total) AS total
                FROM kept k JOIN data_value_totals t ON t.\(\T.unitID) = k.id WHERE \(within)
                GROUP BY t.\(\T.unitID), t.\(\T.indicatorID) HAVING SUM(t.n) > 0
                UNION ALL SELECT k.id, NULL, NULL FROM kept k
                """
        }
        struct Row: Decodable { var unitID: UUID?; var indicatorID: UUID?; var total: Double? }
        let rows = try await sql.raw(query).rows(Row.self)
        var kept: Set<UUID> = []
        var totals: [UUID: IndicatorValues] = [:]
        for row in rows {
            let group = row.unitID ?? target.root
            guard let indicator = row.indicatorID else { kept.insert(group); continue }
            if let code = codes[indicator], let total = row.total { totals[group, default: [:]][code] = total }
        }
        return (kept, totals)
    }

    /// The values of a target's subtree in reach: the caller's reach and the root's subtree, or one organisation.
    /// The root is in reach (read through the caller's scope first), so a subtree scope reaches its
    /// whole subtree: one look-up, then the subtree's units (``ModelStore/within``).
    static func reach(_ scope: Scope, target: FigureTarget) -> SQLQueryString {
        var condition = ModelStore.within(scope, unit: "d.\(\D.unitID)", organisation: "d.\(\D.organisationID)", unitID: target.root)
        if let organisation = target.organisationID { condition += " AND d.\(\D.organisationID) = \(bind: organisation)" }
        return condition
    }

    /// The computed values of one organisation for a period (the entry grid's read-only cells):
    /// its indicators counted from the records and the ratios whose parts are among them, under
    /// the cut-off of the form these indicators are on. Out of reach: 404.
    func computedValues(_ scope: Scope, organisationID: UUID, period: ReportingPeriod, indicators: [IndicatorRecord]) async throws -> [String: Double] {
        let organisation = try await OrganisationStore(database: database).organisation(scope, id: organisationID)
        let wanted = indicators.filter { $0.computation != nil || $0.isRatio }
        guard !wanted.isEmpty else { return [:] }
        let cutOff = Self.cutOff(try await formVersion(holding: wanted.map(\.id), on: cutOffProbe(period)))
        let grid = try await consolidate(scope, target: FigureTarget(root: organisation.unitID, organisationID: organisationID), periods: [period],
                                         cutOff: cutOff, indicators: wanted)
        let values = grid[organisation.unitID]?[period] ?? [:]
        let computedCodes = Set(try await self.indicators().filter { $0.computation != nil }.map(\.code))
        return values.filter { code, _ in
            guard let record = wanted.first(where: { $0.code == code }) else { return false }
            if record.computation != nil { return true }
            // A ratio of two computed indicators is computed too; one with an entered part is the grid's.
            return [record.numeratorCode, record.denominatorCode].allSatisfy { $0.map(computedCodes.contains) ?? false }
        }
    }

    private func cutOffProbe(_ period: ReportingPeriod) -> CivilDate { period.lastDay }

    /// The form version in force on a day that asks any of these indicators.
    func formVersion(holding indicatorIDs: [UUID], on day: CivilDate) async throws -> ReportFormVersionRecord? {
        try await database.plannedOnce.raw("""
            SELECT \(unsafeRaw: RowColumns.select(ReportFormVersionRecord.self, from: "v")) FROM report_form_versions v
            WHERE v.\(\ReportFormVersionRecord.validFrom) <= \(bind: day.iso) AND EXISTS (SELECT 1 FROM report_form_items t
              WHERE t.\(\ReportFormItemRecord.versionID) = v.id AND t.\(\ReportFormItemRecord.indicatorID) IN (\(binds: indicatorIDs)))
            ORDER BY v.\(\ReportFormVersionRecord.validFrom) DESC LIMIT 1
            """).row(ReportFormVersionRecord.self)
    }
}
