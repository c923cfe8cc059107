import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// An organisation as pages and the API show it.
public struct OrganisationSummary: Sendable, Codable, Equatable {
    public var id: UUID
    public var unitID: UUID
    public var unitName: String
    public var kind: String
    public var kindName: String
    public var name: String
    public var parentOrganisationID: UUID?
    public var validFrom: String?
    public var validTo: String?
    public var danVanLeader: String?
    public var danVanLeaderTitle: String?
}

/// What a form submits to create or change an organisation.
struct OrganisationInput: Sendable {
    var kind: String
    var name: String
    var validFrom: String?
    var validTo: String?
    var danVanLeader: String?
    var danVanLeaderTitle: String?
}

/// Every query over organisations, each through the caller's scope.
struct OrganisationStore: Sendable {
    let database: AppDatabase
    private var sql: any SQLDatabase { database.sql }

    private static let select: SQLQueryString = """
        SELECT \(unsafeRaw: RowColumns.select(OrganisationSummary.self, from: "o", joined: [\.unitName: "u.name", \.kindName: "k.name"]))
        FROM organisations o JOIN organisation_units u ON u.id = o.\(\Organisation.$unitID) JOIN organisation_kinds k ON k.key = o.kind
        """

    private func inScope(_ scope: Scope) -> SQLQueryString {
        Reach.condition(scope, unit: "o.\(\Organisation.$unitID)", organisation: "o.id", shape: .probe)
    }

    func organisation(_ scope: Scope, id: UUID) async throws -> OrganisationSummary {
        let rows = try await sql.raw("\(Self.select) WHERE o.id = \(bind: id) AND \(inScope(scope))").rows(OrganisationSummary.self)
        guard let row = rows.first else { throw AppError.notFound }
        return row
    }

    /// Organisations of one unit, by catalogue order.
    func organisations(_ scope: Scope, unitID: UUID) async throws -> [OrganisationSummary] {
        try await database.plannedOnce.raw("\(Self.select) WHERE o.\(\Organisation.$unitID) = \(bind: unitID) AND \(inScope(scope)) ORDER BY k.\(\OrganisationKind.$sortOrder), o.name")
            .rows(OrganisationSummary.self)
    }

    /// The organisations of several units, in reach, each unit's in the order of its kinds.
    func organisations(_ scope: Scope, unitIDs: [UUID]) async throws -> [OrganisationSummary] {
        guard !unitIDs.isEmpty else { return [] }
        let list = unitIDs.map { "\(bind: $0)" as SQLQueryString }.joined(", ")
        return try await sql.raw("\(Self.select) WHERE o.\(\Organisation.$unitID) IN (\(list)) AND \(inScope(scope)) ORDER BY k.\(\OrganisationKind.$sortOrder), o.name")
            .rows(OrganisationSummary.self)
    }

    func search(_ scope: Scope, folded query: String, limit: Int = 50) async throws -> [OrganisationSummary] {
        let pattern = "%" + UnitStore.escapeLike(query) + "%"
        return try await sql.raw("\(Self.select) WHERE o.\(\Organisation.$searchName) LIKE \(bind: pattern) ESCAPE '\\' AND \(inScope(scope)) ORDER BY o.\(\Organisation.$searchName) LIMIT \(literal: limit)")
            .rows(OrganisationSummary.self)
    }

    func kinds() async throws -> [OrganisationKind] {
        try await database.caches.organisationKinds.value { try await OrganisationKind.query(on: database.db).sort(\.$sortOrder).all() }
    }

