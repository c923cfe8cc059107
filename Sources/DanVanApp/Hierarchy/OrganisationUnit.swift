import FluentKit
import Foundation

/// Đơn vị hành chính: a province, district, commune or village, with the dates it
/// was in force. The number of levels is data (``UnitLevel``), not code.
final class OrganisationUnit: Model, @unchecked Sendable {
    static let schema = "organisation_units"

    @ID(key: .id) var id: UUID?
    /// Mã đơn vị hành chính; legacy and 2025 sets reuse codes, so a code is unique only with its dates.
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    /// The name folded for search (lower case, no tones, đ→d).
    @Field(key: "search_name") var searchName: String
    /// "Tỉnh", "Thành phố", "Huyện", "Xã", "Phường", "Thôn" …
    @Field(key: "type") var type: String
    @Field(key: "level") var level: Int
    @OptionalField(key: "parent_id") var parentID: UUID?
    /// First day in force, ISO `YYYY-MM-DD`; nil = since before the records begin.
    @OptionalField(key: "valid_from") var validFrom: String?
    /// Last day in force, ISO; nil = still in force.
    @OptionalField(key: "valid_to") var validTo: String?

    init() {}

    init(id: UUID = UUID(), code: String, name: String, searchName: String, type: String, level: Int, parentID: UUID?, validFrom: String?, validTo: String?) {
        self.id = id
        self.code = code
        self.name = name
        self.searchName = searchName
        self.type = type
        self.level = level
        self.parentID = parentID
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

/// A level of the hierarchy (cấp): 0 nation, 1 province, 2 district, 3 commune, 4 village.
final class UnitLevel: Model, @unchecked Sendable {
    static let schema = "unit_levels"

    @ID(custom: "level", generatedBy: .user) var id: Int?
    @Field(key: "name") var name: String

    init() {}
    init(level: Int, name: String) {
        self.id = level
        self.name = name
    }
}

/// A unit as the importer writes thousands at once (a Fluent model each costs about a
/// second on the national load); `ColumnKeyTests` holds it to the table's columns.
struct UnitRecord: Codable, Sendable {
    var id: UUID
    var code: String
    var name: String
    var searchName: String
    var type: String
    var level: Int
    var parentID: UUID?
    var validFrom: String?
    var validTo: String?
}

/// A row of `unit_paths`: the closure of the tree and of the 2025 predecessor → successor
/// links, which every scope condition reads (``Reach``) and only the hierarchy writes.
struct UnitPath: Codable, Sendable {
    var ancestorID: UUID
    var descendantID: UUID
    /// Steps down from the ancestor; -1 for a path through a predecessor link.
    var depth: Int
    /// The path goes through a 2025 link (history), not only down the tree.
    var viaHistory: Bool
}

/// A row of `unit_links`: a unit before 2025 and the one it went into.
struct UnitLink: Codable, Sendable {
    var id: UUID
    var predecessorID: UUID
    var successorID: UUID
    /// The whole unit went across; false for part of a divided unit.
    var whole: Bool
    /// For a divided unit: the successor its history is attributed to by default.
    var isDefault: Bool
    var effective: String
}

/// The columns of a row that is in force for a span of days (hiệu lực), on every dated table.
struct Validity: Codable, Sendable {
    /// First day in force, ISO; nil = since before the records begin.
    var validFrom: String?
    /// Last day in force, ISO; nil = still in force.
    var validTo: String?
}
