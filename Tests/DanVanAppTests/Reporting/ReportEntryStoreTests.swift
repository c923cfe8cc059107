import DanVanDomain
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// The one save path of reported values: the version in force, who reports to whom, every cell
/// read with its value type, the lock, one transaction with the changelog and the audit entry.
@Suite("Reporting: entry and the save path")
struct ReportEntryStoreTests {
    struct Count: Decodable { var n: Int }

    static func count(_ app: TestApp, _ query: SQLQueryString) async throws -> Int {
        try await app.database.sql.raw(query).row(Count.self)?.n ?? -1
    }

    @Test("the version in force for a period; who must report under a unit; each report's approving body; what a body receives")
    func network() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            let catalogue = ReportFormCatalogue(database: app.database)
            #expect(try await catalogue.version(of: f.form, for: .month(2017, 12)!) == nil)
            let version = try #require(try await catalogue.version(of: f.form, for: ReportEntryFixture.period))
            #expect(version.record.validFrom == "2018-01-01" && version.frequency == .month && version.rules.count == 3)
            #expect(version.entryDates(ReportEntryFixture.period) == ReportPeriod(from: CivilDate(year: 2022, month: 5, day: 15)!, to: CivilDate(year: 2022, month: 5, day: 20)!))
            let network = ReportNetwork(database: app.database)
            #expect(try await network.reporters(version, ReportEntryFixture.period, under: f.district.id).map(\.id) == [f.police.id, f.front.id])
            #expect(try await network.reporters(version, ReportEntryFixture.period, under: f.commune.id).map(\.id) == [f.front.id])
            // The legacy units are not those of 2026: nobody reports there then.
            #expect(try await network.reporters(version, .month(2026, 5)!, under: f.district.id).isEmpty)
            #expect(try await network.approver(of: f.front, version, ReportEntryFixture.period)?.id == f.districtBoard.id)
            #expect(try await network.approver(of: f.police, version, ReportEntryFixture.period)?.id == f.districtBoard.id)
            #expect(try await network.approver(of: f.districtBoard, version, ReportEntryFixture.period)?.id == f.provinceBoard.id)
            #expect(try await network.approver(of: f.provinceBoard, version, ReportEntryFixture.period) == nil)
            #expect(Set(try await network.received(by: f.districtBoard, version, ReportEntryFixture.period).map(\.id)) == [f.police.id, f.front.id])
            #expect(try await network.received(by: f.provinceBoard, version, ReportEntryFixture.period).map(\.id) == [f.districtBoard.id])
        }
    }

    @Test("two approving bodies in one unit: neither approves the other, both report above; the unit's reporters go to one, chosen by kind order then id")
    func twoApproversInAUnit() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            let version = try #require(try await ReportFormCatalogue(database: app.database).version(of: f.form, for: ReportEntryFixture.period))
            // A name sorting before the Ban Dân vận's: the name does not decide.
            let second = Organisation(unitID: f.district.id, kind: "propaganda_dan_van_board", name: "Ban Tuyên giáo và Dân vận Chư Pưh",
                                      searchName: VietnameseText.folded("Ban Tuyên giáo và Dân vận Chư Pưh"))
            try await second.create(on: app.database.db)
            let network = ReportNetwork(database: app.database)
            let board = try await network.organisation(id: try second.requireID())
            let period = ReportEntryFixture.period
            #expect(try await network.approver(of: f.districtBoard, version, period)?.id == f.provinceBoard.id)
            #expect(try await network.approver(of: board, version, period)?.id == f.provinceBoard.id)
            let first = [f.districtBoard, board].min(by: ReportNetwork.before)!
            #expect(try await network.approver(of: f.police, version, period)?.id == first.id)
            #expect(Set(try await network.received(by: first, version, period).map(\.id)) == [f.police.id, f.front.id])
            #expect(try await network.received(by: first.id == board.id ? f.districtBoard : board, version, period).isEmpty)
            #expect(Set(try await network.received(by: f.provinceBoard, version, period).map(\.id)) == [f.districtBoard.id, board.id])
        }
    }

    @Test("a good form is saved with one change row per value and one audit entry; posting it twice changes nothing twice; a comment per value")
    func savesOnce() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            let cells = ["TUYEN_TRUYEN_BUOI": "45", "TUYEN_TRUYEN_LUOT": "11.245", "VAN_DONG_TIEN": " 8.195.000.000 ", "HIEN_DAT": ""]
            let first = try await f.save(f.communeOfficer, f.front, cells, comments: ["TUYEN_TRUYEN_BUOI": "Kể cả 32 buổi về an toàn giao thông"])
            #expect(first.changed == 3 && first.warnings.isEmpty)
            let values = try await f.store.values(organisationID: f.front.id, period: ReportEntryFixture.period)
            #expect(values["TUYEN_TRUYEN_LUOT"]?.value == 11_245 && values["VAN_DONG_TIEN"]?.value == 8_195_000_000 && values["HIEN_DAT"] == nil)
            #expect(values["TUYEN_TRUYEN_BUOI"]?.comment == "Kể cả 32 buổi về an toàn giao thông" && values["TUYEN_TRUYEN_BUOI"]?.firstMonth == 2022 * 12 + 4)
            #expect(try await Self.count(app, "SELECT COUNT(*) AS n FROM data_value_changes") == 3)
            let audits = "SELECT COUNT(*) AS n FROM audit_entries WHERE record_type = 'data_values'" as SQLQueryString
            #expect(try await Self.count(app, audits) == 1)
            let again = try await f.save(f.communeOfficer, f.front, cells, comments: ["TUYEN_TRUYEN_BUOI": "Kể cả 32 buổi về an toàn giao thông"])
            #expect(again.changed == 0)
            #expect(try await Self.count(app, "SELECT COUNT(*) AS n FROM data_value_changes") == 3)
            #expect(try await Self.count(app, audits) == 1)
            // One value changed, then cleared: a change row each, the previous value kept in it.
            #expect(try await f.save(f.communeOfficer, f.front, ["TUYEN_TRUYEN_BUOI": "46"]).changed == 1)
            #expect(try await f.save(f.communeOfficer, f.front, ["TUYEN_TRUYEN_LUOT": ""]).changed == 1)
            struct Change: Decodable { var previousValue: Double?; var value: Double? }
            let changes = try await app.database.sql.raw("SELECT previous_value, value FROM data_value_changes ORDER BY created_at, value").rows(Change.self)
            #expect(changes.count == 5 && changes.contains { $0.previousValue == 45 && $0.value == 46 } && changes.contains { $0.previousValue == 11_245 && $0.value == nil })
        }
    }

    @Test("a comment saved while another form's save changes the same value keeps that value and records it as the previous one (PostgreSQL's row locks)")
    func commentBesideAConcurrentChange() async throws {
        try await TestApp.run { app in
            // SQLite runs one writing transaction at a time: the two saves cannot overlap there.
            guard app.database.isPostgres else { return }
            let f = try await ReportEntryFixture.make(app)
            try await f.save(f.communeOfficer, f.front, ["TUYEN_TRUYEN_BUOI": "45"])
            typealias D = DataValueRecord
            // Another form's save of the same indicator, in flight: its row changed to 50, not yet committed.
            let comment: Task<ReportSaveResult, any Error> = try await app.database.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                let row = try #require(try await sql.raw("""
                    SELECT \(unsafeRaw: RowColumns.select(D.self, from: "d")) FROM data_values d WHERE d.organisation_id = \(bind: f.front.id)
                    """).rows(D.self).first)
                var changed = row
                changed.value = 50
                try await ReportEntryStore.write([(row, changed)], on: sql)
                // A comment saved meanwhile: it waits for the rows, instead of writing back the 45 it would have read.
                let task = Task { try await f.save(f.communeOfficer, f.front, [:], comments: ["TUYEN_TRUYEN_BUOI": "Kể cả 32 buổi về an toàn giao thông"]) }
                try await Task.sleep(for: .milliseconds(500))
                return task
            }
            #expect(try await comment.value.changed == 1)
            let values = try await f.store.values(organisationID: f.front.id, period: ReportEntryFixture.period)
            #expect(values["TUYEN_TRUYEN_BUOI"]?.value == 50 && values["TUYEN_TRUYEN_BUOI"]?.comment == "Kể cả 32 buổi về an toàn giao thông")
            struct Change: Decodable { var previousValue: Double?; var value: Double?; var comment: String? }
            let last = try await app.database.sql.raw("SELECT previous_value, value, comment FROM data_value_changes WHERE comment IS NOT NULL").rows(Change.self)
            #expect(last.count == 1 && last.first?.previousValue == 50 && last.first?.value == 50)
            #expect(try await DataValueTotals.check(app.database).isEmpty)
        }
    }

    @Test("letters in a number cell, a negative count, decimals in a count, a computed indicator: each refused beside its cell, nothing half-saved")
    func badCells() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            let refusal = try #require(await ReportEntryFixture.refusal {
                try await f.save(f.communeOfficer, f.front, ["TUYEN_TRUYEN_BUOI": "45", "TUYEN_TRUYEN_LUOT": "mười", "TIN_BAI": "-3",
                                                           "HIEN_DAT": "1,5", "DON_TIEP_NHAN": "12", "KHONG_CO": "1"])
            })
            #expect(refusal.message == nil)
            #expect(refusal.cells["TUYEN_TRUYEN_LUOT"] == NumberEntryProblem.notANumber.message)
            #expect(refusal.cells["TIN_BAI"] == NumberEntryProblem.negative.message)
            #expect(refusal.cells["HIEN_DAT"] == NumberEntryProblem.notWhole.message)
            #expect(refusal.cells["DON_TIEP_NHAN"]?.contains("tính tự động") == true)
            #expect(refusal.cells["KHONG_CO"]?.contains("không có trong biểu mẫu") == true)
            #expect(refusal.cells["TUYEN_TRUYEN_BUOI"] == nil)
            #expect(try await f.store.values(organisationID: f.front.id, period: ReportEntryFixture.period).isEmpty)
            #expect(try await Self.count(app, "SELECT COUNT(*) AS n FROM data_value_changes") == 0)
        }
    }

    @Test("a value for a closed period or before entry opens is refused with the lock's reason; an organisation outside reach is 404; a reader is 403")
    func lockedAndOutOfReach() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            let closed = await ReportEntryFixture.refusal { try await f.save(f.communeOfficer, f.front, ["TIN_BAI": "3"], on: ReportEntryFixture.closedDay) }
            #expect(closed?.message == ReportLock.periodClosed(CivilDate(year: 2022, month: 5, day: 20)!).message)
            let early = await ReportEntryFixture.refusal { try await f.save(f.communeOfficer, f.front, ["TIN_BAI": "3"], on: CivilDate(year: 2022, month: 5, day: 2)!) }
            #expect(early?.message == ReportLock.notOpenYet(CivilDate(year: 2022, month: 5, day: 15)!).message)
            // The district police (its own organisation only) do not reach the commune's Front.
            #expect(await ReportEntryFixture.status { try await f.save(f.policeOfficer, f.front, ["TIN_BAI": "3"]) } == 404)
            // A Ban Dân vận is no reporter of the form: its values are not entered.
            #expect(await ReportEntryFixture.status { try await f.save(f.districtStaff, f.districtBoard, ["TIN_BAI": "3"]) } == 404)
            let reader = Scope(userID: nil, username: "doc", organisationID: f.front.id, unitID: f.commune.id, mode: .subtree, roles: [.frontSupervisor],
                               address: "test", unitLevel: 3)
            #expect(await ReportEntryFixture.status { try await f.save(reader, f.front, ["TIN_BAI": "3"]) } == 403)
            #expect(try await f.store.values(organisationID: f.front.id, period: ReportEntryFixture.period).isEmpty)
            // The district's staff reach the commune below them and may enter for it.
            #expect(try await f.save(f.districtStaff, f.front, ["TIN_BAI": "3"]).changed == 1)
        }
    }

    @Test("the rules of the version are checked after saving: a warning beside each cell a broken rule names, the values kept")
    func warnings() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            let result = try await f.save(f.communeOfficer, f.front, ["TUYEN_TRUYEN_BUOI": "45", "TUYEN_TRUYEN_ATGT_BUOI": "50"])
            #expect(result.changed == 2)
            let message = try #require(result.warnings["TUYEN_TRUYEN_ATGT_BUOI"]?.first)
            #expect(message.contains("(50)") && message.contains("lớn hơn") && message.contains("(45)"))
            #expect(result.warnings["TUYEN_TRUYEN_BUOI"] == [message] && result.warnings["TIN_BAI"] == nil)
            #expect(try await f.save(f.communeOfficer, f.front, ["TUYEN_TRUYEN_ATGT_BUOI": "32"]).warnings.isEmpty)
        }
    }
}
