import DanVanDomain
import FluentKit
import Foundation

/// An organisation of the political system inside a unit: a party committee,
/// the People's Committee, the Front, a mass organisation, a Tổ dân vận …
final class Organisation: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    /// Key into `organisation_kinds`.
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @Field(key: "search_name") var searchName: String
    @OptionalField(key: "parent_organisation_id") var parentOrganisationID: UUID?
    @OptionalField(key: "valid_from") var validFrom: String?
    @OptionalField(key: "valid_to") var validTo: String?
    /// Lãnh đạo phụ trách công tác dân vận: the leader in charge of dân vận work.
    @OptionalField(key: "dan_van_leader") var danVanLeader: String?
    @OptionalField(key: "dan_van_leader_title") var danVanLeaderTitle: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID = UUID(), unitID: UUID, kind: String, name: String, searchName: String, parentOrganisationID: UUID? = nil,
         validFrom: String? = nil, validTo: String? = nil, danVanLeader: String? = nil, danVanLeaderTitle: String? = nil) {
        self.id = id
        self.unitID = unitID
        self.kind = kind
        self.name = name
        self.searchName = searchName
        self.parentOrganisationID = parentOrganisationID
        self.validFrom = validFrom
        self.validTo = validTo
        self.danVanLeader = danVanLeader
        self.danVanLeaderTitle = danVanLeaderTitle
    }

    /// What the audit log keeps of an organisation, by column.
    var auditSnapshot: [String: String] {
        [
            ColumnName.of(\Organisation.$unitID): unitID.uuidString, "kind": kind, "name": name,
            ColumnName.of(\Organisation.$parentOrganisationID): parentOrganisationID?.uuidString ?? "",
            ColumnName.of(\Organisation.$validFrom): validFrom ?? "", ColumnName.of(\Organisation.$validTo): validTo ?? "",
            ColumnName.of(\Organisation.$danVanLeader): danVanLeader ?? "", ColumnName.of(\Organisation.$danVanLeaderTitle): danVanLeaderTitle ?? "",
        ]
    }
}

/// A kind of organisation in the catalogue (loại tổ chức), with the levels at
/// which it belongs to the standard set and the dates it exists.
/// A row of `organisation_links`: organisations merged into one (sáp nhập), from a day.
struct OrganisationLink: Codable, Sendable {
    var id: UUID
    var predecessorID: UUID
    var successorID: UUID
    var effective: String
}

final class OrganisationKind: Model, @unchecked Sendable {
    static let schema = "organisation_kinds"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    /// Words put before the unit's name ("Ủy ban nhân dân" → "Ủy ban nhân dân xã Ia Le").
    /// Empty for kinds named after the party committee.
    @Field(key: "name_prefix") var namePrefix: String
    /// Comma-separated levels at which the standard set includes this kind; empty = not standard.
    @Field(key: "standard_levels") var standardLevels: String
    @Field(key: "sort_order") var sortOrder: Int
    @OptionalField(key: "valid_from") var validFrom: String?
    @OptionalField(key: "valid_to") var validTo: String?

    init() {}

    init(key: String, name: String, namePrefix: String, standardLevels: String, sortOrder: Int, validFrom: String? = nil, validTo: String? = nil) {
        self.id = key
        self.name = name
        self.namePrefix = namePrefix
        self.standardLevels = standardLevels
        self.sortOrder = sortOrder
        self.validFrom = validFrom
        self.validTo = validTo
    }

    var levels: Set<Int> { Set(standardLevels.split(separator: ",").compactMap { Int($0) }) }
}

extension Organisation {
    /// Whether the organisation exists on a day: after its start (if any) and not after its end (if any).
    func isValid(on date: CivilDate) -> Bool {
        OrganisationStore.isValid(from: validFrom, to: validTo, on: date)
    }
}