    /// Creates an organisation in a unit in scope (administrators only).
    func create(_ scope: Scope, unitID: UUID, input: OrganisationInput) async throws -> OrganisationSummary {
        let unit = try await UnitStore(database: database).unit(scope, id: unitID)
        try scope.require(.administrator)
        try await validate(input)
        let organisation = Organisation(
            unitID: unit.id, kind: input.kind, name: input.name, searchName: VietnameseText.folded(input.name),
            validFrom: input.validFrom ?? unit.validFrom, validTo: input.validTo ?? unit.validTo,
            danVanLeader: input.danVanLeader, danVanLeaderTitle: input.danVanLeaderTitle)
        try await database.db.transaction { tx in
            try await organisation.create(on: tx)
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "organisation", recordID: organisation.id,
                                      summary: organisation.name, after: organisation.auditSnapshot)
        }
        return try await self.organisation(scope, id: organisation.id!)
    }

    /// Changes an organisation in scope (administrators only); the audit entry keeps what changed.
    func update(_ scope: Scope, id: UUID, input: OrganisationInput) async throws -> OrganisationSummary {
        _ = try await organisation(scope, id: id)
        try scope.require(.administrator)
        try await validate(input)
        try await database.db.transaction { tx in
            guard let model = try await Organisation.find(id, on: tx) else { throw AppError.notFound }
            let before = model.auditSnapshot
            model.kind = input.kind
            model.name = input.name
            model.searchName = VietnameseText.folded(input.name)
            model.validFrom = input.validFrom
            model.validTo = input.validTo
            model.danVanLeader = input.danVanLeader
            model.danVanLeaderTitle = input.danVanLeaderTitle
            let changes = AuditLog.changes(before: before, after: model.auditSnapshot)
            guard !changes.after.isEmpty || !changes.before.isEmpty else { return }
            try await model.update(on: tx)
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "organisation", recordID: id,
                                      summary: model.name, before: changes.before, after: changes.after)
        }
        return try await organisation(scope, id: id)
    }

    /// Merges organisations of one unit into a new one from `date` (hợp nhất), e.g.
    /// Ban Tuyên giáo + Ban Dân vận → Ban Tuyên giáo và Dân vận on 2025-07-01.
    /// The predecessors end the day before; their history stays theirs.
    func merge(_ scope: Scope, ids: [UUID], into input: OrganisationInput, on effective: CivilDate?) async throws -> OrganisationSummary {
        var found: [OrganisationSummary] = []
        for id in ids { found.append(try await organisation(scope, id: id)) }
        try scope.require(.administrator)
        var problems: [String: String] = [:]
        if Set(ids).count < 2 { problems["with"] = "error_merge_needs_two" }
        if effective == nil { problems["effective"] = "error_bad_date" }
        guard problems.isEmpty, let date = effective else { throw ValidationError(problems) }
        let predecessors = found
        guard Set(predecessors.map(\.unitID)).count == 1 else { throw ValidationError(["merge": "error_merge_same_unit"]) }
        try await validate(input)
        let successor = Organisation(
            unitID: predecessors[0].unitID, kind: input.kind, name: input.name, searchName: VietnameseText.folded(input.name),
            validFrom: date.iso, validTo: nil, danVanLeader: input.danVanLeader, danVanLeaderTitle: input.danVanLeaderTitle)
        let lastDay = date.adding(days: -1).iso
        let validTo = ColumnName.of(\Organisation.$validTo)
        try await database.db.transaction { tx in
            try await successor.create(on: tx)
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "organisation", recordID: successor.id,
                                      summary: successor.name, after: successor.auditSnapshot)
            let sql = tx as! any SQLDatabase
            for predecessor in predecessors {
                guard let model = try await Organisation.find(predecessor.id, on: tx) else { throw AppError.notFound }
                let before = model.auditSnapshot
                model.validTo = lastDay
                try await model.update(on: tx)
                try await sql.insert(into: "organisation_links")
                    .values(of: OrganisationLink(id: UUID(), predecessorID: predecessor.id, successorID: successor.id!, effective: date.iso)).run()
                try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "organisation", recordID: predecessor.id,
                                          summary: "\(model.name) → \(successor.name)", before: [validTo: before[validTo] ?? ""],
                                          after: [validTo: lastDay, ColumnName.of(\OrganisationLink.successorID): successor.id!.uuidString])
            }
        }
        return try await organisation(scope, id: successor.id!)
    }

    /// Organisations this one was merged from, and those it was merged into.
    func lineage(_ scope: Scope, of id: UUID) async throws -> (predecessors: [OrganisationSummary], successors: [OrganisationSummary]) {
        _ = try await organisation(scope, id: id)
        let predecessors = try await sql.raw("\(Self.select) JOIN organisation_links l ON l.\(\OrganisationLink.predecessorID) = o.id WHERE l.\(\OrganisationLink.successorID) = \(bind: id) AND \(inScope(scope))")
            .rows(OrganisationSummary.self)
        let successors = try await sql.raw("\(Self.select) JOIN organisation_links l ON l.\(\OrganisationLink.successorID) = o.id WHERE l.\(\OrganisationLink.predecessorID) = \(bind: id) AND \(inScope(scope))")
            .rows(OrganisationSummary.self)
        return (predecessors, successors)
    }

    /// Creates the standard organisations (DOMAIN.md §3) of every unit in force on
    /// `date` in the subtree of `unitID`, skipping kinds a unit already has.
    /// Returns how many were created.
    func createStandardSet(_ scope: Scope, under unitID: UUID, on date: CivilDate) async throws -> Int {
        let units = try await UnitStore(database: database).subtree(scope, of: unitID, on: date)
        try scope.require(.administrator)
        let kinds = try await kinds().filter { !$0.levels.isEmpty && Self.isValid(from: $0.validFrom, to: $0.validTo, on: date) }
        struct Existing { var unitID: UUID; var kind: String }
        var existing = Set<String>()
        for chunk in units.map(\.id).chunked(500) {
            let rows = try await Organisation.query(on: database.db).filter(\.$unitID ~~ Array(chunk)).all()
                .map { Existing(unitID: $0.unitID, kind: $0.kind) }
            existing.formUnion(rows.map { "\($0.unitID)|\($0.kind)" })
        }
        var created: [Organisation] = []
        for unit in units {
            for kind in kinds where kind.levels.contains(unit.level) && !existing.contains("\(unit.id)|\(kind.id!)") {
                let name = Self.standardName(kind: kind, unit: unit)
                created.append(Organisation(unitID: unit.id, kind: kind.id!, name: name, searchName: VietnameseText.folded(name),
                                            validFrom: unit.validFrom, validTo: unit.validTo))
            }
        }
        guard !created.isEmpty else { return 0 }
        let toCreate = created
        try await database.db.transaction { tx in
            for chunk in toCreate.chunked(400) {
                try await Array(chunk).create(on: tx)
                try await chunk.map {
                    AuditLog.entry(userID: scope.userID, username: scope.username, address: scope.address, action: .create, recordType: "organisation",
                                   recordID: $0.id, summary: $0.name + " (bộ tổ chức chuẩn)", after: $0.auditSnapshot)
                }.create(on: tx)
            }
        }
        return created.count
    }

    /// The standard name of an organisation of `kind` in `unit`.
    static func standardName(kind: OrganisationKind, unit: UnitSummary) -> String {
        let partyCommittee = OrganisationNaming.partyCommitteeName(unitName: unit.name, unitType: unit.type)
        if kind.id == "party_committee" { return partyCommittee }
        if OrganisationCatalogue.namedAfterPartyCommittee.contains(kind.id ?? "") { return kind.namePrefix + " " + partyCommittee }
        return OrganisationNaming.name(prefix: kind.namePrefix.isEmpty ? kind.name : kind.namePrefix, unitName: unit.name, unitType: unit.type)
    }

    /// Whether a record with this validity interval exists on a day (both ends included).
    static func isValid(from: String?, to: String?, on date: CivilDate) -> Bool {
        (from.map { $0 <= date.iso } ?? true) && (to.map { $0 >= date.iso } ?? true)
    }

    private func validate(_ input: OrganisationInput) async throws {
        var problems: [String: String] = [:]
        if input.name.isEmpty { problems["name"] = "error_required" } else if input.name.count > 300 { problems["name"] = "error_too_long" }
        else if VietnameseText.validationProblem(input.name) != nil { problems["name"] = "error_text_encoding" }
        if try await OrganisationKind.find(input.kind, on: database.db) == nil { problems["kind"] = "error_unknown_kind" }
        for (field, value) in [("valid_from", input.validFrom), ("valid_to", input.validTo)] {
            if let value, CivilDate(iso: value) == nil { problems[field] = "error_bad_date" }
        }
        if let from = input.validFrom, let to = input.validTo, from > to { problems["valid_to"] = "error_date_order" }
        if !problems.isEmpty { throw ValidationError(problems) }
    }
}
