/// Where a follow-up item (việc theo dõi: an opinion routed to an agency, a task of a
/// document, a remedy after an inspection) stands.
public enum FollowUpStatus: String, Sendable, CaseIterable, Codable {
    /// Chưa xử lý: assigned, not yet taken up.
    case open
    /// Đang xử lý.
    case inProgress = "in_progress"
    /// Đã trả lời / đã hoàn thành.
    case done
    /// Từ chối (không thuộc thẩm quyền …), with a reason: waits to be re-assigned or cancelled.
    case declined
    /// Hủy.
    case cancelled

    /// Still someone's to act on: counted as due, due soon or overdue.
    public var isPending: Bool { self == .open || self == .inProgress }
    /// Nothing more happens to it.
    public var isClosed: Bool { self == .done || self == .cancelled }
    /// The statuses still someone's to act on.
    public static let pending: [FollowUpStatus] = allCases.filter(\.isPending)
}

/// Which side of an item a list or count takes for a unit: the items its organisations hold
/// (được giao), or those they set — routed, issued, required (đã giao): the People's Council
/// counts the opinions it routed, wherever they went.
public enum FollowUpSide: String, Sendable, CaseIterable {
    case held
    case set
}

/// What can be done to a follow-up item.
public enum FollowUpAction: String, Sendable, CaseIterable {
    /// The assigned organisation takes it up.
    case start
    /// The assigned organisation answers it, or reports it done.
    case answer
    /// The assigned organisation declines it, with a reason.
    case decline
    /// The owner hands it to another organisation (with a reason and a new due date).
    case reassign
    /// The owner withdraws it.
    case cancel
}

/// Why an action is refused.
public enum FollowUpProblem: Error, Equatable, Sendable {
    /// The item's status does not allow the action (answering a cancelled item …).
    case notAllowed(from: FollowUpStatus, action: FollowUpAction)
    /// A decline, a re-assignment or a cancellation needs a reason.
    case reasonRequired
}

extension FollowUpStatus {
    /// The status after `action`, or why the action is refused. A declined item is the
    /// owner's again: it can be re-assigned or cancelled, not answered.
    public func after(_ action: FollowUpAction, reason: String = "") throws(FollowUpProblem) -> FollowUpStatus {
        let allowed: Bool = switch action {
        case .start: self == .open
        case .answer: isPending
        case .decline: isPending
        case .reassign, .cancel: isPending || self == .declined
        }
        guard allowed else { throw .notAllowed(from: self, action: action) }
        if [.decline, .reassign, .cancel].contains(action), reason.allSatisfy(\.isWhitespace) { throw .reasonRequired }
        return switch action {
        case .start: .inProgress
        case .answer: .done
        case .decline: .declined
        case .reassign: .open
        case .cancel: .cancelled
        }
    }
}

/// A pending item's place against its due date on a day.
public enum FollowUpDueState: String, Sendable {
    case onTime = "on_time"
    /// Due within `FollowUpDue.soonDays` working days.
    case dueSoon = "due_soon"
    case overdue
}

public enum FollowUpDue {
    /// "Sắp đến hạn": due within this many working days.
    public static let soonDays = 3

    /// The last day that is still "due soon" on `today`: the working day `soonDays` after it.
    public static func soonLimit(today: CivilDate, calendar: WorkingCalendar) -> CivilDate {
        calendar.adding(workingDays: soonDays, to: today)
    }

    public static func state(due: CivilDate, today: CivilDate, calendar: WorkingCalendar) -> FollowUpDueState {
        if due < today { return .overdue }
        return due <= soonLimit(today: today, calendar: calendar) ? .dueSoon : .onTime
    }
}
