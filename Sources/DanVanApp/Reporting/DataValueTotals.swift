import DanVanDomain
import Foundation
import SQLKit

private typealias D = DataValueRecord
private typealias T = DataValueTotalRecord

/// A row of `data_value_totals`: the sum and the number of an indicator's values for one span of
/// months (a value's own period: `first_month`…`last_month`) under one unit of the top levels
/// (``DataValueTotals/levels``: the nation, provinces and districts of either era), history
/// included — the values of every unit in its `unit_paths` subtree. Kept in the transaction that
/// writes the values (``DataValueTotals/add(_:on:)``), so consolidating a province or the nation
/// reads a few hundred totals instead of every value under it; `danvan check` compares them with
/// the values.
struct DataValueTotalRecord: Sendable, Codable {
    var unitID: UUID
    var firstMonth: Int
    var lastMonth: Int
    var indicatorID: UUID
    var total: Double
    /// How many values (not cleared) the total adds: a total of none is no figure, not 0.
    var n: Int

    /// The columns that name a total: the rest of the row is what it adds up.
    static let key = [ColumnName.of(\T.unitID), ColumnName.of(\T.firstMonth), ColumnName.of(\T.lastMonth), ColumnName.of(\T.indicatorID)]
}

/// Totals of entered values by top-level unit and span of months (`data_value_totals`).
enum DataValueTotals {
    /// The levels whose units keep totals: the nation (0), provinces (1) and districts (2). A
    /// commune's values are few enough to add up as they are.
    static let levels = 0...2

    /// A stored value changed: the unit its row is at, its indicator and months, before and after
    /// (`nil`: none, or cleared).
    struct Change: Sendable {
        var unitID: UUID
        var indicatorID: UUID
        var firstMonth: Int
        var lastMonth: Int
        var before: Double?
        var after: Double?

        /// A change of the value of `row` (its unit and months: where the total is kept).
        init(_ row: DataValueRecord, before: Double?, after: Double?) {
            self.init(unitID: row.unitID, indicatorID: row.indicatorID, firstMonth: row.firstMonth, lastMonth: row.lastMonth, before: before, after: after)
        }

        init(unitID: UUID, indicatorID: UUID, firstMonth: Int, lastMonth: Int, before: Double?, after: Double?) {
            (self.unitID, self.indicatorID, self.firstMonth, self.lastMonth, self.before, self.after) = (unitID, indicatorID, firstMonth, lastMonth, before, after)
        }
    }

    /// Adds changes to the totals of every top-level unit above their units, in the caller's
    /// transaction: one row a key, created or increased, in key order (two transactions adding to
    /// the same totals wait for each other instead of deadlocking). A total whose values are all
    /// cleared goes back to exactly 0.
    static func add(_ changes: [Change], on sql: any SQLDatabase) async throws {
        let changes = changes.filter { $0.before != $0.after }
        guard !changes.isEmpty else { return }
        struct Path: Decodable { var descendantID: UUID; var ancestorID: UUID }
        var above: [UUID: [UUID]] = [:]
        for chunk in Array(Set(changes.map(\.unitID))).chunked(500) {
            for path in try await sql.raw("""
                SELECT p.\(\UnitPath.descendantID), p.\(\UnitPath.ancestorID) FROM unit_paths p JOIN organisation_units u ON u.id = p.\(\UnitPath.ancestorID)
                WHERE p.\(\UnitPath.descendantID) IN (\(binds: Array(chunk))) AND u.level BETWEEN \(bind: levels.lowerBound) AND \(bind: levels.upperBound)
                """).rows(Path.self) {
                above[path.descendantID, default: []].append(path.ancestorID)
            }
        }
        struct Key: Hashable, Comparable {
            var unit: UUID, first: Int, last: Int, indicator: UUID
            static func < (a: Key, b: Key) -> Bool {
                (a.unit.uuidString, a.first, a.last, a.indicator.uuidString) < (b.unit.uuidString, b.first, b.last, b.indicator.uuidString)
            }
        }
        var totals: [Key: T] = [:]
        for change in changes {
            let delta = (change.after ?? 0) - (change.before ?? 0)
            let counted = (change.after == nil ? 0 : 1) - (change.before == nil ? 0 : 1)
            for unit in above[change.unitID] ?? [] {
                let key = Key(unit: unit, first: change.firstMonth, last: change.lastMonth, indicator: change.indicatorID)
                totals[key, default: T(unitID: unit, firstMonth: change.firstMonth, lastMonth: change.lastMonth, indicatorID: change.indicatorID, total: 0, n: 0)]
                    .total += delta
                totals[key]!.n += counted
            }
        }
        let rows = totals.sorted { $0.key < $1.key }.map(\.value)
        for chunk in rows.chunked(500) {
            try await sql.insert(into: "data_value_totals").values(ofAll: Array(chunk))
                .onConflict(with: T.key) {
                    $0.set("total", to: SQLRaw("CASE WHEN data_value_totals.n + excluded.n = 0 THEN 0 ELSE data_value_totals.total + excluded.total END"))
                        .set("n", to: SQLRaw("data_value_totals.n + excluded.n"))
                }
                .run()
        }
    }

