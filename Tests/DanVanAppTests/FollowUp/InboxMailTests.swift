import DanVanDomain
import FluentKit
import Foundation
import Testing
@testable import DanVanApp

/// The inbox's e-mail: the digest's composition, sent once, a failing program loses nothing; the address on the account page.
@Suite("Inbox: e-mail")
struct InboxMailTests {
    @Test("a digest: Vietnamese subject and name as UTF-8 encoded words, a base64 UTF-8 body with each title and its link")
    func digest() throws {
        let message = InboxMail.digest(
            to: "lan@example.invalid", name: "Nguyễn Thị Lan",
            lines: [.init(kind: "Quá hạn", title: "Đường thôn 3 xuống cấp", href: "https://dv.example.invalid/followups/items/1"),
                    .init(kind: "Được giao", title: "Cầu treo", href: nil)],
            more: 3, from: "danvan@example.invalid", inbox: "https://dv.example.invalid/inbox", date: Date(timeIntervalSince1970: 0), messageID: "m1@danvan")
        let (head, body) = try #require(message.split(separator: "\n\n", maxSplits: 1).map(String.init).splat)
        let headers = head.split(separator: "\n").map(String.init)
        #expect(headers.contains("From: DanVan <danvan@example.invalid>"))
        #expect(headers.contains("Subject: =?UTF-8?B?\(Data("DanVan: 5 thông báo mới".utf8).base64EncodedString())?="))
        #expect(headers.contains("To: =?UTF-8?B?\(Data("Nguyễn Thị Lan".utf8).base64EncodedString())?= <lan@example.invalid>"))
        #expect(headers.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
        #expect(headers.contains("MIME-Version: 1.0") && headers.contains("Content-Type: text/plain; charset=UTF-8")
                && headers.contains("Content-Transfer-Encoding: base64") && headers.contains("Message-ID: <m1@danvan>"))
        #expect(body.split(separator: "\n").allSatisfy { $0.count <= 76 })
        let text = try #require(Data(base64Encoded: body.replacingOccurrences(of: "\n", with: "")).flatMap { String(data: $0, encoding: .utf8) })
        #expect(text.hasPrefix("Kính gửi Nguyễn Thị Lan,\n"))
        #expect(text.contains("- Quá hạn: Đường thôn 3 xuống cấp\n  https://dv.example.invalid/followups/items/1\n- Được giao: Cầu treo\n- và 3 thông báo khác."))
        #expect(text.contains("Xem hộp thông báo: https://dv.example.invalid/inbox"))
        // A long name is folded into encoded words of at most 75 characters, never splitting a letter.
        let long = InboxMail.encodedWords(String(repeating: "Nguyễn Thị Lan ", count: 8))
        #expect(long.split(separator: "\n").allSatisfy { $0.trimmingCharacters(in: .whitespaces).count <= 75 })
        #expect(long.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).dropFirst(10).dropLast(2) }
            .compactMap { Data(base64Encoded: String($0)).flatMap { String(data: $0, encoding: .utf8) } }.joined() == String(repeating: "Nguyễn Thị Lan ", count: 8))
        #expect(InboxMail.encodedWords("Admin") == "Admin")
    }

    @Test("each user with an address gets one digest of their new notifications, once; none without an address; a failing program loses nothing")
    func sentOnce() async throws {
        try await TestApp.run { app in
            let place = try await FollowUpTests.place(app)
            let meetings = MeetingStore(database: app.database)
            let inbox = InboxStore(database: app.database)
            let (_, opinions) = try await FollowUpTests.meeting(app, place, texts: ["Đường thôn 3", "Cầu treo"])
            for opinion in opinions {
                _ = try await meetings.route(place.secretary, opinionID: opinion, input: FollowUpDueInput(organisationID: place.committee.organisationID, dueOn: "10/09/2025"))
            }
            _ = try await inbox.notifyAll(today: CivilDate(iso: "2025-09-15")!)
            let national = try await app.nationalScope()
            let committee = UserInput(username: "", fullName: "Người ubnd", roles: place.committee.roles.sorted { $0.rawValue < $1.rawValue },
                                      scopeMode: .subtree, email: "ubnd@example.invalid")
            _ = try await app.services.accounts.updateUser(national, id: place.committee.userID!, input: committee)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("danvan-mail-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let sink = InboxMail.Settings(program: "/bin/sh", arguments: ["-c", "cat > \"$0/$$.eml\"", folder.path], from: "danvan@example.invalid")
            // A program that fails is reported; nothing is marked mailed.
            let failed = try await inbox.mail(InboxMail.Settings(program: "/bin/false", arguments: []), catalogue: app.services.catalogue)
            #expect(failed.sent == 0 && failed.failures.count == 1 && failed.failures[0].hasPrefix("Không gửi được thư cho ubnd"))
            let missing = try await inbox.mail(InboxMail.Settings(program: "/nonexistent/msmtp", arguments: []), catalogue: app.services.catalogue)
            #expect(missing.sent == 0 && missing.failures.count == 1)
            // Then it goes: one digest, for the committee's user only (the secretary and the police have no address).
            #expect(try await inbox.mail(sink, catalogue: app.services.catalogue).sent == 1)
            var mails = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(mails.count == 1)
            let mail = try String(contentsOf: folder.appendingPathComponent(mails[0]), encoding: .utf8)
            #expect(mail.contains("<ubnd@example.invalid>"))
            let body = try #require(mail.components(separatedBy: "\n\n").dropFirst().first
                .flatMap { Data(base64Encoded: $0.replacingOccurrences(of: "\n", with: "")) }.flatMap { String(data: $0, encoding: .utf8) })
            #expect(body.contains("Được giao: Đường thôn 3") && body.contains("Quá hạn: Cầu treo") && body.contains("4 thông báo mới"))
            // A second run sends nothing, nor does the same day's computation run again.
            #expect(try await inbox.mail(sink, catalogue: app.services.catalogue).sent == 0)
            _ = try await inbox.notifyAll(today: CivilDate(iso: "2025-09-15")!)
            #expect(try await inbox.mail(sink, catalogue: app.services.catalogue).sent == 0)
            mails = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(mails.count == 1)
        }
    }

    @Test("addresses: the well-formed accepted, the rest refused")
    func addresses() {
        for good in ["", "lan@example.invalid", "nguyen.thi-lan+dv@ubnd.chupuh.gialai.gov.vn", " lan@example.invalid "] {
            #expect(EmailAddress.isValid(good), "\(good)")
        }
        for bad in ["lan", "lan@", "@example.invalid", "lan@localhost", "lan@@example.invalid", "lân@example.invalid", "lan@example..invalid",
                    "lan@example.invalid\nBcc: x@example.invalid", "Lan <lan@example.invalid>", "a b@example.invalid", ".lan@example.invalid",
                    "lan@-example.invalid", String(repeating: "a", count: 65) + "@example.invalid"] {
            #expect(!EmailAddress.isValid(bad), "\(bad)")
        }
        #expect(EmailAddress.normalised(" Lan@Example.INVALID ") == "Lan@example.invalid")
        #expect(EmailAddress.normalised("  ") == nil)
    }

    @Test("the account page sets one's address: a malformed one is refused beside the field and kept; the administrator's form too")
    func accountPage() async throws {
        try await TestApp.run { app in
            let unit = try await app.unit("23986", legacy: false)
            let (user, password) = try await app.user("thuky", roles: [.leader], kind: "peoples_council", in: unit)
            let (_, adminPassword) = try await app.user("quantri", roles: [.administrator], kind: "peoples_committee", in: unit)
            try await app.client { browser in
                _ = try await browser.login("thuky", password)
                let bad = try await browser.post("/account/email", [("email", "thuky@xa")])
                #expect(bad.status == .unprocessableContent)
                #expect(bad.body.contains("Địa chỉ thư điện tử không hợp lệ") && bad.body.contains("value=\"thuky@xa\""))
                #expect(try await User.find(user.id, on: app.database.db)?.email == nil)
                let good = try await browser.post("/account/email", [("email", "thuky@example.invalid")])
                #expect(good.status == .seeOther || good.status == .found)
                #expect(try await User.find(user.id, on: app.database.db)?.email == "thuky@example.invalid")
                #expect(try await browser.get("/account/password").body.contains("value=\"thuky@example.invalid\""))
            }
            try await app.client { browser in
                _ = try await browser.login("quantri", adminPassword)
                let fields: [(String, String)] = [("full_name", "Người thuky"), ("roles", "leader"), ("scope_mode", "subtree"), ("active", "on")]
                let bad = try await browser.post("/users/\(user.id.uuidString.lowercased())", fields + [("email", "thu ky@example.invalid")])
                #expect(bad.status == .unprocessableContent && bad.body.contains("Địa chỉ thư điện tử không hợp lệ"))
                #expect(try await User.find(user.id, on: app.database.db)?.email == "thuky@example.invalid")
                _ = try await browser.post("/users/\(user.id.uuidString.lowercased())", fields + [("email", "")])
                #expect(try await User.find(user.id, on: app.database.db)?.email == nil)
            }
        }
    }
}

private extension Array {
    /// The two parts of a split in two.
    var splat: (Element, Element)? { count == 2 ? (self[0], self[1]) : nil }
}
