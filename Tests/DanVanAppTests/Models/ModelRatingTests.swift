import DanVanDomain
import FluentKit
import Foundation
import Testing
@testable import DanVanApp

/// The rating scale is data: a national administrator renames, adds and retires its levels; the
/// evaluation form offers the levels in use, the statistics count every level records have.
@Suite("Models: the rating scale")
struct ModelRatingTests {
    /// The statistics' row of a level: its label and this year's count, linking to its list.
    static func figure(_ body: String, label: String) -> (count: String, href: String)? {
        guard let row = body.range(of: "<th scope=\"row\">\(label)</th><td class=\"number\"><a href=\"") else { return nil }
        let rest = body[row.upperBound...]
        guard let end = rest.range(of: "\">"), let close = rest.range(of: "</a>") else { return nil }
        return (String(rest[end.upperBound..<close.lowerBound]), String(rest[..<end.lowerBound]).replacingOccurrences(of: "&amp;", with: "&"))
    }

    @Test("the scale is seeded with the four levels evaluations were rated on; only a national administrator changes it (pages 403, store refuses), nothing written")
    func onlyNationalAdministrators() async throws {
        try await TestApp.run { app in
            let store = ModelStore(database: app.database)
            #expect(try await store.ratingLevels().map(\.key) == ModelRating.allCases.map(\.rawValue))
            #expect(try await store.ratingLevels().map(\.label) == ["Xuất sắc", "Tốt", "Khá", "Chưa đạt"])
            let district = try await app.unit("639", legacy: true)
            let (_, password) = try await app.user("quantri.huyen", roles: [.administrator], kind: "party_committee", in: district)
            try await app.client { browser in
                try await browser.login("quantri.huyen", password)
                #expect(try await browser.get("/models/ratings").status == .forbidden)
                #expect(try await browser.post("/models/ratings", [("label", "Điển hình")]).status == .forbidden)
                #expect(try await browser.post("/models/ratings", [("key", "poor"), ("action", "retire")]).status == .forbidden)
                #expect(!(try await browser.get("/models/statistics?unit=\(district.id.uuidString.lowercased())&year=2024").body.contains("/models/ratings")))
            }
            let scope = try await app.officer("quantri.huyen2", roles: [.administrator], in: district)
            await #expect(throws: AppError.self) { try await store.saveRatingLevel(scope, input: RatingLevelInput(key: "", label: "Điển hình", position: "")) }
            await #expect(throws: AppError.self) { try await store.retireRatingLevel(scope, key: "poor") }
            let unchanged = try await store.ratingLevels()
            #expect(unchanged.count == 4 && unchanged.allSatisfy { $0.retiredOn == nil })
            #expect(try await AuditEntry.query(on: app.database.db).filter(\.$recordType == "model_rating_level").count() == 0)
        }
    }

