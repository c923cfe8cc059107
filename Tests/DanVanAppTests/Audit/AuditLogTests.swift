import FluentKit
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

@Suite("Audit log: every change leaves an entry; nothing edits the log")
struct AuditLogTests {
    @Test("creating, changing and merging organisations and users each leave entries with before and after")
    func everyChangeIsLogged() async throws {
        try await TestApp.run { app in
            let scope = try await app.nationalScope()
            let iaLe = try await app.unit("23986", legacy: false)
            let log = { try await AuditEntry.query(on: app.database.db).sort(\.$at).all() }

            let created = try await app.services.organisations.create(scope, unitID: iaLe.id, input: OrganisationInput(kind: "other", name: "Câu lạc bộ Dân vận"))
            #expect(try await log().last?.recordID == created.id.uuidString)
            #expect(try await log().last?.action == "create")

            _ = try await app.services.organisations.update(scope, id: created.id, input: OrganisationInput(kind: "other", name: "Câu lạc bộ Dân vận khéo", danVanLeader: "Rơ Mah Hlim"))
            let update = try #require(try await log().last)
            #expect(update.action == "update" && update.before.contains("Câu lạc bộ Dân vận\"") && update.after.contains("Rơ Mah Hlim"))

            let count = try await app.services.organisations.createStandardSet(scope, under: iaLe.id, on: CivilDateFixtures.today)
            #expect(count > 5)
            #expect(try await AuditEntry.query(on: app.database.db).filter(\.$recordType == "organisation").count() == count + 2)

            let others = try await app.services.organisations.organisations(scope, unitID: iaLe.id).filter { $0.kind == "farmers_union" || $0.kind == "veterans_association" }
            // A merge of one organisation without a date names both mistakes at once and logs nothing.
            let before = try await AuditEntry.query(on: app.database.db).count()
            do {
                _ = try await app.services.organisations.merge(scope, ids: [others[0].id], into: OrganisationInput(kind: "other", name: "Hội"), on: nil)
                Issue.record("a merge of one organisation was accepted")
            } catch let error as ValidationError {
                #expect(error.fields == ["with": "error_merge_needs_two", "effective": "error_bad_date"])
            }
            #expect(try await AuditEntry.query(on: app.database.db).count() == before)
            let merged = try await app.services.organisations.merge(scope, ids: others.map(\.id), into: OrganisationInput(kind: "other", name: "Hội hợp nhất"), on: CivilDateFixtures.today)
            let lineage = try await app.services.organisations.lineage(scope, of: merged.id)
            #expect(lineage.predecessors.count == 2)
            #expect(try await AuditEntry.query(on: app.database.db).filter(\.$recordID == others[0].id.uuidString).count() == 2)

            let (user, _) = try await app.user("audit.user", roles: [.leader], kind: "peoples_committee", in: iaLe)
            _ = try await app.services.accounts.updateUser(scope, id: user.id, input: UserInput(username: user.username, fullName: "Tên mới", organisationID: nil, roles: [.leader, .danVanStaff], scopeMode: .subtree))
            let userUpdate = try #require(try await log().last)
            #expect(userUpdate.recordType == "user" && userUpdate.after.contains("Tên mới") && !userUpdate.after.contains("$2"))
        }
    }

    @Test("the database refuses to update or delete audit entries")
    func appendOnly() async throws {
        try await TestApp.run { app in
            let scope = try await app.nationalScope()
            let iaLe = try await app.unit("23986", legacy: false)
            _ = try await app.services.organisations.create(scope, unitID: iaLe.id, input: OrganisationInput(kind: "other", name: "Tổ chức A"))
            await #expect(throws: (any Error).self) { try await app.database.sql.raw("UPDATE audit_entries SET summary = 'x'").run() }
            await #expect(throws: (any Error).self) { try await app.database.sql.raw("DELETE FROM audit_entries").run() }
            #expect(try await AuditEntry.query(on: app.database.db).count() == 1)
        }
    }

    @Test("the audit page filters by user and date and is for administrators only")
    func auditPage() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (_, adminPassword) = try await app.user("qt.iale", roles: [.administrator], kind: "peoples_committee", in: iaLe)
            let (_, leaderPassword) = try await app.user("ld.iale", roles: [.leader], kind: "party_committee", in: iaLe)
            try await app.client { browser in
                try await browser.login("ld.iale", leaderPassword)
                #expect(try await browser.get("/audit").status == .forbidden)
                _ = try await browser.post("/logout", [])
                try await browser.login("qt.iale", adminPassword)
                let page = try await browser.get("/audit?user=ld.iale")
                #expect(page.status == .ok && page.body.contains("ld.iale") && !page.body.contains(">qt.iale<"), "\(page.status) \(page.body.suffix(1500))")
                let bad = try await browser.get("/audit?from=31/02/2026")
                #expect(bad.status == .unprocessableContent && bad.body.contains("Ngày không hợp lệ") && bad.body.contains("31/02/2026"))
            }
        }
    }

    @Test("the audit page shows 50 entries a page, newest first, with the filters kept across pages")
    func auditPaged() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (admin, password) = try await app.user("qt.iale", roles: [.administrator], kind: "peoples_committee", in: iaLe)
            for index in 1...60 {
                try await AuditLog.record(on: app.database.db, userID: admin.id, username: "qt.iale", address: "127.0.0.1", action: .update,
                                          recordType: "organisation", recordID: UUID(), summary: "Thay đổi số \(index)")
            }
            try await app.client { browser in
                try await browser.login("qt.iale", password)
                let first = try await browser.get("/audit?user=qt.iale")
                #expect(first.body.contains("Từ 1 đến 50"))
                #expect(first.body.contains("Thay đổi số 60") && !first.body.contains("Thay đổi số 10<"))
                let next = try #require(first.body.firstMatch(of: /rel="next" href="([^"]+)"/)).1.replacingOccurrences(of: "&amp;", with: "&")
                #expect(next.contains("user=qt.iale") && next.contains("offset=50"))
                let second = try await browser.get(String(next))
                #expect(second.body.contains("Từ 51 đến "))
                #expect(second.body.contains("Thay đổi số 1<") && !second.body.contains("Thay đổi số 60"))
                #expect(second.body.contains("rel=\"prev\"") && !second.body.contains("rel=\"next\""))
            }
        }
    }
}
