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
        case .firstCases: "v.is_repeat = \(bind: false)"
        case .repeatCases: "v.is_repeat = \(bind: true)"
        case .groups: "v.is_group = \(bind: true)"
        case .regular: "s.receiver_kind = 'regular'"
        case .head: "s.receiver_kind = 'head'"
        case .delegated: "s.receiver_kind = 'delegated'"
        }
    }
}