    @Test("an added level is offered by the evaluation form and counted by the statistics; retired, it is offered no more but its evaluations keep it and count; renamed, every page reads the new name")
    func addRetireRename() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let (district, organisations) = try await ModelStoreTests.organisations(app)
            let store = ModelStore(database: app.database)
            let first = try await store.register(national, input: ModelStoreTests.input(organisations[0].id, name: "Mô hình được xếp mức mới"))
            let second = try await store.register(national, input: ModelStoreTests.input(organisations[1].id, name: "Mô hình đánh giá sau"))
            let (_, password) = try await app.user("quantri.tw", roles: [.administrator], kind: "central_body", in: try await app.unit("VN", legacy: false))
            let unit = district.id.uuidString.lowercased()
            try await app.client { browser in
                try await browser.login("quantri.tw", password)
                #expect(try await browser.get("/models/statistics?unit=\(unit)&year=2024").body.contains("href=\"/models/ratings\""))
                // Added, with a Vietnamese message when the label is empty or already on the scale.
                let empty = try await browser.post("/models/ratings", [("label", ""), ("position", "")])
                #expect(empty.status == .unprocessableContent && empty.body.contains("Không được để trống."))
                let taken = try await browser.post("/models/ratings", [("label", "xuat sac"), ("position", "")])
                #expect(taken.status == .unprocessableContent && taken.body.contains("Thang xếp loại đã có mức này.") && taken.body.contains("value=\"xuat sac\""))
                #expect(try await browser.post("/models/ratings", [("label", "Điển hình tiêu biểu"), ("position", "1")]).status == .seeOther)
                let levels = try await store.ratingLevels()
                #expect(levels.first { $0.label == "Điển hình tiêu biểu" }.map { $0.key == "dien_hinh_tieu_bieu" && $0.position == 1 && $0.retiredOn == nil } == true)
                #expect(try await browser.get("/models/ratings").body.contains("value=\"Điển hình tiêu biểu\""))
                // The evaluation form offers it; an evaluation rated on it counts in the statistics, its figure opening its list.
                let page = try await browser.get("/models/\(first.uuidString.lowercased())")
                #expect(page.body.contains("<option value=\"dien_hinh_tieu_bieu\">Điển hình tiêu biểu</option>"))
                let evaluated = try await browser.post("/models/\(first.uuidString.lowercased())/evaluations", [
                    ("method", "team"), ("team", "Đoàn khảo sát số 1"), ("members", "Ban Dân vận"), ("evaluated_on", "01/12/2024"), ("rating", "dien_hinh_tieu_bieu"),
                    ("findings", "")])
                #expect(evaluated.status == .seeOther)
                #expect(try await store.figures(national, unitID: district.id, year: 2024).byRating == ["dien_hinh_tieu_bieu": 1])
                let statistics = try await browser.get("/models/statistics?unit=\(unit)&year=2024").body
                let figure = try #require(Self.figure(statistics, label: "Điển hình tiêu biểu"))
                #expect(figure.count == "1" && figure.href.contains("rating=dien_hinh_tieu_bieu"))
                #expect(try await browser.get(figure.href).body.contains("Mô hình được xếp mức mới"))
                #expect(try await store.list(national, filter: ModelFilter(unitID: district.id, year: 2024, rating: "dien_hinh_tieu_bieu")).rows.map(\.id) == [first])

                // Retired: no longer offered nor accepted; the evaluation rated on it keeps it, on the model's page and in the statistics.
                #expect(try await browser.post("/models/ratings", [("key", "dien_hinh_tieu_bieu"), ("action", "retire")]).status == .seeOther)
                let ratings = try await browser.get("/models/ratings").body
                #expect(ratings.contains("Thôi dùng từ \(VietnameseFormat.date(CivilDate.today(now: Date())))"))
                let later = try await browser.get("/models/\(second.uuidString.lowercased())")
                #expect(!later.body.contains("value=\"dien_hinh_tieu_bieu\"") && later.body.contains("<option value=\"good\">Tốt</option>"))
                let refused = try await browser.post("/models/\(second.uuidString.lowercased())/evaluations", [
                    ("method", "team"), ("team", "Đoàn khảo sát số 1"), ("members", "Ban Dân vận"), ("evaluated_on", "02/12/2024"), ("rating", "dien_hinh_tieu_bieu"),
                    ("findings", "")])
                #expect(refused.status == .unprocessableContent)
                #expect(try await browser.get("/models/\(first.uuidString.lowercased())").body.contains("<td>Điển hình tiêu biểu</td>"))
                let after = try await browser.get("/models/statistics?unit=\(unit)&year=2024").body
                #expect(Self.figure(after, label: "Điển hình tiêu biểu")?.count == "1")
                // A year with no evaluation on the retired level does not list it; the levels in use are listed, at 0.
                let empty2026 = try await browser.get("/models/statistics?unit=\(unit)&year=2026").body
                #expect(Self.figure(empty2026, label: "Điển hình tiêu biểu") == nil && Self.figure(empty2026, label: "Tốt")?.count == "0")

                // Renamed: the evaluations rated on it read the new name.
                _ = try await store.evaluate(national, id: second, input: EvaluationInput(method: "self", team: "", members: "", evaluatedOn: "02/12/2024", rating: "excellent",
                                                                                         findings: ""))
                #expect(try await browser.post("/models/ratings", [("key", "excellent"), ("label", "Rất xuất sắc"), ("position", "2")]).status == .seeOther)
                #expect(try await browser.get("/models/\(second.uuidString.lowercased())").body.contains("<td>Rất xuất sắc</td>"))
                #expect(Self.figure(try await browser.get("/models/statistics?unit=\(unit)&year=2024").body, label: "Rất xuất sắc")?.count == "1")
            }
            // The last level in use is not retired.
            for key in ["excellent", "good", "fair"] { try await store.retireRatingLevel(national, key: key) }
            await #expect { try await store.retireRatingLevel(national, key: "poor") } throws: { ($0 as? ValidationError)?.fields["key"] == "error_model_rating_last" }
            // Every change has its audit entry: added, retired, renamed, three retired.
            let audit = try await AuditEntry.query(on: app.database.db).filter(\.$recordType == "model_rating_level").all()
            #expect(audit.count == 6 && audit.contains { $0.action == "create" && $0.after.contains("Điển hình tiêu biểu") }
                    && audit.contains { $0.before.contains("Xuất sắc") && $0.after.contains("Rất xuất sắc") })
        }
    }
}
