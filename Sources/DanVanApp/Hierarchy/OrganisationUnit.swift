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
