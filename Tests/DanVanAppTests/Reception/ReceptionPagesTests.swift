import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

@Suite("Reception: sessions, visits, schedules and the heads' duty over HTTP")
struct ReceptionPagesTests {
    static func sessionFields(organisation: UUID, date: String = "2024-03-04", kind: String = "regular", holder: String = "",
                              place: String = "Trụ sở tiếp công dân huyện") -> [(String, String)] {
        [("organisation_id", organisation.uuidString), ("date", date), ("place", place), ("receiver_kind", kind), ("holder", holder),
         ("receiver_name", "Nguyễn Văn Tiếp"), ("note", "Ghi chú buổi tiếp")]
    }

    static func count(_ table: String, _ app: TestApp) async throws -> Int {
        struct Row: Decodable { var n: Int }
        return try await app.database.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decoding: Row.self)?.n ?? -1
    }

    /// A reception officer of Chư Pưh signed in, with a session of 04/03/2024 recorded: the body gets the
    /// browser, the session page's path, the district and the officer.
    static func withSession(_ body: @escaping @Sendable (Browser, String, UnitSummary, UserSummary) async throws -> Void) async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (officer, password) = try await app.user("tiepdan", roles: [.receptionOfficer], kind: "peoples_committee", in: district)
            try await app.client { browser in
                try await browser.login("tiepdan", password)
                let created = try await browser.post("/reception", Self.sessionFields(organisation: officer.organisationID, date: "2024-03-04"))
                try await body(browser, try #require(created.location), district, officer)
            }
        }
    }

    @Test("a reception officer records a session and its visits")
    func recordSessionAndVisits() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (officer, password) = try await app.user("tiepdan", roles: [.receptionOfficer], kind: "peoples_committee", in: district)
            try await app.client { browser in
                try await browser.login("tiepdan", password)
                let index = try await browser.get("/reception")
                #expect(index.status == .ok)
                #expect(index.body.contains("Ghi buổi tiếp"))
                let created = try await browser.post("/reception", Self.sessionFields(organisation: officer.organisationID, kind: "head", holder: "ubnd_chair"))
                let location = try #require(created.location)
                #expect(created.status == .seeOther || created.status == .found)
                #expect(location.hasPrefix("/reception/sessions/"))
                let added = try await browser.post(location + "/visits", [("people", "7"), ("is_group", "1"), ("content", "Đề nghị làm đường vào thôn Plei Ring")])
                #expect(added.location == location)
                _ = try await browser.post(location + "/visits", [("people", "1"), ("is_repeat", "1"), ("content", "Khiếu nại việc thu hồi đất")])
                let page = try await browser.get(location)
                #expect(page.status == .ok)
                #expect(page.body.contains("Đề nghị làm đường vào thôn Plei Ring"))
                #expect(page.body.contains("Đoàn đông người, Vụ việc lần đầu"))
                #expect(page.body.contains("Cá nhân, Vụ việc nhiều lần"))
                #expect(page.body.contains("Ghi đơn từ lượt tiếp này"))
                #expect(page.body.contains("/letters/new?visit="))
                #expect(page.body.contains("Thủ trưởng tiếp (Chủ tịch Ủy ban nhân dân)"))
                let list = try await browser.get("/reception?period=2024-q1")
                #expect(list.body.contains("04/03/2024"))
                // The period is chosen from a list, named in words, the chosen one selected; none is typed as a code.
                #expect(list.body.contains("<option value=\"2024-q1\" selected>Quý 1 năm 2024</option>"))
                #expect(!list.body.contains("name=\"period\" value="))
                let other = try await browser.get("/reception?period=2023")
                #expect(!other.body.contains("04/03/2024"))
                let bad = try await browser.get("/reception?period=quy-1")
                #expect(bad.body.contains("Kỳ không hợp lệ"))
            }
            #expect(try await Self.count("reception_sessions", app) == 1)
            #expect(try await Self.count("reception_visits", app) == 2)
        }
    }

    @Test("a visit records who came; a letter started from it takes the day, the matter and the citizen; the register lists it")
    func citizenLetterAndRegister() async throws {
        try await Self.withSession { browser, location, district, officer in
                _ = try await browser.post(location + "/visits", [
                    ("people", "2"), ("is_repeat", "1"), ("citizen_name", "Rơ Mah H'Bia"), ("citizen_address", "Làng Bỉ, xã Ia Hla"),
                    ("content", "Khiếu nại việc thu hồi đất rẫy. Gia đình đã gửi đơn hai lần."),
                ])
                _ = try await browser.post(location + "/visits", [("people", "1"), ("content", "Hỏi về chế độ hỗ trợ hộ nghèo")])
                let tooLong = try await browser.post(location + "/visits", [("people", "1"), ("citizen_name", String(repeating: "a", count: 201)), ("content", "Hỏi")])
                #expect(tooLong.status == .unprocessableContent)
                #expect(tooLong.body.contains("Hỏi</textarea>"), "what was typed is kept")

                let session = try await browser.get(location)
                #expect(session.body.contains("Rơ Mah H&#39;Bia, Làng Bỉ, xã Ia Hla") || session.body.contains("Rơ Mah H&#x27;Bia, Làng Bỉ, xã Ia Hla"))
                #expect(session.body.contains("Không ghi"), "a visit without a citizen says so")
                let newLetter = try #require(session.body.firstMatch(of: /href="(\/letters\/new\?visit=[^"]+)"/)).1
                let form = try await browser.get(String(newLetter))
                #expect(form.status == .ok)
                #expect(form.body.contains("value=\"04/03/2024\""), "the visit's day")
                #expect(form.body.contains(">Khiếu nại việc thu hồi đất rẫy. Gia đình đã gửi đơn hai lần.</textarea>"), "the visit's content")
                #expect(form.body.contains("value=\"Khiếu nại việc thu hồi đất rẫy\""), "a subject drawn from its first sentence")
                #expect(form.body.contains("Làng Bỉ, xã Ia Hla"))
                #expect(form.body.contains("name=\"people_count\"") && form.body.contains("value=\"2\""))

                let register = try await browser.get("/reception/register?unit=\(district.id)&period=2024-q1")
                #expect(register.status == .ok)
                #expect(register.body.contains("SỔ TIẾP CÔNG DÂN"))
                #expect(register.body.contains("Từ ngày 01/01/2024 đến ngày 31/03/2024"))
                #expect(register.body.contains("id=\"register-count\">2<"))
                #expect(register.body.contains("04/03/2024"))
                #expect(register.body.contains("Cá nhân, Vụ việc nhiều lần"))
                #expect(register.body.contains("Không vào sổ đơn"))
                #expect(register.body.contains("Nguyễn Văn Tiếp"), "who received, by name")
                let empty = try await browser.get("/reception/register?unit=\(district.id)&period=2023")
                #expect(empty.body.contains("Không có lượt tiếp nào trong kỳ này."))
                let unreadable = try await browser.get("/reception/register?period=quy-1")
                #expect(unreadable.body.contains("Kỳ không hợp lệ") && !unreadable.body.contains("register-lines"))
                let index = try await browser.get("/reception?unit=\(district.id.uuidString.lowercased())&period=2024-q1")
                #expect(index.body.contains("/reception/register?unit=\(district.id.uuidString.lowercased())&amp;period=2024-q1"))
        }
    }

    @Test("a visit that became a denunciation does not show who came, in the session or the register")
    func denouncerHiddenFromVisits() async throws {
        try await Self.withSession { browser, location, district, officer in
                _ = try await browser.post(location + "/visits", [("people", "1"), ("citizen_name", "Người Tố Cáo Thử"), ("content", "Tố cáo cán bộ địa chính")])
                let visitID = try #require(try await browser.get(location).body.firstMatch(of: /\/letters\/new\?visit=([0-9A-Fa-f-]+)/)).1
                let sent = try await browser.postMultipart("/letters", [
                    ("organisation", officer.organisationID.uuidString), ("received_on", "04/03/2024"), ("channel", "in_person"), ("kind", "denunciation"),
                    ("field", "land"), ("subject", "Tố cáo cán bộ địa chính"), ("content", "Tố cáo cán bộ địa chính"), ("sender_name", "Người Tố Cáo Thử"),
                    ("people_count", "1"), ("visit", String(visitID)),
                ])
                #expect(sent.status == .seeOther || sent.status == .found)
                let session = try await browser.get(location)
                #expect(!session.body.contains("Người Tố Cáo Thử"))
                #expect(session.body.contains("Đã ẩn (bảo mật danh tính người tố cáo)"))
                let register = try await browser.get("/reception/register?unit=\(district.id)&period=2024-03")
                #expect(!register.body.contains("Người Tố Cáo Thử"))
                #expect(register.body.contains("Đã ẩn (bảo mật danh tính người tố cáo)"))
                // The visit has its letter: it prefills no other, and takes no second one.
                let again = try await browser.get("/letters/new?visit=\(visitID)")
                #expect(again.status == .notFound && !again.body.contains("Người Tố Cáo Thử"))
                let second = try await browser.postMultipart("/letters", [
                    ("organisation", officer.organisationID.uuidString), ("received_on", "04/03/2024"), ("channel", "in_person"), ("kind", "petition"),
                    ("field", "land"), ("subject", "Kiến nghị"), ("content", "Kiến nghị"), ("sender_name", "Ai đó"), ("people_count", "1"),
                    ("visit", String(visitID)),
                ])
                #expect(second.status == .notFound)
                #expect(!(try await browser.get(location)).body.contains("Người Tố Cáo Thử"), "the visit still points at the denunciation")
        }
    }

    @Test("the sessions list is paged, 25 a page, its position said in words; the form to record one is above it")
    func sessionsPaged() async throws {
        try await Self.withSession { browser, _, district, officer in
            for day in 1...29 {
                let date = String(format: "2024-02-%02d", day)
                _ = try await browser.post("/reception", Self.sessionFields(organisation: officer.organisationID, date: date))
            }
            let first = try await browser.get("/reception?unit=\(district.id)")
            #expect(first.body.contains("Từ 1 đến 25 trong 30"))
            #expect(first.body.components(separatedBy: "/reception/sessions/").count - 1 == 25)
            #expect(first.body.range(of: "id=\"new-session\"")!.lowerBound < first.body.range(of: "id=\"session-list\"")!.lowerBound)
            let next = try #require(first.body.firstMatch(of: /rel="next" href="([^"]+)"/)).1.replacingOccurrences(of: "&amp;", with: "&")
            #expect(next.contains("offset=25"))
            let second = try await browser.get(String(next))
            #expect(second.body.contains("Từ 26 đến 30 trong 30"))
            #expect(second.body.components(separatedBy: "/reception/sessions/").count - 1 == 5)
            #expect(second.body.contains("rel=\"prev\"") && !second.body.contains("rel=\"next\""))
            #expect(second.body.contains("01/02/2024"), "the oldest session is on the last page")
        }
    }

    @Test("bad input is refused with 422, keeps what was typed and saves nothing")
    func badInput() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (officer, password) = try await app.user("tiepdan", roles: [.receptionOfficer], kind: "peoples_committee", in: district)
            try await app.client { browser in
                try await browser.login("tiepdan", password)
                let future = try await browser.post("/reception", Self.sessionFields(organisation: officer.organisationID, date: "2099-01-05", place: "Nhà văn hóa thôn 3"))
                #expect(future.status == .unprocessableContent)
                #expect(future.body.contains("Ngày không được sau hôm nay."))
                #expect(future.body.contains("Nhà văn hóa thôn 3"))
                #expect(future.body.contains("value=\"05/01/2099\""), "the date field shows the date as dd/mm/yyyy")
                let noHolder = try await browser.post("/reception", Self.sessionFields(organisation: officer.organisationID, kind: "head", place: "Phòng họp UBND"))
                #expect(noHolder.status == .unprocessableContent)
                #expect(noHolder.body.contains("cần ghi rõ chức danh người tiếp"))
                #expect(noHolder.body.contains("Phòng họp UBND"))
                #expect(try await Self.count("reception_sessions", app) == 0)

                let created = try await browser.post("/reception", Self.sessionFields(organisation: officer.organisationID))
                let location = try #require(created.location)
                let small = try await browser.post(location + "/visits", [("people", "3"), ("is_group", "1"), ("content", "Nhóm hộ dân hỏi về bồi thường")])
                #expect(small.status == .unprocessableContent)
                #expect(small.body.contains("Đoàn đông người phải có từ 5 người trở lên."))
                #expect(small.body.contains("Nhóm hộ dân hỏi về bồi thường"))
                #expect(small.body.contains("value=\"3\""))
            }
            #expect(try await Self.count("reception_visits", app) == 0)
        }
    }

    @Test("a user without a reception role gets 403 and nothing is saved")
    func withoutRole() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (officer, _) = try await app.user("tiepdan", roles: [.receptionOfficer], kind: "peoples_committee", in: district)
            let (_, password) = try await app.user("baocao", roles: [.reportingOfficer], kind: "peoples_committee", in: district)
            let scope = Scope(userID: officer.id, username: officer.username, organisationID: officer.organisationID, unitID: district.id,
                              mode: .subtree, roles: [.receptionOfficer], address: "test")
            let sessionID = try await app.services.reception.createSession(scope, input: SessionInput(
                organisationID: nil, date: "2024-03-04", place: "Trụ sở", receiverKind: "regular", holder: "", receiverName: "A", note: ""))
            try await app.client { browser in
                try await browser.login("baocao", password)
                #expect(try await browser.get("/reception").status == .ok)
                let post = try await browser.post("/reception", Self.sessionFields(organisation: officer.organisationID))
                #expect(post.status == .forbidden)
                let visit = try await browser.post("/reception/sessions/\(sessionID.uuidString.lowercased())/visits", [("people", "1"), ("content", "Hỏi")])
                #expect(visit.status == .forbidden)
                let schedule = try await browser.post("/reception/schedules", [("organisation_id", officer.organisationID.uuidString), ("holder", "ubnd_chair"),
                                                                               ("person_name", "Ông A"), ("days", "Ngày 01 hằng tháng"), ("valid_from", "2024-01-01")])
                #expect(schedule.status == .forbidden)
            }
            #expect(try await Self.count("reception_sessions", app) == 1)
            #expect(try await Self.count("reception_visits", app) == 0)
            #expect(try await Self.count("reception_schedules", app) == 0)
        }
    }

    @Test("reception schedules are added and listed")
    func schedules() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (officer, password) = try await app.user("tiepdan", roles: [.leader], kind: "peoples_committee", in: district)
            try await app.client { browser in
                try await browser.login("tiepdan", password)
                let missing = try await browser.post("/reception/schedules", [("organisation_id", officer.organisationID.uuidString), ("holder", "ubnd_chair"),
                                                                              ("person_name", "Rơ Châm H'Yơn"), ("days", ""), ("valid_from", "2024-01-01")])
                #expect(missing.status == .unprocessableContent)
                #expect(missing.body.contains("Rơ Châm H&#39;Yơn") || missing.body.contains("Rơ Châm H'Yơn") || missing.body.contains("Rơ Châm H&#x27;Yơn"))
                let added = try await browser.post("/reception/schedules", [("organisation_id", officer.organisationID.uuidString), ("holder", "ubnd_chair"),
                                                                            ("person_name", "Nguyễn Văn Chủ"), ("days", "Ngày 01 và 15 hằng tháng"), ("valid_from", "2024-01-01")])
                #expect(added.location == "/reception/schedules")
                let page = try await browser.get("/reception/schedules")
                #expect(page.body.contains("Ngày 01 và 15 hằng tháng"))
                #expect(page.body.contains("Nguyễn Văn Chủ"))
                #expect(page.body.contains("01/01/2024"))
                #expect(page.body.contains("<td>Người tiepdan</td>"), "who published it, by name, not by user name")
                #expect(page.body.range(of: "id=\"new-schedule\"")!.lowerBound < page.body.range(of: "id=\"schedule-list\"")!.lowerBound)
            }
            #expect(try await Self.count("reception_schedules", app) == 1)
        }
    }

    @Test("duty: a chair who received every week is not listed, one who never did is, with the shortfall")
    func dutyCompliance() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let iaHru = try await app.unit("23971", legacy: false)
            let (leChair, lePassword) = try await app.user("chutich.iale", roles: [.leader], kind: "peoples_committee", in: iaLe)
            let (_, hruPassword) = try await app.user("chutich.iahru", roles: [.leader], kind: "peoples_committee", in: iaHru)
            let scope = Scope(userID: leChair.id, username: leChair.username, organisationID: leChair.organisationID, unitID: iaLe.id,
                              mode: .subtree, roles: [.leader], address: "test")
            // September 2025: whole weeks 1–7, 8–14, 15–21, 22–28; a session each Wednesday.
            for day in ["2025-09-03", "2025-09-10", "2025-09-17", "2025-09-24"] {
                _ = try await app.services.reception.createSession(scope, input: SessionInput(
                    organisationID: nil, date: day, place: "Trụ sở UBND xã", receiverKind: "head", holder: "ubnd_chair", receiverName: "Chủ tịch", note: ""))
            }
            let period = try #require(ReportPeriod.parse("2025-09"))
            let rules = try await app.services.reception.dutyRules()
            let national = try await app.nationalScope()
            let le = try await app.services.reception.dutyCompliance(national, unitID: iaLe.id, period: period, rules: rules)
            #expect(!le.contains { $0.holder == .peoplesCommitteeChair })
            let hru = try await app.services.reception.dutyCompliance(national, unitID: iaHru.id, period: period, rules: rules)
            let row = try #require(hru.first { $0.holder == .peoplesCommitteeChair })
            #expect(row.shortfalls.count == 4)
            #expect(row.shortfalls.allSatisfy { $0.required == 1 && $0.held == 0 })
            #expect(row.rule.source.contains("Luật Tiếp công dân 2013"))
            try await app.client { browser in
                try await browser.login("chutich.iahru", hruPassword)
                let page = try await browser.get("/reception/duty?period=2025-09")
                #expect(page.status == .ok)
                #expect(page.body.contains("Chủ tịch Ủy ban nhân dân"))
                #expect(page.body.contains("Ít nhất 1 ngày mỗi tuần"))
                #expect(page.body.contains("01/09/2025 – 07/09/2025: cần 1, đã tiếp 0"))
            }
            try await app.client { browser in
                try await browser.login("chutich.iale", lePassword)
                let page = try await browser.get("/reception/duty?period=2025-09")
                #expect(page.status == .ok)
                #expect(!page.body.contains("Ít nhất 1 ngày mỗi tuần"))
                #expect(page.body.contains("Chỉ tính các tuần, tháng trọn vẹn trong kỳ"))
                // The default period is the last full quarter.
                #expect(try await browser.get("/reception/duty").status == .ok)
                // A period that cannot be read is said, and "no leader fell short" is not claimed for another one.
                let unreadable = try await browser.get("/reception/duty?period=quy-1")
                #expect(unreadable.body.contains("Kỳ không hợp lệ"))
                #expect(!unreadable.body.contains("id=\"duty-ok\"") && !unreadable.body.contains("Chỉ tính các tuần, tháng trọn vẹn trong kỳ"))
                #expect(!unreadable.body.contains("id=\"duty-list\""))
            }
        }
    }

    @Test func lastFullQuarter() {
        #expect(ReceptionController.lastFullQuarter(before: CivilDate(iso: "2026-02-10")!).key == "2025-q4")
        #expect(ReceptionController.lastFullQuarter(before: CivilDate(iso: "2026-07-01")!).key == "2026-q2")
    }
}
