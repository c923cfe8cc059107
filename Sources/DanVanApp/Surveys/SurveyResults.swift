import DanVanDomain
import Foundation
import SQLKit

private typealias A = SurveyAnswerRecord

/// The answers of a unit's subtree over a period, counted by choice in each group a
/// results page shows.
struct SurveyCounts: Sendable {
    /// One group's counts, by choice key.
    struct Group: Sendable {
        var key: String
        var label: String
        var counts: [String: Int]
        var total: Int { counts.values.reduce(0, +) }
    }
    var total: Group
    var months: [Group]
    var counters: [Group]
    var fields: [Group]
}

/// The filters of the answers list a count opens: every one optional.
struct SurveyAnswerFilter: Sendable, Equatable {
    var choice: String?
    /// `yyyy-mm`.
    var month: String?
    /// A kiosk's id, or a channel without kiosks (`online`, `paper`).
    var counter: String?
    /// A field's key, or `none`.
    var field: String?
}

struct SurveyAnswerRow: Sendable, Codable {
    var id: UUID
    var answeredAt: Date
    var answeredOn: String
    var channel: String
    var choice: String
    var reason: String?
    var field: String?
    var unitName: String
    var kioskName: String?
}

extension SurveyStore {
    /// A group's key for answers without a field.
    static let noField = "none"

    private func answerConditions(_ scope: Scope, unitID: UUID, period: ReportPeriod) -> SQLQueryString {
        "\(Reach.condition(scope, unit: "a.\(\A.unitID)", organisation: "a.\(\A.organisationID)", within: unitID)) "
            + "AND a.\(\A.answeredOn) >= \(bind: period.from.iso) AND a.\(\A.answeredOn) <= \(bind: period.to.iso)"
    }

    /// The counts of a unit's subtree over a period (the unit in reach, or 404), by month, counter and field.
    func counts(_ scope: Scope, unitID: UUID, period: ReportPeriod) async throws -> SurveyCounts {
        _ = try await UnitStore(database: database).unit(scope, id: unitID)
        let cells = try await cells(scope, unitID: unitID, period: period)
        let kiosks = try await kioskNames(scope, Set(cells.compactMap(\.kioskID)))
        func groups(_ key: (Cell) -> (String, String)) -> [SurveyCounts.Group] {
            var found: [String: SurveyCounts.Group] = [:]
            for cell in cells {
                let (id, label) = key(cell)
                found[id, default: .init(key: id, label: label, counts: [:])].counts[cell.choice, default: 0] += cell.n
            }
            return found.values.sorted { $0.label < $1.label }
        }
        var total = SurveyCounts.Group(key: "", label: "", counts: [:])
        for cell in cells { total.counts[cell.choice, default: 0] += cell.n }
        return SurveyCounts(
            total: total,
            months: groups { ($0.month, $0.month) },
            counters: groups { cell in cell.kioskID.map { ($0.uuidString.lowercased(), kiosks[$0] ?? "") } ?? (cell.channel, "") },
            fields: groups { ($0.field ?? Self.noField, $0.field ?? "") })
    }

    /// The counts of each subtree below a unit: the units in force on the period's last day, or
    /// today's when the unit had none then (a unit of the 2025 reorganisation over an earlier
    /// period: its subtree's history holds that period's answers).
    func countsBelow(_ scope: Scope, unitID: UUID, period: ReportPeriod, today: CivilDate = .today(now: Date())) async throws -> [(unit: UnitSummary, counts: [String: Int])] {
        let units = UnitStore(database: database)
        var children = try await units.children(scope, of: unitID, on: period.to)
        if children.isEmpty { children = try await units.children(scope, of: unitID, on: today) }
        guard !children.isEmpty else { return [] }
        var counts: [UUID: [String: Int]] = [:]
        for cell in try await cells(scope, unitID: unitID, period: period, below: children.map(\.id)) {
            if let child = cell.below { counts[child, default: [:]][cell.choice, default: 0] += cell.n }
        }
        return children.sortedVietnamese().map { ($0, counts[$0.id] ?? [:]) }
    }

    /// A count of answers: of a choice, in a month, by a channel and counter, in a field, and
    /// (when units are compared) below one of them.
    private struct Cell: Decodable {
        var below: UUID?
        var choice: String
        var month: String
        var channel: String
        var kioskID: UUID?
        var field: String?
        var n: Int
    }

