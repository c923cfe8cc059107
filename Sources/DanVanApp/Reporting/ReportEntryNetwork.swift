import DanVanDomain
import Foundation
import SQLKit

/// An organisation as reporting sees it: what it is, where, and at what level.
struct ReportingOrganisation: Sendable, Codable, Hashable {
    var id: UUID
    var unitID: UUID
    var kind: String
    var name: String
    var unitName: String
    var unitLevel: Int
    var unitParentID: UUID?
    /// The kind's place in the list of kinds: with the id, the stable order of two bodies of one unit.
    var kindOrder: Int?
}

/// Who reports a form to whom (DHIS2's organisation units and approval levels): the organisations
/// of the form's kinds at its levels, valid in the period, report to the nearest organisation of
/// an approver kind above them (their own unit's first: a district's Ban Dân vận receives the
/// district's organisations and the communes'); an approving body that itself has one above
/// sends it its consolidated report, approved only once every report it receives is.
struct ReportNetwork: Sendable {
    let database: AppDatabase
    var sql: any SQLDatabase { database.sql }

    private static let select: SQLQueryString = """
        SELECT o.id, o.\(\Organisation.$unitID) AS unit_id, o.kind, o.name, u.name AS unit_name, u.\(\OrganisationUnit.$level) AS unit_level,
        u.\(\OrganisationUnit.$parentID) AS unit_parent_id, k.\(\OrganisationKind.$sortOrder) AS kind_order
        FROM organisations o JOIN organisation_units u ON u.id = o.\(\Organisation.$unitID) JOIN organisation_kinds k ON k.key = o.kind
        """

    /// Organisations and their units valid on some day of the period.
    static func valid(in period: ReportingPeriod) -> SQLQueryString {
        let first = period.firstDay.iso, last = period.lastDay.iso
        return """
            (o.\(\Organisation.$validFrom) IS NULL OR o.\(\Organisation.$validFrom) <= \(bind: last)) \
            AND (o.\(\Organisation.$validTo) IS NULL OR o.\(\Organisation.$validTo) >= \(bind: first)) \
            AND (u.\(\OrganisationUnit.$validFrom) IS NULL OR u.\(\OrganisationUnit.$validFrom) <= \(bind: last)) \
            AND (u.\(\OrganisationUnit.$validTo) IS NULL OR u.\(\OrganisationUnit.$validTo) >= \(bind: first))
            """
    }

    private static func kinds(_ kinds: [String]) -> SQLQueryString {
        kinds.isEmpty ? "1 = 0" : "o.kind IN (\(binds: kinds))"
    }

    /// One organisation with its unit (not scoped: callers check the reach first).
    func organisation(id: UUID) async throws -> ReportingOrganisation {
        guard let row = try await sql.raw("\(Self.select) WHERE o.id = \(bind: id)").row(ReportingOrganisation.self) else { throw AppError.notFound }
        return row
    }

    /// Whether the organisation reports the form in the period (its kind at one of its levels, valid then).
    func isReporter(_ organisation: ReportingOrganisation, _ version: ReportFormVersion, _ period: ReportingPeriod) async throws -> Bool {
        guard version.kinds.contains(organisation.kind), version.levels.contains(organisation.unitLevel) else { return false }
        return try await sql.raw("\(Self.select) WHERE o.id = \(bind: organisation.id) AND \(Self.valid(in: period))").row(ReportingOrganisation.self) != nil
    }

    /// The organisations that must report the form for the period under a unit (its subtree,
    /// legacy units included: a 2022 period reads the units of 2022), by unit and name.
    func reporters(_ version: ReportFormVersion, _ period: ReportingPeriod, under unitID: UUID) async throws -> [ReportingOrganisation] {
        guard !version.levels.isEmpty else { return [] }
        return try await sql.raw("""
            \(Self.select) WHERE \(Self.kinds(version.kinds)) AND u.\(\OrganisationUnit.$level) IN (\(binds: version.levels))
            AND \(Self.valid(in: period)) AND \(Reach.subtree("o.\(\Organisation.$unitID)", of: unitID))
            ORDER BY u.\(\OrganisationUnit.$level), u.name, o.name
            """).rows(ReportingOrganisation.self)
    }

