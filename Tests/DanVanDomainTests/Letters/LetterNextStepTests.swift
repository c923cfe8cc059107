import Testing
@testable import DanVanDomain

@Suite("The next step of a case")
struct LetterNextStepTests {
    @Test("each state names whose turn it is; an accepted case waits for a leader's assignment until it has a handling officer")
    func steps() {
        #expect(LetterNextStep.of(status: .received, hasHandler: false, answerReceived: false) == .process)
        #expect(LetterNextStep.of(status: .accepted, hasHandler: false, answerReceived: false) == .assign)
        #expect(LetterNextStep.of(status: .accepted, hasHandler: true, answerReceived: false) == .resolve)
        #expect(LetterNextStep.of(status: .verifying, hasHandler: true, answerReceived: false) == .resolve)
        #expect(LetterNextStep.of(status: .resolved, hasHandler: true, answerReceived: false) == .sendResult)
        #expect(LetterNextStep.of(status: .forwarded, hasHandler: false, answerReceived: false) == .awaitAnswer)
        #expect(LetterNextStep.of(status: .forwarded, hasHandler: false, answerReceived: true) == .none)
        for closed in [LetterStatus.enforced, .returned, .guided, .filed, .withdrawn] {
            #expect(LetterNextStep.of(status: closed, hasHandler: true, answerReceived: false) == .none)
        }
    }

    @Test("a step that is not the end can be taken from the state that leads to it")
    func actionsFitTheStates() {
        for status in LetterStatus.allCases {
            for hasHandler in [false, true] {
                let step = LetterNextStep.of(status: status, hasHandler: hasHandler, answerReceived: false)
                #expect(step == .none || step.actions.contains { $0.isAllowed(from: status) }, "\(step) from \(status)")
                #expect(step != .none || !status.isOpen, "an open case always has a next step")
            }
        }
    }
}
