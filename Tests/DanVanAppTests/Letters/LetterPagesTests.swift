import DanVanDomain
import Foundation
import Hummingbird
import SQLKit
import Testing
@testable import DanVanApp

/// What the letter page tests share: the intake form's fields, a small PDF, counts.
enum LetterPageFixtures {
    static let pdf: [UInt8] = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    static var today: String { CivilDate.today(now: Date()).iso }

    static func fields(kind: LetterKind = .complaint, receivedOn: String = today, name: String = "Nguyễn Văn Dân",
                       subject: String = "Khiếu nại quyết định thu hồi đất") -> [(String, String)] {
        [("received_on", receivedOn), ("channel", "in_person"), ("kind", kind.rawValue), ("field", "land"), ("subject", subject),
         ("content", "Nội dung về việc thu hồi đất nông nghiệp của gia đình.\r\n\r\nĐề nghị  xem xét lại."), ("sender_name", name), ("sender_address", "Thôn 1"),
         ("sender_contact", "0912345678"), ("sender_id_number", "064123456789"), ("people_count", "1")]
    }

    static func pdfUpload(_ name: String = "don.pdf") -> Browser.Upload {
        Browser.Upload(filename: name, contentType: "application/pdf", data: pdf)
    }

    /// The case id from the redirect after an intake.
    static func caseID(_ page: Browser.Page) throws -> UUID {
        let location = try #require(page.location, "no redirect: \(page.status)")
        // The case page, saying what was saved: /letters/<id>?saved=receive.
        return try #require(UUID(uuidString: String(location.dropFirst("/letters/".count).prefix { $0 != "?" })))
    }

    static func count(_ app: TestApp, _ table: String) async throws -> Int {
        struct Row: Decodable { var n: Int }
        return try await app.database.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decoding: Row.self)?.n ?? -1
    }

    static func text(_ app: TestApp, _ key: String) -> String {
        app.services.catalogue.text(key, .vi)
    }

    /// HTML escaping as the templates do it (enough for the strings the tests look for).
    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

@Suite("Letters: pages over HTTP")
struct LetterPagesTests {
    @Test("a complaint from intake with an attachment to resolution, through the pages")
    func complaintJourney() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (_, officerPassword) = try await app.user("tiepdan", roles: [.receptionOfficer], kind: "peoples_committee", in: district)
            let (_, leaderPassword) = try await app.user("lanhdao", roles: [.leader], kind: "peoples_committee", in: district)
            let (handler, handlerPassword) = try await app.user("xuly", roles: [.handlingOfficer], kind: "peoples_committee", in: district)
            let today = LetterPageFixtures.today

