import DanVanDomain
import Foundation
import Hummingbird
import Testing
@testable import DanVanApp

/// Who sees a denouncer's name, through every page and the API, and that each
/// shown read (and only those) is in the audit log.
@Suite("Letters: a denouncer's identity over HTTP")
struct LetterConfidentialityTests {
    static let name = "Trần Văn Tố"

    struct Viewer: Sendable {
        var username: String
        var roles: [Role]
        var inDistrict: Bool
        var seesName: Bool
    }

    static let viewers: [Viewer] = [
        Viewer(username: "tiepdan", roles: [.receptionOfficer], inDistrict: false, seesName: false),
        Viewer(username: "xuly", roles: [.handlingOfficer], inDistrict: false, seesName: true),
        Viewer(username: "lanhdao", roles: [.leader], inDistrict: false, seesName: true),
        Viewer(username: "chutich.huyen", roles: [.leader], inDistrict: true, seesName: true),
        Viewer(username: "danvan", roles: [.danVanStaff], inDistrict: false, seesName: false),
        Viewer(username: "mattran", roles: [.frontSupervisor], inDistrict: true, seesName: false),
        Viewer(username: "quantri", roles: [.administrator], inDistrict: true, seesName: false),
    ]

    @Test("the name is shown to the handling chain only, and each shown read is audited")
    func whoSeesTheName() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let commune = try await app.unit("23971", legacy: true)
            var typed: [String: String] = [:]
            var handler: UUID?
            for viewer in Self.viewers {
                let (user, password) = try await app.user(viewer.username, roles: viewer.roles, kind: "peoples_committee", in: viewer.inDistrict ? district : commune)
                typed[viewer.username] = password
                if viewer.username == "xuly" { handler = user.id }
            }
            let passwords = typed
            let handlerID = try #require(handler)
            let today = LetterPageFixtures.today
            let signature = Browser.Upload(filename: "chu-ky.png", contentType: "image/png", data: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
            let (id, code) = try await app.client { browser in
                try await browser.login("tiepdan", passwords["tiepdan"]!)
                let saved = try await browser.postMultipart("/letters", LetterPageFixtures.fields(kind: .denunciation, name: Self.name, subject: "Tố cáo cán bộ địa chính")
                                                            + [("attachment_identifying", "1")], files: [signature])
                let id = try LetterPageFixtures.caseID(saved)
                let accepted = try await browser.post("/letters/\(id.uuidString.lowercased())/actions", [("action", "accept"), ("on_date", today)])
                #expect(accepted.location != nil)
                return (id, try await app.services.letters.letter(try await app.nationalScope(), id: id).code)
            }
            try await app.client { browser in
                try await browser.login("lanhdao", passwords["lanhdao"]!)
                let assigned = try await browser.post("/letters/\(id.uuidString.lowercased())/actions",
                                                      [("action", "assign"), ("on_date", today), ("handler_id", handlerID.uuidString)])
                #expect(assigned.location != nil)
                // The leader tells the denouncer of the acceptance; the step's due date is then marked done.
                let before = try await browser.get("/letters/\(id.uuidString.lowercased())")
                #expect(before.body.contains("Thông báo thụ lý tố cáo") && before.body.contains("Thông báo thụ lý"))
                let notified = try await browser.post("/letters/\(id.uuidString.lowercased())/actions", [("action", "notify_acceptance"), ("on_date", today)])
                #expect(notified.location != nil)
                let after = try await browser.get("/letters/\(id.uuidString.lowercased())")
                #expect(!after.body.contains("value=\"notify_acceptance\""))
            }
            let path = "/letters/\(id.uuidString.lowercased())"
            for viewer in Self.viewers {
                try await app.client { browser in
                    try await browser.login(viewer.username, passwords[viewer.username]!)
                    let page = try await browser.get(path)
                    #expect(page.status == .ok, "\(viewer.username)")
                    #expect(page.body.contains(Self.name) == viewer.seesName, "case page, \(viewer.username)")
                    #expect(page.body.contains("id=\"sender-redacted\"") == !viewer.seesName, "\(viewer.username)")
                    #expect(page.body.contains("chu-ky.png") == viewer.seesName, "identifying attachment, \(viewer.username)")
                    let receipt = try await browser.get(path + "/receipt")
                    #expect(receipt.status == .ok)
                    #expect(receipt.body.contains(Self.name) == viewer.seesName, "receipt, \(viewer.username)")
                    #expect(receipt.body.contains("chu-ky.png") == viewer.seesName, "receipt's enclosures, \(viewer.username)")
                    let list = try await browser.get("/letters?list=all")
                    #expect(list.body.contains(code), "list, \(viewer.username)")
                    #expect(!list.body.contains(Self.name), "list, \(viewer.username)")
                    let search = try await browser.get("/letters?list=all&q=tran+van+to")
                    #expect(!search.body.contains(code), "search, \(viewer.username)")
                    let apiList = try await browser.get("/api/v1/letters?list=all")
                    #expect(apiList.body.contains(code) && !apiList.body.contains(Self.name), "API list, \(viewer.username)")
                    let apiSearch = try await browser.get("/api/v1/letters?list=all&q=tran+van+to")
                    #expect(!apiSearch.body.contains(code), "API search, \(viewer.username)")
                    let detail = try await browser.get("/api/v1" + path)
                    #expect(detail.status == .ok)
                    #expect(detail.body.contains(Self.name) == viewer.seesName, "API detail, \(viewer.username)")
                    #expect(detail.body.contains("\"redacted\":true") == !viewer.seesName, "API detail, \(viewer.username)")
                }
            }
            // One read_protected entry per shown page, receipt and API read, by the right users; none for redacted views
            // (the leader also saw the page twice around the notification).
            let reads = try await app.services.audit.entries(try await app.nationalScope(), query: AuditQuery(recordID: id.uuidString))
                .filter { $0.action == "read_protected" }
            let perUser = Dictionary(grouping: reads, by: \.createdBy).mapValues(\.count)
            #expect(perUser == ["xuly": 3, "lanhdao": 5, "chutich.huyen": 3], "\(perUser)")
        }
    }
}
