import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// A unit as pages and the API show it.
public struct UnitSummary: Sendable, Codable, Equatable {
    public var id: UUID
    public var code: String
    public var name: String
    public var type: String
    public var level: Int
    public var parentID: UUID?
    public var validFrom: String?
    public var validTo: String?
}

/// A predecessor or successor of a unit, with how much of it went across.
public struct UnitLinkSummary: Sendable, Codable, Equatable {
    public var unit: UnitSummary
    /// True when the whole unit went across; false for part of a divided unit.
    public var whole: Bool
    /// For a divided unit: the successor its history is attributed to by default.
    public var isDefault: Bool
    public var effective: String
}

/// Every query over administrative units, each through the caller's scope.
struct UnitStore: Sendable {
    let database: AppDatabase
    private var sql: any SQLDatabase { database.sql }

    static let columns = RowColumns.select(UnitSummary.self, from: "u")

    /// The reach condition on `u.id` for a scope: the scope unit's subtree and history,
    /// or only its own unit for an organisation-only scope.
    private func inScope(_ scope: Scope) -> SQLQueryString {
        Reach.condition(scope, unit: "u.id", organisation: nil, shape: .probe)
    }

    /// One unit; not found when it does not exist or lies outside the scope.
    func unit(_ scope: Scope, id: UUID) async throws -> UnitSummary {
        let rows = try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM organisation_units u WHERE u.id = \(bind: id) AND \(inScope(scope))")
            .rows(UnitSummary.self)
        guard let unit = rows.first else { throw AppError.notFound }
        return unit
    }

    /// Units with the given code, in scope (legacy and 2025 sets reuse codes).
    func units(_ scope: Scope, code: String) async throws -> [UnitSummary] {
        try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM organisation_units u WHERE u.code = \(bind: code) AND \(inScope(scope)) ORDER BY u.\(\OrganisationUnit.$validFrom)")
            .rows(UnitSummary.self)
    }