    /// The totals as the values give them: a top-level unit, the months, the indicator, the sum and the number.
    private static var fromValues: SQLQueryString {
        """
        SELECT p.\(\UnitPath.ancestorID) AS unit_id, d.\(\D.firstMonth) AS first_month, d.\(\D.lastMonth) AS last_month, d.\(\D.indicatorID) AS indicator_id,
               SUM(d.value) AS total, COUNT(d.value) AS n
        FROM data_values d JOIN unit_paths p ON p.\(\UnitPath.descendantID) = d.\(\D.unitID) JOIN organisation_units u ON u.id = p.\(\UnitPath.ancestorID)
        WHERE u.level BETWEEN \(bind: levels.lowerBound) AND \(bind: levels.upperBound) AND d.value IS NOT NULL GROUP BY 1, 2, 3, 4
        """
    }

    /// Every total made again from the values (the migration that made the table, a generated
    /// load, a changed hierarchy).
    static func rebuild(on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM data_value_totals").run()
        try await sql.raw("INSERT INTO data_value_totals (\(unsafeRaw: RowColumns.of(T.self).joined(separator: ", "))) " + fromValues).run()
    }

    /// `danvan check`: the totals that differ from the values they add up, in Vietnamese.
    static func check(_ database: AppDatabase) async throws -> [String] {
        struct Difference: Decodable {
            var unitID: UUID; var firstMonth: Int; var lastMonth: Int; var indicatorID: UUID; var kept: Double; var summed: Double; var counted: Double; var numbered: Double
        }
        let shown = 20
        let key = "unit_id, first_month, last_month, indicator_id"
        let differences = try await database.sql.raw("""
            SELECT \(unsafeRaw: key), SUM(kept) AS kept, SUM(summed) AS summed, SUM(counted) AS counted, SUM(numbered) AS numbered FROM (
                SELECT \(unsafeRaw: key), CAST(total AS DOUBLE PRECISION) AS kept, CAST(n AS DOUBLE PRECISION) AS counted,
                       CAST(0 AS DOUBLE PRECISION) AS summed, CAST(0 AS DOUBLE PRECISION) AS numbered FROM data_value_totals
                UNION ALL
                SELECT \(unsafeRaw: key), 0, 0, CAST(total AS DOUBLE PRECISION), CAST(n AS DOUBLE PRECISION) FROM (\(fromValues)) w
            ) x GROUP BY \(unsafeRaw: key)
            HAVING ABS(SUM(kept) - SUM(summed)) > 0.000001 * (1 + ABS(SUM(summed))) OR SUM(counted) <> SUM(numbered) ORDER BY \(unsafeRaw: key) LIMIT \(unsafeRaw: String(shown + 1))
            """).rows(Difference.self)
        guard !differences.isEmpty else { return [] }
        struct Named: Decodable { var id: UUID; var name: String }
        let units = Dictionary(try await database.sql.raw("SELECT u.id, u.name FROM organisation_units u WHERE u.id IN (\(binds: differences.map(\.unitID)))")
            .rows(Named.self).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let indicators = Dictionary(try await database.sql.raw("SELECT i.id, i.name FROM indicators i WHERE i.id IN (\(binds: differences.map(\.indicatorID)))")
            .rows(Named.self).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        func month(_ number: Int) -> String { String(format: "%02d/%04d", number % 12 + 1, number / 12) }
        func figure(_ total: Double, _ count: Double) -> String {
            "\(VietnameseFormat.decimal(total, fractionDigits: 2)) (\(VietnameseFormat.integer(Int(count))) giá trị)"
        }
        var lines = differences.prefix(shown).map {
            let months = $0.firstMonth == $0.lastMonth ? "tháng \(month($0.firstMonth))" : "tháng \(month($0.firstMonth))–\(month($0.lastMonth))"
            return "Tổng số liệu báo cáo lệch với giá trị đã nhập: \(units[$0.unitID] ?? "?"), \(indicators[$0.indicatorID] ?? "?"), \(months): "
                + "tổng giữ \(figure($0.kept, $0.counted)), cộng từ giá trị \(figure($0.summed, $0.numbered))."
        }
        if differences.count > shown { lines.append("Còn những tổng lệch khác (chỉ nêu \(shown) tổng đầu).") }
        return lines
    }
}
