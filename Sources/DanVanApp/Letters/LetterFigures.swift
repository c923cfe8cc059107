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
    // Traits: what a letter is, whatever the period. A form's column joins
    // them to a figure above ("resolved & is_complaint"); alone they are not
    // a figure of the statistics page.
    case isComplaint = "is_complaint"
    case isDenunciation = "is_denunciation"
    case isPetition = "is_petition"
    /// Lần đầu / nhiều lần (tố cáo tiếp, khiếu nại lần 2).
    case isFirst = "is_first"
    case isRepeat = "is_repeat"
    /// Vụ việc: a letter that is not a duplicate of an earlier one.
    case isCase = "is_case"
    case isLand = "is_land"
    case isCompensation = "is_compensation"
    case isPolicy = "is_policy"
    case isDispute = "is_dispute"
    case isOfficials = "is_officials"
    case isCorruption = "is_corruption"
    case isJustice = "is_justice"
    case isParty = "is_party"
    case isOtherField = "is_other_field"
    /// Thụ lý kỳ trước / trong kỳ.
    case acceptedBefore = "accepted_before"
    case acceptedIn = "accepted_in"
    /// Settled (resolved or withdrawn) by the end of the period.
    case settled
    case unsettled
    /// Found right or partly right (a second complaint then overturns the first decision).
    case foundRight = "found_right"

    /// The section of the statistics page the figure belongs to; traits are on no page.
    var section: String {
        switch self {
        case .toResolve, .resolved, .withdrawn, .inProgress, .resolvedOnTime, .resolvedLate, .overdue,
             .outcomeRight, .outcomePartly, .outcomeWrong: "resolution"
        case .isComplaint, .isDenunciation, .isPetition, .isFirst, .isRepeat, .isCase, .isLand, .isCompensation, .isPolicy, .isDispute,
             .isOfficials, .isCorruption, .isJustice, .isParty, .isOtherField, .acceptedBefore, .acceptedIn, .settled, .unsettled, .foundRight: "trait"
        default: "letters"
        }
    }

    var labelKey: String { "figure_\(rawValue)" }

    /// The figures of the statistics page: every figure but the traits.
    static let pageFigures = allCases.filter { $0.section != "trait" }

    /// "resolved,is_complaint" (a link's `figure`) → the figures; nil if any is unknown.
    static func list(_ text: String) -> [LetterFigure]? {
        let figures = text.split(separator: ",").map { LetterFigure(rawValue: String($0)) }
        return figures.isEmpty || figures.contains(nil) ? nil : figures.compactMap { $0 }
    }

    /// The condition on `l` for the period [from, to]; `today` bounds "overdue".
    func condition(_ period: ReportPeriod, today: CivilDate) -> SQLQueryString {
        let from = period.from.iso, to = period.to.iso
        let end = min(period.to, today).iso
        let inToProcess: SQLQueryString = "(l.\(\L.receivedOn) <= \(bind: to) AND (l.\(\L.receivedOn) >= \(bind: from) OR l.\(\L.processedOn) IS NULL OR l.\(\L.processedOn) >= \(bind: from)))"
        let processedIn: SQLQueryString = "(\(inToProcess) AND l.\(\L.processedOn) >= \(bind: from) AND l.\(\L.processedOn) <= \(bind: to))"
        let inToResolve: SQLQueryString = """
            (l.\(\L.acceptedOn) IS NOT NULL AND l.\(\L.acceptedOn) <= \(bind: to) AND (l.\(\L.resolvedOn) IS NULL OR l.\(\L.resolvedOn) >= \(bind: from)) \
            AND (l.\(\L.withdrawnOn) IS NULL OR l.\(\L.withdrawnOn) >= \(bind: from)))
            """
        let resolvedIn: SQLQueryString = "(\(inToResolve) AND l.\(\L.resolvedOn) >= \(bind: from) AND l.\(\L.resolvedOn) <= \(bind: to))"
        let stillOpen: SQLQueryString = "(\(inToResolve) AND (l.\(\L.resolvedOn) IS NULL OR l.\(\L.resolvedOn) > \(bind: to)) AND (l.\(\L.withdrawnOn) IS NULL OR l.\(\L.withdrawnOn) > \(bind: to)))"
        switch self {
        case .toProcess: return inToProcess
        case .carriedOver: return "(l.\(\L.receivedOn) < \(bind: from) AND (l.\(\L.processedOn) IS NULL OR l.\(\L.processedOn) >= \(bind: from)))"
        case .received: return "(l.\(\L.receivedOn) >= \(bind: from) AND l.\(\L.receivedOn) <= \(bind: to))"
        case .processed: return processedIn
        case .unprocessed: return "(\(inToProcess) AND (l.\(\L.processedOn) IS NULL OR l.\(\L.processedOn) > \(bind: to)))"
        case .eligible: return "(\(processedIn) AND l.disposition IN ('accept', 'forward', 'guide'))"
        case .ownCompetence: return "(\(processedIn) AND l.disposition = 'accept')"
        case .forwarded: return "(\(processedIn) AND l.disposition = 'forward')"
        case .guided: return "(\(processedIn) AND l.disposition = 'guide')"
        case .returned: return "(\(processedIn) AND l.disposition IN ('return', 'file'))"
        case .answered: return "(l.disposition = 'forward' AND l.\(\L.answerReceivedOn) >= \(bind: from) AND l.\(\L.answerReceivedOn) <= \(bind: to))"
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
        case .withdrawn: return "(\(inToResolve) AND l.\(\L.withdrawnOn) >= \(bind: from) AND l.\(\L.withdrawnOn) <= \(bind: to))"
        case .inProgress: return stillOpen
        case .resolvedOnTime: return "(\(resolvedIn) AND (l.\(\L.resolutionDueOn) IS NULL OR l.\(\L.resolvedOn) <= l.\(\L.resolutionDueOn)))"
        case .resolvedLate: return "(\(resolvedIn) AND l.\(\L.resolvedOn) > l.\(\L.resolutionDueOn))"
        case .overdue: return "(\(stillOpen) AND l.\(\L.resolutionDueOn) < \(bind: end))"
        case .outcomeRight: return "(\(resolvedIn) AND l.outcome IN ('complaint_right', 'denunciation_true', 'answered'))"
        case .outcomePartly: return "(\(resolvedIn) AND l.outcome IN ('complaint_partly_right', 'denunciation_partly_true'))"
        case .outcomeWrong: return "(\(resolvedIn) AND l.outcome IN ('complaint_wrong', 'denunciation_false'))"
        case .isComplaint: return "l.kind = 'complaint'"
        case .isDenunciation: return "l.kind = 'denunciation'"
        case .isPetition: return "l.kind IN ('petition', 'report')"
        case .isFirst: return "l.\(\L.isRepeat) = \(bind: false)"
        case .isRepeat: return "l.\(\L.isRepeat) = \(bind: true)"
        case .isCase: return "l.\(\L.duplicateOf) IS NULL"
        case .isLand: return "l.field = 'land'"
        case .isCompensation: return "l.field = 'compensation'"
        case .isPolicy: return "l.field = 'policy'"
        case .isDispute: return "l.field = 'dispute'"
        case .isOfficials: return "l.field = 'officials'"
        case .isCorruption: return "l.field = 'corruption'"
        case .isJustice: return "l.field = 'justice'"
        case .isParty: return "l.field = 'party'"
        case .isOtherField: return "l.field = 'other'"
        case .acceptedBefore: return "l.\(\L.acceptedOn) < \(bind: from)"
        case .acceptedIn: return "(l.\(\L.acceptedOn) >= \(bind: from) AND l.\(\L.acceptedOn) <= \(bind: to))"
        case .settled: return "(l.\(\L.resolvedOn) <= \(bind: to) OR l.\(\L.withdrawnOn) <= \(bind: to))"
        case .foundRight: return "l.outcome IN ('complaint_right', 'complaint_partly_right', 'denunciation_true', 'denunciation_partly_true')"
        case .unsettled: return "((l.\(\L.resolvedOn) IS NULL OR l.\(\L.resolvedOn) > \(bind: to)) AND (l.\(\L.withdrawnOn) IS NULL OR l.\(\L.withdrawnOn) > \(bind: to)))"
        }
    }
}
