import DanVanDomain
import Foundation
import FluentKit
import SQLKit
import Testing
@testable import DanVanApp

/// The monthly reports of `danvan demo load` (``ReportingDemo``): their values add up to the
/// seeds' figures, every month keeps the form's rules, the last month's reports stand as
/// described, and loading again adds nothing.
@Suite("Demo: the monthly reports of seeds 002 and 000")
struct ReportingDemoTests {
    @Test("Chư Pưh 2022: the police's 45 sessions / 11.245 attendees, 32 traffic-law sessions / 8.463, 660 posts; the military command's 63 gifts and 1 house; rules hold; December's states; loaded once")
    func chuPuh2022() async throws {
        try await TestApp.run { app in
            _ = try await DemoLoader.load(into: app.services)
            let before = try await Self.rowCounts(app)
            _ = try await DemoLoader.load(into: app.services)   // loaded once
            #expect(try await Self.rowCounts(app) == before)
            // The demo's values are written as entry writes them: the totals above them agree.
            struct Kept: Decodable { var n: Int }
            #expect(try await DataValueTotals.check(app.database).isEmpty)
            #expect(try await app.database.sql.raw("SELECT COUNT(*) AS n FROM data_value_totals").row(Kept.self)?.n ?? 0 > 0)
            let district = try await app.unit("639", legacy: true)
            let year = (from: 2022 * 12, to: 2022 * 12 + 11)
            #expect(try await Self.totals(app, district: district.id, months: year, kind: "police")
                    == ["TUYEN_TRUYEN_BUOI": 45, "TUYEN_TRUYEN_LUOT": 11_245, "TUYEN_TRUYEN_ATGT_BUOI": 32, "TUYEN_TRUYEN_ATGT_LUOT": 8_463, "TIN_BAI": 660])
            #expect(try await Self.totals(app, district: district.id, months: year, kind: "military_command") == ["QUA_XA_HOI": 63, "NHA_DAI_DOAN_KET": 1])
            // Nothing else: the report gives no other organisation's figures.
            #expect(try await Self.totals(app, district: district.id, months: year) == [
                "TUYEN_TRUYEN_BUOI": 45, "TUYEN_TRUYEN_LUOT": 11_245, "TUYEN_TRUYEN_ATGT_BUOI": 32, "TUYEN_TRUYEN_ATGT_LUOT": 8_463, "TIN_BAI": 660,
                "QUA_XA_HOI": 63, "NHA_DAI_DOAN_KET": 1,
            ])
            // Spread over the twelve months: the police reports propaganda every month.
            let police = try await Self.values(app, district: district.id, months: year).filter { $0.kind == "police" && $0.code == "TUYEN_TRUYEN_BUOI" }
            #expect(police.map(\.periodKey).sorted() == (1...12).map { String(format: "2022-%02d", $0) })
            try await Self.expectEntered(app, district: district.id, months: year, by: "demo.nhaplieu")
            try await Self.expectStates(app, district: district.id, months: (1...12).compactMap { ReportingPeriod.month(2022, $0) }, draftsOfLast: false)
            try await Self.expectConsolidated(app, district: district.id, months: (1...12).compactMap { ReportingPeriod.month(2022, $0) })
            try await Self.expectAudited(app, district: district.id)
        }
    }

    /// Dầu Tiếng (Bình Dương) is not in the test fixture, so its reports are loaded, by the same
    /// function, into a district of the fixture, with that district's demo users.
    @Test("Dầu Tiếng January–November 2018: 8.180.000.000 đồng, 813 and 6.725 gifts, 210 dossiers, 1 and 34 houses, 2.225 cards, 1.664 and 396 letters, 10 classes of 312, 1.350 placed; rules hold; November's states; loaded once")
    func dauTieng2018() async throws {
        try await TestApp.run { app in
            _ = try await DemoLoader.load(into: app.services)
            let scope = try await app.nationalScope()
            let district = try await app.unit("639", legacy: true)
            try await ReportingDemo.loadDauTieng(services: app.services, scope: scope, district: district, people: ReportingDemo.chuPuhPeople)
            let before = try await Self.rowCounts(app)
            try await ReportingDemo.loadDauTieng(services: app.services, scope: scope, district: district, people: ReportingDemo.chuPuhPeople)
            #expect(try await Self.rowCounts(app) == before)
            let months = (from: 2018 * 12, to: 2018 * 12 + 10)
            #expect(try await Self.totals(app, district: district.id, months: months) == [
                "VAN_DONG_TIEN": 8_180_000_000, "QUA_CHINH_SACH": 813, "QUA_XA_HOI": 6_725, "HO_SO_CHINH_SACH": 210, "NHA_TINH_NGHIA": 1,
                "NHA_DAI_DOAN_KET": 34, "THE_BHYT": 2_225, "THU_CHUC_MUNG": 1_664, "THU_CHIA_BUON": 396, "LOP_DAY_NGHE": 10, "HOC_VIEN_NGHE": 312,
                "GIOI_THIEU_VIEC_LAM": 1_350,
            ])
            // All of it the communes' (xã, thị trấn), none the district's; the Front mobilises, the People's Committee the rest.
            let values = try await Self.values(app, district: district.id, months: months)
            #expect(!values.isEmpty && values.allSatisfy { $0.unitID != district.id })
            #expect(Set(values.filter { $0.kind == "fatherland_front" }.map(\.code)) == ["VAN_DONG_TIEN", "QUA_XA_HOI", "NHA_DAI_DOAN_KET"])
            #expect(Set(values.map(\.kind)) == ["fatherland_front", "peoples_committee"])
            // Over January to November, and most of the communes.
            #expect(Set(values.map(\.periodKey)) == Set((1...11).map { String(format: "2018-%02d", $0) }))
            #expect(Set(values.map(\.unitID)).count >= 9)
            try await Self.expectEntered(app, district: district.id, months: months, by: "demo.nhaplieu")
            try await Self.expectStates(app, district: district.id, months: (1...11).compactMap { ReportingPeriod.month(2018, $0) }, draftsOfLast: true)
            try await Self.expectConsolidated(app, district: district.id, months: (1...11).compactMap { ReportingPeriod.month(2018, $0) })
        }
    }

    @Test("a small total falls on parts far apart; shares keep a rule that holds for the year in every month")
    func spreading() {
        #expect(ReportingDemo.weighted(1, Array(repeating: 1, count: 12)) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(ReportingDemo.weighted(10, [1, 1, 3]) == [2, 2, 6])
        let weights = (0..<132).map { (3 + $0 % 4) * (4 + $0 % 3) }
        #expect(ReportingDemo.weighted(34, weights).reduce(0, +) == 34 && ReportingDemo.weighted(34, weights).max() == 1)
        #expect(ReportingDemo.weighted(8_180_000, weights).reduce(0, +) == 8_180_000)
        for (part, whole) in [(32, 45), (8_463, 11_245), (2, 3), (5, 7)] {
            for parts in 1...13 {
                #expect(zip(ReportingDemo.shares(part, parts), ReportingDemo.shares(whole, parts)).allSatisfy { $0 <= $1 })
            }
        }
    }

    // MARK: Reading the database directly

    struct Counts: Decodable, Equatable {
        var reports: Int
        var actions: Int
        var values: Int
        var changes: Int
        var audits: Int
    }

    static func rowCounts(_ app: TestApp) async throws -> Counts? {
        try await app.database.sql.raw("""
            SELECT (SELECT COUNT(*) FROM reports) AS reports, (SELECT COUNT(*) FROM report_actions) AS actions,
                   (SELECT COUNT(*) FROM data_values) AS "values", (SELECT COUNT(*) FROM data_value_changes) AS changes,
                   (SELECT COUNT(*) FROM audit_entries e WHERE e.record_type IN ('report', 'data_values')) AS audits
            """).row(Counts.self)
    }

    struct Value: Decodable {
        var organisationID: UUID
        var unitID: UUID
        var kind: String
        var code: String
        var periodKey: String
        var value: Double
        var updatedBy: String
    }

    /// The values of the district and its units over a range of month numbers (year × 12 + month − 1).
    static func values(_ app: TestApp, district: UUID, months: (from: Int, to: Int)) async throws -> [Value] {
        try await app.database.sql.raw("""
            SELECT dv.organisation_id, dv.unit_id, o.kind, i.code, dv.period_key, dv.value, dv.updated_by
            FROM data_values dv JOIN indicators i ON i.id = dv.indicator_id JOIN organisations o ON o.id = dv.organisation_id
            WHERE dv.first_month >= \(bind: months.from) AND dv.last_month <= \(bind: months.to)
            AND \(Reach.subtree("dv.unit_id", of: district, paths: .tree))
            """).rows(Value.self)
    }

    /// The sums by indicator, in SQL, of the district's values (of one kind of organisation).
    static func totals(_ app: TestApp, district: UUID, months: (from: Int, to: Int), kind: String? = nil) async throws -> [String: Double] {
        struct Total: Decodable { var code: String; var total: Double }
        let rows = try await app.database.sql.raw("""
            SELECT i.code, SUM(dv.value) AS total
            FROM data_values dv JOIN indicators i ON i.id = dv.indicator_id JOIN organisations o ON o.id = dv.organisation_id
            WHERE dv.first_month >= \(bind: months.from) AND dv.last_month <= \(bind: months.to) AND (o.kind = \(bind: kind ?? "") OR \(bind: kind == nil))
            AND \(Reach.subtree("dv.unit_id", of: district, paths: .tree))
            GROUP BY i.code
            """).rows(Total.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.code, $0.total) })
    }

    /// Every value entered by the demo user with its one changelog row, and the form's rules
    /// kept by every organisation in every month.
    static func expectEntered(_ app: TestApp, district: UUID, months: (from: Int, to: Int), by username: String) async throws {
        let values = try await values(app, district: district, months: months)
        #expect(values.allSatisfy { $0.updatedBy == username })
        struct Change: Decodable { var organisationID: UUID; var code: String; var periodKey: String; var previousValue: Double?; var value: Double?; var createdBy: String }
        let changes = try await app.database.sql.raw("""
            SELECT c.organisation_id, i.code, c.period_key, c.previous_value, c.value, c.created_by
            FROM data_value_changes c JOIN indicators i ON i.id = c.indicator_id
            WHERE \(Reach.subtree("c.unit_id", of: district, paths: .tree))
            """).rows(Change.self).filter { change in values.contains { $0.organisationID == change.organisationID && $0.periodKey == change.periodKey } }
        #expect(changes.count == values.count)
        for value in values {
            let its = changes.filter { $0.organisationID == value.organisationID && $0.code == value.code && $0.periodKey == value.periodKey }
            #expect(its.count == 1 && its.first?.previousValue == nil && its.first?.value == value.value && its.first?.createdBy == username)
        }
        let form = try #require(try await ReportingDemo.Form.monthly(app.database, for: .month(2018, 1)!))
        #expect(form.rules.count == ReportingCatalogue.monthlyRules.count)
        let byReport = Dictionary(grouping: values) { "\($0.organisationID) \($0.periodKey)" }
        for (report, entered) in byReport {
            let violations = ValidationRule.violations(form.rules, Dictionary(uniqueKeysWithValues: entered.map { ($0.code, $0.value) }), names: [:])
            #expect(violations.isEmpty, "\(report): \(violations.map(\.message))")
        }
    }

    struct Report: Decodable {
        var id: UUID
        var organisationID: UUID
        var unitID: UUID
        var kind: String
        var periodKey: String
        var state: String
        var submittedOn: String?
        var returnReason: String?
    }

    /// Every reporting organisation's report of each earlier month submitted within the window and
    /// approved; in the last month, the district's submitted and waiting, the second-to-last
    /// commune's reopened and submitted late, the last commune's not submitted (a draft where it
    /// entered values), the first commune's Front report returned with a reason, the rest approved.
    static func expectStates(_ app: TestApp, district: UUID, months: [ReportingPeriod], draftsOfLast: Bool) async throws {
        let scope = try await app.nationalScope()
        let sql = app.database.sql
        let form = try #require(try await ReportingDemo.Form.monthly(app.database, for: months[0]))
        let last = try #require(months.last)
        func reporting(_ unit: UUID) async throws -> [OrganisationSummary] {
            try await app.services.organisations.organisations(scope, unitID: unit).filter { form.kinds.contains($0.kind) }
        }
        let districtOrganisations = try await reporting(district)
        let communes = try await app.services.units.children(scope, of: district, on: last.lastDay).sortedVietnamese()
        var communeOrganisations: [[OrganisationSummary]] = []
        for commune in communes { communeOrganisations.append(try await reporting(commune.id)) }
        #expect(communes.count >= 3 && districtOrganisations.count == 9 && communeOrganisations.allSatisfy { $0.count == 9 })
        let expected = districtOrganisations + communeOrganisations.flatMap { $0 }
        let reports = try await sql.raw("""
            SELECT r.id, r.organisation_id, r.unit_id, o.kind, r.period_key, r.state, r.submitted_on, r.return_reason
            FROM reports r JOIN organisations o ON o.id = r.organisation_id
            WHERE r.form_id = \(bind: form.id) AND r.period_key IN (\(binds: months.map(\.key)))
            AND \(Reach.subtree("r.unit_id", of: district, paths: .tree))
            """).rows(Report.self).filter { form.kinds.contains($0.kind) }   // the consolidated report apart (``expectConsolidated``)
        struct Action: Decodable { var reportID: UUID; var action: String; var reason: String? }
        let actions = Dictionary(grouping: try await sql.raw("""
            SELECT a.report_id, a.action, a.reason FROM report_actions a JOIN reports r ON r.id = a.report_id
            WHERE r.form_id = \(bind: form.id) AND \(Reach.subtree("r.unit_id", of: district, paths: .tree)) ORDER BY a.created_at
            """).rows(Action.self)) { $0.reportID }
        func steps(_ report: Report) -> [String] { actions[report.id, default: []].map(\.action) }
        for month in months.dropLast() {
            let window = form.window.dates(of: month, form.cutOff)
            let of = reports.filter { $0.periodKey == month.key }
            #expect(Set(of.map(\.organisationID)) == Set(expected.map(\.id)) && of.count == expected.count, "\(month.key)")
            #expect(of.allSatisfy { $0.state == "approved" && steps($0) == ["submit", "approve"] }, "\(month.key)")
            #expect(of.allSatisfy { window.contains(CivilDate(iso: $0.submittedOn ?? "")!) }, "\(month.key)")
        }
        let window = form.window.dates(of: last, form.cutOff)
        let of = reports.filter { $0.periodKey == last.key }
        func reportsOf(_ organisations: [OrganisationSummary]) -> [Report] { of.filter { report in organisations.contains { $0.id == report.organisationID } } }
        let onTime = { (report: Report) in report.submittedOn.flatMap(CivilDate.init(iso:)).map(window.contains) == true }
        // The district organisations' own: submitted within the window, waiting for the Ban Dân vận.
        let own = reportsOf(districtOrganisations)
        #expect(own.count == 9 && own.allSatisfy { $0.state == "submitted" && onTime($0) && steps($0) == ["submit"] })
        // Late: reopened by the Ban Dân vận with a reason after the window closed, submitted after it.
        let late = reportsOf(communeOrganisations[communes.count - 2])
        #expect(late.count == 9 && late.allSatisfy { $0.state == "submitted" && CivilDate(iso: $0.submittedOn ?? "")! > window.to && steps($0) == ["unlock", "submit"] })
        #expect(late.allSatisfy { actions[$0.id]?.first?.reason?.isEmpty == false })
        // Not submitted: no report, or a draft of what it entered.
        let missing = reportsOf(communeOrganisations[communes.count - 1])
        #expect(missing.allSatisfy { $0.state == "draft" && $0.submittedOn == nil && steps($0).isEmpty })
        #expect(missing.isEmpty != draftsOfLast)
        // Returned with its reason: the first commune's Fatherland Front.
        let returned = of.filter { $0.state == "returned" }
        #expect(returned.count == 1 && returned.first?.kind == "fatherland_front" && returned.first?.unitID == communes[0].id)
        #expect(returned.allSatisfy { $0.returnReason == ReportingDemo.returnReason && steps($0) == ["submit", "return"] && onTime($0) })
        #expect(returned.allSatisfy { actions[$0.id]?.last?.reason == ReportingDemo.returnReason })
        // The rest approved, on time: most of the month's reports.
        let approved = of.filter { $0.state == "approved" }
        #expect(approved.count == expected.count - 9 - 9 - 9 - 1 && approved.allSatisfy { onTime($0) && steps($0) == ["submit", "approve"] })
        #expect(approved.count * 2 > expected.count)
        #expect(of.filter { $0.returnReason != nil }.count == 1)
    }

    /// The consolidated report of the district's Ban Dân vận as the workflow reads it: the body
    /// above it (``ReportNetwork``) receives it every month, on time, approved by one of its users
    /// in the earlier months and waiting in the last, whose approval the workflow refuses; the
    /// district's own page shows every earlier month approved and, in the last, the late and the
    /// missing commune.
    static func expectConsolidated(_ app: TestApp, district: UUID, months: [ReportingPeriod]) async throws {
        let store = ReportEntryStore(database: app.database)
        let form = try await store.catalogue.form(code: ReportingCatalogue.monthlyForm.code)
        let scope = try await app.nationalScope()
        let board = try await store.network.organisation(id: try #require(
            try await app.services.organisations.organisations(scope, unitID: district).first { $0.kind == "dan_van_board" }).id)
        let last = try #require(months.last)
        let communes = try await app.services.units.children(scope, of: district, on: last.lastDay).sortedVietnamese()
        for month in months {
            let version = try #require(try await store.catalogue.version(of: form, for: month))
            let above = try #require(try await store.network.approver(of: board, version, month), "\(month.key)")
            #expect(above.kind == "dan_van_board" && above.unitLevel == board.unitLevel - 1)
            let user = try #require(try await ReportingDemo.approvingUser(of: above, app.database))
            // The body above's page: received, on time; approved by its user, or waiting.
            let received = try await store.receivedStates(above, version, month)
            let row = try #require(received.first { $0.organisation.id == board.id }, "\(month.key)")
            let seen = ReportEntryStore.completeness(received, version, month)
            #expect(!seen.missing.contains(board.id) && !seen.late.contains(board.id), "\(month.key)")
            let report = try #require(row.report)
            let steps = try await store.actions(reportID: report.id)
            if month == last {
                #expect(report.state == "submitted" && steps.map(\.action) == ["submit"])
            } else {
                #expect(report.state == "approved" && steps.map(\.action) == ["submit", "approve"], "\(month.key)")
                #expect(steps.last?.createdBy == user && steps.first?.createdBy == ReportingDemo.chuPuhPeople.approves)
            }
            // Submitted after the reports it received were approved (the earlier months).
            let own = try await store.receivedStates(board, version, month)
            let approvedAt = own.compactMap { $0.report?.updatedAt }.max()
            #expect(own.count > 9 && (month == last || (approvedAt.map { $0 < steps[0].createdAt } ?? false)), "\(month.key)")
            let ownSeen = ReportEntryStore.completeness(own, version, month)
            if month == last {
                #expect(ownSeen.missing.count == 9 && ownSeen.late.count == 9 && ownSeen.received == own.count - 9)
                #expect(own.filter { $0.organisation.unitID == communes[communes.count - 1].id }.allSatisfy { ownSeen.missing.contains($0.organisation.id) })
                #expect(own.filter { $0.organisation.unitID == communes[communes.count - 2].id }.allSatisfy { ownSeen.late.contains($0.organisation.id) })
                // The workflow refuses the body above's approval: not all it received is approved.
                let approver = try #require(try await User.query(on: app.database.db).filter(\.$username == user).first())
                let approverScope = try await app.services.accounts.systemScope(for: approver, address: "test")
                await #expect(throws: ReportEntryRefusal.self) {
                    try await store.act(approverScope, organisationID: board.id, formID: form.id, period: month, action: .approve)
                }
            } else {
                #expect(ownSeen.missing.isEmpty && ownSeen.late.isEmpty && own.allSatisfy { $0.report?.state == "approved" }, "\(month.key)")
            }
        }
    }

    /// Every action on the district's reports with its audit entry, by the same user (with its
    /// id) at the same moment, and every organisation's save of a month's values with one.
    static func expectAudited(_ app: TestApp, district: UUID) async throws {
        let sql = app.database.sql
        struct Entry: Decodable { var recordType: String; var recordID: String; var createdBy: String; var at: Date; var userID: UUID?; var after: String }
        let entries = try await sql.raw("""
            SELECT e.record_type, e.record_id, e.created_by, e.at, e.user_id, e.after FROM audit_entries e WHERE e.record_type IN ('report', 'data_values')
            """).rows(Entry.self)
        #expect(entries.allSatisfy { $0.userID != nil })
        struct Action: Decodable { var reportID: UUID; var action: String; var createdBy: String; var createdAt: Date }
        let actions = try await sql.raw("""
            SELECT a.report_id, a.action, a.created_by, a.created_at FROM report_actions a JOIN reports r ON r.id = a.report_id
            WHERE \(Reach.subtree("r.unit_id", of: district, paths: .tree))
            """).rows(Action.self)
        let byReport = Dictionary(grouping: entries.filter { $0.recordType == "report" }) { $0.recordID.lowercased() }
        #expect(!actions.isEmpty && byReport.values.map(\.count).reduce(0, +) == actions.count)
        for action in actions {
            let its = byReport[action.reportID.uuidString.lowercased(), default: []]
            #expect(its.contains { $0.createdBy == action.createdBy && abs($0.at.timeIntervalSince(action.createdAt)) < 0.01 && $0.after.contains("\"action\":\"\(action.action)\"") },
                    "\(action.reportID) \(action.action)")
        }
        struct Saved: Decodable { var organisationID: UUID; var periodKey: String; var updatedBy: String }
        let saved = try await sql.raw("""
            SELECT DISTINCT dv.organisation_id, dv.period_key, dv.updated_by FROM data_values dv WHERE \(Reach.subtree("dv.unit_id", of: district, paths: .tree))
            """).rows(Saved.self)
        let byOrganisation = Dictionary(grouping: entries.filter { $0.recordType == "data_values" }) { $0.recordID.lowercased() }
        #expect(!saved.isEmpty)
        for organisation in Set(saved.map(\.organisationID)) {
            let its = byOrganisation[organisation.uuidString.lowercased(), default: []]
            #expect(its.count == saved.filter { $0.organisationID == organisation }.count && its.allSatisfy { $0.createdBy == saved[0].updatedBy })
        }
    }
}
