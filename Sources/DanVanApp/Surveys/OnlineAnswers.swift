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
            let surveys = try await Self.surveys(on: sql, unitID: commune.id, organisationID: organisationID)
            if !surveys.isEmpty { return Self.running(surveys, on: today) }
            let survey = Self.defaultSurvey(unitID: commune.id, organisationID: organisationID, from: today, createdBy: Self.publicSide, now: now)
            try await sql.insert(into: "surveys").values(of: survey).run()
            try await AuditLog.record(on: tx, userID: nil, username: Self.publicSide, address: address, action: .create, recordType: "survey",
                                      recordID: survey.id, summary: "\(commune.name): \(survey.title)", after: Self.auditFields(survey))
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

    /// Who starts a commune's first survey when a citizen answers before any administrator did.
    static let publicSide = "cổng công khai"

    /// The survey a citizen answers online for a commune in force on the day, when one runs there.
    func publicSurvey(communeID: UUID?, on day: CivilDate) async throws -> SurveyRecord? {
        guard let commune = try await PublicCommune.find(communeID, on: day, in: database) else { return nil }
        let committee = try await LetterStore(database: database).existingPeoplesCommittee(of: commune.id)
        return Self.running(try await Self.surveys(on: sql, unitID: commune.id, organisationID: committee), on: day)
    }

    private static func choiceProblems(_ input: OnlineAnswerInput, _ choices: [SurveyChoice], _ reasons: [SurveyChoice]) -> [String: String] {
        var problems: [String: String] = [:]
        if !choices.contains(where: { $0.key == input.choice }) { problems["choice"] = "error_required" }
        if !input.reason.isEmpty && !reasons.contains(where: { $0.key == input.reason }) { problems["reason"] = "error_required" }
        return problems
    }
}