    /// The body that receives and approves an organisation's report: the nearest organisation of
    /// an approver kind in its own unit or above (an approving body's: above its unit, so two bodies
    /// of one unit never approve each other), valid in the period; of two in one unit, the first by
    /// kind order then id (not by name: the collations differ); `nil` at the top.
    func approver(of organisation: ReportingOrganisation, _ version: ReportFormVersion, _ period: ReportingPeriod) async throws -> ReportingOrganisation? {
        var unitID: UUID? = isApprover(organisation, version) ? organisation.unitParentID : organisation.unitID
        var steps = 0
        while let current = unitID, steps < 12 {
            let found = try await sql.raw("""
                \(Self.select) WHERE o.\(\Organisation.$unitID) = \(bind: current) AND \(Self.kinds(version.approverKinds))
                AND \(Self.valid(in: period))
                """).rows(ReportingOrganisation.self)
            if let first = found.min(by: Self.before) { return first }
            struct Parent: Decodable { var parentID: UUID? }
            unitID = try await sql.raw("SELECT u.\(\OrganisationUnit.$parentID) AS parent_id FROM organisation_units u WHERE u.id = \(bind: current)")
                .row(Parent.self)?.parentID
            steps += 1
        }
        return nil
    }

    /// The reports an approving body receives for the period: the reporters whose nearest
    /// approver it is, and the approving bodies below whose consolidated report comes to it.
    func received(by approver: ReportingOrganisation, _ version: ReportFormVersion, _ period: ReportingPeriod) async throws -> [ReportingOrganisation] {
        let reporters = try await self.reporters(version, period, under: approver.unitID)
        let approvers = try await sql.raw("""
            \(Self.select) WHERE \(Self.kinds(version.approverKinds)) AND \(Self.valid(in: period))
            AND \(Reach.subtree("o.\(\Organisation.$unitID)", of: approver.unitID)) ORDER BY u.\(\OrganisationUnit.$level), u.name, o.name
            """).rows(ReportingOrganisation.self)
        struct UnitParent: Decodable { var id: UUID; var parentID: UUID? }
        let units = try await sql.raw("""
            SELECT u.id, u.\(\OrganisationUnit.$parentID) AS parent_id FROM organisation_units u WHERE \(Reach.subtree("u.id", of: approver.unitID, paths: .tree))
            """).rows(UnitParent.self)
        let parents = Dictionary(units.map { ($0.id, $0.parentID) }, uniquingKeysWith: { first, _ in first })
        let approversByUnit = Dictionary(grouping: approvers, by: \.unitID).mapValues { $0.min(by: Self.before)! }
        /// The nearest approving body of an organisation, walking up to the approver's own unit (as ``approver(of:_:_:)``).
        func nearest(_ organisation: ReportingOrganisation) -> UUID? {
            var unit: UUID? = isApprover(organisation, version) ? (organisation.unitID == approver.unitID ? nil : parents[organisation.unitID] ?? nil) : organisation.unitID
            while let current = unit {
                if let found = approversByUnit[current] { return found.id }
                if current == approver.unitID { return nil }
                unit = parents[current] ?? nil
            }
            return nil
        }
        return (reporters + approvers.filter { $0.id != approver.id }).filter { nearest($0) == approver.id }
    }

    /// The stable order of two approving bodies of one unit: kind order, then id.
    static func before(_ a: ReportingOrganisation, _ b: ReportingOrganisation) -> Bool {
        (a.kindOrder ?? 0, a.id.uuidString) < (b.kindOrder ?? 0, b.id.uuidString)
    }

    /// Whether the organisation is an approving body of the form in the period (it receives reports).
    func isApprover(_ organisation: ReportingOrganisation, _ version: ReportFormVersion) -> Bool {
        version.approverKinds.contains(organisation.kind)
    }
}
