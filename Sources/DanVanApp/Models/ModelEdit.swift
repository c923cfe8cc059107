import DanVanDomain
import Foundation
import SQLKit

extension ModelStore {
    /// The goals of a model, in order.
    func goalRecords(of id: UUID) async throws -> [ModelGoalRecord] {
        try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(ModelGoalRecord.self, from: "g")) FROM model_goals g WHERE g.\(\ModelGoalRecord.modelID) = \(bind: id) ORDER BY g.position
            """).rows(ModelGoalRecord.self)
    }

    /// What an edit changes, as the audit entry shows it before and after.
    static func auditFacts(_ model: ModelRecord, goals: [ModelGoalRecord]) -> [String: String] {
        ["name": model.name, "kind": model.kind, "person_name": model.personName ?? "", "person_position": model.personPosition ?? "", "field": model.field,
         "topics": model.topics, "situation": model.situation, "targets": model.targets, "beneficiaries": model.beneficiaries, "method": model.method,
         "resource_money": model.resourceMoney.map { String($0) } ?? "", "resource_labour": model.resourceLabour.map { String($0) } ?? "",
         "resource_in_kind": model.resourceInKind, "started_on": model.startedOn, "evaluation_on": model.evaluationOn ?? "",
         "goals": goals.map { "\($0.description) | \($0.indicator): \($0.target) \($0.measure)" }.joined(separator: "; ")]
    }

    /// Changes what a model in reach says of itself (name, kind and person, field and topics,
    /// situation, targets, beneficiaries, method, resources, dates, goals), by its writers, with
    /// the registration's checks; its organisation, years, results, evaluations and commendations
    /// stay. The n-th goal row edits the n-th goal (a blank row removes it, refused while a
    /// result reports against it); rows past the goals add goals. The start cannot move after
    /// a day already recorded (a result, evaluation, commendation or the stop). The year rows
    /// take the new kind and field; the flags, computed from the records, follow. One
    /// transaction with its audit entry (what changed, before and after); nothing changed, nothing written.
    func update(_ scope: Scope, id: UUID, input: ModelInput, now: Date = Date()) async throws {
        let model = try await record(scope, id: id)
        try scope.requireAny(Self.writers)
        let organisation = try await OrganisationStore(database: database).organisation(scope, id: model.organisationID)
        let goals = try await goalRecords(of: id)
        struct Day: Decodable { var day: String? }
        var problems: [String: String] = [:]
        var checked: ModelRecord?
        var registration = input
        registration.goals = []
        registration.partners = []
        registration.year = "2000"
        do { checked = try Self.check(registration, organisation: organisation, id: id, createdBy: model.createdBy, now: now).model }
        catch let error as ValidationError { problems = error.fields }
        // The goals, row by row.
        var kept: [ModelGoalRecord] = [], removed: [ModelGoalRecord] = []
        for (index, row) in input.goals.enumerated() {
            if (row.description + row.indicator + row.measure + row.target).isEmpty {
                if index < goals.count { removed.append(goals[index]) }
                continue
            }
            guard var goal = Self.goals([row], modelID: id, after: kept.count, into: &problems).first else { continue }
            if index < goals.count { goal.id = goals[index].id }
            kept.append(goal)
        }
        for goal in goals.dropFirst(input.goals.count) {
            var moved = goal
            moved.position = kept.count + 1
            kept.append(moved)
        }
        if kept.count > 20 { problems["goals"] = "error_too_long" }
        if try await Self.haveResults(removed.map(\.id), on: sql) { problems["goals"] = "error_model_goal_has_results" }
        if let started = checked?.startedOn {
            let first = try await sql.raw("""
                SELECT MIN(d) AS day FROM (SELECT r.\(\ModelResultRecord.reportedOn) AS d FROM model_results r WHERE r.\(\ModelResultRecord.modelID) = \(bind: id)
                UNION ALL SELECT e.\(\ModelEvaluationRecord.evaluatedOn) FROM model_evaluations e WHERE e.\(\ModelEvaluationRecord.modelID) = \(bind: id)
                UNION ALL SELECT c.\(\ModelCommendationRecord.decidedOn) FROM model_commendations c WHERE c.\(\ModelCommendationRecord.modelID) = \(bind: id)) t
                """).row(Day.self)?.day
            if let first = [first, model.stoppedOn].compactMap({ $0 }).min(), started > first {
                problems["started_on"] = "error_model_start_after_records"
            }
        }
        guard problems.isEmpty, let checked else { throw ValidationError(problems) }
        struct Note: Decodable { var note: String }
        let notes = try await sql.raw("""
            SELECT r.note FROM model_results r WHERE r.\(\ModelResultRecord.modelID) = \(bind: id) ORDER BY r.\(\ModelResultRecord.createdAt)
            """).rows(Note.self).map { VietnameseText.folded($0.note) }.filter { !$0.isEmpty }
        var updated = model
        updated.name = checked.name; updated.kind = checked.kind; updated.personName = checked.personName; updated.personPosition = checked.personPosition
        updated.field = checked.field; updated.topics = checked.topics; updated.situation = checked.situation; updated.targets = checked.targets
        updated.beneficiaries = checked.beneficiaries; updated.method = checked.method; updated.resourceMoney = checked.resourceMoney
        updated.resourceLabour = checked.resourceLabour; updated.resourceInKind = checked.resourceInKind; updated.startedOn = checked.startedOn
        updated.evaluationOn = checked.evaluationOn; updated.updatedAt = now
        updated.searchText = ([Self.searchText(name: updated.name, situation: updated.situation, method: updated.method, goals: kept)] + notes).joined(separator: " ")
        let before = Self.auditFacts(model, goals: goals), after = Self.auditFacts(updated, goals: kept)
        let changed = before.keys.filter { before[$0] != after[$0] }
        guard !changed.isEmpty else { return }
        let (record, rows, gone) = (updated, kept, removed)
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            let update = sql.update("models")
            update.set(\MR.name, to: record.name).set(\MR.kind, to: record.kind).set(\MR.personName, to: record.personName)
            update.set(\MR.personPosition, to: record.personPosition).set(\MR.field, to: record.field).set(\MR.topics, to: record.topics)
            update.set(\MR.situation, to: record.situation).set(\MR.targets, to: record.targets).set(\MR.beneficiaries, to: record.beneficiaries)
            update.set(\MR.method, to: record.method).set(\MR.resourceMoney, to: record.resourceMoney).set(\MR.resourceLabour, to: record.resourceLabour)
            update.set(\MR.resourceInKind, to: record.resourceInKind).set(\MR.startedOn, to: record.startedOn).set(\MR.evaluationOn, to: record.evaluationOn)
            update.set(\MR.searchText, to: record.searchText).set(\MR.updatedAt, to: now)
            try await update.where("id", .equal, id).run()
            try await sql.update("model_years").set(\MY.kind, to: record.kind).set(\MY.field, to: record.field)
                .where(SQLIdentifier(ColumnName.of(\MY.modelID)), .equal, SQLBind(id)).run()
            if !gone.isEmpty {
                // Checked again here: a result recorded against a goal since the form was read keeps the goal (a message, not a refused delete).
                if try await Self.haveResults(gone.map(\.id), on: sql) { throw ValidationError(["goals": "error_model_goal_has_results"]) }
                try await sql.raw("DELETE FROM model_goals WHERE id IN (\(binds: gone.map(\.id)))").run()
            }
            for goal in rows {
                if goals.contains(where: { $0.id == goal.id }) {
                    let change = sql.update("model_goals")
                    change.set(\ModelGoalRecord.position, to: goal.position).set(\ModelGoalRecord.description, to: goal.description)
                    change.set(\ModelGoalRecord.indicator, to: goal.indicator).set(\ModelGoalRecord.measure, to: goal.measure).set(\ModelGoalRecord.target, to: goal.target)
                    try await change.where("id", .equal, goal.id).run()
                } else {
                    try await sql.insert(into: "model_goals").values(of: goal).run()
                }
            }
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "model", recordID: id, summary: record.name,
                                      before: before.filter { changed.contains($0.key) }, after: after.filter { changed.contains($0.key) })
        }
    }

    /// Some of these goals have results reported against them (so they are kept).
    static func haveResults(_ goals: [UUID], on sql: any SQLDatabase) async throws -> Bool {
        guard !goals.isEmpty else { return false }
        struct Found: Decodable { var id: UUID }
        return try await sql.raw("SELECT r.id FROM model_results r WHERE r.\(\ModelResultRecord.goalID) IN (\(binds: goals)) LIMIT 1").row(Found.self) != nil
    }
}
