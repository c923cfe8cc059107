import DanVanDomain
import Foundation
import Hummingbird
import Testing
@testable import DanVanApp

/// Bad input on the letter pages: each refused with a Vietnamese message, nothing half-saved.
@Suite("Letters: bad input over HTTP")
struct LetterInputTests {
    /// Logs in a reception officer who is also a leader of Huyện Chư Pưh's People's Committee.
    static func asOfficer(_ app: TestApp, _ body: @Sendable (Browser) async throws -> Void) async throws {
        let district = try await app.unit("639", legacy: true)
        let (_, password) = try await app.user("canbo", roles: [.receptionOfficer, .leader], kind: "peoples_committee", in: district)
        try await app.client { browser in
            try await browser.login("canbo", password)
            try await body(browser)
        }
    }

    static func daysAgo(_ days: Int) -> String {
        CivilDate(dayNumber: CivilDate.today(now: Date()).dayNumber - days).iso
    }

    /// Posts and expects a refusal carrying the message; counts of letters and events unchanged.
    static func expectRefused(_ app: TestApp, status: HTTPResponse.Status = .unprocessableContent, message key: String,
                              _ post: () async throws -> Browser.Page) async throws {
        let letters = try await LetterPageFixtures.count(app, "letters")
        let events = try await LetterPageFixtures.count(app, "letter_events")
        let attachments = try await LetterPageFixtures.count(app, "letter_attachments")
        let page = try await post()
        #expect(page.status == status, "\(key): \(page.status)")
        #expect(page.body.contains(LetterPageFixtures.html(LetterPageFixtures.text(app, key))), "\(key)")
        #expect(try await LetterPageFixtures.count(app, "letters") == letters)
        #expect(try await LetterPageFixtures.count(app, "letter_events") == events)
        #expect(try await LetterPageFixtures.count(app, "letter_attachments") == attachments)
    }

    static func record(_ browser: Browser, kind: LetterKind = .complaint, receivedOn: String) async throws -> String {
        let saved = try await browser.postMultipart("/letters", LetterPageFixtures.fields(kind: kind, receivedOn: receivedOn,
                                                                                          name: "Người \(UUID().uuidString.prefix(6))"))
        return "/letters/" + (try LetterPageFixtures.caseID(saved)).uuidString.lowercased()
    }

    @Test("a received date in the future is refused and every typed value kept")
    func futureDate() async throws {
        try await TestApp.run { app in
            try await Self.asOfficer(app) { browser in
                try await Self.expectRefused(app, message: "error_date_future") {
                    let page = try await browser.postMultipart("/letters", LetterPageFixtures.fields(receivedOn: Self.daysAgo(-3), subject: "Đơn ngày mai"),
                                                               files: [LetterPageFixtures.pdfUpload()])
                    #expect(page.body.contains("value=\"Đơn ngày mai\""))
                    #expect(page.body.contains("value=\"064123456789\""))
                    #expect(page.body.contains("id=\"choose-files-again\""))
                    return page
                }
            }
        }
    }

    @Test("an action dated before receipt is refused")
    func actionBeforeReceipt() async throws {
        try await TestApp.run { app in
            try await Self.asOfficer(app) { browser in
                let path = try await Self.record(browser, receivedOn: Self.daysAgo(10))
                try await Self.expectRefused(app, message: "error_date_before_receipt") {
                    try await browser.post(path + "/actions", [("action", "accept"), ("on_date", Self.daysAgo(20))])
                }
            }
        }
    }

