/// Bước tiếp theo: what a case waits for and whose turn it is, from where it stands.
/// The case page says it under the status, so that nobody has to know the workflow to
/// see who acts next (a leader must assign a handling officer before she can resolve).
public enum LetterNextStep: String, Sendable, CaseIterable {
    /// The reception officer (or a leader) processes the letter: accepts, forwards, guides, returns or files it.
    case process
    /// A leader assigns a handling officer.
    case assign
    /// The handling officer verifies and resolves.
    case resolve
    /// The result is sent to the sender.
    case sendResult = "send_result"
    /// The enforcement of the decision is followed up.
    case enforce
    /// The body the letter was forwarded to has not answered yet.
    case awaitAnswer = "await_answer"
    /// Nothing: the case is closed.
    case none

    public static func of(status: LetterStatus, hasHandler: Bool, answerReceived: Bool) -> LetterNextStep {
        switch status {
        case .received: .process
        case .accepted, .verifying: hasHandler ? .resolve : .assign
        case .resolved: .sendResult
        case .resultSent: .enforce
        case .forwarded: answerReceived ? .none : .awaitAnswer
        case .enforced, .returned, .guided, .filed, .withdrawn: .none
        }
    }

    /// The actions that take this step (what the page offers the one whose turn it is).
    public var actions: [LetterAction] {
        switch self {
        case .process: [.classify, .accept, .forward, .guide, .returnLetter, .file]
        case .assign: [.assign]
        case .resolve: [.verify, .extend, .resolve]
        case .sendResult: [.sendResult, .enforce]
        case .enforce: [.enforce]
        case .awaitAnswer: [.answerReceived]
        case .none: []
        }
    }
}
