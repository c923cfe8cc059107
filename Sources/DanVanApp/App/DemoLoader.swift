import DanVanDomain
import FluentKit
import Foundation

/// `danvan demo load`: the seeds' places (Chư Pưh, Thạnh Hóa, Dầu Tiếng, Hải Phòng)
/// with their standard organisations, a user of each role, and the 2022 reception
/// and letter records of Chư Pưh (``ChuPuhRecords``).
public enum DemoLoader {
    /// A demo account, as the console lists it.
    public struct Account: Sendable {
        public var username: String
        public var password: String?
        public var role: String
        public var organisation: String
    }

    /// One place of the seeds: a unit code, whether it is of the legacy set, and the day its organisations are created for.
    struct Place {
        var code: String
        var legacy: Bool
    }

    static let places = [
        Place(code: "639", legacy: true),   // Huyện Chư Pưh, Gia Lai (seed 002)
        Place(code: "800", legacy: true),   // Huyện Thạnh Hóa, Long An (seed 003)
        Place(code: "720", legacy: true),   // Huyện Dầu Tiếng, Bình Dương (seed 000)
        Place(code: "31", legacy: false),   // Thành phố Hải Phòng (seed 001)
        Place(code: "23942", legacy: false), Place(code: "23971", legacy: false), // the 2025 communes Chư Pưh went into
        Place(code: "23977", legacy: false), Place(code: "23986", legacy: false),
    ]

    /// Who gets an account: username, role, the kind of organisation, the place.
    static let accounts: [(String, Role, String, String)] = [
        ("demo.quantri", .administrator, "party_committee", "639"),
        ("demo.danvan", .danVanStaff, "dan_van_board", "639"),
        ("demo.lanhdao", .leader, "party_committee", "639"),
        ("demo.chutich", .leader, "peoples_committee", "639"),
        ("demo.tiepdan", .receptionOfficer, "peoples_committee", "639"),
        ("demo.xuly", .handlingOfficer, "peoples_committee", "639"),
        ("demo.mattran", .frontSupervisor, "fatherland_front", "639"),
        ("demo.baocao", .reportingOfficer, "peoples_committee", "23986"),
        // The monthly reports (``ReportingDemo``): who enters them, and Dầu Tiếng's Ban Dân vận, which approves its communes'.
        ("demo.nhaplieu", .reportingOfficer, "peoples_committee", "639"),
        ("demo.dautieng", .reportingOfficer, "peoples_committee", "720"),
        ("demo.dvdautieng", .danVanStaff, "dan_van_board", "720"),
        // The Ban Tuyên giáo và Dân vận of Gia Lai (since 01/07/2025), which sets tasks for the communes Chư Pưh went into.
        ("demo.dvtinh", .danVanStaff, "propaganda_dan_van_board", "52"),
    ]

    /// Loads the demo; safe to run again (what exists is kept, and existing accounts are listed without a password).
    public static func load(into services: AppServices) async throws -> [Account] {
        let scope = try await services.accounts.commandLineScope()
        for place in places {
            guard let unit = try await unit(code: place.code, legacy: place.legacy, scope: scope, services: services) else { continue }
            let date = place.legacy ? CivilDate(iso: unit.validTo ?? "")!.adding(days: -180) : HierarchyController.today()
            _ = try await services.organisations.createStandardSet(scope, under: unit.id, on: date)
        }
        try await provinceDanVanBoard(code: "52", scope: scope, services: services)
        var result: [Account] = []
        for (username, role, kind, code) in accounts {
            let legacy = places.first { $0.code == code }?.legacy ?? false
            guard let unit = try await unit(code: code, legacy: legacy, scope: scope, services: services),
                  let organisation = try await services.organisations.organisations(scope, unitID: unit.id).first(where: { $0.kind == kind })
            else { continue }
            if try await User.query(on: services.database.db).filter(\.$username == username).count() > 0 {
                result.append(Account(username: username, password: nil, role: role.rawValue, organisation: organisation.name))
                continue
            }
            let fullName = demoNames[result.count % demoNames.count]
            let created = try await services.accounts.createUser(
                scope, input: UserInput(username: username, fullName: fullName, organisationID: organisation.id, roles: [role], scopeMode: .subtree))
            result.append(Account(username: username, password: created.password, role: role.rawValue, organisation: organisation.name))
        }
        result += try await ReportEntryDemo.load(services: services, scope: scope)   // Reporting: entry (its accounts)
        for capability in Capabilities.all { try await capability.loadDemo(DemoContext(services: services, scope: scope)) }
        return result
    }

    /// The 2022 records of Chư Pưh (``ChuPuhRecords``), made by the demo reception officer, chair and handling officer.
    static func loadChuPuhRecords(services: AppServices, scope: Scope) async throws {
        guard let district = try await unit(code: "639", legacy: true, scope: scope, services: services) else { return }
        func actor(_ username: String) async throws -> (Scope, UUID)? {
            guard let user = try await User.query(on: services.database.db).filter(\.$username == username).first(), let id = user.id else { return nil }
            return (try await services.accounts.systemScope(for: user, address: "demo"), id)
        }
        guard let reception = try await actor("demo.tiepdan"), let chair = try await actor("demo.chutich"), let handler = try await actor("demo.xuly")
        else { return }
        try await ChuPuhRecords.load(services: services, district: district,
                                     actors: .init(reception: reception.0, chair: chair.0, handler: handler.0, handlerID: handler.1))
    }

    /// The province's Ban Tuyên giáo và Dân vận alone (not the standard set of the whole province: its
    /// other communes stay without organisations, as in the seeds), created once.
    static func provinceDanVanBoard(code: String, scope: Scope, services: AppServices) async throws {
        let kind = "propaganda_dan_van_board"
        guard let province = try await unit(code: code, legacy: false, scope: scope, services: services),
              try await services.organisations.organisations(scope, unitID: province.id).first(where: { $0.kind == kind }) == nil else { return }
        let name = "Ban Tuyên giáo và Dân vận " + OrganisationNaming.partyCommitteeName(unitName: province.name, unitType: province.type)
        _ = try await services.organisations.create(scope, unitID: province.id, input: OrganisationInput(
            kind: kind, name: name, validFrom: nil, validTo: nil, danVanLeader: nil, danVanLeaderTitle: nil))
    }

    static let demoNames = ["Rơ Mah Hlim", "Nguyễn Văn An", "Trần Thị Bình", "Ksor H'Blin", "Lê Văn Cường", "Phạm Thị Dung", "Siu Thị Hà"]

    private static func unit(code: String, legacy: Bool, scope: Scope, services: AppServices) async throws -> UnitSummary? {
        try await services.units.units(scope, code: code).first { ($0.validTo != nil) == legacy }
    }
}