    @Test("extensions beyond the rule are refused; a complex denunciation gets one of 30 days")
    func extensions() async throws {
        try await TestApp.run { app in
            try await Self.asOfficer(app) { browser in
                let today = LetterPageFixtures.today
                let complaint = try await Self.record(browser, receivedOn: Self.daysAgo(5))
                #expect(try await browser.post(complaint + "/actions", [("action", "accept"), ("on_date", today), ("variant", "standard")]).location != nil)
                let letters = try await LetterPageFixtures.count(app, "letter_events")
                let refused = try await browser.post(complaint + "/actions", [("action", "extend"), ("on_date", today), ("days", "10"), ("reason", "Cần xác minh thêm")])
                #expect(refused.status == .unprocessableContent)
                let messages = ["error_extension_count", "error_extension_length", "error_variant_not_allowed"].map { LetterPageFixtures.text(app, $0) }
                #expect(messages.contains { refused.body.contains($0) })
                #expect(try await LetterPageFixtures.count(app, "letter_events") == letters)

                let denunciation = try await Self.record(browser, kind: .denunciation, receivedOn: Self.daysAgo(5))
                #expect(try await browser.post(denunciation + "/actions", [("action", "accept"), ("on_date", today), ("variant", "complex")]).location != nil)
                let first = try await browser.post(denunciation + "/actions", [("action", "extend"), ("on_date", today), ("days", "30"), ("reason", "Vụ việc phức tạp")])
                #expect(first.location != nil, "first extension: \(first.status)")
                try await Self.expectRefused(app, message: "error_extension_count") {
                    try await browser.post(denunciation + "/actions", [("action", "extend"), ("on_date", today), ("days", "30"), ("reason", "Gia hạn lần hai")])
                }
            }
        }
    }

    @Test("a resolution without a number is refused")
    func resolutionWithoutNumber() async throws {
        try await TestApp.run { app in
            try await Self.asOfficer(app) { browser in
                let today = LetterPageFixtures.today
                let path = try await Self.record(browser, receivedOn: Self.daysAgo(3))
                #expect(try await browser.post(path + "/actions", [("action", "accept"), ("on_date", today)]).location != nil)
                try await Self.expectRefused(app, message: "error_decision_number") {
                    try await browser.post(path + "/actions", [("action", "resolve"), ("on_date", today), ("decision_date", today), ("outcome", "complaint_wrong")])
                }
            }
        }
    }

    @Test("a 50 MB attachment is refused with 413 and the message")
    func tooLarge() async throws {
        try await TestApp.run { app in
            try await Self.asOfficer(app) { browser in
                try await Self.expectRefused(app, status: .contentTooLarge, message: "error_attachment_too_large") {
                    try await browser.postMultipart("/letters", LetterPageFixtures.fields(), files: [
                        Browser.Upload(filename: "lon.pdf", contentType: "application/pdf", data: LetterPageFixtures.pdf + [UInt8](repeating: 0x20, count: 50 * 1024 * 1024)),
                    ])
                }
            }
        }
    }

    @Test("an .exe, and an executable named .pdf, are refused")
    func executables() async throws {
        try await TestApp.run { app in
            try await Self.asOfficer(app) { browser in
                let mz: [UInt8] = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]
                for upload in [Browser.Upload(filename: "setup.exe", contentType: "application/octet-stream", data: mz),
                               Browser.Upload(filename: "don.pdf", contentType: "application/pdf", data: mz)] {
                    try await Self.expectRefused(app, message: "error_attachment_type") {
                        try await browser.postMultipart("/letters", LetterPageFixtures.fields(), files: [upload])
                    }
                }
            }
        }
    }

    @Test("an SVG named .png and a web page named .txt are refused; a PDF the browser called text/html is kept and served as a PDF download")
    func typesFromTheBytes() async throws {
        try await TestApp.run { app in
            try await Self.asOfficer(app) { browser in
                for upload in [Browser.Upload(filename: "anh.png", contentType: "image/png", data: Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)),
                               Browser.Upload(filename: "don.txt", contentType: "text/plain", data: Array("<html><script>alert(1)</script></html>".utf8))] {
                    try await Self.expectRefused(app, message: "error_attachment_type") {
                        try await browser.postMultipart("/letters", LetterPageFixtures.fields(), files: [upload])
                    }
                }
                let saved = try await browser.postMultipart("/letters", LetterPageFixtures.fields(), files: [
                    Browser.Upload(filename: "don.pdf", contentType: "text/html", data: LetterPageFixtures.pdf),
                ])
                let id = try LetterPageFixtures.caseID(saved)
                let attachment = try #require(try await app.services.letters.attachments(try await app.nationalScope(), id: id).first)
                #expect(attachment.contentType == "application/pdf")
                let file = try await browser.get("/letters/\(id.uuidString.lowercased())/attachments/\(attachment.id.uuidString.lowercased())")
                #expect(file.headers[.contentType] == "application/pdf")
                #expect(file.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            }
        }
    }
}