    /// Names of the units in scope among `ids` (for the "part of" column of a list), in one query.
    func names(_ scope: Scope, ids: Set<UUID>) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable { var id: UUID; var name: String }
        let rows = try await sql.raw("SELECT u.id, u.name FROM organisation_units u WHERE u.id IN (\(binds: Array(ids))) AND \(inScope(scope))")
            .rows(Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.name) })
    }

    /// Direct children, optionally only those in force on a date, in Vietnamese order.
    func children(_ scope: Scope, of id: UUID, on date: CivilDate? = nil) async throws -> [UnitSummary] {
        try await children(scope, of: try await unit(scope, id: id), on: date)
    }

    // A function below that takes a `UnitSummary` takes it as read through the caller's
    // scope (``unit(_:id:)``), and does not check it again: a page that shows one unit's
    // children, history and links reads the unit once (the hardening issue's profile).

    func children(_ scope: Scope, of unit: UnitSummary, on date: CivilDate? = nil) async throws -> [UnitSummary] {
        var query: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM organisation_units u WHERE u.\(\OrganisationUnit.$parentID) = \(bind: unit.id) AND \(inScope(scope))"
        if let date { query += " AND " + Self.validOn(date) }
        return try await sql.raw(query).rows(UnitSummary.self).sortedVietnamese()
    }

    /// The unit and every unit below it (not its history), optionally in force on a date.
    func subtree(_ scope: Scope, of id: UUID, on date: CivilDate? = nil) async throws -> [UnitSummary] {
        _ = try await unit(scope, id: id)
        var query: SQLQueryString = """
            SELECT \(unsafeRaw: Self.columns) FROM unit_paths p JOIN organisation_units u ON u.id = p.\(\UnitPath.descendantID)
            WHERE p.\(\UnitPath.ancestorID) = \(bind: id) AND p.\(\UnitPath.viaHistory) = \(bind: false) AND \(inScope(scope))
            """
        if let date { query += " AND " + Self.validOn(date) }
        return try await sql.raw(query).rows(UnitSummary.self)
    }

    /// Ids only, for reports and benchmarks: the unit's subtree plus, when asked, its history.
    func subtreeIDs(_ scope: Scope, of id: UUID, includingHistory: Bool) async throws -> [UUID] {
        var query: SQLQueryString = "SELECT p.\(\UnitPath.descendantID) FROM unit_paths p WHERE p.\(\UnitPath.ancestorID) = \(bind: id)"
        if !includingHistory { query += " AND p.\(\UnitPath.viaHistory) = \(bind: false)" }
        query += " AND " + Reach.condition(scope, unit: "p.\(\UnitPath.descendantID)", root: id)
        // One column, decoded directly: this query feeds every report over a subtree.
        return try await sql.raw(query).all().map { try $0.decode(column: ColumnName.of(\UnitPath.descendantID), as: UUID.self) }
    }

    /// Every earlier unit whose history flows into this one (through it or its
    /// descendants), for reports across the reorganisation.
    func history(_ scope: Scope, of id: UUID) async throws -> [UnitSummary] {
        try await history(scope, of: try await unit(scope, id: id))
    }

    func history(_ scope: Scope, of unit: UnitSummary) async throws -> [UnitSummary] {
        try await sql.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM unit_paths p JOIN organisation_units u ON u.id = p.\(\UnitPath.descendantID)
            WHERE p.\(\UnitPath.ancestorID) = \(bind: unit.id) AND p.\(\UnitPath.viaHistory) = \(bind: true) AND \(inScope(scope))
            ORDER BY u.level, u.code
            """).rows(UnitSummary.self)
    }

    /// The units this one came from (đơn vị tiền thân), directly.
    func predecessors(_ scope: Scope, of id: UUID) async throws -> [UnitLinkSummary] {
        try await predecessors(scope, of: try await unit(scope, id: id))
    }

    func predecessors(_ scope: Scope, of unit: UnitSummary) async throws -> [UnitLinkSummary] {
        try await links(scope, of: unit, ownSide: \.successorID, otherSide: \.predecessorID)
    }

    /// The units this one went into (đơn vị kế thừa), directly; only those in the caller's scope.
    func successors(_ scope: Scope, of id: UUID) async throws -> [UnitLinkSummary] {
        try await links(scope, of: try await unit(scope, id: id), ownSide: \.predecessorID, otherSide: \.successorID)
    }

    private func links(_ scope: Scope, of unit: UnitSummary, ownSide: KeyPath<UnitLink, UUID>, otherSide: KeyPath<UnitLink, UUID>) async throws -> [UnitLinkSummary] {
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: Self.columns), l.whole, l.\(\UnitLink.isDefault), l.effective FROM unit_links l
            JOIN organisation_units u ON u.id = l.\(otherSide)
            WHERE l.\(ownSide) = \(bind: unit.id) AND \(inScope(scope))
            """).rows(UnitRowWithLink.self)
        return rows.map {
            UnitLinkSummary(unit: $0.unit, whole: $0.whole ?? true, isDefault: $0.isDefault ?? true, effective: $0.effective ?? "")
        }.sorted(byVietnamese: \.unit.name)
    }

    /// The chain from the top of the caller's scope down to the unit (for breadcrumbs).
    func ancestors(_ scope: Scope, of id: UUID) async throws -> [UnitSummary] {
        try await ancestors(scope, of: try await unit(scope, id: id))
    }

    func ancestors(_ scope: Scope, of unit: UnitSummary) async throws -> [UnitSummary] {
        try await sql.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM unit_paths p JOIN organisation_units u ON u.id = p.\(\UnitPath.ancestorID)
            WHERE p.\(\UnitPath.descendantID) = \(bind: unit.id) AND p.\(\UnitPath.viaHistory) = \(bind: false) AND p.depth > 0 AND \(inScope(scope))
            ORDER BY p.depth DESC
            """).rows(UnitSummary.self)
    }

    /// Units whose folded name contains the folded query, or whose code is the query.
    func search(_ scope: Scope, folded query: String, limit: Int = 50) async throws -> [UnitSummary] {
        let pattern = "%" + Self.escapeLike(query) + "%"
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM organisation_units u
            WHERE (u.\(\OrganisationUnit.$searchName) LIKE \(bind: pattern) ESCAPE '\\' OR u.code = \(bind: query)) AND \(inScope(scope))
            ORDER BY u.level, u.\(\OrganisationUnit.$searchName) LIMIT \(literal: limit)
            """).rows(UnitSummary.self)
        return rows.sorted { ($0.level, $0.validTo == nil ? 0 : 1) < ($1.level, $1.validTo == nil ? 0 : 1)
            || (($0.level, $0.validTo == nil ? 0 : 1) == ($1.level, $1.validTo == nil ? 0 : 1) && VietnameseText.compare($0.name, $1.name)) }
    }

    /// Adds a village (thôn, làng, ấp, bản, tổ dân phố) under a commune in scope.
    func addVillage(_ scope: Scope, parentID: UUID, name: String, type: String, code: String) async throws -> UnitSummary {
        let parent = try await unit(scope, id: parentID)
        try scope.require(.administrator)
        var problems: [String: String] = [:]
        if parent.level != 3 { problems["parent"] = "error_village_parent" }
        if name.isEmpty { problems["name"] = "error_required" }
        if name.count > 200 { problems["name"] = "error_too_long" }
        if VietnameseText.validationProblem(name) != nil { problems["name"] = "error_text_encoding" }
        if code.count > 20 { problems["code"] = "error_too_long" }
        if !problems.isEmpty { throw ValidationError(problems) }
        let village = OrganisationUnit(
            code: code, name: name, searchName: VietnameseText.folded(name), type: type, level: 4,
            parentID: parentID, validFrom: parent.validFrom, validTo: parent.validTo)
        let id = village.id!
        try await database.db.transaction { tx in
            try await village.create(on: tx)
            let sql = tx as! any SQLDatabase
            try await sql.raw("""
                INSERT INTO unit_paths (\(\UnitPath.ancestorID), \(\UnitPath.descendantID), depth, \(\UnitPath.viaHistory))
                SELECT p.\(\UnitPath.ancestorID), \(bind: id), CASE WHEN p.depth < 0 THEN -1 ELSE p.depth + 1 END, p.\(\UnitPath.viaHistory)
                FROM unit_paths p WHERE p.\(\UnitPath.descendantID) = \(bind: parentID)
                """).run()
            try await sql.insert(into: "unit_paths").values(of: UnitPath(ancestorID: id, descendantID: id, depth: 0, viaHistory: false)).run()
            try await AuditLog.record(
                on: tx, scope: scope, action: .create, recordType: "organisation_unit", recordID: id,
                summary: "\(name) (\(parent.name))",
                after: ["code": code, "name": name, "type": type, ColumnName.of(\OrganisationUnit.$parentID): parentID.uuidString])
        }
        return try await unit(scope, id: id)
    }

    /// The rows of `alias` (a unit `u`, an organisation `o` …) valid on a day: begun and not ended.
    static func validOn(_ date: CivilDate, alias: String = "u") -> SQLQueryString {
        """
        (\(unsafeRaw: alias).\(\Validity.validFrom) IS NULL OR \(unsafeRaw: alias).\(\Validity.validFrom) <= \(bind: date.iso)) \
        AND (\(unsafeRaw: alias).\(\Validity.validTo) IS NULL OR \(unsafeRaw: alias).\(\Validity.validTo) >= \(bind: date.iso))
        """
    }

    /// Escapes `%`, `_` and the escape character itself for a LIKE pattern.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}

