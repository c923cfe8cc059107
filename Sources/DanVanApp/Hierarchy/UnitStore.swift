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
        let rows = try await database.plannedOnce.raw("SELECT \(unsafeRaw: Self.columns) FROM organisation_units u WHERE u.id = \(bind: id) AND \(inScope(scope))")
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
        try await related(scope, of: unit, [.child], on: date).children
    }

    /// The units a unit is broken into on a day (a report's rows): its children in force then; on a day before the
    /// unit (a 2025 province in 2022), the highest earlier units whose history flows into it that were in force then
    /// (the legacy provinces), so what the unit counts on that day is in exactly one of them. In Vietnamese order.
    func below(_ scope: Scope, of unit: UnitSummary, on date: CivilDate) async throws -> [UnitSummary] {
        let children = try await self.children(scope, of: unit, on: date)
        guard children.isEmpty else { return children }
        let day = date.iso
        let history = try await self.history(scope, of: unit).filter { ($0.validFrom ?? day) <= day && ($0.validTo ?? day) >= day }
        let ids = Set(history.map(\.id))
        return history.filter { $0.parentID.map { !ids.contains($0) } ?? true }.sortedVietnamese()
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
        try await related(scope, of: unit, [.history]).history
    }

    /// The units this one came from (đơn vị tiền thân), directly.
    func predecessors(_ scope: Scope, of id: UUID) async throws -> [UnitLinkSummary] {
        try await predecessors(scope, of: try await unit(scope, id: id))
    }

    func predecessors(_ scope: Scope, of unit: UnitSummary) async throws -> [UnitLinkSummary] {
        try await related(scope, of: unit, [.predecessor]).predecessors
    }

    /// The units this one went into (đơn vị kế thừa), directly; only those in the caller's scope.
    func successors(_ scope: Scope, of id: UUID) async throws -> [UnitLinkSummary] {
        try await related(scope, of: try await unit(scope, id: id), [.successor]).successors
    }

    /// The chain from the top of the caller's scope down to the unit (for breadcrumbs).
    func ancestors(_ scope: Scope, of id: UUID) async throws -> [UnitSummary] {
        try await ancestors(scope, of: try await unit(scope, id: id))
    }

    func ancestors(_ scope: Scope, of unit: UnitSummary) async throws -> [UnitSummary] {
        try await related(scope, of: unit, [.ancestor]).ancestors
    }

    /// Units whose folded name contains the folded query, or whose code is the query.
    func search(_ scope: Scope, folded query: String, limit: Int = 50, offset: Int = 0) async throws -> [UnitSummary] {
        let pattern = "%" + Self.escapeLike(query) + "%"
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM organisation_units u
            WHERE (u.\(\OrganisationUnit.$searchName) LIKE \(bind: pattern) ESCAPE '\\' OR u.code = \(bind: query)) AND \(inScope(scope))
            ORDER BY u.level, CASE WHEN u.\(\Validity.validTo) IS NULL THEN 0 ELSE 1 END, u.\(\OrganisationUnit.$searchName), u.id
            LIMIT \(literal: limit) OFFSET \(literal: offset)
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
        try await related(scope, of: unit, [.successorOfSubtree]).successorsOfSubtree
    }

    /// Names of the hierarchy's levels (cấp), from the `unit_levels` table.
    func levelNames() async throws -> [Int: String] {
        try await database.caches.levelNames.value {
            let levels = try await UnitLevel.query(on: database.db).all()
            return Dictionary(uniqueKeysWithValues: levels.compactMap { level in level.id.map { ($0, level.name) } })
        }
    }
}

/// How a unit is related to the unit a page or call is about.
enum UnitRelation: Int, Sendable, CaseIterable {
    /// The chain from the top of the caller's scope down to it, top first (breadcrumbs).
    case ancestor
    /// Its direct children (on a date, when one is given).
    case child
    /// Every earlier unit whose history flows into it (through it or its descendants).
    case history
    /// The units it came from (đơn vị tiền thân), directly.
    case predecessor
    /// The units it went into (đơn vị kế thừa), directly.
    case successor
    /// Where it went when it ended: the distinct successors of it and of every unit below
    /// it (a district was abolished, its communes went into new ones).
    case successorOfSubtree
}

/// The units related to one unit, by relation, in the caller's scope; each list in the order
/// its page shows (names in Vietnamese order, breadcrumbs from the top, history by level and code).
struct RelatedUnits: Sendable {
    var ancestors: [UnitSummary] = []
    var children: [UnitSummary] = []
    var history: [UnitSummary] = []
    var predecessors: [UnitLinkSummary] = []
    var successors: [UnitLinkSummary] = []
    var successorsOfSubtree: [(unit: UnitSummary, parentName: String?)] = []
}

