import DanVanDomain
import Foundation
import SQLKit

private typealias SV = SurveyRecord

/// A survey as an administrator writes it: the answer choices and reasons one a line.
struct SurveyInput: Sendable {
    var organisationID: UUID?
    var title: String
    var question: String
    var choices: String
    var reasons: String
    var validFrom: String
    var validTo: String
}

extension SurveyStore {
    /// How many answer choices a survey offers (large buttons on a tablet without scrolling).
    static let choiceCount = 2...5
    /// How many reasons it may offer after an answer.
    static let reasonLimit = 8

    /// Starts a survey at the unit of an organisation in reach (administrators). From its first
    /// day it is the survey of that unit: its kiosks and the online form show it, and the
    /// survey it follows stops taking answers of later days.
    func createSurvey(_ scope: Scope, input: SurveyInput, now: Date = Date()) async throws -> UUID {
        let organisation = try await OrganisationStore(database: database).organisation(scope, id: input.organisationID ?? scope.organisationID)
        try scope.require(.administrator)
        var problems: [String: String] = [:]
        let title = Self.requiredText("title", input.title, limit: 200, problems: &problems)
        let question = Self.requiredText("question", input.question, limit: 500, problems: &problems)
        let choices = Self.choiceList(input.choices, defaults: SV.defaultChoices, field: "choices", count: Self.choiceCount, problems: &problems)
        let reasons = Self.choiceList(input.reasons, defaults: SV.defaultReasons, field: "reasons", count: 0...Self.reasonLimit, problems: &problems)
        let from = CivilDate(entered: input.validFrom)
        if from == nil { problems["valid_from"] = input.validFrom.isEmpty ? "error_required" : "error_bad_date" }
        let to = input.validTo.isEmpty ? nil : CivilDate(entered: input.validTo)
        if !input.validTo.isEmpty && to == nil { problems["valid_to"] = "error_bad_date" }
        // Answers already taken belong to the survey that ran then: a survey starts today or later.
        if let from, from < CivilDate.today(now: now) { problems["valid_from"] = "error_survey_start_past" }
        if let from, let to, to < from { problems["valid_to"] = "error_survey_close_before_start" }
        guard let from, problems.isEmpty else { throw ValidationError(problems) }
        let survey = SV(id: UUID(), unitID: organisation.unitID, organisationID: organisation.id, title: title, question: question,
                        choices: SV.json(choices), reasons: SV.json(reasons), validFrom: from.iso, validTo: to?.iso,
                        createdBy: scope.username, createdAt: now)
        try await database.db.transaction { tx in
            try await (tx as! any SQLDatabase).insert(into: "surveys").values(of: survey).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "survey", recordID: survey.id,
                                      summary: "\(organisation.name): \(title)", after: Self.auditFields(survey))
        }
        return survey.id
    }

    /// A text that must be given, trimmed: empty, too long or badly encoded is a problem of its field.
    static func requiredText(_ field: String, _ value: String, limit: Int, problems: inout [String: String]) -> String {
        let value = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty { problems[field] = "error_required" } else if value.count > limit { problems[field] = "error_too_long" }
        else if VietnameseText.validationProblem(value) != nil { problems[field] = "error_text_encoding" }
        return value
    }

    /// What the audit log keeps of a survey started.
    static func auditFields(_ survey: SurveyRecord) -> [String: String] {
        ["title": survey.title, "question": survey.question, "choices": survey.choices, "reasons": survey.reasons,
         ColumnName.of(\SV.validFrom): survey.validFrom, ColumnName.of(\SV.validTo): survey.validTo ?? ""]
    }

    /// The choices written one a line: a default choice keeps its key (its answers count with
    /// the seeds' and every other survey's), another gets the folded words of its label, marked
    /// when they would be a default key (a choice "Satisfied" is not "Hài lòng").
    static func choiceList(_ lines: String, defaults: [SurveyChoice], field: String, count: ClosedRange<Int>,
                           problems: inout [String: String]) -> [SurveyChoice] {
        let labels = lines.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let reserved = Set((SV.defaultChoices + SV.defaultReasons).map(\.key))
        let choices = labels.map { label in
            let derived = key(label)
            return SurveyChoice(key: defaults.first { VietnameseText.folded($0.label) == VietnameseText.folded(label) }?.key
                                    ?? (reserved.contains(derived) ? "x_" + derived : derived), label: label)
        }
        if !count.contains(choices.count) { problems[field] = count.lowerBound > 0 ? "error_survey_choice_count" : "error_survey_reason_count" }
        else if choices.contains(where: { $0.label.count > 80 }) { problems[field] = "error_too_long" }
        else if labels.contains(where: { VietnameseText.validationProblem($0) != nil }) { problems[field] = "error_text_encoding" }
        else if choices.contains(where: { $0.key.isEmpty }) { problems[field] = "error_survey_choice_letters" }
        else if Set(choices.map(\.key)).count < choices.count { problems[field] = "error_survey_choice_repeated" }
        return choices
    }

    /// A choice's key from its label: the folded words joined by `_` ("Rất không hài lòng" → `rat_khong_hai_long`).
    static func key(_ label: String) -> String {
        String(VietnameseText.folded(label).map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }
            .split(separator: "_", omittingEmptySubsequences: true).joined(separator: "_").prefix(48))
    }

    /// The words of every choice and reason of the surveys in reach, by key (the results name a
    /// custom survey's answers by its own words). Most surveys keep the default lists, so the
    /// distinct lists are few.
    func labels(_ scope: Scope) async throws -> (choices: [String: String], reasons: [String: String]) {
        struct Lists: Decodable { var choices: String; var reasons: String }
        let rows = try await sql.raw("SELECT DISTINCT sv.choices, sv.reasons FROM surveys sv WHERE \(Self.surveyInScope(scope))").rows(Lists.self)
        var choices = Dictionary(uniqueKeysWithValues: SV.defaultChoices.map { ($0.key, $0.label) })
        var reasons = Dictionary(uniqueKeysWithValues: SV.defaultReasons.map { ($0.key, $0.label) })
        for row in rows {
            for choice in SurveyChoice.list(json: row.choices) where choices[choice.key] == nil { choices[choice.key] = choice.label }
            for reason in SurveyChoice.list(json: row.reasons) where reasons[reason.key] == nil { reasons[reason.key] = reason.label }
        }
        return (choices, reasons)
    }
}
