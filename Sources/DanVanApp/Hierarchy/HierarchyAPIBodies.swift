import Foundation

// The units API's own response types, apart from the storage rows (camelCase here,
// snake_case keys in JSON: see `JSONResponse`).

/// An administrative unit in the API.
struct UnitBody: Codable, Sendable {
    var id: UUID
    var code: String
    var name: String
    var type: String
    var level: Int
    var parentID: UUID?
    var validFrom: String?
    var validTo: String?

    init(_ unit: UnitSummary) {
        (id, code, name, type, level) = (unit.id, unit.code, unit.name, unit.type, unit.level)
        (parentID, validFrom, validTo) = (unit.parentID, unit.validFrom, unit.validTo)
    }
}

/// An organisation in the API.
struct OrganisationBody: Codable, Sendable {
    var id: UUID
    var unitID: UUID
    var unitName: String
    var kind: String
    var kindName: String
    var name: String
    var parentOrganisationID: UUID?
    var validFrom: String?
    var validTo: String?
    var danVanLeader: String?
    var danVanLeaderTitle: String?

    init(_ organisation: OrganisationSummary) {
        (id, unitID, unitName, kind, kindName, name) = (organisation.id, organisation.unitID, organisation.unitName, organisation.kind,
                                                        organisation.kindName, organisation.name)
        (parentOrganisationID, validFrom, validTo) = (organisation.parentOrganisationID, organisation.validFrom, organisation.validTo)
        (danVanLeader, danVanLeaderTitle) = (organisation.danVanLeader, organisation.danVanLeaderTitle)
    }
}
