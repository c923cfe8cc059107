import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

/// The home page tells each person what waits for them, each count a link to exactly those records.
@Suite("Home page: what waits for me")
struct HomePageTests {
    @Test("a reception officer, a leader and a handling officer each see their own counts and links; no module says \"Sắp có\"")
    func waitingPerRole() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (officer, officerPassword) = try await app.user("tiepdan", roles: [.receptionOfficer], kind: "peoples_committee", in: district)
            let (leader, leaderPassword) = try await app.user("lanhdao", roles: [.leader], kind: "peoples_committee", in: district)
            let (handler, handlerPassword) = try await app.user("xuly", roles: [.handlingOfficer], kind: "peoples_committee", in: district)
            func scope(_ user: UserSummary, _ roles: Set<Role>) -> Scope {
                Scope(userID: user.id, username: user.username, organisationID: user.organisationID, unitID: district.id, mode: .subtree, roles: roles,
                      address: "test", unitLevel: district.level)
            }
            let letters = app.services.letters
            let long = CivilDate(iso: "2024-01-10")!
            // New today: waits to be processed. Accepted two years ago: one waits for a handler, one is handled; both overdue.
            var input = LetterWorkflowTests.input(receivedOn: CivilDate.today(now: Date()).iso, name: "Trần Văn Mới")
            input.sender.idNumber = "064000000101"
            let fresh = try await letters.receive(scope(officer, [.receptionOfficer]), input: input)
            var ids: [UUID] = []
            for (index, name) in ["Lê Thị Chờ", "Phạm Văn Xử"].enumerated() {
                var old = LetterWorkflowTests.input(receivedOn: "2024-01-05", name: name)
                old.sender.idNumber = "06400000020\(index)"
                let id = try await letters.receive(scope(officer, [.receptionOfficer]), input: old, today: long).id
                try await letters.act(scope(leader, [.leader]), id: id, input: LetterActionInput(action: .accept, onDate: "2024-01-10"), today: long)
                ids.append(id)
            }
            try await letters.act(scope(leader, [.leader]), id: ids[1], input: LetterActionInput(action: .assign, onDate: "2024-01-10", handlerID: handler.id),
                                  today: long)
            let codes = try await [fresh.id, ids[0], ids[1]].asyncMap { try await letters.letter(try await app.nationalScope(), id: $0).code }

            // (who, password, the lines of the waiting list as "count label → link", the letters each link shows)
            let expectations: [(String, String, [(String, String, [String])])] = [
                ("tiepdan", officerPassword, [("1", "/letters?list=intake", [codes[0]]), ("2", "/letters?list=overdue", [codes[1], codes[2]])]),
                ("lanhdao", leaderPassword, [("1", "/letters?list=intake", [codes[0]]), ("1", "/letters?list=all&amp;status=accepted&amp;handler=none", [codes[1]]),
                                             ("2", "/letters?list=overdue", [codes[1], codes[2]])]),
                ("xuly", handlerPassword, [("1", SiteURL.lettersOfHandler(handler.id).path.replacingOccurrences(of: "&", with: "&amp;"), [codes[2]]),
                                           ("2", "/letters?list=overdue", [codes[1], codes[2]])]),
            ]
            for (username, password, lines) in expectations {
                try await app.client { browser in
                    try await browser.login(username, password)
                    let home = try await browser.get("/")
                    #expect(home.status == .ok)
                    #expect(!home.body.contains("Sắp có"), "\(username): a module still to come is shown")
                    #expect(home.body.contains("Đơn thư") && home.body.contains("Tiếp công dân"))
                    let waiting = home.body.components(separatedBy: "<ul class=\"waiting\">").dropFirst().first?.components(separatedBy: "</ul>").first ?? ""
                    #expect(waiting.components(separatedBy: "<li").count - 1 == lines.count, "\(username): \(waiting)")
                    for (count, href, shown) in lines {
                        #expect(waiting.contains("href=\"\(href)\"><strong>\(count)</strong>"), "\(username): \(href) with \(count) in \(waiting)")
                        // The link shows exactly the letters counted.
                        let list = try await browser.get(href.replacingOccurrences(of: "&amp;", with: "&"))
                        for code in codes { #expect(list.body.contains(code) == shown.contains(code), "\(username): \(href) and \(code)") }
                    }
                }
            }
        }
    }
}

@Suite("The page frame: a skip link and an icon")
struct PageFrameTests {
    @Test("every page starts with a skip link to the main content and names its icon; the icon is served, /favicon.ico leads to it")
    func skipLinkAndIcon() async throws {
        try await TestApp.run(units: false) { app in
            try await app.client { browser in
                let login = try await browser.get("/login")
                let body = try #require(login.body.components(separatedBy: "<body>").last)
                #expect(body.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<a class=\"skip\" href=\"#main\">Bỏ qua, đến nội dung chính</a>"))
                #expect(login.body.contains("<main id=\"main\"") && login.body.contains("rel=\"icon\" href=\"/static/favicon.svg\""))
                let icon = try await browser.get("/static/favicon.svg")
                #expect(icon.status == .ok && icon.headers[.contentType]?.hasPrefix("image/svg+xml") == true && icon.body.hasPrefix("<svg"))
                let legacy = try await browser.get("/favicon.ico")
                #expect(legacy.status == .movedPermanently && legacy.location == "/static/favicon.svg")
            }
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
