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
        struct Cell: Decodable { var choice: String; var month: String; var channel: String; var kioskID: UUID?; var kioskName: String?; var field: String?; var n: Int }
        let cells = try await sql.raw("""
            SELECT a.\(\A.choice), SUBSTR(a.\(\A.answeredOn), 1, 7) AS month, a.channel, a.\(\A.kioskID), k.name AS kiosk_name, a.\(\A.field), COUNT(*) AS n
            FROM survey_answers a LEFT JOIN survey_kiosks k ON k.id = a.\(\A.kioskID)
            WHERE \(answerConditions(scope, unitID: unitID, period: period))
            GROUP BY a.\(\A.choice), SUBSTR(a.\(\A.answeredOn), 1, 7), a.channel, a.\(\A.kioskID), k.name, a.\(\A.field)
            """).rows(Cell.self)
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
            counters: groups { cell in cell.kioskID.map { ($0.uuidString.lowercased(), cell.kioskName ?? "") } ?? (cell.channel, "") },
            fields: groups { ($0.field ?? Self.noField, $0.field ?? "") })
    }

    /// The counts of each subtree below a unit: the units in force on the period's last day, or
    /// today's when the unit had none then (a unit of the 2025 reorganisation over an earlier
    /// period: its subtree's history holds that period's answers).
    func countsBelow(_ scope: Scope, unitID: UUID, period: ReportPeriod, today: CivilDate = .today(now: Date())) async throws -> [(unit: UnitSummary, counts: [String: Int])] {
        let units = UnitStore(database: database)
        var children = try await units.children(scope, of: unitID, on: period.to)
        if children.isEmpty { children = try await units.children(scope, of: unitID, on: today) }
        children = children.sortedVietnamese()
        struct Cell: Decodable { var choice: String; var n: Int }
        var result: [(unit: UnitSummary, counts: [String: Int])] = []
        for child in children {
            let cells = try await sql.raw("""
                SELECT a.\(\A.choice), COUNT(*) AS n FROM survey_answers a
                WHERE \(answerConditions(scope, unitID: child.id, period: period)) GROUP BY a.\(\A.choice)
                """).rows(Cell.self)
            result.append((child, Dictionary(cells.map { ($0.choice, $0.n) }, uniquingKeysWith: +)))
        }
        return result
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
