import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// Loads the administrative units into the database: the nation, the legacy
/// hierarchy (in force until 2025-06-30), the 2025 hierarchy and the links
/// between them, with the reach table that scope checks use.
///
/// All or nothing, in one transaction; loading twice changes nothing.
enum UnitImporter {
    struct Summary: Sendable, Equatable {
        var legacyProvinces = 0, legacyDistricts = 0, legacyCommunes = 0
        var provinces = 0, communes = 0, links = 0, paths = 0
        var alreadyLoaded = false
    }

    /// Code of the national unit that is the root of both hierarchies.
    static let nationCode = "VN"

    private struct Node {
        var id: UUID
        var code: String
        var name: String
        var type: String
        var level: Int
        var parent: UUID?
        var validFrom: String?
        var validTo: String?
    }


    static func load(_ files: AdministrativeUnitFiles, into database: AppDatabase) async throws -> Summary {
        let db = database.db
        if try await OrganisationUnit.query(on: db).filter(\.$level == 1).count() > 0 {
            return Summary(alreadyLoaded: true)
        }
        let existingNation = try await OrganisationUnit.query(on: db).filter(\.$level == 0).first()

        var nodes: [Node] = []
        let nation = Node(id: existingNation?.id ?? UUID(), code: nationCode, name: "Việt Nam", type: "Quốc gia", level: 0)
        if existingNation == nil { nodes.append(nation) }

        let legacyEnd = files.legacy.validUntil
        let currentStart = files.current.validFrom
        var legacyProvince: [String: UUID] = [:], legacyDistrict: [String: UUID] = [:], legacyCommune: [String: UUID] = [:]
        var province: [String: UUID] = [:], commune: [String: UUID] = [:]

        for unit in files.legacy.provinces {
            let id = UUID(); legacyProvince[unit.code] = id
            nodes.append(Node(id: id, code: unit.code, name: unit.name, type: unit.type, level: 1, parent: nation.id, validTo: legacyEnd))
        }
        for unit in files.legacy.districts {
            guard let parent = legacyProvince[unit.province ?? ""] else { continue }
            let id = UUID(); legacyDistrict[unit.code] = id
            nodes.append(Node(id: id, code: unit.code, name: unit.name, type: unit.type, level: 2, parent: parent, validTo: legacyEnd))
        }
        for unit in files.legacy.communes {
            guard let parent = legacyDistrict[unit.district ?? ""] else { continue }
            let id = UUID(); legacyCommune[unit.code] = id
            nodes.append(Node(id: id, code: unit.code, name: unit.name, type: unit.type, level: 3, parent: parent, validTo: legacyEnd))
        }
        for unit in files.current.provinces {
            let id = UUID(); province[unit.code] = id
            nodes.append(Node(id: id, code: unit.code, name: unit.name, type: unit.type, level: 1, parent: nation.id, validFrom: currentStart))
        }
        for unit in files.current.communes {
            guard let parent = province[unit.province ?? ""] else { continue }
            let id = UUID(); commune[unit.code] = id
            nodes.append(Node(id: id, code: unit.code, name: unit.name, type: unit.type, level: 3, parent: parent, validFrom: currentStart))
        }

        var links: [UnitLink] = []
        for link in files.reorganisation.provinces {
            guard let from = legacyProvince[link.from], let to = province[link.to] else { continue }
            links.append(UnitLink(id: UUID(), predecessorID: from, successorID: to, whole: true, isDefault: true, effective: files.reorganisation.effective))
        }
        for link in files.reorganisation.communes {
            guard let from = legacyCommune[link.from], let to = commune[link.to] else { continue }
            let whole = link.whole ?? true
            links.append(UnitLink(id: UUID(), predecessorID: from, successorID: to, whole: whole, isDefault: whole || (link.default ?? false),
                                  effective: files.reorganisation.effective))
        }

        let paths = reachRows(nodes: nodes + (existingNation == nil ? [] : [nation]), links: links)
        let (unitRows, linkRows) = (nodes, links)

        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            for chunk in unitRows.chunked(400) {
                try await sql.insert(into: "organisation_units").values(ofAll: chunk.map {
                    UnitRecord(id: $0.id, code: $0.code, name: $0.name, searchName: VietnameseText.folded($0.name), type: $0.type, level: $0.level,
                               parentID: $0.parent, validFrom: $0.validFrom, validTo: $0.validTo)
                }).run()
            }
            for chunk in linkRows.chunked(800) { try await sql.insert(into: "unit_links").values(ofAll: chunk).run() }
            for chunk in paths.chunked(1500) { try await sql.insert(into: "unit_paths").values(ofAll: chunk).run() }
        }

        if database.isPostgres {
            // Fresh statistics, or the planner scans whole tables until autovacuum gets round to it.
            try await database.sql.raw("ANALYZE organisation_units, unit_paths, unit_links").run()
        }
        return Summary(
            legacyProvinces: legacyProvince.count, legacyDistricts: legacyDistrict.count, legacyCommunes: legacyCommune.count,
            provinces: province.count, communes: commune.count, links: links.count, paths: paths.count)
    }

    /// The reach of every unit: its subtree (depth ≥ 0) and, for a unit that
    /// succeeded others, the subtrees of its predecessors and of its
    /// descendants' predecessors (via history), followed back through every
    /// earlier reorganisation.
    private static func reachRows(nodes: [Node], links: [UnitLink]) -> [UnitPath] {
        var children: [UUID: [UUID]] = [:]
        for node in nodes { if let parent = node.parent { children[parent, default: []].append(node.id) } }
        var predecessors: [UUID: [UUID]] = [:]
        for link in links { predecessors[link.successorID, default: []].append(link.predecessorID) }

        func subtree(_ root: UUID) -> [(UUID, Int)] {
            var result: [(UUID, Int)] = []
            var stack: [(UUID, Int)] = [(root, 0)]
            while let (id, depth) = stack.popLast() {
                result.append((id, depth))
                for child in children[id] ?? [] { stack.append((child, depth + 1)) }
            }
            return result
        }

        var rows: [UnitPath] = []
        for node in nodes {
            let structural = subtree(node.id)
            var seen = Set(structural.map(\.0))
            for (id, depth) in structural {
                rows.append(UnitPath(ancestorID: node.id, descendantID: id, depth: depth, viaHistory: false))
            }
            // Follow predecessors of anything reached so far, then their subtrees.
            var queue = structural.map(\.0)
            while let current = queue.popLast() {
                for predecessor in predecessors[current] ?? [] {
                    for (id, _) in subtree(predecessor) where !seen.contains(id) {
                        seen.insert(id)
                        rows.append(UnitPath(ancestorID: node.id, descendantID: id, depth: -1, viaHistory: true))
                        queue.append(id)
                    }
                }
            }
        }
        return rows
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
