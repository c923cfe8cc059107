import Testing
@testable import DanVanDomain

@Suite("ReportApproval")
struct ReportingApprovalTests {

    func next(_ action: ReportAction, _ state: ReportState, lower: [ReportState] = [], upper: ReportState? = nil, closed: Bool = false) -> ReportState? {
        try? ReportApproval.apply(action, to: state, lower: lower, upper: upper, periodClosed: closed).get()
    }

    func problem(_ action: ReportAction, _ state: ReportState, lower: [ReportState] = [], upper: ReportState? = nil, closed: Bool = false) -> ReportActionProblem? {
        guard case .failure(let problem) = ReportApproval.apply(action, to: state, lower: lower, upper: upper, periodClosed: closed) else { return nil }
        return problem
    }

    /// Submit, send back with a reason, fix and submit again, approve.
    @Test func submitReturnFixApprove() {
        #expect(next(.submit, .draft) == .submitted)
        #expect(next(.sendBack(reason: "Số đã giải quyết lớn hơn số đã nhận"), .submitted) == .returned)
        #expect(next(.submit, .returned) == .submitted)
        #expect(next(.approve, .submitted) == .approved)
    }

    @Test func everyStateAndActionOutsideTheRulesIsRefused() {
        let actions: [ReportAction] = [.submit, .approve, .sendBack(reason: "x"), .unlock(reason: "x")]
        let allowed: Set<String> = ["submit draft", "submit returned", "approve submitted", "sendBack submitted", "unlock approved"]
        for action in actions {
            for state in ReportState.allCases {
                let name = "\(String(describing: action).prefix { $0 != "(" }) \(state.rawValue)"
                #expect((next(action, state) != nil) == allowed.contains(name), "\(name)")
                if !allowed.contains(name) { #expect(problem(action, state) == .notFrom(state, action), "\(name)") }
            }
        }
        #expect(problem(.approve, .draft)?.message == "Không thể duyệt báo cáo chưa nộp.")
        #expect(problem(.submit, .approved)?.message == "Không thể nộp báo cáo đã được duyệt.")
    }

    /// A level is approved only after every level below it.
    @Test func approvedOnlyAfterTheLevelsBelow() {
        #expect(problem(.approve, .submitted, lower: [.approved, .submitted, .draft, .approved, .returned]) == .lowerLevelsNotApproved(3))
        #expect(problem(.approve, .submitted, lower: [.submitted])?.message == "Còn 1 báo cáo của cấp dưới chưa được duyệt.")
        #expect(next(.approve, .submitted, lower: [.approved, .approved]) == .approved)
    }

    @Test func sendingBackAndUnlockingNeedAReason() {
        #expect(problem(.sendBack(reason: "  "), .submitted) == .reasonRequired)
        #expect(problem(.unlock(reason: ""), .approved) == .reasonRequired)
        #expect(problem(.unlock(reason: "\n"), .draft, closed: true) == .reasonRequired)
        #expect(ReportActionProblem.reasonRequired.message == "Cần ghi lý do.")
    }

    /// Unlocking an approved report waits for the level above to unlock its own.
    @Test func unlockingFollowsTheLevelAbove() {
        #expect(next(.unlock(reason: "Sai số liệu quý III"), .approved, upper: .submitted) == .returned)
        #expect(next(.unlock(reason: "Sai số liệu quý III"), .approved) == .returned)
        #expect(problem(.unlock(reason: "Sai số liệu quý III"), .approved, upper: .approved) == .upperLevelApproved)
    }

    /// A draft whose period closed is reopened by an unlock, not before.
    @Test func reopeningAClosedPeriod() {
        #expect(next(.unlock(reason: "Xã nộp muộn do mất điện"), .draft, closed: true) == .returned)
        #expect(problem(.unlock(reason: "Xã nộp muộn do mất điện"), .draft) == .notFrom(.draft, .unlock(reason: "Xã nộp muộn do mất điện")))
    }

    /// Why a form is locked, and when it is not.
    @Test func lockSaysWhy() {
        let november = period("2026-11")
        let cutOff = CutOff(day: 14)!
        let window = EntryWindow(opens: 0, closes: 5)!
        func lock(_ state: ReportState, _ iso: String) -> ReportLock? {
            ReportApproval.lock(state, period: november, cutOff: cutOff, window: window, on: day(iso))
        }
        #expect(lock(.draft, "2026-11-14") == nil)
        #expect(lock(.draft, "2026-11-19") == nil)
        #expect(lock(.draft, "2026-11-20") == .periodClosed(day("2026-11-19")))
        #expect(lock(.draft, "2026-11-13") == .notOpenYet(day("2026-11-14")))
        #expect(lock(.returned, "2026-12-25") == nil)
        #expect(lock(.submitted, "2026-11-15") == .submitted)
        #expect(lock(.approved, "2026-11-15") == .approved)
        #expect(lock(.draft, "2026-11-20")?.message == "Kỳ báo cáo đã hết hạn nhập ngày 19/11/2026; muốn sửa, cơ quan nhận báo cáo phải mở khóa (ghi lý do).")
        #expect(lock(.draft, "2026-11-13")?.message == "Chưa đến hạn nhập: mở từ ngày 14/11/2026.")
        #expect(lock(.approved, "2026-11-15")?.message == "Báo cáo đã được duyệt; muốn sửa, cơ quan duyệt phải mở khóa (ghi lý do).")
    }
}
