import DanVanDomain
import Foundation
import SQLKit

private typealias K = SurveyKioskRecord
private typealias A = SurveyAnswerRecord

/// One answer as a kiosk sends it: its own id, the moment it was tapped (milliseconds since
/// 1970, the tablet's clock), the choice's key and the reason's.
struct KioskAnswerInput: Sendable, Codable {
    var id: String
    var at: Int64
    var choice: String
    var reason: String?
    /// The survey whose question the page showed (absent from a page of before surveys could change).
    var survey: String? = nil
}

/// What became of a batch: every answer is in exactly one count, and the kiosk may forget them all.
struct KioskBatchResult: Sendable, Codable, Equatable {
    /// Stored now.
    var stored = 0
    /// Stored before (the same batch sent again after a lost answer): nothing stored twice.
    var duplicates = 0
    /// Beyond the kiosk's limit: not stored, counted on the kiosk.
    var refused = 0
    /// Given outside the days the survey runs: not stored.
    var closed = 0
    /// Malformed (unknown choice, bad id, impossible time): not stored.
    var invalid = 0
    /// The survey the kiosk shows now: a page showing another one reloads.
    var survey: String? = nil
}

extension SurveyStore {
    /// The most answers one post may carry.
    static let batchLimit = 100

    /// Takes a kiosk's batch: each answer is checked, those of days the survey does not run
    /// are dropped, those already stored are not stored again (the id is unique per kiosk, and the
    /// insert ignores a conflict, so batches sent at the same moment cannot store one twice),
    /// and the rest pass the kiosk's limit or are refused and counted.
    func takeKioskAnswers(_ access: KioskAccess, answers: [KioskAnswerInput], throttle: Throttle, now: Date = Date()) async throws -> KioskBatchResult {
        var result = KioskBatchResult()
        let kiosk = access.kiosk
        let kioskSurveys = try await surveys(of: kiosk)
        var seen = Set<String>()
        var valid: [SurveyAnswerRecord] = []
        for answer in answers {
            let at = Date(timeIntervalSince1970: TimeInterval(answer.at) / 1000)
            let reason = answer.reason?.nilIfEmpty
            guard Self.isClientID(answer.id), at <= now.addingTimeInterval(600), at >= kiosk.createdAt.addingTimeInterval(-86_400)
            else { result.invalid += 1; continue }
            let day = CivilDate.today(now: min(at, now))
            // The survey the citizen saw: the page's own (a tablet that has not reloaded since a new
            // survey began still counts for the old one), or the survey of the answer's day.
            let survey = kioskSurveys.survey(answer.survey.flatMap(UUID.init(uuidString:))) ?? kioskSurveys.current(on: day) ?? access.survey
            guard day.iso >= survey.validFrom, survey.validTo.map({ day.iso <= $0 }) ?? true else { result.closed += 1; continue }
            guard survey.choiceList.contains(where: { $0.key == answer.choice }), reason.map({ key in survey.reasonList.contains { $0.key == key } }) ?? true
            else { result.invalid += 1; continue }
            guard seen.insert(answer.id).inserted else { result.duplicates += 1; continue }
            valid.append(SurveyAnswerRecord(
                id: UUID(), surveyID: survey.id, kioskID: kiosk.id, clientID: answer.id, unitID: kiosk.unitID, organisationID: kiosk.organisationID,
                channel: SurveyChannel.kiosk.rawValue, choice: answer.choice, reason: reason, field: kiosk.field, answeredAt: min(at, now),
                answeredOn: day.iso, createdAt: now))
        }
        if !valid.isEmpty {
            let known = try await sql.raw("""
                SELECT a.\(\A.clientID) FROM survey_answers a WHERE a.\(\A.kioskID) = \(bind: kiosk.id) AND a.\(\A.clientID) IN (\(binds: valid.map(\.clientID)))
                """).rows(ClientID.self)
            let stored = Set(known.map(\.clientID))
            result.duplicates += valid.count { stored.contains($0.clientID) }
            valid.removeAll { stored.contains($0.clientID) }
        }
        let admitted = try await throttle.admit(valid.count, under: Throttle.kioskAnswers(kiosk: kiosk.id), now: now)
        result.refused = valid.count - admitted
        let taken = Array(valid.prefix(admitted)), refused = result.refused
        let stored = try await database.db.transaction { tx -> Int in
            let sql = tx as! any SQLDatabase
            let stored = try await Self.store(taken, on: sql, ignoringConflicts: true).count
            if refused > 0 {
                try await sql.raw("""
                    UPDATE survey_kiosks SET \(\K.refused) = \(\K.refused) + \(bind: refused) WHERE id = \(bind: kiosk.id)
                    """).run()
            }
            return stored
        }
        result.stored = stored
        result.duplicates += taken.count - stored
        return result
    }

    private struct ClientID: Decodable { var clientID: String }

    /// An answer's id as the kiosk makes it: 1 to 64 letters, digits, `-` or `_`.
    static func isClientID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64 && text.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" }
    }
}
