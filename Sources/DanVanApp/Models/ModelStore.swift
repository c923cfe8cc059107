import DanVanDomain
import Foundation
import SQLKit

// The tables' typed keys, short in this file's queries.
typealias MR = ModelRecord
typealias MY = ModelYearRecord

/// What the registration form (and the import) submits. Goals and implementing organisations
/// are lists: the n-th indicator, measure and target make the n-th goal.
struct ModelInput: Sendable {
    var organisationID: UUID?
    var year: String
    var name: String
    var kind: String
    var personName: String = ""
    var personPosition: String = ""
    var field: String
    var topics: String = ""
    var situation: String = ""
    var targets: String = ""
    var beneficiaries: String = ""
    var method: String = ""
    var resourceMoney: String = ""
    var resourceLabour: String = ""
    var resourceInKind: String = ""
    var startedOn: String
    var evaluationOn: String = ""
    var goals: [GoalInput] = []
    var partners: [(organisationID: UUID?, role: String)] = []
    var originModelID: UUID? = nil

    struct GoalInput: Sendable {
        var description: String
        var indicator: String
        var measure: String
        var target: String
    }
}

struct ResultInput: Sendable {
    var goalID: UUID?
    var reportedOn: String
    var value: String
    var note: String
}

struct EvaluationInput: Sendable {
    var method: String
    var team: String
    var members: String
    var evaluatedOn: String
    var rating: String
    var findings: String
    /// The registration year it counts for (see ``ModelStore/round(_:day:chosen:field:into:)``); empty: by the day.
    var year: String = ""
}

struct CommendationInput: Sendable {
    var level: String
    var form: String
    var decisionNumber: String
    var decidedOn: String
    var decidedBy: String
    /// The registration year it counts for; empty: by the day.
    var year: String = ""
}

/// Every query and change of "Dân vận khéo" models, each through the caller's scope, each
/// change in one transaction with its audit entry.
struct ModelStore: Sendable {
    let database: AppDatabase
    var settings = ModelFlagSettings()
    var sql: any SQLDatabase { database.sql }

    /// The reach condition on the models `m`.
    static func inScope(_ scope: Scope) -> SQLQueryString {
        Reach.condition(scope, unit: "m.\(\MR.unitID)", organisation: "m.\(\MR.organisationID)")
    }