            let id = try await app.client { browser in
                try await browser.login("tiepdan", officerPassword)
                let form = try await browser.get("/letters/new")
                #expect(form.status == .ok)
                #expect(form.body.contains("enctype=\"multipart/form-data\""))
                let saved = try await browser.postMultipart("/letters", LetterPageFixtures.fields(), files: [LetterPageFixtures.pdfUpload()])
                let id = try LetterPageFixtures.caseID(saved)
                // A saved letter's page says so, and says what comes next: the officer processes it (her turn);
                // returning it is asked about first.
                let received = try await browser.get(try #require(saved.location))
                #expect(received.body.contains("Đã lưu: " + LetterPageFixtures.text(app, "action_receive") + "."))
                #expect(received.body.contains("Bước tiếp theo: cán bộ tiếp công dân phân loại và xử lý đơn"))
                #expect(received.body.contains("Đến lượt bạn:"))
                #expect(received.body.contains("data-confirm=\"Trả đơn cho người gửi?"))
                // The receipt the citizen takes home: national heading, the body, the number, the sender, who received it
                // (by name), the processing due date, the tracking code; A4 print layout.
                let receipt = try await browser.get("/letters/\(id.uuidString.lowercased())/receipt")
                let letterNow = try await app.services.letters.letter(try await app.nationalScope(), id: id)
                #expect(receipt.status == .ok)
                #expect(receipt.body.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && receipt.body.contains("GIẤY BIÊN NHẬN ĐƠN"))
                #expect(receipt.body.contains(letterNow.organisationName) && receipt.body.contains(letterNow.code))
                #expect(receipt.body.contains("<dd id=\"receipt-sender\">Nguyễn Văn Dân</dd>"))
                #expect(receipt.body.contains("<dd id=\"receipt-officer\">Người tiepdan</dd>"))
                #expect(receipt.body.contains("<strong>" + LetterText.date(letterNow.dueOn) + "</strong>") && letterNow.dueOn != nil)
                #expect(receipt.body.contains(try #require(letterNow.trackingCode)))
                #expect(receipt.body.contains("don.pdf") && receipt.body.contains("class=\"paper\""))
                let accepted = try await browser.post("/letters/\(id.uuidString.lowercased())/actions", [("action", "accept"), ("on_date", today)])
                #expect(accepted.location == "/letters/\(id.uuidString.lowercased())?saved=accept")
                let page = try await browser.get("/letters/\(id.uuidString.lowercased())")
                #expect(page.status == .ok)
                // Accepted, nobody assigned: a leader acts next, not the reception officer.
                #expect(page.body.contains("Bước tiếp theo: lãnh đạo giao cán bộ xử lý."))
                #expect(!page.body.contains("Đến lượt bạn:"))
                let letter = try await app.services.letters.letter(try await app.nationalScope(), id: id)
                #expect(letter.status == "accepted")
                #expect(letter.dueOn != nil && page.body.contains(LetterText.date(letter.dueOn)))
                // The content keeps its paragraphs (white space inside a line is still collapsed).
                #expect(page.body.contains("của gia đình.\n\nĐề nghị xem xét lại.</p>"))
                #expect(page.body.contains("don.pdf"))
                #expect(page.body.contains("Nguyễn Văn Dân"))
                // The attachment downloads with its name.
                let attachment = try #require(try await app.services.letters.attachments(try await app.nationalScope(), id: id).first)
                let file = try await browser.get("/letters/\(id.uuidString.lowercased())/attachments/\(attachment.id.uuidString.lowercased())")
                #expect(file.status == .ok)
                #expect(file.headers[.contentDisposition]?.contains("don.pdf") == true)
                #expect(file.body.hasPrefix("%PDF"))
                let list = try await browser.get("/letters?list=all")
                #expect(list.body.contains(letter.code))
                return id
            }
            let path = "/letters/\(id.uuidString.lowercased())"
            try await app.client { browser in
                try await browser.login("lanhdao", leaderPassword)
                let page = try await browser.get(path)
                #expect(page.body.contains("Người xuly"))
                #expect(page.body.contains("Đến lượt bạn:"))
                let assigned = try await browser.post(path + "/actions", [("action", "assign"), ("on_date", today), ("handler_id", handler.id.uuidString)])
                #expect(assigned.location == path + "?saved=assign")
            }
            try await app.client { browser in
                try await browser.login("xuly", handlerPassword)
                let missing = try await browser.post(path + "/actions", [("action", "resolve"), ("on_date", today), ("decision_date", today),
                                                                         ("outcome", "complaint_partly_right")])
                #expect(missing.status == .unprocessableContent)
                #expect(missing.body.contains(LetterPageFixtures.text(app, "error_decision_number")))
                // The failed step is named at the top, linked to its form, whose first field takes the focus; nothing claims it was saved.
                #expect(missing.body.contains("id=\"letter-not-saved\"") && missing.body.contains("href=\"#action-resolve\""))
                #expect(missing.body.contains("id=\"resolve-on-date\" autofocus"))
                #expect(!missing.body.contains("Đã lưu:"))
                let assignedPage = try await browser.get(path)
                #expect(assignedPage.body.contains("Bước tiếp theo: Người xuly xác minh và giải quyết. Hạn: "))
                let resolved = try await browser.post(path + "/actions", [("action", "resolve"), ("on_date", today), ("decision_number", "15/QĐ-UBND"),
                                                                          ("decision_date", today), ("outcome", "complaint_partly_right")])
                #expect(resolved.location == path + "?saved=resolve")
                let page = try await browser.get(path)
                #expect(page.body.contains("id=\"letter-status\">" + LetterPageFixtures.text(app, "status_resolved")))
                #expect(page.body.contains("15/QĐ-UBND, " + LetterText.date(today) + ", " + LetterPageFixtures.text(app, "outcome_complaint_partly_right")))
                #expect(page.body.contains(LetterPageFixtures.text(app, "action_resolve")))
                #expect(page.body.contains(LetterPageFixtures.text(app, "action_assign")))
                // The history names people, not their user names.
                let actor = "<td data-label=\"\(LetterPageFixtures.text(app, "event_actor"))\">"
                #expect(page.body.contains(actor + "Người tiepdan</td>") && page.body.contains(actor + "Người lanhdao</td>") && page.body.contains(actor + "Người xuly</td>"))
                #expect(!page.body.contains(actor + "tiepdan</td>") && !page.body.contains(actor + "xuly</td>"))
            }
            let events = try await app.services.letters.events(try await app.nationalScope(), id: id)
            #expect(events.map(\.action) == ["receive", "accept", "assign", "resolve"])
        }
    }

    @Test("a second letter of the same person on the same matter links the earlier case")
    func duplicateNotice() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (_, password) = try await app.user("tiepdan", roles: [.receptionOfficer], kind: "peoples_committee", in: district)
            try await app.client { browser in
                try await browser.login("tiepdan", password)
                let first = try LetterPageFixtures.caseID(try await browser.postMultipart("/letters", LetterPageFixtures.fields()))
                let second = try LetterPageFixtures.caseID(try await browser.postMultipart("/letters", LetterPageFixtures.fields()))
                let page = try await browser.get("/letters/\(second.uuidString.lowercased())")
                #expect(page.body.contains("id=\"letter-duplicate\""))
                #expect(page.body.contains("href=\"/letters/\(first.uuidString.lowercased())\""))
                let original = try await browser.get("/letters/\(first.uuidString.lowercased())")
                #expect(!original.body.contains("id=\"letter-duplicate\""))
            }
        }
    }

    @Test("a letter recorded from a reception visit takes its date and is linked to it")
    func fromVisit() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (officer, password) = try await app.user("tiepdan", roles: [.receptionOfficer], kind: "peoples_committee", in: district)
            let scope = Scope(userID: officer.id, username: officer.username, organisationID: officer.organisationID, unitID: district.id,
                              mode: .subtree, roles: [.receptionOfficer], address: "test")
            let visitDate = CivilDate.today(now: Date()).adding(days: -2).iso
            let session = try await app.services.reception.createSession(scope, input: SessionInput(
                organisationID: nil, date: visitDate, place: "Trụ sở", receiverKind: "regular", holder: "", receiverName: "Cán bộ tiếp", note: ""))
            // The visit is written directly: ReceptionStore.addVisit reads the session with SUM(people), which PostgreSQL types as numeric.
            let visit = UUID()
            try await app.database.sql.insert(into: "reception_visits")
                .columns("id", "session_id", "unit_id", "date", "people", "is_group", "is_repeat", "content", "created_at")
                .values(SQLBind(visit), SQLBind(session), SQLBind(district.id), SQLBind(visitDate), SQLBind(1), SQLBind(false), SQLBind(false),
                        SQLBind("Hỏi về đất"), SQLBind(Date()))
                .run()
            try await app.client { browser in
                try await browser.login("tiepdan", password)
                let form = try await browser.get("/letters/new?visit=\(visit.uuidString.lowercased())")
                #expect(form.body.contains("value=\"\(LetterText.date(visitDate))\""), "the visit's date, as dd/mm/yyyy")
                let fields = LetterPageFixtures.fields(receivedOn: visitDate) + [("visit", visit.uuidString)]
                let id = try LetterPageFixtures.caseID(try await browser.postMultipart("/letters", fields))
                struct Row: Decodable { var letter_id: UUID? }
                let linked = try await app.database.sql.raw("SELECT letter_id FROM reception_visits WHERE id = \(bind: visit)").first(decoding: Row.self)
                #expect(linked?.letter_id == id)
            }
        }
    }

    @Test("a date typed day first (16/03/2026, 16-3-2026, 16032026) is read as the office means it and kept as that day; a month-first or impossible one is refused and kept as typed")
    func typedDates() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (_, password) = try await app.user("tiepdan", roles: [.receptionOfficer], kind: "peoples_committee", in: district)
            let day = CivilDate.today(now: Date()).adding(days: -40)
            let typedDay = VietnameseFormat.date(day), yyyy = String(day.year)
            try await app.client { browser in
                try await browser.login("tiepdan", password)
                for typed in [typedDay, "\(day.day)-\(day.month)-\(yyyy)", typedDay.replacingOccurrences(of: "/", with: "")] {
                    let id = try LetterPageFixtures.caseID(try await browser.postMultipart("/letters", LetterPageFixtures.fields(receivedOn: typed)))
                    #expect(try await app.services.letters.letter(try await app.nationalScope(), id: id).receivedOn == day.iso, "\(typed)")
                }
                let wrong = try await browser.postMultipart("/letters", LetterPageFixtures.fields(receivedOn: "31/02/\(yyyy)"))
                #expect(wrong.status == .unprocessableContent)
                #expect(wrong.body.contains("value=\"31/02/\(yyyy)\""), "kept as typed")
            }
        }
    }

    @Test("a leader accepting a case can name its handling officer in the same step; an officer not of the organisation is refused and nothing is saved")
    func assignAtAcceptance() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (_, password) = try await app.user("lanhdao", roles: [.leader, .receptionOfficer], kind: "peoples_committee", in: district)
            let (handler, _) = try await app.user("xuly", roles: [.handlingOfficer], kind: "peoples_committee", in: district)
            try await app.client { browser in
                try await browser.login("lanhdao", password)
                let id = try LetterPageFixtures.caseID(try await browser.postMultipart("/letters", LetterPageFixtures.fields()))
                let path = "/letters/\(id.uuidString.lowercased())"
                let page = try await browser.get(path)
                #expect(page.body.contains("id=\"accept-handler\"") && page.body.contains("Người xuly"))
                let wrong = try await browser.post(path + "/actions", [("action", "accept"), ("on_date", LetterPageFixtures.today), ("handler_id", UUID().uuidString)])
                #expect(wrong.status == .unprocessableContent)
                #expect(try await app.services.letters.letter(try await app.nationalScope(), id: id).status == "received")
                let accepted = try await browser.post(path + "/actions", [("action", "accept"), ("on_date", LetterPageFixtures.today), ("handler_id", handler.id.uuidString)])
                #expect(accepted.location == path + "?saved=accept")
                let letter = try await app.services.letters.letter(try await app.nationalScope(), id: id)
                #expect(letter.status == "accepted" && letter.handlerID == handler.id)
                #expect(try await browser.get(path).body.contains("Bước tiếp theo: Người xuly xác minh và giải quyết."))
            }
        }
    }

    @Test("the work lists and the statistics links answer")
    func workLists() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (_, password) = try await app.user("tiepdan", roles: [.receptionOfficer, .leader], kind: "peoples_committee", in: district)
            try await app.client { browser in
                try await browser.login("tiepdan", password)
                let saved = try await browser.postMultipart("/letters", LetterPageFixtures.fields(kind: .petition, subject: "Kiến nghị sửa đường"))
                _ = try LetterPageFixtures.caseID(saved)
                for list in ["intake", "due", "overdue", "officer", "all"] {
                    let page = try await browser.get("/letters?list=\(list)")
                    #expect(page.status == .ok, "\(list)")
                }
                let intake = try await browser.get("/letters?list=intake")
                #expect(intake.body.contains("Kiến nghị sửa đường"))
                let search = try await browser.get("/letters?list=all&q=sua+duong")
                #expect(search.body.contains("Kiến nghị sửa đường"))
                let year = CivilDate.today(now: Date()).year
                let figure = try await browser.get("/letters?figure=received&unit=\(district.id.uuidString.lowercased())&period=\(year)")
                #expect(figure.body.contains("id=\"figure-heading\""))
                #expect(figure.body.contains(LetterPageFixtures.text(app, "figure_received")))
                #expect(figure.body.contains("Kiến nghị sửa đường"))
                let api = try await browser.get("/api/v1/letters?list=all&q=sua+duong")
                #expect(api.status == .ok && api.body.contains("Kiến nghị sửa đường"))
                // The API's own response types keep the document's keys (a storage rename cannot change them).
                let document = try #require(try JSONSerialization.jsonObject(with: Data(try await browser.get("/api/openapi.json").body.utf8)) as? [String: Any])
                let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
                func keys(_ schema: String) throws -> Set<String> {
                    Set(try #require((schemas[schema] as? [String: Any])?["properties"] as? [String: Any]).keys)
                }
                let list = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
                #expect(Set(list.keys) == (try keys("LetterList")))
                let item = try #require((list["items"] as? [[String: Any]])?.first)
                #expect(Set(item.keys).subtracting(try keys("LetterRow")).sorted() == [], "keys the document does not name")
                let required = try #require((schemas["LetterRow"] as? [String: Any])?["required"] as? [String])
                #expect(Set(required).subtracting(item.keys).sorted() == [], "required keys missing")
                let detail = try await browser.get("/api/v1/letters/\(try #require(item["id"] as? String))")
                let body = try #require(try JSONSerialization.jsonObject(with: Data(detail.body.utf8)) as? [String: Any])
                #expect(Set(body.keys) == (try keys("LetterDetail")))
                let letter = try #require(body["letter"] as? [String: Any])
                #expect(letter["received_on"] as? String != nil && letter["organisation_name"] as? String != nil && letter["created_by"] != nil)
            }
        }
    }
}
