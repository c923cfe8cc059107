import DanVanDomain
import FluentKit
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// Completeness and timeliness per form, unit and period, the missing organisations listed; what
/// waits on the home page; reminders through the inbox.
@Suite("Reporting: completeness and reminders")
struct ReportEntryCompletenessTests {
    @Test("expected, received, on time under a unit; the missing listed; a late report counted late; a unit outside reach is 404")
    func completeness() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            let period = ReportEntryFixture.period
            try await f.act(f.policeOfficer, f.police, .submit)
            try await f.act(f.districtStaff, f.front, .unlock, reason: "Nhập muộn", on: ReportEntryFixture.closedDay)
            try await f.act(f.communeOfficer, f.front, .submit, on: ReportEntryFixture.closedDay)
            let district = try await f.store.completeness(f.districtStaff, formID: f.form.id, unitID: f.district.id, period: period)
            #expect(district.completeness.expected == 2 && district.completeness.received == 2 && district.completeness.onTime == 1)
            #expect(district.completeness.late == [f.front.id] && district.missing.isEmpty)
            let june = try await f.store.completeness(f.districtStaff, formID: f.form.id, unitID: f.district.id, period: .month(2022, 6)!)
            #expect(june.completeness.received == 0 && june.missing.map(\.id) == [f.police.id, f.front.id])
            // An organisation-only user (the district police's officer) sees its own organisation, not the whole district's.
            let own = try await f.store.completeness(f.policeOfficer, formID: f.form.id, unitID: f.district.id, period: .month(2022, 6)!)
            #expect(own.reporters.map(\.id) == [f.police.id] && own.completeness.expected == 1 && own.missing.map(\.id) == [f.police.id])
            #expect(await ReportEntryFixture.status {
                _ = try await f.store.completeness(f.communeOfficer, formID: f.form.id, unitID: f.district.id, period: period)
            } == 404)
        }
    }

    @Test("the completeness page shows the store's figures for the district and each unit below, the missing by name, each figure opening its list")
    func page() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            let period = ReportEntryFixture.period
            try await f.act(f.policeOfficer, f.police, .submit)
            let district = try await f.store.completeness(f.districtStaff, formID: f.form.id, unitID: f.district.id, period: period)
            let commune = try await f.store.completeness(f.districtStaff, formID: f.form.id, unitID: f.commune.id, period: period)
            #expect(district.completeness.received == 1 && commune.completeness.received == 0)
            @Sendable func expected(_ result: ReportCompleteness) -> [String: String] {
                let c = result.completeness
                return ["expected": VietnameseFormat.integer(c.expected), "received": VietnameseFormat.integer(c.received),
                        "on_time": VietnameseFormat.integer(c.onTime), "late": VietnameseFormat.integer(c.late.count),
                        "missing": VietnameseFormat.integer(c.missing.count), "received_rate": c.receivedRate ?? "–", "on_time_rate": c.onTimeRate ?? "–"]
            }
            try await app.client { browser in
                _ = try await browser.login("bdv.chupuh", f.passwords["bdv.chupuh"]!)
                let page = try await browser.get(ReportCompletenessController.href(form: f.form.id, unit: f.district.id, period: period, list: nil))
                #expect(page.status == .ok)
                #expect(Self.figures(page.body, unit: f.district.name) == expected(district))
                #expect(Self.figures(page.body, unit: f.commune.name) == expected(commune))
                #expect(page.body.contains("Tháng 05/2022") && page.body.contains("15/05/2022 – 20/05/2022"))
                let missing = try #require(page.body.range(of: "id=\"completeness-missing\"")).upperBound
                #expect(page.body[missing...].prefix(400).contains("Ủy ban MTTQ xã Ia Le") && !page.body[missing...].prefix(400).contains("Công an huyện Chư Pưh"))
                // Each figure opens its list: the district's received, the commune's missing.
                let received = try await browser.get(ReportCompletenessController.href(form: f.form.id, unit: f.district.id, period: period, list: .received))
                let list = try #require(received.body.range(of: "id=\"completeness-organisations\"")).upperBound
                #expect(received.body[list...].contains("Công an huyện Chư Pưh") && !received.body[list...].contains("Ủy ban MTTQ xã Ia Le"))
                #expect(received.body[list...].contains(VietnameseFormat.date(ReportEntryFixture.openDay)) || received.body[list...].contains("Đúng hạn"))
                let link = ReportCompletenessController.href(form: f.form.id, unit: f.commune.id, period: period, list: .missing)
                #expect(page.body.contains(link.replacingOccurrences(of: "&", with: "&amp;") + "#organisations"))
                // A period before the form's first version (01/01/2018) is neither offered nor a 404: the page shows the latest period.
                let before = try await browser.get(SiteURL.reportCompleteness([("form", f.form.id.uuidString.lowercased()), ("period", "2017-12")]).path)
                #expect(before.status == .ok && !before.body.contains("Tháng 12/2017") && !before.body.contains("value=\"2017-"))
                // A form or unit named but unknown is 404, not another one's page.
                #expect(try await browser.get(SiteURL.reportCompleteness([("form", UUID().uuidString.lowercased())]).path).status == .notFound)
                #expect(try await browser.get(SiteURL.reportCompleteness([("unit", "chu-puh")]).path).status == .notFound)
                // In English, the period is named in English.
                _ = try await browser.get("/language?to=en")
                #expect(try await browser.get(ReportCompletenessController.href(form: f.form.id, unit: f.district.id, period: period, list: nil)).body.contains("May 2022"))
            }
            try await app.client { browser in
                _ = try await browser.login("mttq.iale", f.passwords["mttq.iale"]!)
                #expect(try await browser.get(ReportCompletenessController.href(form: f.form.id, unit: f.district.id, period: period, list: nil)).status == .notFound)
            }
        }
    }

    @Test("a 2025 province's completeness for May 2022 is broken into the legacy units in force then: every reporter of its total is in one row")
    func acrossTheReorganisation() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            let national = try await app.nationalScope()
            let period = ReportEntryFixture.period
            let successor = try #require(try await app.services.units.successors(national, of: f.commune.id).first?.unit)
            let province = try #require(try await app.services.units.ancestors(national, of: successor.id).first { $0.level == 1 && $0.validTo == nil })
            let total = try await f.store.completeness(national, formID: f.form.id, unitID: province.id, period: period)
            let rows = try await f.store.completenessBelow(national, formID: f.form.id, unit: province, period: period)
            #expect(total.completeness.expected == 2, "the Front of Ia Le and the district police")
            #expect(rows.map(\.unit.id) == [f.province.id] && rows.allSatisfy { $0.unit.validTo != nil })
            #expect(rows.map(\.result.completeness.expected).reduce(0, +) == total.completeness.expected)
            // The legacy province's own rows are its districts of 2022, the district police in the district's.
            let districts = try await f.store.completenessBelow(national, formID: f.form.id, unit: f.province, period: period)
            #expect(districts.map(\.unit.id) == [f.district.id] && districts.first?.result.completeness.expected == 2)
        }
    }

    /// The figures of a unit's row in the page's table, by name.
    static func figures(_ body: String, unit: String) -> [String: String] {
        guard let table = body.range(of: "id=\"completeness-units\""), let start = body[table.upperBound...].range(of: ">\(unit)<"),
              let end = body[start.upperBound...].range(of: "</tr>") else { return [:] }
        var figures: [String: String] = [:]
        for match in body[start.upperBound..<end.lowerBound].matches(of: /data-figure="([a-z_]+)">(?:<a href="[^"]*">)?([^<]*)</) {
            figures[String(match.1)] = String(match.2)
        }
        return figures
    }

    @Test("a return reaches the organisation's inbox with its reason; entry opening is told once; the home page lists what waits")
    func reminders() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            struct Row: Decodable { var kind: String; var title: String; var subjectType: String }
            try await f.act(f.communeOfficer, f.front, .submit)
            #expect(try await f.store.toApprove(f.districtStaff).count == 1)
            #expect(try await f.store.toApprove(f.communeOfficer).count == 0)
            try await f.act(f.districtStaff, f.front, .sendBack, reason: "Thiếu số liệu tháng 5")
            let notices = try await app.database.sql.raw("SELECT kind, title, subject_type FROM notifications").rows(Row.self)
            #expect(notices.count == 1 && notices[0].kind == "report_returned" && notices[0].title.contains("Thiếu số liệu tháng 5") && notices[0].subjectType == "report")
            #expect(try await f.store.toFill(f.communeOfficer, today: ReportEntryFixture.openDay) == 1)
            // 15/05/2022: entry of May opens; the Front's and the police's users are told, once.
            let opens = CivilDate(year: 2022, month: 5, day: 15)!
            #expect(try await f.store.remindEntryOpens(on: opens) == 2)
            _ = try await f.store.remindEntryOpens(on: opens)
            let open = try await app.database.sql.raw("SELECT kind, title, subject_type FROM notifications WHERE kind = 'report_open'").rows(Row.self)
            #expect(open.count == 2 && open.allSatisfy { $0.title.contains("Tháng 05/2022") && $0.title.contains("20/05/2022") })
        }
    }
    @Test("the entry-opens reminder reaches the active users of exactly the reporting organisations, in one statement, and never twice")
    func setBasedReminder() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            let opens = CivilDate(year: 2022, month: 5, day: 15)!
            let db = app.database.db
            func user(_ username: String, of organisation: UUID, active: Bool = true) async throws -> UUID {
                let user = User(username: username, fullName: username, passwordHash: "x", organisationID: organisation, roles: [.reportingOfficer],
                                scopeMode: .organisation, mustChangePassword: false)
                user.active = active
                try await user.create(on: db)
                return try user.requireID()
            }
            // Not told: a reporting kind whose organisation closed before May 2022, and an inactive user of the Front.
            let closedName = "Hội Nông dân xã Ia Le (đã giải thể)"
            let closed = Organisation(unitID: f.commune.id, kind: "farmers_union", name: closedName, searchName: VietnameseText.folded(closedName),
                                      validFrom: nil, validTo: "2021-12-31")
            try await closed.create(on: db)
            let closedUser = try await user("nongdan.cu", of: try closed.requireID())
            let inactive = try await user("mttq.nghiviec", of: f.front.id, active: false)
            let second = try await user("mttq.iale2", of: f.front.id)
            struct Told: Decodable { var userID: UUID; var organisationID: UUID }
            func told() async throws -> [Told] {
                try await app.database.sql.raw("""
                    SELECT n.\(\NotificationRecord.userID), n.\(\NotificationRecord.organisationID) FROM notifications n
                    WHERE n.kind = \(bind: NotificationKind.reportOpen.rawValue) AND n.\(\NotificationRecord.subjectID) = \(bind: f.form.id)
                    AND n.\(\NotificationRecord.occasion) = '2022-05'
                    """).rows(Told.self)
            }
            struct ID: Decodable { var id: UUID }
            let reporters = try await app.database.sql.raw("""
                SELECT us.id FROM users us WHERE us.\(\User.$organisationID) IN (\(binds: [f.front.id, f.police.id])) AND us.active = \(bind: true)
                """).rows(ID.self).map(\.id)
            #expect(reporters.count == 3 && reporters.contains(second) && !reporters.contains(inactive))
            // The Front and the district police: each active user once; not the approvers, the closed union, the inactive user.
            #expect(try await f.store.remindEntryOpens(on: opens) == 2)
            let first = try await told()
            #expect(first.count == reporters.count && Set(first.map(\.userID)) == Set(reporters))
            #expect(Set(first.map(\.organisationID)) == [f.front.id, f.police.id] && !first.contains { $0.userID == closedUser })
            // Run again the same day: no one is told twice.
            #expect(try await f.store.remindEntryOpens(on: opens) == 0)
            #expect(try await told().count == first.count)
            // A user who joins the police afterwards is told on the next run, alone.
            let newcomer = try await user("ca.chupuh2", of: f.police.id)
            #expect(try await f.store.remindEntryOpens(on: opens) == 1)
            let after = try await told()
            #expect(after.count == first.count + 1 && after.filter { $0.userID == newcomer }.count == 1)
            // The next day opens nothing.
            #expect(try await f.store.remindEntryOpens(on: CivilDate(year: 2022, month: 5, day: 16)!) == 0)
        }
    }
}
