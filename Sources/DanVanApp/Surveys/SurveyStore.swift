import DanVanDomain
import Foundation
import SQLKit

// The three tables' typed keys, short in this file's queries.
private typealias SV = SurveyRecord
private typealias K = SurveyKioskRecord
private typealias A = SurveyAnswerRecord

/// A kiosk as the administrators' list shows it.
struct SurveyKioskRow: Sendable, Codable {
    var id: UUID
    var surveyID: UUID
    var unitID: UUID
    var unitName: String
    var organisationName: String
    var surveyTitle: String
    var name: String
    var field: String?
    var revokedAt: Date?
    var refused: Int
    var answers: Int
    var createdBy: String
    var createdAt: Date
}

/// What a kiosk's token opens: the kiosk and the survey it takes answers for.
struct KioskAccess: Sendable {
    var kiosk: SurveyKioskRecord
    var survey: SurveyRecord
}

struct KioskInput: Sendable {
    var organisationID: UUID?
    var name: String
    var field: String
}

/// Satisfaction surveys, their kiosks and answers, through the caller's scope (the kiosks'
/// own routes go through their secret token instead, like an API token).
struct SurveyStore: Sendable {
    let database: AppDatabase
    var sql: any SQLDatabase { database.sql }

    /// The reach condition on the kiosks `k`.
    static func kioskInScope(_ scope: Scope) -> SQLQueryString {
        Reach.condition(scope, unit: "k.\(\K.unitID)", organisation: "k.\(\K.organisationID)")
    }

    /// The reach condition on the answers `a`.
    static func answerInScope(_ scope: Scope) -> SQLQueryString {
        Reach.condition(scope, unit: "a.\(\A.unitID)", organisation: "a.\(\A.organisationID)")
    }

    private static let kioskSelect: SQLQueryString = """
        SELECT \(unsafeRaw: RowColumns.select(SurveyKioskRow.self, from: "k", joined: [
            \.unitName: "u.name", \.organisationName: "o.name", \.surveyTitle: "sv.title",
            \.answers: "(SELECT COUNT(*) FROM survey_answers a WHERE a.\(ColumnName.of(\A.kioskID)) = k.id)",
        ]))
        FROM survey_kiosks k JOIN organisation_units u ON u.id = k.\(\K.unitID) JOIN organisations o ON o.id = k.\(\K.organisationID)
        JOIN surveys sv ON sv.id = k.\(\K.surveyID)
        """

    /// The kiosks in the caller's reach, the newest first.
    func kiosks(_ scope: Scope) async throws -> [SurveyKioskRow] {
        try await sql.raw("\(Self.kioskSelect) WHERE \(Self.kioskInScope(scope)) ORDER BY u.name, k.name").rows(SurveyKioskRow.self)
    }

    func kiosk(_ scope: Scope, id: UUID) async throws -> SurveyKioskRow {
        guard let row = try await sql.raw("\(Self.kioskSelect) WHERE k.id = \(bind: id) AND \(Self.kioskInScope(scope))").row(SurveyKioskRow.self)
        else { throw AppError.notFound }
        return row
    }

