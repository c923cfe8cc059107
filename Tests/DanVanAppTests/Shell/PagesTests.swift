import FluentKit
import Foundation
import Hummingbird
import Testing
@testable import DanVanApp

@Suite("Pages: the hierarchy browser and bad input")
struct PagesTests {
    /// Logs in a national administrator and runs the body.
    static func asAdministrator(_ app: TestApp, _ body: @Sendable (Browser) async throws -> Void) async throws {
        let password = try #require(try await app.services.accounts.createFirstAdministrator())
        try await app.client { browser in
            try await browser.login("admin", password)
            _ = try await browser.post("/account/password", [("current_password", password), ("new_password", "Mat-khau-2026"), ("confirmation", "Mat-khau-2026")])
            try await body(browser)
        }
    }

    @Test("the Chư Pưh page lists its 9 communes of 2024 and the 4 communes they went into")
    func chuPuhPage() async throws {
        try await TestApp.run { app in
            let chuPuh = try await app.unit("639", legacy: true)
            try await Self.asAdministrator(app) { browser in
                let search = try await browser.get("/units?q=chu+puh")
                #expect(search.body.contains(">Huyện Chư Pưh</a>"))
                let page = try await browser.get("/units/\(chuPuh.id.uuidString.lowercased())")
                #expect(page.status == .ok)
                for name in UnitStoreTests.chuPuhCommunes { #expect(page.body.contains(">\(name)</a>"), "\(name)") }
                for name in ["Xã Chư Pưh", "Xã Ia Hrú", "Xã Ia Le", "Xã Ia Ko"] { #expect(page.body.contains(">\(name)</a>")) }
                #expect(page.body.contains("30/06/2025"))
            }
        }
    }

    @Test("bad input answers in Vietnamese and keeps what was typed", arguments: [
        ("/units?q=", 422, "Hãy nhập từ khóa tìm kiếm"),
        ("/units?q=" + String(repeating: "a", count: 10_000), 422, "Từ khóa quá dài"),
        ("/units/not-a-uuid", 404, "không đúng dạng"),
        ("/units/00000000-0000-0000-0000-000000000000", 404, "Không tìm thấy"),
        ("/units?q=zzzzqqq", 200, "Không tìm thấy đơn vị nào"),
    ])
    func badInput(path: String, status: Int, message: String) async throws {
        try await TestApp.run { app in
            try await Self.asAdministrator(app) { browser in
                let page = try await browser.get(path)
                #expect(Int(page.status.code) == status)
                #expect(page.body.contains(message))
                if path.count > 1000 { #expect(page.body.contains(String(repeating: "a", count: 10_000))) }
            }
        }
    }

    @Test("an organisation form with invalid fields keeps the values and saves nothing")
    func invalidOrganisationForm() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            try await Self.asAdministrator(app) { browser in
                let before = try await Organisation.query(on: app.database.db).count()
                let page = try await browser.post("/units/\(iaLe.id.uuidString)/organisations", [
                    ("kind", "khong-co"), ("name", "Tổ chức Đoàn kết"), ("valid_from", "2026-13-40"), ("dan_van_leader", "Ksor H'Blin"),
                ])
                #expect(page.status == .unprocessableContent)
                #expect(page.body.contains("value=\"Tổ chức Đoàn kết\"") && page.body.contains("Ksor H&#39;Blin") || page.body.contains("Ksor H&#x27;Blin"))
                #expect(page.body.contains("Loại tổ chức không có trong danh mục") && page.body.contains("Ngày không hợp lệ"))
                #expect(try await Organisation.query(on: app.database.db).count() == before)
            }
        }
    }

    @Test("text pasted in the old TCVN3 encoding is refused with a clear message, and kept in the form")
    func legacyEncoding() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            try await Self.asAdministrator(app) { browser in
                let page = try await browser.post("/units/\(iaLe.id.uuidString)/organisations", [("kind", "other"), ("name", "Ban D©n vËn")])
                #expect(page.status == .unprocessableContent)
                #expect(page.body.contains("TCVN3") && page.body.contains("value=\"Ban D©n vËn\""))
            }
        }
    }

    @Test("the administrator creates the standard organisations of a commune and a user who sees only their subtree")
    func createOrganisationsAndUser() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            try await Self.asAdministrator(app) { browser in
                let created = try await browser.post("/units/\(iaLe.id.uuidString)/standard-organisations", [])
                #expect(created.body.contains("Ủy ban nhân dân xã Ia Le") && created.body.contains("Đảng ủy xã Ia Le"))
                let scope = try await app.nationalScope()
                let ubnd = try #require(try await app.services.organisations.organisations(scope, unitID: iaLe.id).first { $0.kind == "peoples_committee" })
                let page = try await browser.post("/organisations/\(ubnd.id.uuidString)/users", [
                    ("username", "canbo.iale"), ("full_name", "Nguyễn Thị Lan"), ("roles", "reporting_officer"), ("scope_mode", "subtree"),
                ])
                #expect(page.body.contains("id=\"created-user\""))
                let duplicate = try await browser.post("/organisations/\(ubnd.id.uuidString)/users", [
                    ("username", "canbo.iale"), ("full_name", "Trùng tên"), ("scope_mode", "subtree"),
                ])
                #expect(duplicate.status == .unprocessableContent)
                #expect(duplicate.body.contains("đã có người dùng") && duplicate.body.contains("Hãy chọn ít nhất một vai trò") && duplicate.body.contains("value=\"Trùng tên\""))
            }
        }
    }
}
