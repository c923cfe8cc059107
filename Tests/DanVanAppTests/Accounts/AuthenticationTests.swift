import FluentKit
import Foundation
import Hummingbird
import Testing
@testable import DanVanApp

@Suite("Accounts: login, sessions, CSRF, throttling, passwords")
struct AuthenticationTests {
    @Test("the first administrator is created once, with a one-time password that must be changed")
    func firstAdministrator() async throws {
        try await TestApp.run { app in
            let password = try #require(try await app.services.accounts.createFirstAdministrator())
            #expect(try await app.services.accounts.createFirstAdministrator() == nil)
            try await app.client { browser in
                let login = try await browser.login("admin", password)
                #expect(login.status == .seeOther || login.status == .found)
                #expect(login.location == "/account/password")
                let changed = try await browser.post("/account/password", [("current_password", password), ("new_password", "Mat-khau-2026"), ("confirmation", "Mat-khau-2026")])
                #expect(changed.location?.hasPrefix("/") == true)
                let home = try await browser.get("/")
                #expect(home.status == .ok && home.body.contains("Ban Quản trị hệ thống DanVan"))
            }
            let stored = try #require(try await User.query(on: app.database.db).filter(\.$username == "admin").first())
            #expect(stored.passwordHash.hasPrefix("$2"))  // bcrypt
            #expect(!stored.mustChangePassword)
        }
    }

    @Test("session cookies are HttpOnly and SameSite=Lax; logout ends the session")
    func sessionCookie() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (_, password) = try await app.user("lan", roles: [.leader], kind: "peoples_committee", in: iaLe)
            try await app.client { browser in
                let login = try await browser.login("lan", password)
                let cookie = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("danvan_session=") })
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
                #expect(try await browser.get("/units").status == .ok)
                _ = try await browser.post("/logout", [])
                let after = try await browser.get("/units")
                #expect(after.status == .found && after.location?.hasPrefix("/login") == true)
            }
        }
    }

    @Test("form posts without the CSRF token are refused, logged in or not")
    func csrf() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (_, password) = try await app.user("csrf", roles: [.administrator], kind: "peoples_committee", in: iaLe)
            try await app.client { browser in
                _ = try await browser.get("/login")
                let anonymous = try await browser.post("/login", [("username", "csrf"), ("password", password)], includeCSRF: false)
                #expect(anonymous.status == .forbidden)
                let wrong = try await browser.post("/login", [("username", "csrf"), ("password", password)], csrf: "forged-token-xxxxxxxxxxxxxx")
                #expect(wrong.status == .forbidden)
                try await browser.login("csrf", password)
                let before = try await Organisation.query(on: app.database.db).count()
                let refused = try await browser.post("/units/\(iaLe.id.uuidString)/organisations", [("kind", "other"), ("name", "Tổ chức lạ")], includeCSRF: false)
                #expect(refused.status == .forbidden)
                #expect(refused.body.contains("Biểu mẫu đã hết hạn"))
                #expect(try await Organisation.query(on: app.database.db).count() == before)
            }
        }
    }

    @Test("five wrong passwords lock the account for a while, with a Vietnamese message")
    func throttling() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (_, password) = try await app.user("thu", roles: [.leader], kind: "peoples_committee", in: iaLe)
            try await app.client { browser in
                for _ in 0..<5 {
                    let wrong = try await browser.login("thu", "sai-mat-khau")
                    #expect(wrong.status == .unauthorized)
                    #expect(wrong.body.contains("Tên đăng nhập hoặc mật khẩu không đúng"))
                    #expect(wrong.body.contains("value=\"thu\""))  // what was typed is kept
                }
                let locked = try await browser.login("thu", password)
                #expect(locked.status == .tooManyRequests)
                #expect(locked.body.contains("Đăng nhập sai quá nhiều lần"))
            }
            #expect(try await AuditEntry.query(on: app.database.db).filter(\.$action == "login_failed").count() == 5)
        }
    }

    @Test("a password change keeps the form's messages and refuses short or mismatched passwords")
    func passwordRules() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (_, password) = try await app.user("mk.user", roles: [.leader], kind: "peoples_committee", in: iaLe)
            try await app.client { browser in
                try await browser.login("mk.user", password)
                let short = try await browser.post("/account/password", [("current_password", password), ("new_password", "ngan"), ("confirmation", "khac")])
                #expect(short.status == .unprocessableContent)
                #expect(short.body.contains("ít nhất 8 ký tự") && short.body.contains("không giống nhau"))
            }
        }
    }

    @Test("security headers are on every page")
    func securityHeaders() async throws {
        try await TestApp.run(units: false) { app in
            try await app.client { browser in
                let page = try await browser.get("/login")
                #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                #expect(page.headers[.xContentTypeOptions] == "nosniff")
                #expect(page.headers[.init("X-Frame-Options")!] == "DENY")
            }
        }
    }
}