    /// Registers a counter of an organisation in reach (administrators): the kiosk takes the
    /// answers of the survey running at the organisation's unit today, a new default survey
    /// when none runs there. Returns the kiosk and its token, which is shown once and never kept.
    func registerKiosk(_ scope: Scope, input: KioskInput, now: Date = Date()) async throws -> (id: UUID, token: String) {
        let organisation = try await OrganisationStore(database: database).organisation(scope, id: input.organisationID ?? scope.organisationID)
        try scope.require(.administrator)
        var problems: [String: String] = [:]
        let name = Self.requiredText("name", input.name, limit: 200, problems: &problems)
        let field = input.field.isEmpty ? nil : SurveyField(rawValue: input.field)
        if !input.field.isEmpty && field == nil { problems["field"] = "error_required" }
        if !problems.isEmpty { throw ValidationError(problems) }
        let today = CivilDate.today(now: now)
        let token = Secrets.token()
        let id = UUID()
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            let running = try await Self.runningSurvey(on: sql, unitID: organisation.unitID, organisationID: organisation.id, on: today)
            let survey = running ?? Self.defaultSurvey(unitID: organisation.unitID, organisationID: organisation.id, from: today, createdBy: scope.username, now: now)
            if running == nil {
                try await sql.insert(into: "surveys").values(of: survey).run()
                try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "survey", recordID: survey.id,
                                          summary: "\(organisation.name): \(survey.title)", after: Self.auditFields(survey))
            }
            try await sql.insert(into: "survey_kiosks").values(of: K(
                id: id, surveyID: survey.id, unitID: organisation.unitID, organisationID: organisation.id, name: name, field: field?.rawValue,
                tokenHash: Secrets.hash(token: token), revokedAt: nil, refused: 0, createdBy: scope.username, createdAt: now)).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "survey_kiosk", recordID: id,
                                      summary: "\(organisation.name): \(name)", after: ["name": name])
        }
        return (id, token)
    }

    /// Revokes a kiosk in reach (administrators): its link stops working at once; its answers stay.
    func revokeKiosk(_ scope: Scope, id: UUID, now: Date = Date()) async throws {
        let kiosk = try await kiosk(scope, id: id)
        try scope.require(.administrator)
        guard kiosk.revokedAt == nil else { return }
        try await database.db.transaction { tx in
            try await (tx as! any SQLDatabase).update("survey_kiosks").set(\K.revokedAt, to: now).where("id", .equal, id).run()
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "survey_kiosk", recordID: id,
                                      summary: "\(kiosk.organisationName): \(kiosk.name)", before: ["revoked": "false"], after: ["revoked": "true"])
        }
    }

    /// The reach condition on the surveys `sv`.
    static func surveyInScope(_ scope: Scope) -> SQLQueryString {
        Reach.condition(scope, unit: "sv.\(\SV.unitID)", organisation: "sv.\(\SV.organisationID)")
    }

    /// A survey as the administrators' list shows it.
    struct SurveyRow: Sendable, Codable {
        var id: UUID
        var title: String
        var question: String
        /// `SurveyChoice` as JSON.
        var choices: String
        var unitName: String
        var validFrom: String
        var validTo: String?
        var kiosks: Int
    }

    /// The surveys in the caller's reach, the newest first.
    func surveys(_ scope: Scope) async throws -> [SurveyRow] {
        try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(SurveyRow.self, from: "sv", joined: [
                \.unitName: "u.name", \.kiosks: """
                    (SELECT COUNT(*) FROM survey_kiosks k WHERE k.\(ColumnName.of(\K.unitID)) = sv.\(ColumnName.of(\SV.unitID)) \
                    AND (sv.\(ColumnName.of(\SV.organisationID)) IS NULL OR k.\(ColumnName.of(\K.organisationID)) = sv.\(ColumnName.of(\SV.organisationID))) \
                    AND k.\(ColumnName.of(\K.revokedAt)) IS NULL)
                    """]))
            FROM surveys sv JOIN organisation_units u ON u.id = sv.\(\SV.unitID)
            WHERE \(Self.surveyInScope(scope)) ORDER BY sv.\(\SV.validFrom) DESC, u.name LIMIT 200
            """).rows(SurveyRow.self)
    }

    /// Closes a survey of a unit in reach after a day (administrators): answers given after it are
    /// refused. The day is entered (dd/mm/yyyy); it may not be before the survey began.
    func closeSurvey(_ scope: Scope, id: UUID, lastDay entered: String) async throws {
        guard let lastDay = CivilDate(entered: entered) else {
            _ = try await survey(scope, id: id)
            throw ValidationError(["last_day": entered.isEmpty ? "error_required" : "error_bad_date"])
        }
        try await closeSurvey(scope, id: id, lastDay: lastDay)
    }

    private func survey(_ scope: Scope, id: UUID) async throws -> SurveyRecord {
        guard let survey = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(SV.self, from: "sv")) FROM surveys sv WHERE sv.id = \(bind: id) AND \(Self.surveyInScope(scope))
            """).row(SV.self) else { throw AppError.notFound }
        return survey
    }

    /// Closes a survey of a unit in reach after a day (administrators): answers given after it are
    /// refused. The day before its first (it never ran) is the earliest.
    func closeSurvey(_ scope: Scope, id: UUID, lastDay: CivilDate) async throws {
        let survey = try await survey(scope, id: id)
        try scope.require(.administrator)
        if let from = CivilDate(iso: survey.validFrom), lastDay < from.adding(days: -1) { throw ValidationError(["last_day": "error_survey_close_before_start"]) }
        try await database.db.transaction { tx in
            try await (tx as! any SQLDatabase).update("surveys").set(\SV.validTo, to: lastDay.iso).where("id", .equal, id).run()
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "survey", recordID: id, summary: survey.title,
                                      before: [ColumnName.of(\SV.validTo): survey.validTo ?? ""], after: [ColumnName.of(\SV.validTo): lastDay.iso])
        }
    }

    /// The surveys a kiosk may take answers for, from one read: the one that runs at its unit
    /// on a day, and the one its page showed when an answer was tapped.
    struct KioskSurveys: Sendable {
        let surveys: [SurveyRecord]
        let registered: SurveyRecord?

        /// The survey the kiosk shows on a day: the one that runs; when none does, the newest
        /// begun (closed: its answers are refused, silently) or the one it was registered with.
        func current(on day: CivilDate) -> SurveyRecord? {
            SurveyStore.newestBegun(surveys, by: day) ?? registered
        }

        /// The survey of this id, when it is one of the kiosk's.
        func survey(_ id: UUID?) -> SurveyRecord? { id.flatMap { id in surveys.first { $0.id == id } } }
    }

    func surveys(of kiosk: SurveyKioskRecord) async throws -> KioskSurveys {
        let surveys = try await Self.surveys(on: sql, unitID: kiosk.unitID, organisationID: kiosk.organisationID)
        return KioskSurveys(surveys: surveys, registered: surveys.first { $0.id == kiosk.surveyID })
    }

    /// The survey that runs at an organisation's unit on a day (see `running`).
    static func runningSurvey(on sql: any SQLDatabase, unitID: UUID, organisationID: UUID?, on day: CivilDate) async throws -> SurveyRecord? {
        running(try await surveys(on: sql, unitID: unitID, organisationID: organisationID), on: day)
    }

    /// Of a unit's surveys, the one that runs on a day: the newest begun by then (a later start
    /// replaces an earlier survey), unless it was closed before the day: then none runs.
    static func running(_ surveys: [SurveyRecord], on day: CivilDate) -> SurveyRecord? {
        guard let newest = newestBegun(surveys, by: day) else { return nil }
        return newest.validTo.map { day.iso <= $0 } ?? true ? newest : nil
    }

    static func newestBegun(_ surveys: [SurveyRecord], by day: CivilDate) -> SurveyRecord? {
        surveys.filter { $0.validFrom <= day.iso }.max { ($0.validFrom, $0.createdAt) < ($1.validFrom, $1.createdAt) }
    }

    /// The surveys of an organisation at its unit, and those of the unit that belong to no organisation.
    static func surveys(on sql: any SQLDatabase, unitID: UUID, organisationID: UUID?) async throws -> [SurveyRecord] {
        var query: SQLQueryString = """
            SELECT \(unsafeRaw: RowColumns.select(SV.self, from: "sv")) FROM surveys sv WHERE sv.\(\SV.unitID) = \(bind: unitID) AND (sv.\(\SV.organisationID) IS NULL
            """
        if let organisationID { query += " OR sv.\(\SV.organisationID) = \(bind: organisationID)" }
        return try await sql.raw(query + ") ORDER BY sv.\(\SV.validFrom) DESC LIMIT 100").rows(SV.self)
    }

    static func defaultSurvey(unitID: UUID, organisationID: UUID?, from day: CivilDate, createdBy: String, now: Date) -> SurveyRecord {
        SV(id: UUID(), unitID: unitID, organisationID: organisationID, title: SV.defaultTitle, question: SV.defaultQuestion, choices: SV.json(SV.defaultChoices),
           reasons: SV.json(SV.defaultReasons), validFrom: day.iso, validTo: nil, createdBy: createdBy, createdAt: now)
    }

    /// The kiosk a token opens, when it is one and not revoked (no scope: the token is the credential).
    func kiosk(token: String) async throws -> KioskAccess? {
        guard !token.isEmpty, token.count <= 100 else { return nil }
        guard let kiosk = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(K.self, from: "k")) FROM survey_kiosks k
            WHERE k.\(\K.tokenHash) = \(bind: Secrets.hash(token: token)) AND k.\(\K.revokedAt) IS NULL
            """).row(K.self),
            let survey = try await surveys(of: kiosk).current(on: .today(now: Date()))
        else { return nil }
        return KioskAccess(kiosk: kiosk, survey: survey)
    }
}
