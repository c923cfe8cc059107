import DanVanDomain
import Foundation

/// A command-line request that cannot be carried out, said in Vietnamese.
public struct CommandProblem: Error, CustomStringConvertible {
    public var description: String
}

/// The work behind `danvan units import`.
public enum UnitImport {
    public static func run(_ database: AppDatabase) async throws -> String {
        let start = ContinuousClock.now
        let summary = try await UnitImporter.load(try AdministrativeUnitFiles.shipped(), into: database)
        if summary.alreadyLoaded { return "Danh mục đơn vị hành chính đã có; không nạp lại." }
        return """
            Đã nạp trong \(ContinuousClock.now - start): trước sắp xếp \(summary.legacyProvinces) tỉnh, \(summary.legacyDistricts) huyện, \
            \(summary.legacyCommunes) xã; từ 01/07/2025 \(summary.provinces) tỉnh, \(summary.communes) xã; \(summary.links) liên kết kế thừa.
            """
    }
}

/// The work behind `danvan admin create`.
public enum AdministratorAccounts {
    public static func create(_ services: AppServices, username: String, fullName: String) async throws -> String {
        let scope = try await services.accounts.commandLineScope()
        let organisation = try await services.accounts.nationalAdministration()
        do {
            return try await services.accounts.createUser(
                scope, input: UserInput(username: username, fullName: fullName, organisationID: organisation.id, roles: [.administrator], scopeMode: .subtree)
            ).password
        } catch let error as ValidationError {
            throw CommandProblem(description: describe(error, services: services))
        }
    }

    static func describe(_ error: ValidationError, services: AppServices) -> String {
        error.fields.sorted { $0.key < $1.key }.map { "\($0.key): \(services.catalogue.text($0.value, .vi))" }.joined(separator: "\n")
    }
}

/// The work behind `danvan organisations standard`.
public enum StandardOrganisations {
    public static func create(_ services: AppServices, unitCode: String, legacy: Bool) async throws -> String {
        let scope = try await services.accounts.commandLineScope()
        let candidates = try await services.units.units(scope, code: unitCode)
        guard let unit = candidates.first(where: { ($0.validTo != nil) == legacy }) ?? candidates.first else {
            throw CommandProblem(description: "Không có đơn vị hành chính mã \(unitCode).")
        }
        let count = try await services.organisations.createStandardSet(scope, under: unit.id, on: HierarchyController.defaultDate(for: unit))
        return "\(unit.name): đã tạo \(VietnameseFormat.integer(count)) tổ chức."
    }
}