extension Array where Element == UnitSummary {
    func sortedVietnamese() -> [UnitSummary] {
        sorted(byVietnamese: \.name)
    }
}

extension UnitStore {
    /// Where a unit that ended went: the distinct successors of it and of every
    /// unit below it (a district was abolished, its communes went into new ones),
    /// with the name of each successor's parent.
    func successorsOfSubtree(_ scope: Scope, of id: UUID) async throws -> [(unit: UnitSummary, parentName: String?)] {
        try await successorsOfSubtree(scope, of: try await unit(scope, id: id))
    }

    func successorsOfSubtree(_ scope: Scope, of unit: UnitSummary) async throws -> [(unit: UnitSummary, parentName: String?)] {
        // The successors first, then their rows: two small joins that PostgreSQL plans in half
        // the time of one join of six (0,70 → 0,35 ms, planned on every page of an ended unit).
        let rows = try await sql.raw("""
            WITH s AS MATERIALIZED (
                SELECT DISTINCT l.\(\UnitLink.successorID) AS id FROM unit_paths p JOIN unit_links l ON l.\(\UnitLink.predecessorID) = p.\(\UnitPath.descendantID)
                WHERE p.\(\UnitPath.ancestorID) = \(bind: unit.id) AND p.\(\UnitPath.viaHistory) = \(bind: false))
            SELECT \(unsafeRaw: Self.columns), pu.name AS \(\UnitRowWithLink.parentName) FROM s
            JOIN organisation_units u ON u.id = s.id
            LEFT JOIN organisation_units pu ON pu.id = u.\(\OrganisationUnit.$parentID)
            WHERE \(inScope(scope))
            """).rows(UnitRowWithLink.self)
        return rows.map { ($0.unit, $0.parentName) }.sorted(byVietnamese: \.unit.name)
    }

    /// Names of the hierarchy's levels (cấp), from the `unit_levels` table.
    func levelNames() async throws -> [Int: String] {
        try await database.caches.levelNames.value {
            let levels = try await UnitLevel.query(on: database.db).all()
            return Dictionary(uniqueKeysWithValues: levels.compactMap { level in level.id.map { ($0, level.name) } })
        }
    }
}

/// A unit row with the columns a join adds (link or parent), for the queries that need them.
private struct UnitRowWithLink: Decodable {
    var id: UUID, code: String, name: String, type: String, level: Int
    var parentID: UUID?, validFrom: String?, validTo: String?
    var whole: Bool?, isDefault: Bool?, effective: String?, parentName: String?

    var unit: UnitSummary {
        UnitSummary(id: id, code: code, name: name, type: type, level: level, parentID: parentID, validFrom: validFrom, validTo: validTo)
    }
}
