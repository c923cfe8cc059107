import DanVanDomain
import FluentKit
import Foundation
import Hummingbird
import Testing
@testable import DanVanApp

/// A commune user of Xã Ia Le must not read or change anything of Xã Ia Hrú,
/// its sibling, through any route: every answer is 404 and shows nothing of it.
@Suite("Scope: nothing outside the caller's subtree, through any route")
struct ScopeTests {
    /// Every route that takes a record id, with the kind of record it takes.
    enum Target: Sendable { case unit, organisation, user, session, letter }
    static let routes: [(method: HTTPRequest.Method, path: String, target: Target)] = [
        (.get, "/units/:id", .unit),
        (.post, "/units/:id/villages", .unit),
        (.post, "/units/:id/organisations", .unit),
        (.post, "/units/:id/standard-organisations", .unit),
        (.get, "/organisations/:id", .organisation),
        (.post, "/organisations/:id", .organisation),
        (.post, "/organisations/:id/merge", .organisation),
        (.post, "/organisations/:id/users", .organisation),
        (.get, "/users/:id", .user),
        (.post, "/users/:id", .user),
        (.post, "/users/:id/password", .user),
        (.get, "/api/v1/units/:id", .unit),
        (.get, "/api/v1/units/:id/children", .unit),
        (.get, "/api/v1/units/:id/history", .unit),
        (.get, "/api/v1/units/:id/organisations", .unit),
        (.get, "/api/v1/organisations/:id", .organisation),
        (.get, "/reception/sessions/:id", .session),
        (.post, "/reception/sessions/:id/visits", .session),
        (.get, "/letters/:id", .letter),
        (.post, "/letters/:id/actions", .letter),
        (.get, "/letters/:id/attachments/:aid", .letter),
        (.get, "/api/v1/letters/:id", .letter),
    ]

    @Test("the table covers every route with an id")
    func tableCoversEveryRoute() {
        let patterns: [RouterPath] = [
            SiteURL.Pattern.unit, SiteURL.Pattern.unitVillages, SiteURL.Pattern.unitOrganisations, SiteURL.Pattern.unitStandardOrganisations,
            SiteURL.Pattern.organisation, SiteURL.Pattern.organisationMerge, SiteURL.Pattern.organisationUsers,
            SiteURL.Pattern.user, SiteURL.Pattern.userPassword,
            SiteURL.Pattern.receptionSession, SiteURL.Pattern.receptionSessionVisits,
            SiteURL.Pattern.letter, SiteURL.Pattern.letterActions, SiteURL.Pattern.letterAttachment,
        ]
        let withID = Set(patterns.map { $0.description.replacingOccurrences(of: "{id}", with: ":id").replacingOccurrences(of: "{aid}", with: ":aid") }
                         + (APIController.routes + LetterAPIController.routes).filter { $0.contains(":id") })
        #expect(Set(Self.routes.map(\.path)) == withID)
    }

    @Test("a commune administrator gets 404 for every record of a sibling commune")
    func siblingIsNotFound() async throws {
        try await TestApp.run { app in
            // setup
            let iaLe = try await app.unit("23986", legacy: false)
            let iaHru = try await app.unit("23971", legacy: false)
            let (_, password) = try await app.user("canbo.iale", roles: [.administrator, .reportingOfficer], kind: "peoples_committee", in: iaLe)
            let (sibling, _) = try await app.user("canbo.iahru", roles: [.reportingOfficer], kind: "peoples_committee", in: iaHru)
            let siblingOrganisation = sibling.organisationID
            let siblingSession = try await app.services.reception.createSession(try await app.nationalScope(), input: SessionInput(
                organisationID: siblingOrganisation, date: "2025-09-03", place: "Trụ sở UBND xã Ia Hrú", receiverKind: "regular", holder: "",
                receiverName: "Cán bộ", note: ""))
            let siblingLetter = try await app.services.letters.receive(
                try await app.nationalScope(),
                input: LetterInput(organisationID: siblingOrganisation, receivedOn: CivilDate.today(now: Date()).iso, channel: "post", kind: "complaint",
                                   field: "land", subject: "Đơn của xã Ia Hrú", content: "Nội dung đơn Ia Hrú",
                                   sender: SenderIdentity(name: "Người Ia Hrú", address: "Xã Ia Hrú", contact: "", id_number: ""),
                                   peopleCount: "1", isRepeat: false, visitID: nil))
            let auditBefore = try await AuditEntry.query(on: app.database.db).count()
            try await app.client { browser in
                try await browser.login("canbo.iale", password)
                _ = try await browser.post("/account/password", [("current_password", password), ("new_password", "mat-khau-moi-1"), ("confirmation", "mat-khau-moi-1")])
                for route in Self.routes {
                    let id = switch route.target {
                    case .unit: iaHru.id
                    case .organisation: siblingOrganisation
                    case .user: sibling.id
                    case .session: siblingSession
                    case .letter: siblingLetter.id
                    }
                    let path = route.path.replacingOccurrences(of: ":id", with: id.uuidString.lowercased())
                        .replacingOccurrences(of: ":aid", with: UUID().uuidString.lowercased())
                    // MUT
                    let page = route.method == .get ? try await browser.get(path)
                        : try await browser.post(path, [("name", "Thôn X"), ("kind", "other"), ("username", "x.y.z"), ("full_name", "X"),
                                                        ("roles", "leader"), ("with", iaLe.id.uuidString), ("effective", "2026-01-01"),
                                                        ("people", "1"), ("content", "Nội dung")])
                    // validate
                    #expect(page.status == .notFound, "\(route.method) \(route.path) answered \(page.status)")
                    #expect(!page.body.contains("Ia Hrú"), "\(route.method) \(route.path) showed the sibling")
                }
                // Lists and search show nothing of the sibling either.
                let search = try await browser.get("/units?q=ia+hru")
                #expect(!search.body.contains("unit-link\" href=\"/units/\(iaHru.id.uuidString.lowercased())"))
                let users = try await browser.get("/users")
                #expect(users.status == .ok && !users.body.contains("canbo.iahru"))
                let api = try await browser.get("/api/v1/organisations?q=ia+hru")
                #expect(api.status == .ok && !api.body.contains("Ia Hrú"))
            }
            // Nothing was changed by the refused posts: only the login and the password change were logged.
            let actions = try await AuditEntry.query(on: app.database.db).all().dropFirst(auditBefore).map(\.action)
            #expect(try await AuditEntry.query(on: app.database.db).count() - auditBefore == 2, "\(actions)")
        }
    }

    @Test("an organisation-only user sees their organisation and not the rest of their unit")
    func organisationOnlyScope() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (user, _) = try await app.user("chi.tochuc", roles: [.reportingOfficer], kind: "womens_union", in: iaLe, mode: .organisation)
            let scope = Scope(userID: user.id, username: user.username, organisationID: user.organisationID, unitID: iaLe.id,
                              mode: .organisation, roles: [.reportingOfficer], address: "test")
            #expect(try await app.services.organisations.organisation(scope, id: user.organisationID).name.contains("Phụ nữ"))
            let others = try await app.services.organisations.organisations(try await app.nationalScope(), unitID: iaLe.id).filter { $0.id != user.organisationID }
            for other in others {
                await #expect(throws: AppError.self) { _ = try await app.services.organisations.organisation(scope, id: other.id) }
            }
        }
    }
}
