import DanVanDomain
import SQLKit

/// A figure of the reception statistics (01/TCD) as a condition on one visit
/// `v` joined with its session `s`, inside the period.
enum VisitFigure: String, Sendable, CaseIterable {
    case visits
    case firstCases = "first_cases"
    case repeatCases = "repeat_cases"
    case groups
    case regular
    case head
    case delegated

    var labelKey: String { "visit_figure_\(rawValue)" }

    /// The figures about who received, which a session has too.
    static let sessionFigures: [VisitFigure] = [.regular, .head, .delegated]

    var condition: SQLQueryString {
        switch self {
        case .visits: "1 = 1"
        case .firstCases: "v.\(\ReceptionVisitRecord.isRepeat) = \(bind: false)"
        case .repeatCases: "v.\(\ReceptionVisitRecord.isRepeat) = \(bind: true)"
        case .groups: "v.\(\ReceptionVisitRecord.isGroup) = \(bind: true)"
        case .regular: "s.\(\ReceptionSessionRecord.receiverKind) = \(bind: ReceiverKind.regular.rawValue)"
        case .head: "s.\(\ReceptionSessionRecord.receiverKind) = \(bind: ReceiverKind.head.rawValue)"
        case .delegated: "s.\(\ReceptionSessionRecord.receiverKind) = \(bind: ReceiverKind.delegated.rawValue)"
        }
    }
}