extension UnitStore {
    /// The units of several relations to one unit in one query (a page that shows a unit's
    /// breadcrumbs, children, history and links sends one statement, not five): each relation is
    /// one part of a `UNION ALL`, every part with the same columns, told apart by `relation`.
    func related(_ scope: Scope, of unit: UnitSummary, _ relations: [UnitRelation], on date: CivilDate? = nil) async throws -> RelatedUnits {
        guard !relations.isEmpty else { return RelatedUnits() }
        let parts = relations.map { part($0, scope, of: unit, on: date) }
        let query = parts.dropFirst().reduce(parts[0]) { $0 + " UNION ALL " + $1 } + " ORDER BY relation, sort_number, sort_text"
        let rows = try await database.plannedOnce.raw(query).rows(RelatedUnitRow.self)
        var related = RelatedUnits()
        for row in rows {
            switch UnitRelation(rawValue: row.relation) {
            case .ancestor: related.ancestors.append(row.unit)
            case .child: related.children.append(row.unit)
            case .history: related.history.append(row.unit)
            case .predecessor: related.predecessors.append(row.link)
            case .successor: related.successors.append(row.link)
            case .successorOfSubtree: related.successorsOfSubtree.append((row.unit, row.parentName))
            case nil: break
            }
        }
        related.children = related.children.sortedVietnamese()
        related.predecessors = related.predecessors.sorted(byVietnamese: \.unit.name)
        related.successors = related.successors.sorted(byVietnamese: \.unit.name)
        related.successorsOfSubtree = related.successorsOfSubtree.sorted(byVietnamese: \.unit.name)
        return related
    }

    /// One relation's part: the unit's columns, then the link's (whole, default, effective) and
    /// the parent's name where the relation has them (NULL otherwise), the relation and its order.
    private func part(_ relation: UnitRelation, _ scope: Scope, of unit: UnitSummary, on date: CivilDate?) -> SQLQueryString {
        let reach = inScope(scope)
        let kind: SQLQueryString = "\(literal: relation.rawValue) AS relation"
        // Typed NULLs: PostgreSQL types a union's columns part by part, and an untyped NULL is text.
        let noParent: SQLQueryString = "CAST(NULL AS TEXT) AS \(\RelatedUnitRow.parentName)"
        let noLink: SQLQueryString = "CAST(NULL AS BOOLEAN) AS whole, CAST(NULL AS BOOLEAN) AS \(\UnitLink.isDefault), CAST(NULL AS TEXT) AS effective"
        switch relation {
        case .ancestor:
            return """
                SELECT \(unsafeRaw: Self.columns), \(noLink), \(noParent), \(kind), -p.depth AS sort_number, '' AS sort_text
                FROM unit_paths p JOIN organisation_units u ON u.id = p.\(\UnitPath.ancestorID)
                WHERE p.\(\UnitPath.descendantID) = \(bind: unit.id) AND p.\(\UnitPath.viaHistory) = \(bind: false) AND p.depth > 0 AND \(reach)
                """
        case .child:
            var query: SQLQueryString = """
                SELECT \(unsafeRaw: Self.columns), \(noLink), \(noParent), \(kind), 0 AS sort_number, '' AS sort_text
                FROM organisation_units u WHERE u.\(\OrganisationUnit.$parentID) = \(bind: unit.id) AND \(reach)
                """
            if let date { query += " AND " + Self.validOn(date) }
            return query
        case .history:
            return """
                SELECT \(unsafeRaw: Self.columns), \(noLink), \(noParent), \(kind), u.level AS sort_number, u.code AS sort_text
                FROM unit_paths p JOIN organisation_units u ON u.id = p.\(\UnitPath.descendantID)
                WHERE p.\(\UnitPath.ancestorID) = \(bind: unit.id) AND p.\(\UnitPath.viaHistory) = \(bind: true) AND \(reach)
                """
        case .predecessor, .successor:
            let (own, other) = relation == .predecessor ? (\UnitLink.successorID, \UnitLink.predecessorID) : (\UnitLink.predecessorID, \UnitLink.successorID)
            return """
                SELECT \(unsafeRaw: Self.columns), l.whole, l.\(\UnitLink.isDefault), l.effective, \(noParent), \(kind),
                0 AS sort_number, '' AS sort_text
                FROM unit_links l JOIN organisation_units u ON u.id = l.\(other) WHERE l.\(own) = \(bind: unit.id) AND \(reach)
                """
        case .successorOfSubtree:
            return """
                SELECT \(unsafeRaw: Self.columns), \(noLink), pu.name AS \(\RelatedUnitRow.parentName),
                \(kind), 0 AS sort_number, '' AS sort_text
                FROM organisation_units u LEFT JOIN organisation_units pu ON pu.id = u.\(\OrganisationUnit.$parentID)
                WHERE u.id IN (SELECT l.\(\UnitLink.successorID) FROM unit_paths p JOIN unit_links l ON l.\(\UnitLink.predecessorID) = p.\(\UnitPath.descendantID)
                WHERE p.\(\UnitPath.ancestorID) = \(bind: unit.id) AND p.\(\UnitPath.viaHistory) = \(bind: false)) AND \(reach)
                """
        }
    }
}

/// A row of ``UnitStore/related(_:of:_:on:)``: the unit, the link's or parent's columns its relation has, the relation.
private struct RelatedUnitRow: Decodable {
    var id: UUID, code: String, name: String, type: String, level: Int
    var parentID: UUID?, validFrom: String?, validTo: String?
    var whole: Bool?, isDefault: Bool?, effective: String?, parentName: String?
    var relation: Int

    var unit: UnitSummary {
        UnitSummary(id: id, code: code, name: name, type: type, level: level, parentID: parentID, validFrom: validFrom, validTo: validTo)
    }

    var link: UnitLinkSummary {
        UnitLinkSummary(unit: unit, whole: whole ?? true, isDefault: isDefault ?? true, effective: effective ?? "")
    }
}
