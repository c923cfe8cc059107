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

    @Test("a one-time password reaches only the password page: pages are sent there, the API answers 403, until it is changed")
    func oneTimePasswordReachesOnlyThePasswordPage() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (user, _) = try await app.user("moi", roles: [.leader, .administrator], kind: "peoples_committee", in: iaLe)
            let oneTime = try await app.services.accounts.resetPassword(try await app.nationalScope(), id: user.id)
            try await app.client { browser in
                #expect(try await browser.login("moi", oneTime).location == "/account/password")
                for path in ["/", "/units", "/letters", "/users", "/calendar"] {
                    let page = try await browser.get(path)
                    #expect(page.status == .seeOther && page.location == "/account/password", "\(path): \(page.status)")
                }
                let api = try await browser.get("/api/v1/units?q=ia+le")
                #expect(api.status == .forbidden && api.body.contains("password_change_required"))
                let token = try await browser.post("/account/tokens", [("name", "thử")])
                #expect(token.status == .seeOther && token.location == "/account/password")
                #expect(try await browser.get("/account/password").status == .ok)
                _ = try await browser.post("/account/password", [("current_password", oneTime), ("new_password", "Mat-khau-2026"), ("confirmation", "Mat-khau-2026")])
                #expect(try await browser.get("/units").status == .ok)
                #expect(try await browser.get("/api/v1/units?q=ia+le").status == .ok)
            }
        }
    }

    @Test("a password change ends the user's other sessions, keeps this one; sessions are listed and ended from the account page")
    func passwordChangeEndsOtherSessions() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (_, password) = try await app.user("lan", roles: [.leader], kind: "peoples_committee", in: iaLe)
            let (_, otherPassword) = try await app.user("hoa", roles: [.leader], kind: "peoples_committee", in: iaLe)
            try await app.client { office in
                // Three browsers of lan (office, phone, home) and one of hoa, on the same server.
                let phone = Browser(client: office.client), home = Browser(client: office.client), hoa = Browser(client: office.client)
                for browser in [office, phone, home] { _ = try await browser.login("lan", password) }
                _ = try await hoa.login("hoa", otherPassword)
                let account = try await office.get("/account/password")
                let ends = Self.endActions(account.body)
                #expect(ends.count == 2, "two other sessions, each with its end button; this one is marked")
                #expect(account.body.contains("Phiên này"))
                // Another user's session, or an unknown one, is not found, and stays.
                #expect(try await hoa.post(ends[1], []).status == .notFound)
                #expect(try await office.post("/account/sessions/\(UUID().uuidString.lowercased())/end", []).status == .notFound)
                // Ending one session signs that browser out.
                #expect(try await office.post(ends[0], []).location == "/account/password")
                let signedOut = [try await phone.get("/units"), try await home.get("/units")].filter { $0.location?.hasPrefix("/login") == true }.count
                #expect(signedOut == 1)
                // Changing the password ends every other session, keeps this one and hoa's.
                _ = try await office.post("/account/password", [("current_password", password), ("new_password", "Mat-khau-2026"), ("confirmation", "Mat-khau-2026")])
                #expect(try await office.get("/units").status == .ok)
                #expect(try await home.get("/units").location?.hasPrefix("/login") == true)
                #expect(try await phone.get("/units").location?.hasPrefix("/login") == true)
                #expect(try await hoa.get("/units").status == .ok)
            }
        }
    }

    /// The end-session form actions on an account page.
    static func endActions(_ body: String) -> [String] {
        body.components(separatedBy: "action=\"").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
            .filter { $0.hasPrefix("/account/sessions/") }
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

    @Test("a session ended on another server (its row gone from the shared database) stops working within a second")
    func sessionEndedElsewhere() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (_, password) = try await app.user("lan", roles: [.leader], kind: "peoples_committee", in: iaLe)
            try await app.client { browser in
                try await browser.login("lan", password)
                #expect(try await browser.get("/units").status == .ok)
                try await Session.query(on: app.database.db).delete()
                try await Task.sleep(for: .milliseconds(1_100))
                #expect(try await browser.get("/units").location?.hasPrefix("/login") == true)
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

    @Test("five wrong passwords lock the account from that address, with Retry-After and a Vietnamese message; others behind the address log in; a second server sees the lock")
    func throttling() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (_, password) = try await app.user("thu", roles: [.leader], kind: "peoples_committee", in: iaLe)
            let (_, colleaguePassword) = try await app.user("lan", roles: [.leader], kind: "peoples_committee", in: iaLe)
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
                #expect((Int(locked.headers[.retryAfter] ?? "") ?? 0) > 60)
                // A colleague in the same office (the same address) is not locked out.
                #expect(try await Browser(client: browser.client).login("lan", colleaguePassword).status == .seeOther)
            }
            // The count is in the database: another server (or this one restarted) refuses too.
            let secondServer = TestApp(services: try await AppServices(configuration: app.services.configuration, database: app.database))
            let elsewhere = try await secondServer.client { browser in try await browser.login("thu", password) }
            #expect(elsewhere.status == .tooManyRequests)
            #expect(try await AuditEntry.query(on: app.database.db).filter(\.$action == "login_failed").count() == 5)
        }
    }

    @Test("twelve wrong passwords sent at the same instant: at most five are tried, the rest wait (the try is counted before the password is checked)")
    func parallelGuessesCannotPassTheLimit() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            _ = try await app.user("song", roles: [.leader], kind: "peoples_committee", in: iaLe)
            let statuses = try await app.client { browser in
                try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for _ in 0..<12 { group.addTask { try await Browser(client: browser.client).login("song", "doan-mo").status } }
                    var all: [HTTPResponse.Status] = []
                    for try await status in group { all.append(status) }
                    return all
                }
            }
            #expect(statuses.count == 12)
            #expect(statuses.filter { $0 == .unauthorized }.count <= 5, "\(statuses)")
            #expect(statuses.allSatisfy { $0 == .unauthorized || $0 == .tooManyRequests })
            #expect(try await AuditEntry.query(on: app.database.db).filter(\.$action == "login_failed").count() <= 5)
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

    @Test("tokens are URL-safe, as long as their bytes ask, and never the same twice")
    func tokens() {
        let tokens = (0..<200).map { _ in Secrets.token() }
        #expect(Set(tokens).count == 200)
        #expect(tokens.allSatisfy { $0.count == 43 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } })
        #expect(Secrets.token(bytes: 24).count == 32)
        #expect(Set(tokens.joined()).isSuperset(of: ["-", "_"]), "both URL-safe replacements appear in 8.600 characters")
    }
}

