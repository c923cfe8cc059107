import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

/// The pages: record a meeting with opinions, route them, answer and decline as the agency,
/// publish, the counts and the inbox; bad input answered in Vietnamese beside the field.
@Suite("Follow-up pages")
struct FollowUpPagesTests {
    static func link(_ body: String, after marker: String, prefix: String) -> String? {
        guard let start = body.range(of: marker) else { return nil }
        guard let found = body[start.upperBound...].range(of: prefix) else { return nil }
        return String(body[found.lowerBound...].prefix { $0 != "\"" })
    }

    @Test("a meeting with two opinions: routed, one answered with a file and published, one declined; counts, inbox and public page follow")
    func journey() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (secretary, secretaryPassword) = try await app.user("thuky", roles: [.leader], kind: "peoples_council", in: iaLe)
            let (agency, agencyPassword) = try await app.user("ubnd", roles: [.leader], kind: "peoples_committee", in: iaLe)
            let formID = UUID().uuidString
            let meetingFields: [(String, String)] = [
                ("form_id", formID), ("kind", "voter_contact"), ("organisation_id", secretary.organisationID.uuidString),
                ("co_hosts", "Tổ đại biểu số 2"), ("held_on", "03/09/2025"), ("participants", "135"), ("minutes", "Biên bản"),
                ("opinion_text_0", "Đề nghị sửa đường thôn Plei Pông"), ("opinion_field_0", "construction"), ("opinion_level_0", "commune"),
                ("opinion_text_1", "Đề nghị cấp sổ đỏ cho hộ ông A"), ("opinion_field_1", "land"), ("opinion_level_1", "commune"),
            ]
            let meetingPath = try await app.client { browser in
                _ = try await browser.login("thuky", secretaryPassword)
                let form = try await browser.get("/meetings/new")
                #expect(form.status == .ok && form.body.contains("opinion_text_4"))
                #expect(form.body.contains("<option value=\"\(secretary.organisationID.uuidString)\" selected>"))
                var fields = meetingFields
                // A meeting in the future: refused beside the field, what was typed kept, nothing stored.
                fields[4] = ("held_on", "03/09/2099")
                let future = try await browser.post("/meetings", fields)
                #expect(future.status == .unprocessableContent && future.body.contains("Ngày hội nghị không được sau hôm nay") && future.body.contains("Plei Pông"))
                fields[4] = ("held_on", "03/09/2025")
                let saved = try await browser.post("/meetings", fields)
                #expect(saved.status == .seeOther || saved.status == .found)
                // The same form posted twice: a clear message, one meeting.
                let again = try await browser.post("/meetings", fields)
                #expect(again.status == .unprocessableContent && again.body.contains("Biểu mẫu này đã được lưu rồi"))
                return try #require(saved.location)
            }
            let meetingID = try #require(UUID(uuidString: String(meetingPath.split(separator: "/").last!)))
            let opinions = try await MeetingStore(database: app.database).opinions(try await app.nationalScope(), meetingID: meetingID)
            #expect(opinions.count == 2)
            try await app.client { browser in
                _ = try await browser.login("thuky", secretaryPassword)
                // Route both to the People's Committee: a due date before the meeting is refused first.
                let early = try await browser.post("/opinions/\(opinions[0].id.uuidString.lowercased())/route",
                                                   [("organisation_id", agency.organisationID.uuidString), ("due_on", "01/09/2025")])
                #expect(early.status == .unprocessableContent && early.body.contains("Hạn không được trước ngày hội nghị"))
                for opinion in opinions {
                    let routed = try await browser.post("/opinions/\(opinion.id.uuidString.lowercased())/route",
                                                        [("organisation_id", agency.organisationID.uuidString), ("working_days", "15")])
                    #expect(routed.location == meetingPath)
                }
                let page = try await browser.get(meetingPath)
                #expect(page.body.components(separatedBy: "class=\"item-link\"").count == 3)
            }
            let items = try await FollowUpStore(database: app.database).items(try await app.nationalScope(), sourceIDs: opinions.map(\.id))
            let bySource = Dictionary(uniqueKeysWithValues: items.map { ($0.sourceID, $0) })
            let first = try #require(bySource[opinions[0].id]), second = try #require(bySource[opinions[1].id])
            try await app.client { browser in
                _ = try await browser.login("ubnd", agencyPassword)
                // The inbox: both assignments, the unread count in the layout.
                let inbox = try await browser.get("/inbox")
                #expect(inbox.body.components(separatedBy: "notice-assigned").count == 3)
                #expect(inbox.body.contains("id=\"inbox-unread\""))
                let pdf: [UInt8] = Array("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
                let answered = try await browser.postMultipart("/follow-up/items/\(first.id.uuidString.lowercased())/actions",
                    [("action", "answer"), ("assignment", first.assignmentID.uuidString), ("answer", "Đã đưa vào kế hoạch sửa đường năm 2026.")],
                    files: [.init(filename: "tra-loi.pdf", contentType: "application/pdf", data: pdf)])
                #expect(answered.location == "/follow-up/items/\(first.id.uuidString.lowercased())")
                let noReason = try await browser.postMultipart("/follow-up/items/\(second.id.uuidString.lowercased())/actions",
                                                               [("action", "decline"), ("assignment", second.assignmentID.uuidString), ("reason", " ")])
                #expect(noReason.status == .unprocessableContent && noReason.body.contains("Hãy nêu lý do"))
                _ = try await browser.postMultipart("/follow-up/items/\(second.id.uuidString.lowercased())/actions",
                                                    [("action", "decline"), ("assignment", second.assignmentID.uuidString), ("reason", "Thuộc thẩm quyền cấp tỉnh")])
                let page = try await browser.get("/follow-up/items/\(first.id.uuidString.lowercased())")
                #expect(page.body.contains("Đã đưa vào kế hoạch") && page.body.contains("tra-loi.pdf"))
                let file = try #require(Self.link(page.body, after: "<dt>Tệp đính kèm</dt>", prefix: "/follow-up/"))
                let download = try await browser.get(file)
                #expect(download.status == .ok && download.headers[.contentType] == "application/pdf")
                // A second answer to the answered item: refused, nothing changed.
                let twice = try await browser.postMultipart("/follow-up/items/\(first.id.uuidString.lowercased())/actions",
                                                            [("action", "answer"), ("assignment", first.assignmentID.uuidString), ("answer", "Lần hai")])
                #expect(twice.status == .unprocessableContent)
                let stored = try await FollowUpStore(database: app.database).item(try await app.nationalScope(), id: first.id)
                #expect(stored.answer == "Đã đưa vào kế hoạch sửa đường năm 2026." && stored.itemStatus == .done)
            }
            try await app.client { browser in
                _ = try await browser.login("thuky", secretaryPassword)
                let inbox = try await browser.get("/inbox")
                #expect(inbox.body.contains("notice-answered") && inbox.body.contains("notice-declined"))
                // The home page: the declined item waits for the council (to re-assign or cancel); its link lists exactly it.
                let home = try await browser.get("/")
                let waiting = try #require(home.body.range(of: "<strong>1</strong> việc đã giao bị từ chối"))
                let href = try #require(home.body[..<waiting.lowerBound].range(of: "href=\"", options: .backwards))
                let waits = try await browser.get(String(home.body[href.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&"))
                #expect(waits.body.contains("sổ đỏ") && !waits.body.contains("Plei Pông") && waits.body.contains("Từ chối"))
                // Publish the answered one; the declined one cannot be.
                let refused = try await browser.post("/opinions/\(opinions[1].id.uuidString.lowercased())/mark", [("publish", "1")])
                #expect(refused.status == .unprocessableContent && refused.body.contains("Chỉ công khai được ý kiến đã có trả lời"))
                // Publishing asks for the public words, offered from the opinion and its answer to be edited.
                let meeting = try await browser.get(meetingPath)
                #expect(meeting.body.contains("name=\"public_text\"") && meeting.body.contains(">Đề nghị sửa đường thôn Plei Pông</textarea>"))
                let empty = try await browser.post("/opinions/\(opinions[0].id.uuidString.lowercased())/mark",
                                                   [("publish", "1"), ("public_text", " "), ("public_answer", "Đã đưa vào kế hoạch")])
                #expect(empty.status == .unprocessableContent && empty.body.contains(">Đã đưa vào kế hoạch</textarea>"))
                #expect(try await MeetingStore(database: app.database).opinions(try await app.nationalScope(), meetingID: meetingID)[0].publishedAt == nil)
                _ = try await browser.post("/opinions/\(opinions[0].id.uuidString.lowercased())/mark",
                                           [("publish", "1"), ("public_text", "Đề nghị sửa đường liên thôn ở Plei Pông"),
                                            ("public_answer", "UBND xã đã đưa vào kế hoạch sửa đường năm 2026.")])
                // The counts of the commune, each a link to its list.
                let overview = try await browser.get("/follow-up?unit=\(iaLe.id.uuidString.lowercased())&period=2025")
                #expect(overview.body.contains("id=\"count-done\"") && overview.body.contains("Đã trả lời, hoàn thành: <strong>1</strong>"))
                #expect(overview.body.contains("Từ chối: <strong>1</strong>") && overview.body.contains("Tổng số: <strong>2</strong>"))
                let declined = try #require(Self.link(overview.body, after: "id=\"count-declined\" href=\"", prefix: "/follow-up"))
                let list = try await browser.get(declined.replacingOccurrences(of: "&amp;", with: "&"))
                #expect(list.body.contains("sổ đỏ") && !list.body.contains("Plei Pông"))
            }
            // The public page: the answer, no person.
            try await app.client { browser in
                let page = try await browser.get("/public/opinions")
                // The words published, not those typed at the meeting.
                #expect(page.status == .ok && page.body.contains("Đề nghị sửa đường liên thôn ở Plei Pông") && page.body.contains("UBND xã đã đưa vào kế hoạch"))
                #expect(!page.body.contains("Đề nghị sửa đường thôn Plei Pông") && !page.body.contains("sổ đỏ"))
                #expect(!page.body.contains("thuky") && !page.body.contains("Người thuky"))
            }
        }
    }

    @Test("the overview's unit picker: the caller's unit and those below it; choosing one narrows the counts to it; a unit out of reach is not found")
    func unitPicker() async throws {
        try await TestApp.run { app in
            let iaLe = try await FollowUpTests.place(app)
            let other = try await FollowUpTests.place(app, code: "23971", suffix: ".khac")
            let meetings = MeetingStore(database: app.database)
            for (place, texts) in [(iaLe, ["A", "B"]), (other, ["C"])] {
                for opinion in try await FollowUpTests.meeting(app, place, texts: texts).opinions {
                    _ = try await meetings.route(place.secretary, opinionID: opinion, input: FollowUpDueInput(organisationID: place.police.organisationID, dueOn: "30/09/2025"))
                }
            }
            let province = try await app.unit("52", legacy: false)
            let (_, provincePassword) = try await app.user("tinh", roles: [.leader], kind: "peoples_committee", in: province)
            let (_, communePassword) = try await app.user("xa.iale", roles: [.leader], kind: "peoples_council", in: iaLe.unit)
            @Sendable func options(_ body: String) -> [String] {
                guard let start = body.range(of: "<select id=\"filter-unit\" name=\"unit\">"), let end = body[start.upperBound...].range(of: "</select>") else { return [] }
                return body[start.upperBound..<end.lowerBound].components(separatedBy: "<option ").dropFirst().map { String($0.prefix { $0 != "<" }) }
            }
            let iaLeID = iaLe.unit.id.uuidString.lowercased(), otherID = other.unit.id.uuidString.lowercased()
            try await app.client { browser in
                _ = try await browser.login("tinh", provincePassword)
                let all = try await browser.get("/follow-up?period=2025")
                #expect(all.status == .ok && all.body.contains("Tổng số: <strong>3</strong>"))
                // The province (chosen) and its communes, Ia Le among them.
                let offered = options(all.body)
                #expect(offered.first == "value=\"\(province.id.uuidString.lowercased())\" selected>\(province.name)")
                #expect(offered.contains("value=\"\(iaLeID)\">Xã Ia Le") && offered.contains("value=\"\(otherID)\">\(other.unit.name)"), "\(offered.prefix(5))")
                // Choosing Ia Le: its two items alone, and the picker keeps the choice.
                let chosen = try await browser.get("/follow-up?unit=\(iaLeID)&period=2025")
                #expect(chosen.body.contains("Tổng số: <strong>2</strong>") && chosen.body.contains("Chưa xử lý: <strong>2</strong>"))
                #expect(options(chosen.body).filter { $0.contains(" selected>") } == ["value=\"\(iaLeID)\" selected>Xã Ia Le"])
                #expect(try await browser.get("/follow-up?unit=\(otherID)&period=2025").body.contains("Tổng số: <strong>1</strong>"))
            }
            try await app.client { browser in
                _ = try await browser.login("xa.iale", communePassword)
                let own = try await browser.get("/follow-up?period=2025")
                #expect(own.body.contains("Tổng số: <strong>2</strong>") && options(own.body).first == "value=\"\(iaLeID)\" selected>Xã Ia Le")
                #expect(!own.body.contains(otherID))
                // Another commune, passed in the address: not found, and nothing of it shown.
                let elsewhere = try await browser.get("/follow-up?unit=\(otherID)&period=2025")
                #expect(elsewhere.status == .notFound && !elsewhere.body.contains("Tổng số"))
            }
        }
    }

    @Test("the API: a meeting with its opinions and the counts, in reach only")
    func api() async throws {
        try await TestApp.run { app in
            let place = try await FollowUpTests.place(app)
            let (meeting, opinions) = try await FollowUpTests.meeting(app, place, texts: ["A"])
            _ = try await MeetingStore(database: app.database).route(place.secretary, opinionID: opinions[0], input: FollowUpDueInput(
                organisationID: place.police.organisationID, dueOn: "20/09/2025"))
            let (_, password) = try await app.user("doc.api", roles: [.leader], kind: "peoples_council", in: place.unit)
            // The council's own secretary (its organisation alone): none of the items its commune holds, the one it routed.
            let (_, ownPassword) = try await app.user("thuky.api", roles: [.reportingOfficer], kind: "peoples_council", in: place.unit, mode: .organisation)
            let (_, otherPassword) = try await app.user("xa.khac", roles: [.leader], kind: "peoples_council", in: try await app.unit("23971", legacy: false))
            try await app.client { browser in
                _ = try await browser.login("thuky.api", ownPassword)
                let unit = place.unit.id.uuidString.lowercased()
                #expect(try await browser.get("/api/v1/follow-up/counts?unit=\(unit)&period=2025").body.contains("\"total\":0"))
                let set = try await browser.get("/api/v1/follow-up/counts?unit=\(unit)&period=2025&side=set&level=commune")
                #expect(set.status == .ok && set.body.contains("\"open\":1") && set.body.contains("\"total\":1"))
                #expect(try await browser.get("/api/v1/follow-up/counts?unit=\(unit)&side=set&level=district").body.contains("\"total\":0"))
                #expect(try await browser.get("/api/v1/follow-up/counts?side=both").status == .badRequest)
            }
            try await app.client { browser in
                // Another commune's council: the meeting and the counts of Ia Le are not found.
                _ = try await browser.login("xa.khac", otherPassword)
                #expect(try await browser.get("/api/v1/meetings/\(meeting.uuidString.lowercased())").status == .notFound)
                #expect(try await browser.get("/api/v1/follow-up/counts?unit=\(place.unit.id.uuidString.lowercased())").status == .notFound)
                #expect(try await browser.get("/api/v1/meetings").body.contains("\"total\":0"))
            }
            try await app.client { browser in
                _ = try await browser.login("doc.api", password)
                let detail = try await browser.get("/api/v1/meetings/\(meeting.uuidString.lowercased())")
                #expect(detail.status == .ok && detail.body.contains("\"opinion_count\":1") && detail.body.contains("\"status\":\"open\""))
                let counts = try await browser.get("/api/v1/follow-up/counts?unit=\(place.unit.id.uuidString.lowercased())&period=2025")
                #expect(counts.status == .ok && counts.body.contains("\"open\":1") && counts.body.contains("\"total\":1"))
                #expect(try await browser.get("/api/v1/follow-up/counts?period=abc").status == .badRequest)
                #expect(try await browser.get("/api/v1/meetings").body.contains("\"total\":1"))
            }
        }
    }
}
