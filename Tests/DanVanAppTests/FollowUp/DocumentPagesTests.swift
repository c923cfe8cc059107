import DanVanDomain
import FluentKit
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
                // The planning form names the inspection it makes: posted twice, one inspection.
                let inspectionForm = [("form_id", UUID().uuidString), ("plan_id", documentID), ("organisation_id", user.organisationID.uuidString),
                                      ("target_unit_id", iaLe.id.uuidString), ("team", "Đoàn kiểm tra"), ("targets", "Chi bộ thôn Plei Pông"),
                                      ("subject", "Thực hiện Quy chế dân chủ"), ("scheduled_quarter", "2025-q3")]
                #expect(try await browser.get("/inspections").body.contains("name=\"form_id\" value=\""))
                let planned = try await browser.post("/inspections", inspectionForm)
                let inspectionPath = try #require(planned.location)
                let plannedAgain = try await browser.post("/inspections", inspectionForm)
                #expect(plannedAgain.status == .unprocessableContent && plannedAgain.body.contains("Biểu mẫu này đã được lưu rồi"))
                #expect(try await DocumentStore(database: app.database).inspections(try await app.nationalScope(), unitID: iaLe.id).count == 1)
                let early = try await browser.post(inspectionPath + "/remedies", [("title", "Khắc phục"), ("organisation_id", police.id.uuidString), ("working_days", "5")])
                #expect(early.status == .unprocessableContent)
                // The findings form carries what it was shown with: posted twice, the second changes nothing (one audit entry).
                let shownPage = try await browser.get(inspectionPath).body
                let marker = try #require(shownPage.range(of: "name=\"findings_of\" value=\""))
                let shown = String(shownPage[marker.upperBound...].prefix { $0 != "\"" })
                #expect(shown.count == 64)
                let findingsForm = [("findings_of", shown), ("held_on", "15/09/2025"), ("findings", "Còn hình thức"), ("recommendations", "Sửa đổi")]
                let held = try await browser.post(inspectionPath + "/findings", findingsForm)
                #expect(held.location == inspectionPath)
                var heldAgain = findingsForm
                heldAgain[2] = ("findings", "Còn hình thức (lần hai)")
                let twice = try await browser.post(inspectionPath + "/findings", heldAgain)
                #expect(twice.status == .unprocessableContent && twice.body.contains("Kết quả kiểm tra vừa được ghi"))
                let inspectionID = try #require(UUID(uuidString: String(inspectionPath.split(separator: "/").last!)))
                #expect(try await DocumentStore(database: app.database).inspection(try await app.nationalScope(), id: inspectionID).findings == "Còn hình thức")
                #expect(try await AuditEntry.query(on: app.database.db).filter(\.$recordType == "inspection").filter(\.$action == "update").count() == 1)
                // The remedy form names the item it makes: posted twice, one remedy.
                let remedyForm = [("form_id", UUID().uuidString), ("title", "Khắc phục việc lập biên bản"), ("organisation_id", police.id.uuidString), ("working_days", "5")]
                #expect(try await browser.post(inspectionPath + "/remedies", remedyForm).location == inspectionPath)
                let remedyAgain = try await browser.post(inspectionPath + "/remedies", remedyForm)
                #expect(remedyAgain.status == .unprocessableContent && remedyAgain.body.contains("Biểu mẫu này đã được lưu rồi"))
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
