/// Where one unit's report for one form and period stands (trạng thái báo cáo): DHIS2's
/// approval state, kept apart from the actions that move it (``ReportAction``).
public enum ReportState: String, Hashable, Sendable, CaseIterable {
    /// Chưa nộp: being filled in.
    case draft
    /// Đã nộp: waiting for the receiving body; its values no longer change.
    case submitted
    /// Bị trả lại (or reopened by an unlock), with a reason: to be corrected and submitted
    /// again, whether or not the entry window is still open.
    case returned
    /// Đã duyệt: locked.
    case approved
}

/// What a person does to a report; each changes its ``ReportState`` and is kept in the
/// report's changelog.
public enum ReportAction: Hashable, Sendable {
    /// Nộp báo cáo.
    case submit
    /// Duyệt.
    case approve
    /// Trả lại, with a reason.
    case sendBack(reason: String)
    /// Mở khóa an approved report, or one whose period has closed, with a reason.
    case unlock(reason: String)
}

/// Why an action cannot be done, in Vietnamese.
public enum ReportActionProblem: Error, Hashable, Sendable {
    case notFrom(ReportState, ReportAction)
    case reasonRequired
    /// Reports of the units below not approved yet.
    case lowerLevelsNotApproved(Int)
    /// The level above has approved its own report, which holds this one.
    case upperLevelApproved

    public var message: String {
        switch self {
        case .notFrom(let state, let action):
            let doing = switch action {
            case .submit: "nộp"
            case .approve: "duyệt"
            case .sendBack: "trả lại"
            case .unlock: "mở khóa"
            }
            let being = switch state {
            case .draft: "chưa nộp"
            case .submitted: "đã nộp"
            case .returned: "đang bị trả lại"
            case .approved: "đã được duyệt"
            }
            return "Không thể \(doing) báo cáo \(being)."
        case .reasonRequired: return "Cần ghi lý do."
        case .lowerLevelsNotApproved(let count): return "Còn \(VietnameseFormat.integer(count)) báo cáo của cấp dưới chưa được duyệt."
        case .upperLevelApproved: return "Cấp trên đã duyệt báo cáo tổng hợp; cấp trên phải mở khóa trước."
        }
    }
}

/// Why a report's values cannot be changed now, with what to do about it.
public enum ReportLock: Hashable, Sendable {
    /// Đã nộp, chờ duyệt.
    case submitted
    /// Đã duyệt: the approving body may unlock it.
    case approved
    /// The entry window closed on that day: the receiving body may unlock it.
    case periodClosed(CivilDate)
    /// Entry opens on that day.
    case notOpenYet(CivilDate)

    public var message: String {
        switch self {
        case .submitted: return "Báo cáo đã nộp, đang chờ duyệt; muốn sửa, cơ quan nhận báo cáo phải trả lại."
        case .approved: return "Báo cáo đã được duyệt; muốn sửa, cơ quan duyệt phải mở khóa (ghi lý do)."
        case .periodClosed(let day): return "Kỳ báo cáo đã hết hạn nhập ngày \(VietnameseFormat.date(day)); muốn sửa, cơ quan nhận báo cáo phải mở khóa (ghi lý do)."
        case .notOpenYet(let day): return "Chưa đến hạn nhập: mở từ ngày \(VietnameseFormat.date(day))."
        }
    }
}

/// The rules of submission and approval (nộp, duyệt, trả lại, mở khóa): which action may
/// follow which state, a level approved only after the levels below it, and why a report
/// is locked.
public enum ReportApproval {

    /// The state after `action`, or why it cannot be done. A reason is required to send
    /// back and to unlock (blank after trimming is none). Approving needs every report of the
    /// units below (`lower`: one state per unit expected to report, `.draft` for
    /// one that has not) approved; unlocking an approved report needs the level above
    /// (`upper`, `nil` at the top) not to have approved its own. Unlocking a draft reopens a
    /// report whose entry window has closed (`periodClosed`).
    public static func apply(_ action: ReportAction, to state: ReportState, lower: [ReportState] = [], upper: ReportState? = nil,
                             periodClosed: Bool = false) -> Result<ReportState, ReportActionProblem> {
        switch (action, state) {
        case (.submit, .draft), (.submit, .returned):
            return .success(.submitted)
        case (.approve, .submitted):
            let waiting = lower.filter { $0 != .approved }.count
            return waiting == 0 ? .success(.approved) : .failure(.lowerLevelsNotApproved(waiting))
        case (.sendBack(let reason), .submitted):
            return hasReason(reason) ? .success(.returned) : .failure(.reasonRequired)
        case (.unlock(let reason), .approved):
            guard hasReason(reason) else { return .failure(.reasonRequired) }
            return upper == .approved ? .failure(.upperLevelApproved) : .success(.returned)
        case (.unlock(let reason), .draft) where periodClosed:
            return hasReason(reason) ? .success(.returned) : .failure(.reasonRequired)
        default:
            return .failure(.notFrom(state, action))
        }
    }

    /// Why the report's values cannot be changed on `day`; `nil` when they can. A returned
    /// report can be corrected whatever the day; a draft only within its entry window.
    public static func lock(_ state: ReportState, period: ReportingPeriod, cutOff: CutOff, window: EntryWindow, on day: CivilDate) -> ReportLock? {
        switch state {
        case .submitted: return .submitted
        case .approved: return .approved
        case .returned: return nil
        case .draft:
            let dates = window.dates(of: period, cutOff)
            if day > dates.to { return .periodClosed(dates.to) }
            if day < dates.from { return .notOpenYet(dates.from) }
            return nil
        }
    }

    private static func hasReason(_ reason: String) -> Bool {
        !VietnameseText.normalized(reason).isEmpty
    }
}
