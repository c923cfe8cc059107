import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

@Suite("Document and inspection pages")
struct DocumentPagesTests {
    @Test("a document recorded by form (\"abc\" refused in Vietnamese), a task given and counted; an inspection planned, held, a remedy followed")
    func pages() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (user, password) = try await app.user("banthuongvu", roles: [.leader], kind: "party_committee", in: iaLe)
            let police = try #require(try await app.services.organisations.organisations(try await app.nationalScope(), unitID: iaLe.id).first { $0.kind == "police" })
            try await app.client { browser in
                _ = try await browser.login("banthuongvu", password)
                var fields = [("kind", "plan"), ("number_symbol", "abc"), ("organisation_id", user.organisationID.uuidString), ("issued_on", "02/09/2025"),
                              ("summary", "Kế hoạch kiểm tra công tác dân vận năm 2025")]
                let bad = try await browser.post("/documents", fields)
                #expect(bad.status == .unprocessableContent && bad.body.contains("Số, ký hiệu không đúng dạng") && bad.body.contains("Kế hoạch kiểm tra công tác"))
                fields[1] = ("number_symbol", "13-KH/ĐU")
                fields.append(("form_id", UUID().uuidString))
                let saved = try await browser.post("/documents", fields)
                #expect(try await browser.post("/documents", fields).body.contains("Biểu mẫu này đã được lưu rồi"))
                let documentPath = try #require(saved.location)
                let page = try await browser.get(documentPath)
                #expect(page.status == .ok && page.body.contains("<dd>13</dd>") && page.body.contains("<dd>KH</dd>") && page.body.contains("<dd>ĐU</dd>"))
                let taskForm = [("form_id", UUID().uuidString), ("title", "Xây dựng đề cương kiểm tra"), ("organisation_id", police.id.uuidString),
                                ("working_days", "10")]
                let task = try await browser.post(documentPath + "/tasks", taskForm)
                #expect(task.location == documentPath)
                // The same form posted twice: a clear message, one task.
                let again = try await browser.post(documentPath + "/tasks", taskForm)
                #expect(again.status == .unprocessableContent && again.body.contains("Biểu mẫu này đã được lưu rồi"))
                #expect(try await browser.get(documentPath).body.contains("id=\"tasks-done\">0/1<"))
                #expect(try await browser.get("/documents").body.contains("13-KH/ĐU"))
                // An inspection of the plan.
                let documentID = String(documentPath.split(separator: "/").last!)
                let planned = try await browser.post("/inspections", [
                    ("plan_id", documentID), ("organisation_id", user.organisationID.uuidString), ("target_unit_id", iaLe.id.uuidString),
                    ("team", "Đoàn kiểm tra"), ("targets", "Chi bộ thôn Plei Pông"), ("subject", "Thực hiện Quy chế dân chủ"), ("scheduled_quarter", "2025-q3")])
                let inspectionPath = try #require(planned.location)
                let early = try await browser.post(inspectionPath + "/remedies", [("title", "Khắc phục"), ("organisation_id", police.id.uuidString), ("working_days", "5")])
                #expect(early.status == .unprocessableContent)
                let held = try await browser.post(inspectionPath + "/findings", [("held_on", "15/09/2025"), ("findings", "Còn hình thức"), ("recommendations", "Sửa đổi")])
                #expect(held.location == inspectionPath)
                _ = try await browser.post(inspectionPath + "/remedies", [("title", "Khắc phục việc lập biên bản"), ("organisation_id", police.id.uuidString),
                                                                           ("working_days", "5")])
                let inspection = try await browser.get(inspectionPath)
                #expect(inspection.body.contains("Khắc phục việc lập biên bản") && inspection.body.contains("id=\"remedies-done\">0/1<"))
                let list = try await browser.get("/inspections")
                #expect(list.body.contains("13-KH/ĐU") && list.body.contains("1/1"))
                let api = try await browser.get("/api/v1/inspections")
                #expect(api.status == .ok && api.body.contains("\"remedies\":1"))
                #expect(try await browser.get("/api/v1/documents/\(documentID)/tasks").body.contains("Xây dựng đề cương"))
            }
        }
    }
}
