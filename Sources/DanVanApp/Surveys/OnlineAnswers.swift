import DanVanDomain
import Foundation
import SQLKit

/// What a citizen answers on the online form.
struct OnlineAnswerInput: Sendable {
    var communeID: UUID?
    var field: String
    var choice: String
    var reason: String
}

extension SurveyStore {
    /// An answer from the online form, for a commune in force today: the survey that runs there
    /// (the same one as its kiosks), or the default survey, begun today, when none does.
    /// The commune's People's Committee answers for it, as for a public letter.
    func answerOnline(_ input: OnlineAnswerInput, address: String, now: Date = Date()) async throws {
        let today = CivilDate.today(now: now)
        var problems: [String: String] = [:]
        let commune = try await PublicCommune.find(input.communeID, on: today, in: database)
        if commune == nil { problems["commune_id"] = "error_survey_commune" }
        let field = SurveyField(rawValue: input.field)
        if field == nil { problems["field"] = "error_required" }
        guard let commune, problems.isEmpty else {
            problems.merge(Self.choiceProblems(input, SurveyRecord.defaultChoices, SurveyRecord.defaultReasons)) { first, _ in first }
            throw ValidationError(problems)
        }
        let organisationID = try await LetterStore(database: database).peoplesCommittee(of: commune.id, name: commune.name, type: commune.type, address: address)
        // A commune whose survey was closed takes no answer until an administrator starts one again.
        let survey = try await database.db.transaction { tx -> SurveyRecord? in
            let sql = tx as! any SQLDatabase
            if let running = try await Self.runningSurvey(on: sql, unitID: commune.id, on: today) { return running }
            struct Count: Decodable { var n: Int }
            let earlier = try await sql.raw("SELECT COUNT(*) AS n FROM surveys sv WHERE sv.\(\SurveyRecord.unitID) = \(bind: commune.id)").row(Count.self)?.n ?? 0
            guard earlier == 0 else { return nil }
            let survey = Self.defaultSurvey(unitID: commune.id, organisationID: organisationID, from: today, createdBy: "cổng công khai", now: now)
            try await sql.insert(into: "surveys").values(of: survey).run()
            return survey
        }
        guard let survey else { throw ValidationError(["form": "error_survey_closed"]) }
        let choiceProblems = Self.choiceProblems(input, survey.choiceList, survey.reasonList)
        if !choiceProblems.isEmpty { throw ValidationError(choiceProblems) }
        let answer = SurveyAnswerRecord(
            id: UUID(), surveyID: survey.id, kioskID: nil, clientID: UUID().uuidString.lowercased(), unitID: commune.id, organisationID: organisationID,
            channel: SurveyChannel.online.rawValue, choice: input.choice, reason: input.reason.nilIfEmpty, field: field?.rawValue,
            answeredAt: now, answeredOn: today.iso, createdAt: now)
        _ = try await database.db.transaction { tx in try await Self.store([answer], on: tx as! any SQLDatabase) }
    }

    private static func choiceProblems(_ input: OnlineAnswerInput, _ choices: [SurveyChoice], _ reasons: [SurveyChoice]) -> [String: String] {
        var problems: [String: String] = [:]
        if !choices.contains(where: { $0.key == input.choice }) { problems["choice"] = "error_required" }
        if !input.reason.isEmpty && !reasons.contains(where: { $0.key == input.reason }) { problems["reason"] = "error_required" }
        return problems
    }
}
