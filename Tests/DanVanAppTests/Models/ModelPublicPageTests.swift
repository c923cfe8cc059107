import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

/// The public page of commended models shows what a commendation makes public, nothing personal.
@Suite("Models: the public page")
struct ModelPublicPageTests {
    @Test("the public page shows an individual model's name, organisation and commendation (level, form, decision), not its person, position, contacts or any other personal field")
    func noPersonalData() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let (_, organisations) = try await ModelStoreTests.organisations(app)
            let store = ModelStore(database: app.database)
            var input = ModelStoreTests.input(organisations[0].id, name: "Gương sáng dân vận nơi khu dân cư", kind: "individual")
            input.personName = "Nguyễn Thị Bích Hạnh"
            input.personPosition = "Chi hội trưởng phụ nữ thôn Plei Ia"
            input.situation = "Liên hệ chị Hạnh qua số 0912 345 678, nhà ở thôn Plei Ia"
            input.targets = "Các hộ nghèo của thôn"
            input.beneficiaries = "Bà Rơ Mah H'Lan và 12 hộ nghèo"
            input.method = "Đến từng nhà vận động"
            input.resourceMoney = "15.000.000"
            let id = try await store.register(national, input: input)
            _ = try await store.reportResult(national, id: id, input: ResultInput(goalID: nil, reportedOn: "01/06/2024", value: "", note: "Đã giúp ông Ksor Y Blang làm nhà"),
                                             files: [])
            _ = try await store.evaluate(national, id: id, input: EvaluationInput(method: "team", team: "Đoàn khảo sát số 2", members: "Ông Siu Ngơr, Ban Dân vận",
                                                                                  evaluatedOn: "01/11/2024", rating: "excellent", findings: "Nhận xét riêng của đoàn"))
            _ = try await store.commend(national, id: id, input: CommendationInput(level: "district", form: "merit", decisionNumber: "27-QĐ/HU", decidedOn: "20/12/2024",
                                                                                 decidedBy: "Ban Thường vụ Huyện ủy"))
            try await app.client { browser in
                let page = try await browser.get("/public/models")
                #expect(page.status == .ok)
                let catalogue = app.services.catalogue
                for shown in ["Gương sáng dân vận nơi khu dân cư", organisations[0].name, "27-QĐ/HU", "20/12/2024", "Ban Thường vụ Huyện ủy",
                              catalogue.text("model_level_district", .vi), catalogue.text("model_form_merit", .vi)] {
                    #expect(page.body.contains(shown), "\(shown)")
                }
                for hidden in ["Nguyễn Thị Bích Hạnh", "Chi hội trưởng", "0912 345 678", "0912345678", "Plei Ia", "Rơ Mah", "hộ nghèo", "Đến từng nhà", "15.000.000",
                               "Ksor Y Blang", "Siu Ngơr", "Nhận xét riêng", "Đoàn khảo sát"] {
                    #expect(!page.body.contains(hidden), "\(hidden)")
                }
            }
        }
    }
}
