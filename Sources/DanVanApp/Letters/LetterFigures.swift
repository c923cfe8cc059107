import DanVanDomain
import SQLKit

/// A figure of the letter statistics (the Thanh tra forms, DOMAIN.md §4.1) as a
/// condition on one letter row `l` over a period. The statistics count rows
/// with the condition and the list behind a figure selects them with the very
/// same condition, so every figure equals the records it links to.
enum LetterFigure: String, Sendable, CaseIterable {
    // Xử lý đơn (01/XLD)
    case toProcess = "to_process"
    case carriedOver = "carried_over"
    case received
    case processed
    case unprocessed
    case eligible
    case ownCompetence = "own_competence"
    case forwarded
    case guided
    case returned
    case answered
    case kindComplaint = "kind_complaint"
    case kindDenunciation = "kind_denunciation"
    case kindPetition = "kind_petition"
    case fieldLand = "field_land"
    case fieldCompensation = "field_compensation"
    case fieldPolicy = "field_policy"
    case fieldDispute = "field_dispute"
    case fieldOfficials = "field_officials"
    case fieldOther = "field_other"
    // Giải quyết (01/KQGQ, 03/KQGQ)
    case toResolve = "to_resolve"
    case resolved
    case withdrawn
    case inProgress = "in_progress"
    case resolvedOnTime = "resolved_on_time"
    case resolvedLate = "resolved_late"
    case overdue
    case outcomeRight = "outcome_right"
    case outcomePartly = "outcome_partly"
    case outcomeWrong = "outcome_wrong"

    /// The section of the statistics page the figure belongs to.
    var section: String {
        switch self {
        case .toResolve, .resolved, .withdrawn, .inProgress, .resolvedOnTime, .resolvedLate, .overdue,
             .outcomeRight, .outcomePartly, .outcomeWrong: "resolution"
        default: "letters"
        }
    }

    var labelKey: String { "figure_\(rawValue)" }

    /// The condition on `l` for the period [from, to]; `today` bounds "overdue".
    func condition(_ period: ReportPeriod, today: CivilDate) -> SQLQueryString {
        let from = period.from.iso, to = period.to.iso
        let end = min(period.to, today).iso
        let inToProcess: SQLQueryString = "(l.received_on <= \(bind: to) AND (l.received_on >= \(bind: from) OR l.processed_on IS NULL OR l.processed_on >= \(bind: from)))"
        let processedIn: SQLQueryString = "(\(inToProcess) AND l.processed_on >= \(bind: from) AND l.processed_on <= \(bind: to))"
        let inToResolve: SQLQueryString = """
            (l.accepted_on IS NOT NULL AND l.accepted_on <= \(bind: to) AND (l.resolved_on IS NULL OR l.resolved_on >= \(bind: from)) \
            AND (l.withdrawn_on IS NULL OR l.withdrawn_on >= \(bind: from)))
            """
        let resolvedIn: SQLQueryString = "(\(inToResolve) AND l.resolved_on >= \(bind: from) AND l.resolved_on <= \(bind: to))"
        let stillOpen: SQLQueryString = "(\(inToResolve) AND (l.resolved_on IS NULL OR l.resolved_on > \(bind: to)) AND (l.withdrawn_on IS NULL OR l.withdrawn_on > \(bind: to)))"
        switch self {
        case .toProcess: return inToProcess
        case .carriedOver: return "(l.received_on < \(bind: from) AND (l.processed_on IS NULL OR l.processed_on >= \(bind: from)))"
        case .received: return "(l.received_on >= \(bind: from) AND l.received_on <= \(bind: to))"
        case .processed: return processedIn
        case .unprocessed: return "(\(inToProcess) AND (l.processed_on IS NULL OR l.processed_on > \(bind: to)))"
        case .eligible: return "(\(processedIn) AND l.disposition IN ('accept', 'forward', 'guide'))"
        case .ownCompetence: return "(\(processedIn) AND l.disposition = 'accept')"
        case .forwarded: return "(\(processedIn) AND l.disposition = 'forward')"
        case .guided: return "(\(processedIn) AND l.disposition = 'guide')"
        case .returned: return "(\(processedIn) AND l.disposition IN ('return', 'file'))"
        case .answered: return "(l.disposition = 'forward' AND l.answer_received_on >= \(bind: from) AND l.answer_received_on <= \(bind: to))"
        case .kindComplaint: return "(\(inToProcess) AND l.kind = 'complaint')"
        case .kindDenunciation: return "(\(inToProcess) AND l.kind = 'denunciation')"
        case .kindPetition: return "(\(inToProcess) AND l.kind IN ('petition', 'report'))"
        case .fieldLand: return "(\(inToProcess) AND l.field = 'land')"
        case .fieldCompensation: return "(\(inToProcess) AND l.field = 'compensation')"
        case .fieldPolicy: return "(\(inToProcess) AND l.field = 'policy')"
        case .fieldDispute: return "(\(inToProcess) AND l.field = 'dispute')"
        case .fieldOfficials: return "(\(inToProcess) AND l.field IN ('officials', 'corruption'))"
        case .fieldOther: return "(\(inToProcess) AND l.field IN ('justice', 'party', 'other'))"
        case .toResolve: return inToResolve
        case .resolved: return resolvedIn
        case .withdrawn: return "(\(inToResolve) AND l.withdrawn_on >= \(bind: from) AND l.withdrawn_on <= \(bind: to))"
        case .inProgress: return stillOpen
        case .resolvedOnTime: return "(\(resolvedIn) AND (l.resolution_due_on IS NULL OR l.resolved_on <= l.resolution_due_on))"
        case .resolvedLate: return "(\(resolvedIn) AND l.resolved_on > l.resolution_due_on)"
        case .overdue: return "(\(stillOpen) AND l.resolution_due_on < \(bind: end))"
        case .outcomeRight: return "(\(resolvedIn) AND l.outcome IN ('complaint_right', 'denunciation_true', 'answered'))"
        case .outcomePartly: return "(\(resolvedIn) AND l.outcome IN ('complaint_partly_right', 'denunciation_partly_true'))"
        case .outcomeWrong: return "(\(resolvedIn) AND l.outcome IN ('complaint_wrong', 'denunciation_false'))"
        }
    }
}

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