    /// The model `id` in reach, or 404.
    func record(_ scope: Scope, id: UUID) async throws -> ModelRecord {
        guard let model = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(MR.self, from: "m")) FROM models m WHERE m.id = \(bind: id) AND \(Reach.condition(scope, unit: "m.\(\MR.unitID)", organisation: "m.\(\MR.organisationID)", shape: .probe))
            """).row(MR.self) else { throw AppError.notFound }
        return model
    }

    // MARK: Checks

    static let textLimit = 4_000

    /// A required or optional line of text: the catalogue key of what is wrong, or nil.
    static func textProblem(_ text: String, required: Bool, limit: Int = textLimit) -> String? {
        if text.isEmpty { return required ? "error_required" : nil }
        if text.count > limit { return "error_too_long" }
        return VietnameseText.validationProblem(text) != nil ? "error_text_encoding" : nil
    }

    /// A day typed dd/mm/yyyy (or ISO, from a sheet).
    static func day(_ text: String, field: String, required: Bool, into problems: inout [String: String]) -> CivilDate? {
        if text.isEmpty { if required { problems[field] = "error_required" }; return nil }
        guard let day = CivilDate(entered: text) ?? CivilDate(iso: text) else { problems[field] = "error_bad_date"; return nil }
        return day
    }

    /// A day that has happened (today included): a day after `now`'s is refused under `field`.
    static func past(_ text: String, field: String, now: Date, into problems: inout [String: String]) -> CivilDate? {
        guard let day = day(text, field: field, required: true, into: &problems) else { return nil }
        if day > CivilDate.today(now: now) { problems[field] = "error_date_future" }
        return day
    }

    /// The registration year (đợt đăng ký) an evaluation or a commendation of a model on `day`
    /// counts for, so that the year's statistics and lists read it with the year's models: the
    /// year `chosen` when given (one of the model's years, not after the day's), else the day's
    /// year when the model is registered for it, else the latest year before it (a 2024 model
    /// evaluated or commended in January 2025 is the 2024 round's). Nil, with a problem under
    /// `field`, when the model has no such year.
    func round(_ id: UUID, day: CivilDate?, chosen: String, field: String, into problems: inout [String: String]) async throws -> Int? {
        struct Registered: Decodable { var year: Int }
        let years = try await sql.raw("SELECT y.year FROM model_years y WHERE y.\(\MY.modelID) = \(bind: id)").rows(Registered.self).map(\.year)
        if !chosen.isEmpty {
            guard let year = Int(chosen), years.contains(year) else { problems["year"] = "error_model_round_unknown"; return nil }
            if let day, year > day.year { problems["year"] = "error_model_round_after_day"; return nil }
            return year
        }
        guard let day else { return nil }
        guard let year = years.filter({ $0 <= day.year }).max() else { problems[field] = "error_model_round_none"; return nil }
        return year
    }

    /// A model checked, ready to insert.
    typealias Checked = (model: ModelRecord, year: Int, goals: [ModelGoalRecord], partners: [ModelPartnerRecord])

    /// The checked record, goals and partners of an input (the organisation is checked by the caller).
    static func check(_ input: ModelInput, organisation: OrganisationSummary, id: UUID, createdBy: String, now: Date) throws -> Checked {
        var problems: [String: String] = [:]
        for (field, text, required, limit) in [("name", input.name, true, 300), ("situation", input.situation, false, textLimit), ("targets", input.targets, false, textLimit),
                                               ("beneficiaries", input.beneficiaries, false, textLimit), ("method", input.method, false, textLimit),
                                               ("topics", input.topics, false, 500), ("resource_in_kind", input.resourceInKind, false, 1_000),
                                               ("person_name", input.personName, input.kind == ModelKind.individual.rawValue, 200),
                                               ("person_position", input.personPosition, false, 200)] {
            if let problem = textProblem(text, required: required, limit: limit) { problems[field] = problem }
        }
        if ModelKind(rawValue: input.kind) == nil { problems["kind"] = "error_required" }
        if ModelField(rawValue: input.field) == nil { problems["field"] = "error_required" }
        let year = Int(input.year)
        if year == nil || !(2000...2100).contains(year!) { problems["year"] = "error_model_year" }
        let started = day(input.startedOn, field: "started_on", required: true, into: &problems)
        let evaluation = day(input.evaluationOn, field: "evaluation_on", required: false, into: &problems)
        if let started, let evaluation, evaluation < started { problems["evaluation_on"] = "error_model_evaluation_before_start" }
        let money = input.resourceMoney.isEmpty ? nil : VietnameseNumber.parse(input.resourceMoney).flatMap { $0 < 1e15 ? Int64($0) : nil }
        if !input.resourceMoney.isEmpty && money == nil { problems["resource_money"] = "error_model_number" }
        let labour = input.resourceLabour.isEmpty ? nil : VietnameseNumber.parse(input.resourceLabour).flatMap { $0 < 1e9 ? Int($0) : nil }
        if !input.resourceLabour.isEmpty && labour == nil { problems["resource_labour"] = "error_model_number" }
        let goals = Self.goals(input.goals, modelID: id, after: 0, into: &problems)
        var partners: [ModelPartnerRecord] = []
        for partner in input.partners {
            guard let organisationID = partner.organisationID else { continue }
            guard ModelPartnerRole(rawValue: partner.role) != nil else { problems["partners"] = "error_required"; continue }
            if !partners.contains(where: { $0.organisationID == organisationID }) {
                partners.append(ModelPartnerRecord(id: UUID(), modelID: id, organisationID: organisationID, role: partner.role))
            }
        }
        if !problems.isEmpty { throw ValidationError(problems) }
        let record = ModelRecord(
            id: id, unitID: organisation.unitID, organisationID: organisation.id, name: input.name, kind: input.kind,
            personName: input.kind == ModelKind.individual.rawValue ? input.personName : nil,
            personPosition: input.kind == ModelKind.individual.rawValue ? input.personPosition.nilIfEmpty : nil,
            field: input.field, topics: input.topics, situation: input.situation, targets: input.targets, beneficiaries: input.beneficiaries,
            method: input.method, resourceMoney: money, resourceLabour: labour, resourceInKind: input.resourceInKind, startedOn: started!.iso,
            evaluationOn: evaluation?.iso, originModelID: input.originModelID, stoppedOn: nil,
            searchText: searchText(name: input.name, situation: input.situation, method: input.method, goals: goals),
            updatedAt: now, createdBy: createdBy, createdAt: now)
        return (record, year!, goals, partners)
    }

    /// The checked goals of a model (those with anything typed), numbered after `after`; a problem goes under `goals`.
    static func goals(_ inputs: [ModelInput.GoalInput], modelID: UUID, after: Int, into problems: inout [String: String]) -> [ModelGoalRecord] {
        var goals: [ModelGoalRecord] = []
        for goal in inputs where !(goal.description + goal.indicator + goal.measure + goal.target).isEmpty {
            let target = goal.target.isEmpty ? 0 : VietnameseNumber.parse(goal.target)
            if target == nil { problems["goals"] = "error_model_goal_target" }
            if let problem = textProblem(goal.description, required: false, limit: 1_000) ?? textProblem(goal.indicator, required: true, limit: 300)
                ?? textProblem(goal.measure, required: false, limit: 50) { problems["goals"] = problem }
            goals.append(ModelGoalRecord(id: UUID(), modelID: modelID, position: after + goals.count + 1, description: goal.description, indicator: goal.indicator,
                                         measure: goal.measure, target: target ?? 0))
        }
        if after + goals.count > 20 { problems["goals"] = "error_too_long" }
        return goals
    }

    /// What the search and the near-duplicate flag read: name, situation, method and goals, folded.
    static func searchText(name: String, situation: String, method: String, goals: [ModelGoalRecord]) -> String {
        VietnameseText.folded(([name, situation, method] + goals.flatMap { [$0.description, $0.indicator] }).joined(separator: " "))
    }

    // MARK: Changes

    /// Who registers, carries over, reports and stops models: an organisation's reporting
    /// officers, the Ban Dân vận's staff, leaders and administrators (the others read).
    static let writers: [Role] = [.reportingOfficer, .danVanStaff, .leader, .administrator]

    /// Those above an organisation judge its model: a survey team's rating and a commendation
    /// are recorded by the Ban Dân vận's staff, leaders or administrators of another
    /// organisation, reaching a subtree (an organisation does not rate or commend itself; at the
    /// country's level, with no one above, its own staff do).
    static func mayJudge(_ scope: Scope, _ model: ModelRecord) -> Bool {
        [Role.danVanStaff, .leader, .administrator].contains(where: scope.has) && scope.mode == .subtree
            && (scope.organisationID != model.organisationID || scope.isNational)
    }

    /// A self-assessment is recorded by the registering organisation itself (or by those who judge it).
    static func mayAssess(_ scope: Scope, _ model: ModelRecord) -> Bool {
        (scope.organisationID == model.organisationID && writers.contains(where: scope.has)) || mayJudge(scope, model)
    }

    /// Registers a model of an organisation in reach for a year, as new (đăng ký mới), with its
    /// goals and implementing organisations (each in reach); `originModelID` makes it an adoption
    /// (nhân rộng) of a model in reach. Returns its id.
    func register(_ scope: Scope, input: ModelInput, now: Date = Date()) async throws -> UUID {
        let organisations = OrganisationStore(database: database)
        guard let organisationID = input.organisationID ?? (scope.mode == .organisation ? scope.organisationID : nil) else {
            throw ValidationError(["organisation_id": "error_required"])
        }
        let organisation = try await organisations.organisation(scope, id: organisationID)
        try scope.requireAny(Self.writers)
        for partner in input.partners { if let id = partner.organisationID { _ = try await organisations.organisation(scope, id: id) } }
        if let origin = input.originModelID { _ = try await record(scope, id: origin) }
        let checked = try Self.check(input, organisation: organisation, id: UUID(), createdBy: scope.username, now: now)
        try await insertAll(scope, [checked], now: now)
        let id = checked.model.id
        return id
    }

    /// Inserts checked models, each new in its year, with their audit entries: all or nothing.
    func insertAll(_ scope: Scope, _ checked: [Checked], now: Date) async throws {
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            for item in checked {
                try await Self.insert(item.model, year: item.year, status: .new, goals: item.goals, partners: item.partners, on: sql)
            }
            for chunk in stride(from: 0, to: checked.count, by: 400) {
                try await checked[chunk..<min(chunk + 400, checked.count)].map { item in
                    AuditLog.entry(userID: scope.userID, username: scope.username, address: scope.address, action: .create, recordType: "model",
                                   recordID: item.model.id, summary: item.model.name,
                                   after: ["year": String(item.year), "kind": item.model.kind, "field": item.model.field], at: now)
                }.create(on: tx)
            }
        }
    }

    /// Inserts a checked model with its first year, goals and partners (in the caller's transaction).
    static func insert(_ model: ModelRecord, year: Int, status: ModelYearStatus, goals: [ModelGoalRecord], partners: [ModelPartnerRecord], on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "models").values(of: model).run()
        try await sql.insert(into: "model_years").values(of: yearRow(model, year: year, status: status, createdBy: model.createdBy, now: model.createdAt)).run()
        if !goals.isEmpty { try await sql.insert(into: "model_goals").values(ofAll: goals).run() }
        if !partners.isEmpty { try await sql.insert(into: "model_partners").values(ofAll: partners).run() }
    }

    static func yearRow(_ model: ModelRecord, year: Int, status: ModelYearStatus, createdBy: String, now: Date) -> ModelYearRecord {
        ModelYearRecord(id: UUID(), modelID: model.id, year: year, status: status.rawValue, unitID: model.unitID, organisationID: model.organisationID,
                        kind: model.kind, field: model.field, createdBy: createdBy, createdAt: now)
    }

    /// Carries a selection of models in reach over to the next year as maintained (duy trì), in
    /// one action, all or nothing: each must be registered for `year` and not stopped; one
    /// already registered for the next year is left as it is. Returns how many were carried.
    func carryOver(_ scope: Scope, ids: [UUID], from year: Int, now: Date = Date()) async throws -> Int {
        guard !ids.isEmpty else { throw ValidationError(["ids": "error_model_select"]) }
        var models: [ModelRecord] = []
        for id in Set(ids) { models.append(try await record(scope, id: id)) }
        try scope.requireAny(Self.writers)
        struct Registered: Decodable { var modelID: UUID; var year: Int }
        let years = try await sql.raw("""
            SELECT y.\(\MY.modelID), y.year FROM model_years y WHERE y.\(\MY.modelID) IN (\(binds: models.map(\.id))) AND y.year IN (\(bind: year), \(bind: year + 1))
            """).rows(Registered.self)
        if models.contains(where: { $0.stoppedOn != nil }) { throw ValidationError(["ids": "error_model_stopped"]) }
        if models.contains(where: { model in !years.contains { $0.modelID == model.id && $0.year == year } }) { throw ValidationError(["ids": "error_model_not_in_year"]) }
        let carried = models.filter { model in !years.contains { $0.modelID == model.id && $0.year == year + 1 } }
        guard !carried.isEmpty else { return 0 }
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.insert(into: "model_years").values(ofAll: carried.map { Self.yearRow($0, year: year + 1, status: .maintained, createdBy: scope.username, now: now) }).run()
            for model in carried {
                    try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "model", recordID: model.id, summary: model.name,
                                          after: ["year": String(year + 1), "status": ModelYearStatus.maintained.rawValue])
            }
        }
        return carried.count
    }

    /// Stops a model on a day: it is not carried over again; its years, results and evaluations stay.
    func stop(_ scope: Scope, id: UUID, on entered: String, now: Date = Date()) async throws {
        let model = try await record(scope, id: id)
        try scope.requireAny(Self.writers)
        var problems: [String: String] = [:]
        let day = Self.past(entered, field: "stopped_on", now: now, into: &problems)
        if let day, let started = CivilDate(iso: model.startedOn), day < started { problems["stopped_on"] = "error_model_stop_before_start" }
        if !problems.isEmpty { throw ValidationError(problems) }
        try await database.db.transaction { tx in
            try await (tx as! any SQLDatabase).update("models").set(\MR.stoppedOn, to: day!.iso).set(\MR.updatedAt, to: now).where("id", .equal, id).run()
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "model", recordID: id, summary: model.name,
                                      before: ["stopped_on": model.stoppedOn ?? ""], after: ["stopped_on": day!.iso])
        }
    }

    /// Adds a goal with its measurable criterion to a model in reach (a model registered without
    /// one is flagged until it has one).
    func addGoal(_ scope: Scope, id: UUID, input: ModelInput.GoalInput, now: Date = Date()) async throws {
        let model = try await record(scope, id: id)
        try scope.requireAny(Self.writers)
        struct Count: Decodable { var n: Int }
        let count = try await sql.raw("SELECT COUNT(*) AS n FROM model_goals g WHERE g.\(\ModelGoalRecord.modelID) = \(bind: id)").row(Count.self)?.n ?? 0
        var problems: [String: String] = [:]
        let goals = Self.goals([input], modelID: id, after: count, into: &problems)
        if goals.isEmpty { problems["goals"] = "error_required" }
        if !problems.isEmpty { throw ValidationError(problems) }
        let goal = goals[0]
        let row = goal
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.insert(into: "model_goals").values(of: row).run()
            let words = VietnameseText.folded(row.description + " " + row.indicator)
            try await sql.raw("""
                UPDATE models SET \(\MR.updatedAt) = \(bind: now), \(\MR.searchText) = \(\MR.searchText) || \(bind: " " + words) WHERE id = \(bind: id)
                """).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "model_goal", recordID: row.id, summary: model.name,
                                      after: ["indicator": row.indicator, "target": String(row.target), "measure": row.measure])
        }
    }

    /// Reports a result of a model in reach: a value against one of its goals (or a note alone),
    /// on a day not before the model's start nor after today, with its evidence (photos and
    /// documents, typed from their bytes as letters' attachments are).
    func reportResult(_ scope: Scope, id: UUID, input: ResultInput, files: [AttachmentInput], now: Date = Date()) async throws -> UUID {
        let model = try await record(scope, id: id)
        try scope.requireAny(Self.writers)
        var problems: [String: String] = [:]
        let day = Self.day(input.reportedOn, field: "reported_on", required: true, into: &problems)
        if let day, let started = CivilDate(iso: model.startedOn), day < started { problems["reported_on"] = "error_model_result_before_start" }
        if let day, day > CivilDate.today(now: now) { problems["reported_on"] = "error_model_result_future" }
        if model.stoppedOn != nil { problems["reported_on"] = "error_model_stopped_no_results" }
        let value = input.value.isEmpty ? nil : VietnameseNumber.parse(input.value)
        if !input.value.isEmpty && value == nil { problems["value"] = "error_model_number" }
        if let goalID = input.goalID {
            struct Found: Decodable { var id: UUID }
            if try await sql.raw("SELECT g.id FROM model_goals g WHERE g.id = \(bind: goalID) AND g.\(\ModelGoalRecord.modelID) = \(bind: id)").row(Found.self) == nil {
                problems["goal_id"] = "error_required"
            }
        } else if value != nil { problems["goal_id"] = "error_model_result_goal" }
        if value == nil && input.note.isEmpty { problems["note"] = "error_model_result_empty" }
        if let problem = Self.textProblem(input.note, required: false) { problems["note"] = problem }
        if let problem = files.lazy.compactMap(LetterStore.attachmentProblem).first { problems["evidence"] = problem }
        if files.count > 10 { problems["evidence"] = "error_too_long" }
        if !problems.isEmpty { throw ValidationError(problems) }
        let result = ModelResultRecord(id: UUID(), modelID: id, goalID: input.goalID, reportedOn: day!.iso, value: value, note: input.note,
                                       createdBy: scope.username, createdAt: now)
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.insert(into: "model_results").values(of: result).run()
            for file in files {
                try await sql.insert(into: "model_evidence").values(of: ModelEvidenceRecord(
                    id: UUID(), resultID: result.id, modelID: id, filename: file.filename,
                    contentType: FileKind.of(file.data, filename: file.filename)?.mimeType ?? "application/octet-stream", size: file.data.count,
                    data: Data(file.data), createdAt: now)).run()
            }
            // The search covers the results' words too (the near-duplicate flag reads the content alone).
            let words = VietnameseText.folded(input.note)
            try await sql.raw("""
                UPDATE models SET \(\MR.updatedAt) = \(bind: now), \(\MR.searchText) = \(\MR.searchText) || \(bind: words.isEmpty ? "" : " " + words) WHERE id = \(bind: id)
                """).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "model_result", recordID: result.id, summary: model.name,
                                      after: ["reported_on": result.reportedOn, "value": input.value, "evidence": "\(files.count)"])
        }
        return result.id
    }

    /// Records an evaluation of a model in reach, by a survey team (its name and members) or
    /// the organisation itself, with a rating on the scale, on a day not after today; it counts
    /// for a registration year of the model (``round(_:day:chosen:field:into:)``).
    func evaluate(_ scope: Scope, id: UUID, input: EvaluationInput, now: Date = Date()) async throws -> UUID {
        let model = try await record(scope, id: id)
        let method = ModelEvaluationMethod(rawValue: input.method)
        guard method == .team ? Self.mayJudge(scope, model) : Self.mayAssess(scope, model) else { throw AppError.forbidden }
        var problems: [String: String] = [:]
        if method == nil { problems["method"] = "error_required" }
        if method == .team {
            if let problem = Self.textProblem(input.team, required: true, limit: 200) { problems["team"] = problem }
            if let problem = Self.textProblem(input.members, required: true, limit: 1_000) { problems["members"] = problem }
        }
        // A level of the scale in use (a retired one is kept by the evaluations rated on it, not offered).
        if !(try await ratingLevels()).contains(where: { $0.key == input.rating && $0.retiredOn == nil }) { problems["rating"] = "error_required" }
        if let problem = Self.textProblem(input.findings, required: false) { problems["findings"] = problem }
        let day = Self.past(input.evaluatedOn, field: "evaluated_on", now: now, into: &problems)
        if let day, let started = CivilDate(iso: model.startedOn), day < started { problems["evaluated_on"] = "error_model_evaluation_before_start" }
        let year = try await round(id, day: day, chosen: input.year, field: "evaluated_on", into: &problems)
        if !problems.isEmpty { throw ValidationError(problems) }
        let row = ModelEvaluationRecord(id: UUID(), modelID: id, year: year!, method: method!.rawValue, team: method == .team ? input.team : "",
                                        members: method == .team ? input.members : "", evaluatedOn: day!.iso, rating: input.rating, findings: input.findings,
                                        createdBy: scope.username, createdAt: now)
        try await database.db.transaction { tx in
            try await (tx as! any SQLDatabase).insert(into: "model_evaluations").values(of: row).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "model_evaluation", recordID: row.id, summary: model.name,
                                      after: ["method": row.method, "rating": row.rating, "evaluated_on": row.evaluatedOn])
        }
        return row.id
    }

    /// Records a commendation of a model in reach: level, form, decision number and date (both
    /// required: a commendation without its decision is not one; the day not after today), by
    /// whom; it counts for a registration year of the model, as an evaluation does.
    func commend(_ scope: Scope, id: UUID, input: CommendationInput, now: Date = Date()) async throws -> UUID {
        let model = try await record(scope, id: id)
        guard Self.mayJudge(scope, model) else { throw AppError.forbidden }
        var problems: [String: String] = [:]
        if ModelCommendationLevel(rawValue: input.level) == nil { problems["level"] = "error_required" }
        if ModelCommendationForm(rawValue: input.form) == nil { problems["form"] = "error_required" }
        if input.decisionNumber.isEmpty { problems["decision_number"] = "error_model_decision_required" }
        else if let problem = Self.textProblem(input.decisionNumber, required: true, limit: 100) { problems["decision_number"] = problem }
        if let problem = Self.textProblem(input.decidedBy, required: true, limit: 300) { problems["decided_by"] = problem }
        let day = Self.past(input.decidedOn, field: "decided_on", now: now, into: &problems)
        if let day, let started = CivilDate(iso: model.startedOn), day < started { problems["decided_on"] = "error_model_commendation_before_start" }
        let year = try await round(id, day: day, chosen: input.year, field: "decided_on", into: &problems)
        if !problems.isEmpty { throw ValidationError(problems) }
        let row = ModelCommendationRecord(id: UUID(), modelID: id, year: year!, level: input.level, form: input.form, decisionNumber: input.decisionNumber,
                                          decidedOn: day!.iso, decidedBy: input.decidedBy, createdBy: scope.username, createdAt: now)
        try await database.db.transaction { tx in
            try await (tx as! any SQLDatabase).insert(into: "model_commendations").values(of: row).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "model_commendation", recordID: row.id, summary: model.name,
                                      after: ["level": row.level, "form": row.form, "decision_number": row.decisionNumber, "decided_on": row.decidedOn])
        }
        return row.id
    }
}
