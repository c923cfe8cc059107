import DanVanDomain
import FluentKit
import Foundation

/// The accounts of the reporting roles in `danvan demo load`, on a network of their own (the
/// demo figures are the demo part's): the Front of the commune Ia Tiêm reports to the Ban Dân vận
/// of the district Chư Sê, which sends its consolidated report to the Ban Dân vận of the province
/// Gia Lai (the units before 2025, so a 2025 month is approved at two levels).
enum ReportEntryDemo {
    /// Username, role, kind, the unit's code (of the legacy set), the organisation's name.
    static let accounts: [(String, Role, String, String, String)] = [
        ("demo.mttq.iatiem", .reportingOfficer, "fatherland_front", "23944", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Ia Tiêm"),
        ("demo.bdv.chuse", .danVanStaff, "dan_van_board", "633", "Ban Dân vận Huyện ủy Chư Sê"),
        ("demo.bdv.gialai", .danVanStaff, "dan_van_board", "64", "Ban Dân vận Tỉnh ủy Gia Lai"),
    ]

    /// Makes the three organisations when missing and an account in each; existing accounts are
    /// listed without a password.
    static func load(services: AppServices, scope: Scope) async throws -> [DemoLoader.Account] {
        var result: [DemoLoader.Account] = []
        for (index, (username, role, kind, code, name)) in accounts.enumerated() {
            guard let unit = try await services.units.units(scope, code: code).first(where: { $0.validTo != nil }) else { continue }
            var organisation = try await services.organisations.organisations(scope, unitID: unit.id).first { $0.kind == kind }
            if organisation == nil {
                let created = Organisation(unitID: unit.id, kind: kind, name: name, searchName: VietnameseText.folded(name),
                                           validFrom: unit.validFrom, validTo: unit.validTo)
                try await services.database.db.transaction { tx in
                    try await created.create(on: tx)
                    try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "organisation", recordID: created.id,
                                              summary: name + " (dữ liệu minh họa)", after: created.auditSnapshot)
                }
                organisation = try await services.organisations.organisations(scope, unitID: unit.id).first { $0.kind == kind }
            }
            guard let organisation else { continue }
            if try await User.query(on: services.database.db).filter(\.$username == username).count() > 0 {
                result.append(DemoLoader.Account(username: username, password: nil, role: role.rawValue, organisation: organisation.name))
                continue
            }
            let created = try await services.accounts.createUser(scope, input: UserInput(
                username: username, fullName: DemoLoader.demoNames[(index + 3) % DemoLoader.demoNames.count], organisationID: organisation.id,
                roles: [role], scopeMode: .subtree))
            result.append(DemoLoader.Account(username: username, password: created.password, role: role.rawValue, organisation: organisation.name))
        }
        return result
    }
}