    /// The counts of a unit's subtree over a period: the whole months from the counts kept by
    /// month, the days around them from the answers. `below`: the units whose subtrees are
    /// compared (an answer counts under each of them its unit's paths reach).
    private func cells(_ scope: Scope, unitID: UUID, period: ReportPeriod, below: [UUID]? = nil) async throws -> [Cell] {
        typealias C = SurveyAnswerCountRecord
        let (months, days) = period.monthsAndDays
        func grouped(_ alias: String, unit: SQLQueryString, organisation: SQLQueryString, month: SQLQueryString, kiosk: SQLQueryString, field: SQLQueryString,
                     n: SQLQueryString, from table: String, during: SQLQueryString) -> SQLQueryString {
            // Units compared are counted by choice alone (a province's communes: ~20.000 counts, 150 cells).
            let key: SQLQueryString = below == nil ? "\(ident: alias).choice, \(month), \(ident: alias).channel, \(kiosk), \(field)"
                : "\(Reach.container("cp")), \(ident: alias).choice"
            var query: SQLQueryString = below == nil
                ? "SELECT NULL AS below, \(ident: alias).choice, \(month) AS month, \(ident: alias).channel, \(kiosk) AS \(ident: ColumnName.of(\Cell.kioskID)), \(field) AS field"
                : "SELECT \(Reach.container("cp")) AS below, \(ident: alias).choice, '' AS month, '' AS channel, NULL AS \(ident: ColumnName.of(\Cell.kioskID)), NULL AS field"
            query += ", \(n) AS n FROM \(ident: table) \(ident: alias)"
            if let below { query += Reach.join(under: below, column: unit, as: "cp") }
            query += " WHERE \(Reach.condition(scope, unit: unit, organisation: organisation, within: unitID)) AND \(during) GROUP BY "
            return query + key
        }
        var cells: [Cell] = []
        if let months {
            cells += try await sql.raw(grouped("c", unit: "c.\(\C.unitID)", organisation: "c.\(\C.organisationID)", month: "c.month", kiosk: "c.\(\C.kioskID)",
                                               field: "c.field", n: "CAST(SUM(c.n) AS BIGINT)", from: "survey_answer_counts",
                                               during: "c.month >= \(bind: months.lowerBound) AND c.month <= \(bind: months.upperBound)")).rows(Cell.self)
                .map { cell in
                    var cell = cell
                    if cell.kioskID == C.noKiosk { cell.kioskID = nil }
                    if cell.field == Self.noField { cell.field = nil }
                    return cell
                }
        }
        for range in days {
            cells += try await sql.raw(grouped("a", unit: "a.\(\A.unitID)", organisation: "a.\(\A.organisationID)", month: "SUBSTR(a.\(\A.answeredOn), 1, 7)",
                                               kiosk: "a.\(\A.kioskID)", field: "a.field", n: "COUNT(*)", from: "survey_answers",
                                               during: "a.\(\A.answeredOn) >= \(bind: range.from.iso) AND a.\(\A.answeredOn) <= \(bind: range.to.iso)")).rows(Cell.self)
        }
        return cells
    }

    /// The names of kiosks, by id.
    private func kioskNames(_ scope: Scope, _ ids: Set<UUID>) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        struct Kiosk: Decodable { var id: UUID; var name: String }
        let kiosks = try await sql.raw("SELECT k.id, k.name FROM survey_kiosks k WHERE k.id IN (\(binds: Array(ids))) AND \(Self.kioskInScope(scope))").rows(Kiosk.self)
        return Dictionary(kiosks.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// The answers a count stands for, newest first, at most `limit`.
    func answers(_ scope: Scope, unitID: UUID, period: ReportPeriod, filter: SurveyAnswerFilter, limit: Int = 500) async throws -> [SurveyAnswerRow] {
        _ = try await UnitStore(database: database).unit(scope, id: unitID)
        var query: SQLQueryString = """
            SELECT \(unsafeRaw: RowColumns.select(SurveyAnswerRow.self, from: "a", joined: [\.unitName: "u.name", \.kioskName: "k.name"]))
            FROM survey_answers a JOIN organisation_units u ON u.id = a.\(\A.unitID) LEFT JOIN survey_kiosks k ON k.id = a.\(\A.kioskID)
            WHERE \(answerConditions(scope, unitID: unitID, period: period))
            """
        if let choice = filter.choice { query = query + " AND a.\(\A.choice) = \(bind: choice)" }
        if let month = filter.month { query = query + " AND SUBSTR(a.\(\A.answeredOn), 1, 7) = \(bind: month)" }
        if let counter = filter.counter {
            if let kiosk = UUID(uuidString: counter) { query = query + " AND a.\(\A.kioskID) = \(bind: kiosk)" }
            else { query = query + " AND a.\(\A.kioskID) IS NULL AND a.channel = \(bind: counter)" }
        }
        if let field = filter.field {
            query = query + (field == Self.noField ? " AND a.\(\A.field) IS NULL" : " AND a.\(\A.field) = \(bind: field)")
        }
        return try await sql.raw(query + " ORDER BY a.\(\A.answeredAt) DESC LIMIT \(literal: limit)").rows(SurveyAnswerRow.self)
    }
}
