import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

@Suite("The users list: searched without diacritics, in Vietnamese name order, 50 a page")
struct UserListTests {
    @Test("60 accounts: two pages in order of given names, a folded search finds one, the search kept across pages")
    func pagedAndSearched() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (admin, password) = try await app.user("qt.iale", roles: [.administrator], kind: "peoples_committee", in: iaLe)
            let scope = try await app.nationalScope()
            for index in 1...59 {
                _ = try await app.services.accounts.createUser(scope, input: UserInput(
                    username: "cb\(index)", fullName: [7: "Lê Thị Lan", 8: "Nguyễn Văn An"][index] ?? "Trần \(String(format: "%02d", index)) Văn Vinh",
                    organisationID: admin.organisationID, roles: [.reportingOfficer], scopeMode: .subtree))
            }
            try await app.client { browser in
                try await browser.login("qt.iale", password)
                let first = try await browser.get("/users")
                #expect(first.body.contains("Từ 1 đến 50 trong 60"))
                #expect(first.body.contains("id=\"users-total\">60<"))
                // By given name, as Vietnamese lists are: An (Nguyễn) before Lan (Lê).
                let an = try #require(first.body.range(of: "Nguyễn Văn An")), lan = try #require(first.body.range(of: "Lê Thị Lan"))
                #expect(an.lowerBound < lan.lowerBound)
                let next = try #require(first.body.firstMatch(of: /rel="next" href="([^"]+)"/)).1.replacingOccurrences(of: "&amp;", with: "&")
                let second = try await browser.get(String(next))
                #expect(second.body.contains("Từ 51 đến 60 trong 60"))
                let found = try await browser.get("/users?q=le+thi+lan")
                #expect(found.body.contains("Lê Thị Lan") && !found.body.contains("Văn Vinh") && found.body.contains("id=\"users-total\">1<"))
                let searched = try await browser.get("/users?q=van+vinh")
                let more = try #require(searched.body.firstMatch(of: /rel="next" href="([^"]+)"/)).1
                #expect(more.contains("q=van") && more.contains("offset=50"))
            }
        }
    }
}
