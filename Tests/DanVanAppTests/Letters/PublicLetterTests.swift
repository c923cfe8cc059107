import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

@Suite("Public side: send a phản ánh, follow it by code")
struct PublicLetterTests {
    /// A current commune and its province.
    static func commune(_ app: TestApp) async throws -> (province: UnitSummary, commune: UnitSummary) {
        let commune = try await app.unit("23977", legacy: false)
        let scope = try await app.nationalScope()
        let province = try #require(try await app.services.units.ancestors(scope, of: commune.id).first { $0.level == 1 })
        return (province, commune)
    }

    static func fields(_ commune: UnitSummary, province: UnitSummary, name: String = "Rơ Mah Hlim") -> [(String, String)] {
        [("province", province.id.uuidString), ("commune_id", commune.id.uuidString), ("kind", "report"), ("field", "land"),
         ("subject", "Đường liên thôn bị sạt lở"), ("content", "Đoạn đường từ thôn 1 đến thôn 2 bị sạt lở sau mưa, đề nghị sửa chữa."),
         ("sender_name", name), ("sender_address", "Thôn 1"), ("sender_contact", "0912345678"), ("website", "")]
    }

    @Test func citizenSendsAndTracksWithoutPersonalDataShown() async throws {
        try await TestApp.run { app in
            let (province, commune) = try await Self.commune(app)
            try await app.client { browser in
                let form = try await browser.get("/public/send?province=\(province.id.uuidString)")
                #expect(form.status == .ok)
                #expect(form.body.contains(commune.name))
                let posted = try await browser.post("/public/send", Self.fields(commune, province: province))
                // Post, redirect, get: the confirmation is a page of its own that a reload cannot send again.
                #expect(posted.status == .seeOther && posted.location?.hasPrefix("/public/sent?code=") == true)
                let sent = try await browser.get(try #require(posted.location))
                #expect(sent.status == .ok)
                let code = try #require(sent.body.range(of: #"id="tracking-code">"#).map { String(sent.body[$0.upperBound...].prefix { $0 != "<" }) })
                #expect(TrackingCode.normalized(code) == code)
                #expect(sent.body.contains("Ủy ban nhân dân") && sent.body.localizedCaseInsensitiveContains(commune.name), "names who received it")
                #expect(sent.body.contains(#"id="sent-due">"#) && sent.body.contains(##"data-copy="#tracking-code""##))
                #expect(try await browser.get(try #require(posted.location)).status == .ok)
                #expect(try await app.services.letters.count(try await app.nationalScope(), query: LetterQuery()) == 1, "a reload sends nothing")
                let status = try await browser.get("/public/track?code=\(code.lowercased().replacingOccurrences(of: "-", with: ""))")
                #expect(status.status == .ok)
                #expect(status.body.contains("Mới tiếp nhận"))
                #expect(!status.body.contains("Rơ Mah Hlim"))
                #expect(!status.body.contains("0912345678"))
                let missing = try await browser.get("/public/track?code=DV-AAAA-AAAA")
                #expect(missing.status == .notFound)
                #expect(missing.body.contains("Không tìm thấy đơn với mã tra cứu này"))
            }
            // The commune's People's Committee sees it in its intake list.
            let (officer, _) = try await app.user("tiepdan.xa", roles: [.receptionOfficer], kind: "peoples_committee", in: commune)
            let scope = Scope(userID: officer.id, username: officer.username, organisationID: officer.organisationID, unitID: commune.id,
                              mode: .subtree, roles: [.receptionOfficer], address: "t")
            let intake = try await app.services.letters.letters(scope, query: LetterQuery(statuses: [.received]))
            #expect(intake.count == 1)
            #expect(intake.first?.channel == "online")
        }
    }

    @Test func badInputHoneypotAndThrottleSaveNothing() async throws {
        try await TestApp.run { app in
            let (province, commune) = try await Self.commune(app)
            try await app.client { browser in
                _ = try await browser.get("/public/send?province=\(province.id.uuidString)")
                var fields = Self.fields(commune, province: province)
                fields.removeAll { $0.0 == "subject" }
                let missing = try await browser.post("/public/send", fields + [("subject", "")])
                #expect(missing.status == .unprocessableContent)
                #expect(missing.body.contains("Rơ Mah Hlim"))  // what the citizen typed is kept
                let robot = try await browser.post("/public/send", Self.fields(commune, province: province).filter { $0.0 != "website" } + [("website", "http://spam")])
                #expect(robot.status == .unprocessableContent)
                for _ in 0..<5 { #expect(try await browser.post("/public/send", Self.fields(commune, province: province)).status == .seeOther) }
                let throttled = try await browser.post("/public/send", Self.fields(commune, province: province))
                #expect(throttled.status == .tooManyRequests)
                #expect(throttled.headers[.retryAfter] != nil)
                // Tracking look-ups are counted too: guessing codes stops after 30 in ten minutes.
                for _ in 0..<30 { #expect(try await browser.get("/public/track?code=ABCD-EFGH-JKLM").status == .notFound) }
                let guessing = try await browser.get("/public/track?code=ABCD-EFGH-JKLM")
                #expect(guessing.status == .tooManyRequests && guessing.headers[.retryAfter] != nil)
            }
            let count = try await app.services.letters.count(try await app.nationalScope(), query: LetterQuery())
            #expect(count == 5)
        }
    }
}
