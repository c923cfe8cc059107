import DanVanDomain
import Foundation
import SQLKit

/// The reception and letter figures of a subtree over a period (the Thanh tra
/// forms, DOMAIN.md §4.1). Each figure is a count of records with one
/// ``LetterFigure`` or ``VisitFigure`` condition, so it can be listed.
struct LetterStatistics: Sendable {
    var unitID: UUID
    var period: ReportPeriod
    /// Kỳ tiếp: sessions held in the period.
    var sessions: Int
    var headSessions: Int
    /// Visit figures: lượt (count) and người (sum of people).
    var visits: [VisitFigure: (visits: Int, people: Int)]
    var letters: [LetterFigure: Int]

    func count(_ figure: LetterFigure) -> Int { letters[figure] ?? 0 }

    /// Tỷ lệ giải quyết = resolved / to be resolved; nil when nothing was to be resolved.
    var resolutionRate: Double? {
        let due = count(.toResolve)
        return due == 0 ? nil : Double(count(.resolved)) / Double(due)
    }
}

struct StatisticsStore: Sendable {
    let database: AppDatabase
    private var sql: any SQLDatabase { database.sql }

    /// Letters that can meet some ``LetterFigure`` condition of the period: received
    /// in it, or still unprocessed, unresolved or answered at its start. Letters
    /// settled before the period count in no figure, so leaving them out changes
    /// no figure and spares evaluating every condition on years of old letters.
    static func mayCount(_ period: ReportPeriod) -> SQLQueryString {
        let from = period.from.iso
        return """
            (l.\(\L.receivedOn) >= \(bind: from) OR l.\(\L.processedOn) IS NULL OR l.\(\L.processedOn) >= \(bind: from) OR l.\(\L.answerReceivedOn) >= \(bind: from) \
            OR (l.\(\L.acceptedOn) IS NOT NULL AND (l.\(\L.resolvedOn) IS NULL OR l.\(\L.resolvedOn) >= \(bind: from)) AND (l.\(\L.withdrawnOn) IS NULL OR l.\(\L.withdrawnOn) >= \(bind: from))))
            """
    }

    func statistics(_ scope: Scope, unitID: UUID, period: ReportPeriod, today: CivilDate = .today(now: Date())) async throws -> LetterStatistics {
        _ = try await UnitStore(database: database).unit(scope, id: unitID)
        let letterCounts = try await letters(scope, unitID: unitID, period: period, LetterFigure.pageFigures.map {
            CountColumn(alias: $0.rawValue, condition: $0.condition(period, today: today))
        })
        let visitCounts = try await visits(scope, unitID: unitID, period: period, VisitFigure.allCases.flatMap {
            [CountColumn(alias: $0.rawValue, condition: $0.condition), CountColumn(alias: $0.rawValue + "_people", condition: $0.condition, value: "v.people")]
        })
        let sessionCounts = try await sessions(scope, unitID: unitID, period: period, [
            CountColumn(alias: "sessions", condition: "1 = 1"), CountColumn(alias: "head", condition: VisitFigure.head.condition),
        ])
        var letters: [LetterFigure: Int] = [:]
        for figure in LetterFigure.pageFigures { letters[figure] = letterCounts[figure.rawValue] ?? 0 }
        var visits: [VisitFigure: (Int, Int)] = [:]
        for figure in VisitFigure.allCases { visits[figure] = (visitCounts[figure.rawValue] ?? 0, visitCounts[figure.rawValue + "_people"] ?? 0) }
        return LetterStatistics(unitID: unitID, period: period, sessions: sessionCounts["sessions"] ?? 0, headSessions: sessionCounts["head"] ?? 0,
                                visits: visits, letters: letters)
    }

    // MARK: Counting

    /// One figure of a statistics query: how many rows meet `condition`, or
    /// the sum of `value` over them.
    struct CountColumn: Sendable {
        var alias: String
        var condition: SQLQueryString
        var value: SQLQueryString = "1"
    }

    /// The columns over the letters of a subtree that may count in the period (``mayCount(_:)``).
    func letters(_ scope: Scope, unitID: UUID, period: ReportPeriod, _ columns: [CountColumn]) async throws -> [String: Int] {
        try await sums(columns, """
            FROM letters l WHERE \(LetterStore.inScope(scope, subtree: unitID)) AND l.\(\L.receivedOn) <= \(bind: period.to.iso) AND \(Self.mayCount(period))
            """)
    }

    /// The columns over the visits (`v`, with their session `s`) of a subtree in the period.
    func visits(_ scope: Scope, unitID: UUID, period: ReportPeriod, _ columns: [CountColumn]) async throws -> [String: Int] {
        try await sums(columns, """
            FROM reception_visits v JOIN reception_sessions s ON s.id = v.\(\ReceptionVisitRecord.sessionID)
            WHERE \(ReceptionStore.inScope(scope)) AND \(Reach.subtree("v.\(\ReceptionVisitRecord.unitID)", of: unitID))
            AND v.date >= \(bind: period.from.iso) AND v.date <= \(bind: period.to.iso)
            """)
    }

    /// The columns over the reception sessions (`s`) of a subtree in the period.
    func sessions(_ scope: Scope, unitID: UUID, period: ReportPeriod, _ columns: [CountColumn]) async throws -> [String: Int] {
        try await sums(columns, """
            FROM reception_sessions s WHERE \(ReceptionStore.inScope(scope)) AND \(Reach.subtree("s.\(\ReceptionSessionRecord.unitID)", of: unitID))
            AND s.date >= \(bind: period.from.iso) AND s.date <= \(bind: period.to.iso)
            """)
    }

    /// One query for all the columns (none: no query). PostgreSQL sums a bigint
    /// column as numeric, so each sum is cast back to decode as Int.
    private func sums(_ columns: [CountColumn], _ from: SQLQueryString) async throws -> [String: Int] {
        guard !columns.isEmpty else { return [:] }
        let selected = columns.map { "CAST(SUM(CASE WHEN \($0.condition) THEN \($0.value) ELSE 0 END) AS BIGINT) AS \(unsafeRaw: $0.alias)" as SQLQueryString }
        guard let row = try await sql.raw("SELECT \(selected.joined(", ")) " + from).first() else { return [:] }
        var result: [String: Int] = [:]
        for column in columns { result[column.alias] = (try? row.decode(column: column.alias, as: Int?.self)) ?? 0 }
        return result
    }
}
