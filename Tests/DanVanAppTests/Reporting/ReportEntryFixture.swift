import DanVanDomain
import FluentKit
import Foundation
import Testing
@testable import DanVanApp

/// A small reporting network of 2022 in the fixture: the Front of the commune Ia Le and the police
/// of the district Chư Pưh report the monthly form to the district's Ban Dân vận, which sends its
/// consolidated report to the province's; a user of each, and the monthly form.
struct ReportEntryFixture: Sendable {
    var commune: UnitSummary
    var district: UnitSummary
    var province: UnitSummary
    var front: ReportingOrganisation
    var police: ReportingOrganisation
    var districtBoard: ReportingOrganisation
    var provinceBoard: ReportingOrganisation
    /// The Front's reporting officer, the district police's (its organisation only), the district's
    /// and the province's Ban Dân vận staff.
    var communeOfficer: Scope
    var policeOfficer: Scope
    var districtStaff: Scope
    var provinceStaff: Scope
    var form: ReportFormRecord
    var store: ReportEntryStore
    /// The users' passwords, by user name.
    var passwords: [String: String]

    /// May 2022: entry opens on 15/05 and closes on 20/05 (cut-off the 14th, +1 … +6).
    static let period = ReportingPeriod.month(2022, 5)!
    static let openDay = CivilDate(year: 2022, month: 5, day: 16)!
    static let closedDay = CivilDate(year: 2022, month: 5, day: 25)!

    static func make(_ app: TestApp) async throws -> ReportEntryFixture {
        let commune = try await app.unit("23986", legacy: true)
        let national = try await app.nationalScope()
        let district = try await app.services.units.unit(national, id: try #require(commune.parentID))
        let province = try await app.services.units.unit(national, id: try #require(district.parentID))
        func organisation(_ kind: String, _ name: String, in unit: UnitSummary) async throws -> UUID {
            let organisation = Organisation(unitID: unit.id, kind: kind, name: name, searchName: VietnameseText.folded(name))
            try await organisation.create(on: app.database.db)
            return try organisation.requireID()
        }
        let frontID = try await organisation("fatherland_front", "Ủy ban MTTQ xã Ia Le", in: commune)
        let policeID = try await organisation("police", "Công an huyện Chư Pưh", in: district)
        let districtBoardID = try await organisation("dan_van_board", "Ban Dân vận Huyện ủy Chư Pưh", in: district)
        let provinceBoardID = try await organisation("dan_van_board", "Ban Dân vận Tỉnh ủy Gia Lai", in: province)
        let network = ReportNetwork(database: app.database)
        var passwords: [String: String] = [:]
        func scope(_ user: (UserSummary, password: String), _ unit: UnitSummary, _ roles: [Role], mode: ScopeMode = .subtree) -> Scope {
            passwords[user.0.username] = user.password
            return Scope(userID: user.0.id, username: user.0.username, organisationID: user.0.organisationID, unitID: unit.id, mode: mode, roles: Set(roles),
                  address: "test", unitLevel: unit.level)
        }
        return ReportEntryFixture(
            commune: commune, district: district, province: province,
            front: try await network.organisation(id: frontID), police: try await network.organisation(id: policeID),
            districtBoard: try await network.organisation(id: districtBoardID), provinceBoard: try await network.organisation(id: provinceBoardID),
            communeOfficer: scope(try await app.user("mttq.iale", roles: [.reportingOfficer], kind: "fatherland_front", in: commune), commune, [.reportingOfficer]),
            policeOfficer: scope(try await app.user("ca.chupuh", roles: [.reportingOfficer], kind: "police", in: district, mode: .organisation), district,
                                 [.reportingOfficer], mode: .organisation),
            districtStaff: scope(try await app.user("bdv.chupuh", roles: [.danVanStaff], kind: "dan_van_board", in: district), district, [.danVanStaff]),
            provinceStaff: scope(try await app.user("bdv.gialai", roles: [.danVanStaff], kind: "dan_van_board", in: province), province, [.danVanStaff]),
            form: try await ReportFormCatalogue(database: app.database).form(code: ReportingCatalogue.monthlyForm.code),
            store: ReportEntryStore(database: app.database), passwords: passwords)
    }

    /// Saves cells of an organisation's May 2022 report on an open day.
    @discardableResult
    func save(_ scope: Scope, _ organisation: ReportingOrganisation, _ cells: [String: String], comments: [String: String] = [:],
              on day: CivilDate = openDay) async throws -> ReportSaveResult {
        try await store.save(scope, organisationID: organisation.id, formID: form.id, period: Self.period, cells: cells, comments: comments, today: day)
    }

    @discardableResult
    func act(_ scope: Scope, _ organisation: ReportingOrganisation, _ action: ReportActionName, reason: String = "",
             on day: CivilDate = openDay) async throws -> ReportState {
        try await store.act(scope, organisationID: organisation.id, formID: form.id, period: Self.period, action: action, reason: reason, today: day)
    }

    /// The refusal a call throws (nil when it does not throw one).
    static func refusal(_ body: () async throws -> Void) async -> ReportEntryRefusal? {
        do { try await body(); return nil } catch let refusal as ReportEntryRefusal { return refusal } catch { return nil }
    }

    /// The status of the AppError a call throws.
    static func status(_ body: () async throws -> Void) async -> Int? {
        do { try await body(); return nil } catch let error as AppError { return Int(error.status.code) } catch { return nil }
    }
}
