/// Loại đơn: what a letter asks for (DOMAIN.md §4.1).
public enum LetterKind: String, Sendable, Codable, CaseIterable {
    /// Khiếu nại: a complaint against an administrative decision or act.
    case complaint
    /// Tố cáo: a denunciation of a violation; the sender's identity is protected.
    case denunciation
    /// Kiến nghị: a petition.
    case petition
    /// Phản ánh: a report of a problem.
    case report

    /// Kiến nghị and phản ánh are counted together on the forms.
    public var isPetitionOrReport: Bool { self == .petition || self == .report }
}

/// Lĩnh vực: the matter a letter is about, as the Thanh tra forms group it.
public enum LetterField: String, Sendable, Codable, CaseIterable {
    case land
    case compensation
    case policy
    case dispute
    case officials
    case justice
    case party
    case corruption
    case other
}

/// Nguồn đơn: how a letter arrived.
public enum LetterChannel: String, Sendable, Codable, CaseIterable {
    case inPerson = "in_person"
    case post
    case online
    case forwarded
}

/// Thẩm quyền: whether the receiving body must resolve it.
public enum Competence: String, Sendable, Codable, CaseIterable {
    case own
    case notOwn = "not_own"
}

/// Where a case stands. Terminal states accept no more actions but a late
/// answer to a forwarded letter.
public enum LetterStatus: String, Sendable, Codable, CaseIterable {
    /// Tiếp nhận, chưa xử lý.
    case received
    /// Đã thụ lý.
    case accepted
    /// Đang xác minh.
    case verifying
    /// Đã giải quyết (quyết định, kết luận, văn bản trả lời).
    case resolved
    /// Đã thông báo, gửi kết quả.
    case resultSent = "result_sent"
    /// Đã theo dõi, đôn đốc thi hành.
    case enforced
    /// Trả đơn, with a reason.
    case returned
    /// Hướng dẫn người gửi đến cơ quan có thẩm quyền.
    case guided
    /// Đã chuyển đơn đến cơ quan có thẩm quyền.
    case forwarded
    /// Lưu đơn (không đủ điều kiện, trùng).
    case filed
    /// Rút đơn.
    case withdrawn

    /// States in which a case still waits for someone: the work lists and overdue figures.
    public static let open: [LetterStatus] = [.received, .accepted, .verifying]
    public var isOpen: Bool { Self.open.contains(self) }
}

/// Kết quả giải quyết.
public enum LetterOutcome: String, Sendable, Codable, CaseIterable {
    /// Khiếu nại đúng / đúng một phần / sai.
    case complaintRight = "complaint_right", complaintPartlyRight = "complaint_partly_right", complaintWrong = "complaint_wrong"
    /// Tố cáo đúng / có đúng có sai / sai.
    case denunciationTrue = "denunciation_true", denunciationPartlyTrue = "denunciation_partly_true", denunciationFalse = "denunciation_false"
    /// Kiến nghị, phản ánh: đã trả lời.
    case answered

    /// The outcomes that fit a kind of letter.
    public static func allowed(for kind: LetterKind) -> [LetterOutcome] {
        switch kind {
        case .complaint: [.complaintRight, .complaintPartlyRight, .complaintWrong]
        case .denunciation: [.denunciationTrue, .denunciationPartlyTrue, .denunciationFalse]
        case .petition, .report: [.answered]
        }
    }
}

/// What can happen to a case: each is recorded as an event.
public enum LetterAction: String, Sendable, Codable, CaseIterable {
    case receive, classify, accept
    case returnLetter = "return"
    case guide, forward, file, assign
    /// Thông báo thụ lý tố cáo: the denouncer is told the denunciation was accepted.
    case notifyAcceptance = "notify_acceptance"
    case verify, extend, resolve
    case sendResult = "send_result"
    case enforce, withdraw
    /// Văn bản phúc đáp: the body a letter was forwarded to answered.
    case answerReceived = "answer_received"

    /// The states from which the action may be taken.
    public var allowedFrom: [LetterStatus] {
        switch self {
        case .receive: []
        case .classify, .accept, .returnLetter, .guide, .forward, .file: [.received]
        case .assign, .extend, .notifyAcceptance: [.accepted, .verifying]
        case .verify: [.accepted]
        case .resolve: [.accepted, .verifying]
        case .sendResult: [.resolved]
        case .enforce: [.resolved, .resultSent]
        case .withdraw: [.received, .accepted, .verifying]
        case .answerReceived: [.forwarded]
        }
    }

    /// The state the case is in after the action.
    public func status(after current: LetterStatus) -> LetterStatus {
        switch self {
        case .receive: .received
        case .classify, .assign, .extend, .answerReceived, .notifyAcceptance: current
        case .accept: .accepted
        case .returnLetter: .returned
        case .guide: .guided
        case .forward: .forwarded
        case .file: .filed
        case .verify: .verifying
        case .resolve: .resolved
        case .sendResult: .resultSent
        case .enforce: .enforced
        case .withdraw: .withdrawn
        }
    }

    public func isAllowed(from status: LetterStatus) -> Bool { allowedFrom.contains(status) }

    /// Whether the action fits a kind of letter: only a denunciation's acceptance is notified.
    public func applies(to kind: LetterKind) -> Bool { self != .notifyAcceptance || kind == .denunciation }

    /// Actions that end the processing step (xử lý đơn): the letter counts as processed.
    public var processes: Bool { [.accept, .returnLetter, .guide, .forward, .file].contains(self) }
}

/// Which deadline rules apply to a letter: to process it after receipt, and to
/// resolve it after acceptance.
public enum LetterDeadlines {
    /// The rule that runs from receipt.
    public static func processingRule(kind: LetterKind) -> String {
        switch kind {
        case .complaint: "complaint_accept"
        case .denunciation: "denunciation_register"
        case .petition, .report: "letter_process"
        }
    }

    /// The rule that runs from acceptance; nil for kiến nghị / phản ánh, which the table gives no resolution limit.
    public static func resolutionRule(kind: LetterKind, isRepeat: Bool) -> String? {
        switch kind {
        case .complaint: isRepeat ? "complaint_second_resolve" : "complaint_first_resolve"
        case .denunciation: "denunciation_resolve"
        case .petition, .report: nil
        }
    }

    /// The rule for forwarding a letter the body is not competent for.
    public static func forwardingRule(kind: LetterKind) -> String {
        switch kind {
        case .denunciation: "denunciation_forward"
        case .petition, .report: "petition_forward"
        case .complaint: "letter_process"
        }
    }
}
