import DanVanDomain
import Foundation
import SQLKit

private typealias A = SurveyAnswerRecord
private typealias C = SurveyAnswerCountRecord

/// A row of `survey_answer_counts`: how many answers of one choice a unit's organisation took
/// in a month, by one channel and counter, in one field. Kept in the transaction that stores
/// the answers, so results over whole months read these rows instead of every answer;
/// `danvan check` compares them with the answers.
struct SurveyAnswerCountRecord: Sendable, Codable {
    var unitID: UUID
    var organisationID: UUID
    /// `yyyy-mm`, the month of `answeredOn`.
    var month: String
    var channel: String
    /// The kiosk, or `SurveyAnswerCountRecord.noKiosk` for the online form and paper
    /// (a key column holds no NULL: NULLs are never equal, so they would not add up).
    var kioskID: UUID
    /// The field's key, or `SurveyStore.noField`.
    var field: String
    var choice: String
    var n: Int

    static let noKiosk = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// The key as one text, to add to counts in the same order everywhere.
    var order: String { [unitID.uuidString, month, channel, kioskID.uuidString, field, choice, organisationID.uuidString].joined(separator: "|") }

    /// The columns that name a count: the rest of the row is `n`.
    static let key = [ColumnName.of(\C.unitID), "month", "channel", ColumnName.of(\C.kioskID), "field", "choice", ColumnName.of(\C.organisationID)]
}

extension SurveyAnswerCountRecord {
    /// The count an answer adds to (with `n` 0).
    init(_ answer: SurveyAnswerRecord) {
        self.init(unitID: answer.unitID, organisationID: answer.organisationID, month: String(answer.answeredOn.prefix(7)), channel: answer.channel,
                  kioskID: answer.kioskID ?? Self.noKiosk, field: answer.field ?? SurveyStore.noField, choice: answer.choice, n: 0)
    }
}

extension SurveyStore {
    /// Stores answers and adds them to their counts, in the caller's transaction: every
    /// answer, or (`ignoringConflicts`) those whose kiosk and client id are new. Returns
    /// the answers stored.
    @discardableResult
    static func store(_ answers: some Collection<SurveyAnswerRecord>, on sql: any SQLDatabase, ignoringConflicts: Bool = false) async throws -> [SurveyAnswerRecord] {
        var stored: [SurveyAnswerRecord] = []
        for chunk in Array(answers).chunked(500) {
            if ignoringConflicts {
                let taken = try await sql.insert(into: "survey_answers").values(ofAll: Array(chunk)).ignoringConflicts()
                    .returning(SQLIdentifier(ColumnName.of(\A.id))).all()
                    .map { try $0.decode(column: ColumnName.of(\A.id), as: UUID.self) }
                let kept = Set(taken)
                stored += chunk.filter { kept.contains($0.id) }
            } else {
                try await sql.insert(into: "survey_answers").values(ofAll: Array(chunk)).run()
                stored += chunk
            }
        }
        try await add(stored, on: sql)
        return stored
    }

    /// Adds answers to their counts: one row a key, created or increased (in key order, so two
    /// transactions adding to the same counts wait for each other instead of deadlocking).
    private static func add(_ answers: [SurveyAnswerRecord], on sql: any SQLDatabase) async throws {
        var counts: [String: C] = [:]
        for answer in answers { counts[C(answer).order, default: C(answer)].n += 1 }
        let rows = counts.sorted { $0.key < $1.key }.map(\.value)
        for chunk in rows.chunked(500) {
            try await sql.insert(into: "survey_answer_counts").values(ofAll: Array(chunk))
                .onConflict(with: C.key) { $0.set("n", to: SQLRaw("survey_answer_counts.n + excluded.n")) }
                .run()
        }
    }

    /// The key of an answer `a`'s count, in the columns' order.
    private static var answerKey: SQLQueryString {
        """
        a.\(\A.unitID), a.\(\A.organisationID), SUBSTR(a.\(\A.answeredOn), 1, 7), a.channel, COALESCE(a.\(\A.kioskID), \(bind: C.noKiosk)), \
        COALESCE(a.\(\A.field), \(bind: noField)), a.\(\A.choice)
        """
    }

    /// `danvan check`: the counts that differ from the answers they count.
    static func checkCounts(_ database: AppDatabase) async throws -> [String] {
        struct Difference: Decodable { var unitID: UUID; var month: String; var choice: String; var counted: Int; var answers: Int }
        let columns = RowColumns.of(C.self).dropLast()
        let differences = try await database.sql.raw("""
            SELECT \(unsafeRaw: columns.joined(separator: ", ")), CAST(SUM(counted) AS BIGINT) AS counted, CAST(SUM(answers) AS BIGINT) AS answers FROM (
                SELECT \(unsafeRaw: columns.map { "c.\($0)" }.joined(separator: ", ")), c.n AS counted, 0 AS answers FROM survey_answer_counts c
                UNION ALL
                SELECT \(answerKey), 0, COUNT(*) FROM survey_answers a GROUP BY 1, 2, 3, 4, 5, 6, 7
            ) t GROUP BY \(unsafeRaw: columns.joined(separator: ", ")) HAVING SUM(counted) <> SUM(answers) LIMIT 20
            """).rows(Difference.self)
        guard !differences.isEmpty else { return [] }
        struct Unit: Decodable { var id: UUID; var name: String }
        let names = Dictionary(try await database.sql.raw("SELECT u.id, u.name FROM organisation_units u WHERE u.id IN (\(binds: differences.map(\.unitID)))")
            .rows(Unit.self).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return differences.map {
            "Số phiếu khảo sát đếm theo tháng lệch với phiếu đã lưu: \(names[$0.unitID] ?? "?"), tháng \($0.month), mức \($0.choice): đếm \($0.counted), lưu \($0.answers)."
        }
    }
}
