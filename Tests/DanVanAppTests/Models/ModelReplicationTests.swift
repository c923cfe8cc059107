import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

/// Replication (nhân rộng) across reach: the origin shows where it spread; an adoption of a model
/// out of the caller's reach shows its own page and tells nothing of the origin.
@Suite("Models: replication")
struct ModelReplicationTests {
    /// The Women's Union of a 2025 commune (its standard organisations made when it has none).
    static func union(_ app: TestApp, of unit: UnitSummary) async throws -> OrganisationSummary {
        let national = try await app.nationalScope()
        if try await !app.services.organisations.organisations(national, unitID: unit.id).contains(where: { $0.kind == "womens_union" }) {
            _ = try await app.services.organisations.createStandardSet(national, under: unit.id, on: HierarchyController.defaultDate(for: unit))
        }
        return try #require(try await app.services.organisations.organisations(national, unitID: unit.id).first { $0.kind == "womens_union" })
    }

    @Test("an origin's page lists the adopting model and organisation; an adopter whose origin is out of reach shows its own page with no origin's name, link or id (page, list, API)")
    func replicationAcrossReach() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let iaLe = try await app.unit("23986", legacy: false), iaHru = try await app.unit("23971", legacy: false)
            let originUnion = try await Self.union(app, of: iaHru), adopterUnion = try await Self.union(app, of: iaLe)
            let store = ModelStore(database: app.database)
            let origin = try await store.register(national, input: ModelStoreTests.input(originUnion.id, year: 2025, name: "Mô hình gốc tổ phụ nữ tự quản"))
            var adoption = ModelStoreTests.input(adopterUnion.id, year: 2025, name: "Mô hình nhân rộng tổ phụ nữ tự quản")
            adoption.originModelID = origin
            let adopter = try await store.register(national, input: adoption)
            let originPath = "/models/\(origin.uuidString.lowercased())", adopterPath = "/models/\(adopter.uuidString.lowercased())"

            // Who reaches both: the origin lists where it spread, the adopter links its origin.
            let (_, nationalPassword) = try await app.user("danvan.tw", roles: [.danVanStaff], kind: "central_body", in: try await app.unit("VN", legacy: false))
            try await app.client { browser in
                try await browser.login("danvan.tw", nationalPassword)
                let originPage = try await browser.get(originPath).body
                #expect(originPage.contains("id=\"model-adopters\"") && originPage.contains("href=\"\(adopterPath)\"")
                        && originPage.contains("\(adopterUnion.name) (\(iaLe.name))"))
                let adopterPage = try await browser.get(adopterPath).body
                #expect(adopterPage.contains("id=\"model-origin\"") && adopterPage.contains("href=\"\(originPath)\"") && adopterPage.contains("Mô hình gốc tổ phụ nữ tự quản"))
                #expect(try await browser.get("/api/v1/models/\(adopter.uuidString.lowercased())").body.lowercased().contains(origin.uuidString.lowercased()))
            }
            // The commune whose organisation adopted it does not reach the origin (a sibling commune's).
            let (_, password) = try await app.user("danvan.iale", roles: [.danVanStaff], kind: "peoples_committee", in: iaLe)
            try await app.client { browser in
                try await browser.login("danvan.iale", password)
                let page = try await browser.get(adopterPath)
                #expect(page.status == .ok && page.body.contains("Mô hình nhân rộng tổ phụ nữ tự quản"))
                let id = origin.uuidString.lowercased()
                for leak in ["id=\"model-origin\"", "Mô hình gốc tổ phụ nữ tự quản", originUnion.name, id] { #expect(!page.body.lowercased().contains(leak.lowercased()), "\(leak)") }
                for path in ["/api/v1/models/\(adopter.uuidString.lowercased())", "/api/v1/models?unit=\(iaLe.id.uuidString.lowercased())&year=2025",
                             "/models?unit=\(iaLe.id.uuidString.lowercased())&year=2025"] {
                    let answer = try await browser.get(path)
                    #expect(answer.status == .ok && answer.body.lowercased().contains(adopter.uuidString.lowercased()), "\(path)")
                    #expect(!answer.body.lowercased().contains(id) && !answer.body.contains("Mô hình gốc"), "\(path)")
                }
                // The origin itself, and adopting it again, are out of reach.
                #expect(try await browser.get(originPath).status == .notFound)
                #expect(try await browser.get("/models/new?origin=\(id)").status == .notFound)
            }
        }
    }
}
