import DanVanDomain
import Foundation
import SQLKit

/// A published reception schedule (lịch tiếp công dân) of a head.
struct ReceptionScheduleRow: Sendable, Codable {
    var id: UUID
    var organisationID: UUID
    var organisationName: String
    var unitName: String
    var holder: String
    var personName: String
    var days: String
    var validFrom: String
    /// Who published it, by name (the user name when the account is gone).
    var createdBy: String
}

/// A row of `reception_schedules`, as stored.
struct ReceptionScheduleRecord: Sendable, Codable {
    var id: UUID
    var organisationID: UUID
    var holder: String
    var personName: String
    var days: String
    var validFrom: String
    var createdBy: String
}

struct ScheduleInput: Sendable {
    var organisationID: UUID?
    var holder: String
    var personName: String
    var days: String
    var validFrom: String
}

extension ReceptionStore {
    /// The schedules of the organisations in scope, optionally under one unit, newest first.
    func schedules(_ scope: Scope, unitID: UUID? = nil, limit: Int = 500) async throws -> [ReceptionScheduleRow] {
        var query: SQLQueryString = """
            SELECT \(unsafeRaw: RowColumns.select(ReceptionScheduleRow.self, from: "r", joined: [
                \.organisationName: "o.name", \.unitName: "u.name", \.createdBy: "COALESCE(us.full_name, r.created_by)",
            ]))
            FROM reception_schedules r JOIN organisations o ON o.id = r.\(\ReceptionScheduleRecord.organisationID)
            JOIN organisation_units u ON u.id = o.\(\Organisation.$unitID) LEFT JOIN users us ON us.username = r.created_by
            WHERE \(Reach.condition(scope, unit: "o.\(\Organisation.$unitID)", organisation: "o.id"))
            """
        if let unitID { query = query + " AND " + Reach.subtree("o.\(\Organisation.$unitID)", of: unitID) }
        return try await database.sql.raw(query + " ORDER BY r.\(\ReceptionScheduleRecord.validFrom) DESC, o.name LIMIT \(literal: limit)").rows(ReceptionScheduleRow.self)
    }

    /// Publishes a schedule for an organisation in scope (reception officers, leaders, administrators).
    func addSchedule(_ scope: Scope, input: ScheduleInput) async throws -> UUID {
        let organisation = try await OrganisationStore(database: database).organisation(scope, id: input.organisationID ?? scope.organisationID)
        try scope.requireAny([.receptionOfficer, .leader, .administrator])
        var problems: [String: String] = [:]
        let holder = DutyHolder(rawValue: input.holder)
        if holder == nil { problems["holder"] = "error_required" }
        if input.personName.isEmpty { problems["person_name"] = "error_required" }
        if input.days.isEmpty { problems["days"] = "error_required" }
        for (field, value) in [("person_name", input.personName), ("days", input.days)] where VietnameseText.validationProblem(value) != nil {
            problems[field] = "error_text_encoding"
        }
        let from = CivilDate(entered: input.validFrom)
        if from == nil { problems["valid_from"] = input.validFrom.isEmpty ? "error_required" : "error_bad_date" }
        if !problems.isEmpty { throw ValidationError(problems) }
        let id = UUID()
        try await database.db.transaction { tx in
            try await (tx as! any SQLDatabase).insert(into: "reception_schedules").values(of: ReceptionScheduleRecord(
                id: id, organisationID: organisation.id, holder: holder!.rawValue, personName: input.personName, days: input.days,
                validFrom: from!.iso, createdBy: scope.username)).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "reception_schedule", recordID: id,
                                      summary: "\(organisation.name): \(input.days)",
                                      after: ["holder": holder!.rawValue, ColumnName.of(\ReceptionScheduleRecord.personName): input.personName, "days": input.days,
                                              ColumnName.of(\ReceptionScheduleRecord.validFrom): from!.iso])
        }
        return id
    }
}
