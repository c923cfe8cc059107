import DanVanDomain
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// Submission and approval (DHIS2's model): the receiving body returns with a reason or approves,
/// a level is approved only after the reports it receives, approval locks, unlocking needs a reason
/// and is blocked by the level above's approval; each action kept and audited.
@Suite("Reporting: submission and approval")
struct ReportEntryApprovalTests {
    @Test("submit, return with a reason, fix, submit again, approve at two levels; the order and the lock reasons")
    func twoLevels() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            try await f.save(f.communeOfficer, f.front, ["TUYEN_TRUYEN_BUOI": "45"])
            #expect(try await f.act(f.communeOfficer, f.front, .submit) == .submitted)
            // Submitted: locked until the receiving body returns it.
            let locked = await ReportEntryFixture.refusal { try await f.save(f.communeOfficer, f.front, ["TUYEN_TRUYEN_BUOI": "46"]) }
            #expect(locked?.message == ReportLock.submitted.message)
            // The commune's officer does not reach the district's Ban Dân vận: no approving from below.
            #expect(await ReportEntryFixture.status { try await f.act(f.communeOfficer, f.front, .approve) } == 404)
            // Returning needs a reason.
            #expect(await ReportEntryFixture.refusal { try await f.act(f.districtStaff, f.front, .sendBack, reason: "  ") }?.message
                    == ReportActionProblem.reasonRequired.message)
            #expect(try await f.act(f.districtStaff, f.front, .sendBack, reason: "Số buổi tuyên truyền chưa khớp sổ theo dõi") == .returned)
            let returned = try #require(try await f.store.report(formID: f.form.id, organisationID: f.front.id, period: ReportEntryFixture.period))
            #expect(returned.returnReason == "Số buổi tuyên truyền chưa khớp sổ theo dõi")
            // A returned report is corrected even after the entry window has closed, and submitted again (late).
            #expect(try await f.save(f.communeOfficer, f.front, ["TUYEN_TRUYEN_BUOI": "44"], on: ReportEntryFixture.closedDay).changed == 1)
            #expect(try await f.act(f.communeOfficer, f.front, .submit, on: ReportEntryFixture.closedDay) == .submitted)
            // The district's consolidated report waits for both reports it receives.
            #expect(try await f.act(f.districtStaff, f.districtBoard, .submit) == .submitted)
            #expect(await ReportEntryFixture.refusal { try await f.act(f.provinceStaff, f.districtBoard, .approve) }?.message
                    == ReportActionProblem.lowerLevelsNotApproved(2).message)
            #expect(try await f.act(f.districtStaff, f.front, .approve) == .approved)
            #expect(await ReportEntryFixture.refusal { try await f.act(f.provinceStaff, f.districtBoard, .approve) }?.message
                    == ReportActionProblem.lowerLevelsNotApproved(1).message)
            try await f.act(f.policeOfficer, f.police, .submit)
            try await f.act(f.districtStaff, f.police, .approve)
            #expect(try await f.act(f.provinceStaff, f.districtBoard, .approve) == .approved)
            // Approved: locked, with who can unlock; the level above's approval blocks unlocking below.
            #expect(await ReportEntryFixture.refusal { try await f.save(f.communeOfficer, f.front, ["TUYEN_TRUYEN_BUOI": "1"]) }?.message == ReportLock.approved.message)
            #expect(await ReportEntryFixture.refusal { try await f.act(f.districtStaff, f.front, .unlock, reason: "Sửa số liệu") }?.message
                    == ReportActionProblem.upperLevelApproved.message)
            // Unlocking needs a reason; the province unlocks the district, then the district unlocks the commune.
            #expect(await ReportEntryFixture.refusal { try await f.act(f.provinceStaff, f.districtBoard, .unlock) }?.message == ReportActionProblem.reasonRequired.message)
            #expect(try await f.act(f.provinceStaff, f.districtBoard, .unlock, reason: "Xã Ia Le báo sai số buổi") == .returned)
            #expect(try await f.act(f.districtStaff, f.front, .unlock, reason: "Xã Ia Le báo sai số buổi") == .returned)
            #expect(try await f.save(f.communeOfficer, f.front, ["TUYEN_TRUYEN_BUOI": "45"], on: ReportEntryFixture.closedDay).changed == 1)
            // Every action kept, and audited.
            let report = try #require(try await f.store.report(formID: f.form.id, organisationID: f.front.id, period: ReportEntryFixture.period))
            #expect(try await f.store.actions(reportID: report.id).map(\.action) == ["submit", "return", "submit", "approve", "unlock"])
            struct Count: Decodable { var n: Int }
            #expect(try await app.database.sql.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE record_type = 'report'").row(Count.self)?.n == 10)
        }
    }

    @Test("an action that cannot follow the state is refused with its reason and changes nothing; a draft of a closed period is unlocked with a reason")
    func wrongOrder() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            #expect(await ReportEntryFixture.refusal { try await f.act(f.districtStaff, f.front, .approve) }?.message
                    == ReportActionProblem.notFrom(.draft, .approve).message)
            #expect(try await f.store.report(formID: f.form.id, organisationID: f.front.id, period: ReportEntryFixture.period) == nil)
            // Before entry opens there is nothing to submit.
            #expect(await ReportEntryFixture.refusal { try await f.act(f.communeOfficer, f.front, .submit, on: CivilDate(year: 2022, month: 5, day: 3)!) }?.message
                    == ReportLock.notOpenYet(CivilDate(year: 2022, month: 5, day: 15)!).message)
            // The window closed without a value: the receiving body reopens it with a reason.
            #expect(await ReportEntryFixture.refusal { try await f.save(f.communeOfficer, f.front, ["TIN_BAI": "3"], on: ReportEntryFixture.closedDay) }?.message != nil)
            #expect(try await f.act(f.districtStaff, f.front, .unlock, reason: "Xã mất điện cả tuần", on: ReportEntryFixture.closedDay) == .returned)
            #expect(try await f.save(f.communeOfficer, f.front, ["TIN_BAI": "3"], on: ReportEntryFixture.closedDay).changed == 1)
            // The top body has nobody above it: it submits nothing.
            #expect(await ReportEntryFixture.status { try await f.act(f.provinceStaff, f.provinceBoard, .submit) } == 404)
        }
    }
    @Test("only the receiving body's own users approve, return and unlock; the user who submitted does not approve; a closed draft is not submitted")
    func whoApproves() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            #expect(f.districtStaff.organisationID == f.districtBoard.id && f.provinceStaff.organisationID == f.provinceBoard.id)
            try await f.act(f.communeOfficer, f.front, .submit)
            // The province reaches the commune's report but is not its receiving body: it does not skip the district.
            #expect(await ReportEntryFixture.status { try await f.act(f.provinceStaff, f.front, .approve) } == 403)
            #expect(await ReportEntryFixture.status { try await f.act(f.provinceStaff, f.front, .sendBack, reason: "Sai") } == 403)
            // The district's staff submits for the police and may not approve that submission; a colleague does.
            try await f.act(f.districtStaff, f.police, .submit)
            #expect(await ReportEntryFixture.refusal { try await f.act(f.districtStaff, f.police, .approve) }?.message == ReportEntryStore.selfApproval)
            let (colleague, _) = try await app.user("bdv2.chupuh", roles: [.danVanStaff], kind: "dan_van_board", in: f.district)
            #expect(colleague.organisationID == f.districtBoard.id)
            let other = Scope(userID: colleague.id, username: colleague.username, organisationID: colleague.organisationID, unitID: f.district.id,
                              mode: .subtree, roles: [.danVanStaff], address: "test", unitLevel: f.district.level)
            #expect(try await f.act(other, f.police, .approve) == .approved)
            // June's draft after its window (20/06/2022): the receiving body unlocks it first.
            let june = ReportingPeriod.month(2022, 6)!, late = CivilDate(year: 2022, month: 6, day: 25)!
            let closed = await ReportEntryFixture.refusal {
                try await f.store.act(f.communeOfficer, organisationID: f.front.id, formID: f.form.id, period: june, action: .submit, today: late)
            }
            #expect(closed?.message == ReportLock.periodClosed(CivilDate(year: 2022, month: 6, day: 20)!).message)
            #expect(try await f.store.report(formID: f.form.id, organisationID: f.front.id, period: june) == nil)
        }
    }

    @Test("two submissions or two approvals at once: one is done, the other refused with a message; one action row each")
    func concurrentActions() async throws {
        try await TestApp.run { app in
            let f = try await ReportEntryFixture.make(app)
            func twice(_ scope: Scope, _ action: ReportActionName) async -> [Bool] {
                await withTaskGroup(of: Bool.self) { group in
                    for _ in 0..<2 {
                        group.addTask {
                            do { try await f.act(scope, f.front, action); return true } catch is ReportEntryRefusal { return false } catch {
                                Issue.record("not a refusal: \(error)"); return false
                            }
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(await twice(f.communeOfficer, .submit).filter { $0 }.count == 1)
            #expect(await twice(f.districtStaff, .approve).filter { $0 }.count == 1)
            let report = try #require(try await f.store.report(formID: f.form.id, organisationID: f.front.id, period: ReportEntryFixture.period))
            #expect(report.state == ReportState.approved.rawValue)
            #expect(try await f.store.actions(reportID: report.id).map(\.action) == ["submit", "approve"])
            // A save racing a submission: the save is refused or done before it, never after.
            try await f.act(f.districtStaff, f.front, .unlock, reason: "Sửa số liệu")
            async let saved: Bool = { do { try await f.save(f.communeOfficer, f.front, ["TIN_BAI": "7"]); return true } catch { return false } }()
            async let submitted: Bool = { do { try await f.act(f.communeOfficer, f.front, .submit); return true } catch { return false } }()
            let (didSave, didSubmit) = await (saved, submitted)
            #expect(didSubmit)
            let value = try await f.store.values(organisationID: f.front.id, period: ReportEntryFixture.period)["TIN_BAI"]?.value
            #expect(didSave ? value == 7 : value == nil)
        }
    }
}
