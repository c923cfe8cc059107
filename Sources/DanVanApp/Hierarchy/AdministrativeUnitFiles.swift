import Foundation

/// The shipped copy of Vietnam's administrative units (Resources/admin-units,
/// with its attribution in README.md there): the legacy three-level set, the
/// 2025 two-level set and the mapping between them.
struct AdministrativeUnitFiles: Sendable {
    struct Unit: Decodable, Sendable {
        var code: String
        var name: String
        var type: String
        var province: String?
        var district: String?
    }

    struct LegacySet: Decodable, Sendable {
        var validUntil: String
        var provinces: [Unit]
        var districts: [Unit]
        var communes: [Unit]
    }

    struct CurrentSet: Decodable, Sendable {
        var validFrom: String
        var provinces: [Unit]
        var communes: [Unit]
    }

    struct Link: Decodable, Sendable {
        var from: String
        var to: String
        var whole: Bool?
        var `default`: Bool?
    }

    struct Reorganisation: Decodable, Sendable {
        var effective: String
        var provinces: [Link]
        var communes: [Link]
    }

    var legacy: LegacySet
    var current: CurrentSet
    var reorganisation: Reorganisation

    /// Reads the files shipped inside the product.
    static func shipped() throws -> AdministrativeUnitFiles {
        guard let folder = Bundle.module.url(forResource: "admin-units", withExtension: nil, subdirectory: "Resources") else {
            throw AppError(.internalServerError, code: "missing_data", messageKey: "error_missing_unit_data")
        }
        return try load(from: folder)
    }

    static func load(from folder: URL) throws -> AdministrativeUnitFiles {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase   // "valid_until" → validUntil, as rows are read
        func read<T: Decodable>(_ name: String, as: T.Type) throws -> T {
            try decoder.decode(T.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
        }
        return AdministrativeUnitFiles(
            legacy: try read("units-legacy.json", as: LegacySet.self),
            current: try read("units-2025.json", as: CurrentSet.self),
            reorganisation: try read("reorganization-2025.json", as: Reorganisation.self))
    }

    /// Keeps only the given provinces (legacy codes and the 2025 provinces they
    /// went into): a small, real hierarchy for tests and demos.
    func restricted(toLegacyProvinces codes: Set<String>) -> AdministrativeUnitFiles {
        var copy = self
        let newProvinces = Set(reorganisation.provinces.filter { codes.contains($0.from) }.map(\.to))
        let districts = legacy.districts.filter { codes.contains($0.province ?? "") }
        let districtCodes = Set(districts.map(\.code))
        copy.legacy.provinces = legacy.provinces.filter { codes.contains($0.code) }
        copy.legacy.districts = districts
        copy.legacy.communes = legacy.communes.filter { districtCodes.contains($0.district ?? "") }
        let legacyCommunes = Set(copy.legacy.communes.map(\.code))
        copy.current.provinces = current.provinces.filter { newProvinces.contains($0.code) }
        copy.reorganisation.provinces = reorganisation.provinces.filter { codes.contains($0.from) }
        copy.reorganisation.communes = reorganisation.communes.filter { legacyCommunes.contains($0.from) }
        let reached = Set(copy.reorganisation.communes.map(\.to))
        copy.current.communes = current.communes.filter { reached.contains($0.code) }
        return copy
    }
}
