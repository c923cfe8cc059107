import DanVanDomain
import Foundation
import Hummingbird
import SQLKit
import Testing
@testable import DanVanApp

/// Settings that apply to the whole country need a national administrator: a province's
/// or a district's administrator is refused and changes nothing (issue: hardening).
@Suite("Authorisation by level: the settings of the whole country")
struct NationalSettingsTests {
    /// Each route that changes a national setting, with a form that a national administrator may send.
    static let routes: [(path: String, fields: [(String, String)])] = [
        ("/calendar/overrides", [("date", "2031-03-03"), ("kind", "day_off"), ("note", "Nghỉ bù thử")]),
        ("/calendar/overrides/delete", [("date", "2031-03-03")]),
        ("/calendar/tet", [("year", "2031"), ("tet_1", "2031-01-21"), ("tet_2", "2031-01-22"), ("tet_3", "2031-01-23"), ("tet_4", "2031-01-24"),
                           ("tet_5", "2031-01-25")]),
        ("/calendar/rules", [("key", "letter_process"), ("count", "working_days"), ("source", "Thử"), ("effective_from", "2031-01-01"),
                             ("days_standard", "10")]),
        ("/statistics/forms", [("text", "")]),
        // Reporting: entry
        ("/reporting/indicators", [("code", "TIN_BAI"), ("name", "Tin, bài tuyên truyền (thử)"), ("unit", "tin, bài"), ("fraction_digits", "0")]),
        ("/reporting/forms/versions", [("form", "DV_THANG"), ("valid_from", "01/01/2031")]),
        // "Dân vận khéo" models: the rating scale.
        ("/models/ratings", [("label", "Điển hình tiêu biểu")]),
    ]

    /// Who asks: the unit they act for, their roles, and whether the route lets them in.
    struct Caller: Sendable, CustomTestStringConvertible {
        var name: String
        var unitCode: String
        var legacy: Bool
        var kind: String
        var roles: [Role]
        var allowed: Bool
        var testDescription: String { name }
    }

    static let callers: [Caller] = [
        Caller(name: "quantri.tw", unitCode: "VN", legacy: false, kind: "central_body", roles: [.administrator], allowed: true),
        Caller(name: "quantri.tinh", unitCode: "52", legacy: false, kind: "party_committee", roles: [.administrator], allowed: false),
        Caller(name: "quantri.huyen", unitCode: "639", legacy: true, kind: "party_committee", roles: [.administrator], allowed: false),
        Caller(name: "lanhdao.tw", unitCode: "VN", legacy: false, kind: "central_body", roles: [.leader, .danVanStaff], allowed: false),
    ]

    @Test("route × role × level: only a national administrator passes; the others get 403 and nothing changes", arguments: callers)
    func nationalSettings(_ caller: Caller) async throws {
        try await TestApp.run { app in
            let unit = try await app.unit(caller.unitCode, legacy: caller.legacy)
            let (_, password) = try await app.user(caller.name, roles: caller.roles, kind: caller.kind, in: unit)
            let before = try await Self.settings(app)
            try await app.client { browser in
                try await browser.login(caller.name, password)
                for route in Self.routes {
                    let answer = try await browser.post(route.path, route.fields)
                    if caller.allowed {
                        #expect(answer.status != .forbidden && answer.status != .notFound, "\(route.path): \(answer.status)")
                    } else {
                        #expect(answer.status == .forbidden, "\(route.path): \(answer.status)")
                    }
                }
                // The calendar page offers the settings' forms only to whom they are allowed.
                let calendar = try await browser.get("/calendar")
                #expect(calendar.body.contains("action=\"/calendar/overrides\"") == caller.allowed)
            }
            if !caller.allowed { #expect(try await Self.settings(app) == before) }
        }
    }

    /// Rows of every national setting and the audit entries of changes: what a refused request must leave as it was.
    static func settings(_ app: TestApp) async throws -> [Int] {
        var counts: [Int] = []
        for table in ["calendar_overrides", "calendar_years", "deadline_rules", "statistics_forms", "report_form_versions", "model_rating_levels"] {
            counts.append(try await LetterPageFixtures.count(app, table))
        }
        struct Row: Decodable { var n: Int }
        let changes = try await app.database.sql.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE action <> \(bind: AuditAction.login.rawValue)")
            .row(Row.self)?.n ?? -1
        return counts + [changes]
    }

    @Test("the stores refuse a national setting to a district administrator, whatever route calls them")
    func storesCheckTheLevel() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let scope = try await app.officer("quantri.huyen", roles: [.administrator], in: district)
            await #expect(throws: AppError.self) {
                try await app.services.calendars.setOverride(scope, date: CivilDate(iso: "2031-03-03")!, kind: .dayOff, note: "thử")
            }
            #expect(try await app.nationalScope().isNational)
            try await app.services.calendars.setOverride(try await app.nationalScope(), date: CivilDate(iso: "2031-03-03")!, kind: .dayOff, note: "thử")
        }
    }

    @Test("a user without the administrator role gets 404 for their own user page, as for any user out of reach (pages and store)")
    func ownUserPageIsNotFound() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (user, password) = try await app.user("canbo", roles: [.receptionOfficer], kind: "peoples_committee", in: district)
            try await app.client { browser in
                try await browser.login("canbo", password)
                #expect(try await browser.get("/users/\(user.id.uuidString.lowercased())").status == .notFound)
            }
            let scope = try await app.officer("canbo2", roles: [.receptionOfficer], in: district)
            let error = await #expect(throws: AppError.self) { try await app.services.accounts.user(scope, id: user.id) }
            #expect(error?.status == .notFound)
        }
    }
}
