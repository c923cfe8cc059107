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
            (l.received_on >= \(bind: from) OR l.processed_on IS NULL OR l.processed_on >= \(bind: from) OR l.answer_received_on >= \(bind: from) \
            OR (l.accepted_on IS NOT NULL AND (l.resolved_on IS NULL OR l.resolved_on >= \(bind: from)) AND (l.withdrawn_on IS NULL OR l.withdrawn_on >= \(bind: from))))
            """
    }

    func statistics(_ scope: Scope, unitID: UUID, period: ReportPeriod, today: CivilDate = .today(now: Date())) async throws -> LetterStatistics {
        _ = try await UnitStore(database: database).unit(scope, id: unitID)

        var columns: SQLQueryString = "COUNT(*) AS n"
        for figure in LetterFigure.pageFigures {
            columns = columns + ", SUM(CASE WHEN \(figure.condition(period, today: today)) THEN 1 ELSE 0 END) AS \(unsafeRaw: figure.rawValue)"
        }
        let letterRow = try await sql.raw("""
            SELECT \(columns) FROM letters l WHERE \(LetterStore.inScope(scope, subtree: unitID)) AND l.received_on <= \(bind: period.to.iso)
            AND \(Self.mayCount(period))
            """).first()
        var letters: [LetterFigure: Int] = [:]
        for figure in LetterFigure.pageFigures { letters[figure] = (try? letterRow?.decode(column: figure.rawValue, as: Int?.self)) ?? 0 }

        // PostgreSQL sums a bigint column as numeric: cast back so it decodes as Int.
        var visitColumns: SQLQueryString = "COUNT(DISTINCT v.session_id) AS sessions"
        for figure in VisitFigure.allCases {
            visitColumns = visitColumns + ", SUM(CASE WHEN \(figure.condition) THEN 1 ELSE 0 END) AS \(unsafeRaw: figure.rawValue)"
                + ", CAST(SUM(CASE WHEN \(figure.condition) THEN v.people ELSE 0 END) AS BIGINT) AS \(unsafeRaw: figure.rawValue)_people"
        }
        let visitRow = try await sql.raw("""
            SELECT \(visitColumns) FROM reception_visits v JOIN reception_sessions s ON s.id = v.session_id
            WHERE \(ReceptionStore.inScope(scope, alias: "s")) AND \(UnitStore.inSubtree("v.unit_id", of: unitID)) AND v.date >= \(bind: period.from.iso) AND v.date <= \(bind: period.to.iso)
            """).first()
        var visits: [VisitFigure: (Int, Int)] = [:]
        for figure in VisitFigure.allCases {
            visits[figure] = ((try? visitRow?.decode(column: figure.rawValue, as: Int?.self)) ?? 0,
                              (try? visitRow?.decode(column: figure.rawValue + "_people", as: Int?.self)) ?? 0)
        }
        struct Sessions: Decodable { var sessions: Int; var head: Int? }
        let sessions = try await sql.raw("""
            SELECT COUNT(*) AS sessions, SUM(CASE WHEN s.receiver_kind = 'head' THEN 1 ELSE 0 END) AS head FROM reception_sessions s
            WHERE \(ReceptionStore.inScope(scope, alias: "s")) AND \(UnitStore.inSubtree("s.unit_id", of: unitID)) AND s.date >= \(bind: period.from.iso) AND s.date <= \(bind: period.to.iso)
            """).first(decoding: Sessions.self)
        return LetterStatistics(unitID: unitID, period: period, sessions: sessions?.sessions ?? 0, headSessions: sessions?.head ?? 0,
                                visits: visits, letters: letters)
    }
}
