import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

/// The pages as a browser uses them: register, report, evaluate, commend, carry over; the
/// list, coverage and statistics with their links; the workbooks as openpyxl reads them; the API.
@Suite("Models: pages, workbooks, API")
struct ModelPagesTests {
    static func id(of location: String?) -> String {
        String((location ?? "").split(separator: "/").last?.split(separator: "?").first ?? "")
    }

    @Test("a model registered, reported, evaluated, commended and carried over through the forms; refused input answers in Vietnamese beside its field")
    func journey() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (_, password) = try await app.user("danvan.iale", roles: [.danVanStaff], kind: "peoples_committee", in: iaLe)
            // The staff records the model of the commune's Women's Union, which it may then rate and commend (those above judge).
            let unionRow = try #require(try await app.services.organisations.organisations(try await app.nationalScope(), unitID: iaLe.id).first { $0.kind == "womens_union" })
            let union = unionRow.id, unionName = unionRow.name
            let unit = iaLe.id.uuidString.lowercased()
            try await app.client { browser in
                try await browser.login("danvan.iale", password)
                #expect(try await browser.get("/models/new").body.contains("name=\"goal_1_indicator\""))
                let refused = try await browser.post("/models", [("organisation_id", union.uuidString), ("year", "2025"), ("name", ""), ("kind", "collective"),
                                                                 ("field", "economy"), ("started_on", "01/02/2025")])
                #expect(refused.status == .unprocessableContent && refused.body.contains("Không được để trống."))
                let created = try await browser.post("/models", [
                    ("organisation_id", union.uuidString), ("year", "2025"), ("name", "Dân vận khéo trong chuyển đổi số"), ("kind", "collective"),
                    ("field", "economy"), ("started_on", "01/02/2025"), ("evaluation_on", "30/11/2025"), ("goal_1_indicator", "Số hộ dùng dịch vụ công trực tuyến"),
                    ("goal_1_measure", "hộ"), ("goal_1_target", "1.200"), ("partner_1_organisation", union.uuidString), ("partner_1_role", "lead")])
                #expect(created.status == .seeOther)
                let id = Self.id(of: created.location)
                let page = try await browser.get("/models/\(id)")
                for text in ["Dân vận khéo trong chuyển đổi số", "1.200 hộ", "Chủ trì", "Đăng ký mới"] { #expect(page.body.contains(text), "\(text)") }
                // Its fields edited through the edit form: refused input shown again with what was typed, then saved.
                let editing = try await browser.get("/models/\(id)/edit")
                #expect(editing.status == .ok && editing.body.contains("value=\"Dân vận khéo trong chuyển đổi số\"") && editing.body.contains("value=\"1.200\""))
                let badEdit = try await browser.post("/models/\(id)/edit", [("name", ""), ("kind", "collective"), ("field", "economy"), ("topics", "dịch vụ công"),
                                                                            ("started_on", "01/02/2025"), ("goal_1_indicator", "Số hộ dùng dịch vụ công trực tuyến"),
                                                                            ("goal_1_measure", "hộ"), ("goal_1_target", "1.200")])
                #expect(badEdit.status == .unprocessableContent && badEdit.body.contains("Không được để trống.") && badEdit.body.contains("value=\"dịch vụ công\""))
                let edited = try await browser.post("/models/\(id)/edit", [("name", "Dân vận khéo trong chuyển đổi số"), ("kind", "collective"), ("field", "economy"),
                                                                          ("topics", "dịch vụ công"), ("started_on", "01/02/2025"), ("evaluation_on", "30/11/2025"),
                                                                          ("goal_1_indicator", "Số hộ dùng dịch vụ công trực tuyến"), ("goal_1_measure", "hộ"),
                                                                          ("goal_1_target", "1.200")])
                #expect(edited.status == .seeOther)
                #expect(try await browser.get("/models/\(id)").body.contains("dịch vụ công"))
                // A result before the start: the Vietnamese message beside the date, what was typed kept.
                let early = try await browser.postMultipart("/models/\(id)/results", [("goal_id", ""), ("reported_on", "15/01/2025"), ("value", ""), ("note", "Ghi chép sớm")])
                #expect(early.status == .unprocessableContent && early.body.contains("Ngày của kết quả không được trước ngày bắt đầu mô hình.") && early.body.contains("Ghi chép sớm"))
                let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 32)
                let goal = try #require(page.body.range(of: #"<option value="([0-9a-f-]{36})">Số hộ"#, options: .regularExpression)).lowerBound
                let goalID = String(page.body[goal...].dropFirst(15).prefix(36))
                let reported = try await browser.postMultipart("/models/\(id)/results", [("goal_id", goalID), ("reported_on", "30/06/2025"), ("value", "1.350"), ("note", "Vượt chỉ tiêu")],
                                                               files: [.init(field: "evidence", filename: "anh.png", contentType: "image/png", data: png)])
                #expect(reported.status == .seeOther)
                let withResult = try await browser.get("/models/\(id)")
                #expect(withResult.body.contains("1.350 hộ") && withResult.body.contains("anh.png"))
                // A commendation without its decision number.
                let noDecision = try await browser.post("/models/\(id)/commendations", [("level", "district"), ("form", "certificate"), ("decision_number", ""),
                                                                                      ("decided_on", "20/12/2025"), ("decided_by", "Huyện ủy")])
                #expect(noDecision.status == .unprocessableContent && noDecision.body.contains("Biểu dương, khen thưởng phải có số quyết định."))
                #expect(try await browser.post("/models/\(id)/commendations", [("level", "district"), ("form", "certificate"), ("decision_number", "15-QĐ/HU"),
                                                                              ("decided_on", "20/12/2025"), ("decided_by", "Huyện ủy")]).status == .seeOther)
                #expect(try await browser.post("/models/\(id)/evaluations", [("method", "team"), ("team", "Đoàn khảo sát số 1"), ("members", "Ban Dân vận"),
                                                                            ("evaluated_on", "01/12/2025"), ("rating", "excellent"), ("findings", "")]).status == .seeOther)
                // Carried over to 2026 from the carry-over page.
                let carry = try await browser.get("/models/carry-over?year=2025")
                #expect(carry.body.contains(id))
                let carried = try await browser.post("/models/carry-over", [("year", "2025"), ("ids", id)])
                #expect(carried.body.contains("Đã chuyển 1 mô hình sang năm 2026"))
                // The list, its folded search, the statistics and coverage, each figure a link.
                let list = try await browser.get("/models?unit=\(unit)&year=2026&q=chuyen+doi+so")
                #expect(list.body.contains("Dân vận khéo trong chuyển đổi số") && list.body.contains("Duy trì"))
                let statistics = try await browser.get("/models/statistics?unit=\(unit)&year=2026")
                #expect(statistics.status == .ok && statistics.body.contains("<svg") && statistics.body.contains("status=maintained"))
                let coverage = try await browser.get("/models/coverage?unit=\(unit)&year=2025&registered=yes")
                #expect(coverage.status == .ok && coverage.body.contains("Ủy ban nhân dân"))
                // The organisations the survey team visited: the statistics' figure opens them.
                let of2025 = try await browser.get("/models/statistics?unit=\(unit)&year=2025")
                #expect(of2025.body.contains("visited=yes"))
                let visited = try await browser.get("/models/coverage?unit=\(unit)&year=2025&visited=yes")
                #expect(visited.status == .ok && visited.body.contains(unionName))
                // The public page shows the commended model, no person.
                #expect(try await browser.get("/public/models").body.contains("Dân vận khéo trong chuyển đổi số"))
                // The API.
                let api = try await browser.get("/api/v1/models?unit=\(unit)&year=2025")
                #expect(api.status == .ok && api.body.contains("\"total\":1"))
                let statisticsAPI = try await browser.get("/api/v1/models/statistics?unit=\(unit)&year=2026")
                #expect(statisticsAPI.body.contains("\"maintained\":1"))
                #expect(try await browser.get("/api/v1/models/\(id)").body.contains("\"flags\":[]"))
                #expect(try await browser.get("/api/v1/models?flag=nothing").status == .badRequest)

                // The workbooks, opened by openpyxl.
                let export = try await ReadWorkbook.read(Array(buffer: try await browser.get("/models.xlsx?unit=\(unit)&year=2025").bytes))
                #expect(export.texts.contains("Dân vận khéo trong chuyển đổi số"))
                let figures = try await ReadWorkbook.read(Array(buffer: try await browser.get("/models/statistics.xlsx?unit=\(unit)&year=2026").bytes))
                #expect(figures.texts.contains("Duy trì"))
                let template = try await ReadWorkbook.read(Array(buffer: try await browser.get("/models/template.xlsx").bytes))
                #expect(template.rows.first?.compactMap { $0 as? String } == ModelSheets.templateColumns.map { app.services.catalogue.text($0.heading, .vi) })
            }
        }
    }

    @Test("the home page of a Ban Dân vận's staff: the organisations with no model this year and the flagged models, each count opening its list")
    func home() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (_, password) = try await app.user("danvan.home", roles: [.danVanStaff], kind: "peoples_committee", in: iaLe)
            let national = try await app.nationalScope()
            let store = ModelStore(database: app.database)
            let year = CivilDate.today(now: Date()).year
            let union = try #require(try await app.services.organisations.organisations(national, unitID: iaLe.id).first { $0.kind == "womens_union" })
            _ = try await store.register(national, input: ModelStoreTests.input(union.id, year: year, name: "Mô hình chưa có tiêu chí", goal: false))
            let unregistered = try await store.coverage(national, unitID: iaLe.id, year: year).filter { $0.models == 0 }.count
            #expect(unregistered > 0)
            try await app.client { browser in
                try await browser.login("danvan.home", password)
                let home = try await browser.get("/")
                #expect(home.body.contains("<strong>\(VietnameseFormat.integer(unregistered))</strong> tổ chức chưa đăng ký mô hình Dân vận khéo năm nay"))
                #expect(home.body.contains("<strong>1</strong> mô hình Dân vận khéo không có tiêu chí đo được"))
                #expect(home.body.contains("registered=no") && home.body.contains("flag=no_goal"))
                let list = try await browser.get(SiteURL.modelList(ModelFilter(unitID: iaLe.id, year: year, flag: .noMeasurableGoal), offset: 0).path)
                #expect(list.body.contains("Mô hình chưa có tiêu chí"))
            }
        }
    }
}
