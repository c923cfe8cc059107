import DanVanDomain
import Foundation

/// A letter as lists show it: never the identity of a denouncer.
struct LetterRow: Sendable, Codable {
    var id: UUID
    var code: String
    var unitID: UUID
    var unitName: String
    var organisationID: UUID
    var organisationName: String
    var receivedOn: String
    var channel: String
    var kind: String
    var field: String
    var status: String
    var subject: String
    /// The sender's name for letters other than denunciations; empty for denunciations.
    var senderLabel: String
    var handlerID: UUID?
    var handlerName: String?
    var dueOn: String?
    var dueRule: String?
    var isRepeat: Bool
    var duplicateOf: UUID?

    var letterKind: LetterKind { LetterKind(rawValue: kind) ?? .petition }
    var letterStatus: LetterStatus { LetterStatus(rawValue: status) ?? .received }
}

/// A row of `letters` (đơn thư), every column: what intake inserts whole, and the typed
/// keys every query over letters names its columns by (`l.\(\L.receivedOn)`).
struct LetterRecord: Codable, Sendable {
    var id: UUID
    var code: String
    var unitID: UUID
    var organisationID: UUID
    var receivedOn: String
    var channel: String
    var kind: String
    var field: String
    var competence: String
    var isRepeat: Bool
    /// The earlier open case of the same person on the same matter (trùng đơn).
    var duplicateOf: UUID?
    /// The letter this one was copied from when forwarded to another organisation.
    var sourceLetterID: UUID?
    var subject: String
    var content: String
    /// Folded code, subject, sender (never a denouncer) and the start of the content.
    var searchText: String
    /// The sender's name as lists show it; empty for a denunciation.
    var senderLabel: String
    var peopleCount: Int
    var status: String
    var disposition: String?
    var variant: String
    var handlerID: UUID?
    var handlerName: String?
    var processedOn: String?
    /// Thụ lý: formal acceptance.
    var acceptedOn: String?
    var dueOn: String?
    var dueRule: String?
    var resolutionDueOn: String?
    var resolvedOn: String?
    var decisionNumber: String?
    var decisionDate: String?
    var outcome: String?
    var resultSentOn: String?
    var enforcedOn: String?
    var withdrawnOn: String?
    var notifiedOn: String?
    var answerReceivedOn: String?
    var forwardedTo: UUID?
    var trackingCode: String?
    var publicAnswer: String?
    var createdBy: String
    var createdAt: Date
    var updatedAt: Date
}

/// The letters' typed keys, short in queries: `l.\(\L.dueOn)`.
typealias L = LetterRecord

/// A row of `letter_senders`: who sent a letter, kept apart from it (a denouncer's identity is protected).
struct LetterSenderRecord: Codable, Sendable {
    var letterID: UUID
    var name: String
    /// The name folded for the duplicate check and the search.
    var foldedName: String
    var address: String
    var contact: String
    var idNumber: String
}

/// A row of `letter_attachments`: a file sent with a letter, its bytes included.
struct LetterAttachmentRecord: Codable, Sendable {
    var id: UUID
    var letterID: UUID
    var filename: String
    var contentType: String
    var size: Int
    /// A signature or handwriting sample: protected like the denouncer's name.
    var identifying: Bool
    var data: Data
    var createdAt: Date
}

/// Everything about a case but the sender's identity.
struct LetterDetail: Sendable, Codable {
    var id: UUID
    var code: String
    var unitID: UUID
    var unitName: String
    var organisationID: UUID
    var organisationName: String
    var organisationKind: String
    var receivedOn: String
    var channel: String
    var kind: String
    var field: String
    var competence: String
    var isRepeat: Bool
    var duplicateOf: UUID?
    var sourceLetterID: UUID?
    var subject: String
    var content: String
    var senderLabel: String
    var peopleCount: Int
    var status: String
    var disposition: String?
    var variant: String
    var handlerID: UUID?
    var handlerName: String?
    var processedOn: String?
    var acceptedOn: String?
    var dueOn: String?
    var dueRule: String?
    var resolutionDueOn: String?
    var resolvedOn: String?
    var decisionNumber: String?
    var decisionDate: String?
    var outcome: String?
    var resultSentOn: String?
    var enforcedOn: String?
    var withdrawnOn: String?
    /// Thông báo thụ lý tố cáo.
    var notifiedOn: String?
    var answerReceivedOn: String?
    var forwardedTo: UUID?
    var trackingCode: String?
    var publicAnswer: String?
    var createdBy: String

    var letterStatus: LetterStatus { LetterStatus(rawValue: status) ?? .received }
}

/// What the due dates of a case depend on: its kind, how and when it came,
/// when it was processed, accepted, notified and settled, and its variant.
protocol CaseDeadlineFacts {
    var kind: String { get }
    var channel: String { get }
    var receivedOn: String { get }
    var processedOn: String? { get }
    var acceptedOn: String? { get }
    var isRepeat: Bool { get }
    var variant: String { get }
    var resolvedOn: String? { get }
    var withdrawnOn: String? { get }
    var notifiedOn: String? { get }
}

extension CaseDeadlineFacts {
    var letterKind: LetterKind { LetterKind(rawValue: kind) ?? .petition }
    var deadlineVariant: DeadlineVariant { DeadlineVariant(rawValue: variant) ?? .standard }
    var receivedDate: CivilDate { CivilDate(iso: receivedOn)! }
}

extension LetterDetail: CaseDeadlineFacts {}

/// The deadline facts of an open case and its kept due date, read without the
/// rest of the case when all open cases are recomputed.
struct OpenCaseDeadline: Sendable, Decodable, CaseDeadlineFacts {
    var id: UUID
    var code: String
    var kind: String
    var channel: String
    var receivedOn: String
    var processedOn: String?
    var acceptedOn: String?
    var isRepeat: Bool
    var variant: String
    var resolvedOn: String?
    var withdrawnOn: String?
    var notifiedOn: String?
    var dueOn: String?
}

/// Who sent a letter: name, address, contact, identity number (kept in `letter_senders`).
struct SenderIdentity: Sendable, Codable, Equatable {
    var name: String
    var address: String
    var contact: String
    var idNumber: String
}

/// What the caller is shown of the sender.
enum SenderView: Sendable, Equatable {
    /// Shown; for a denunciation the read was written to the audit log.
    case shown(SenderIdentity)
    /// Redacted: the caller is outside the handling chain of a denunciation.
    case redacted
}

/// One event of a case's life cycle.
struct LetterEventRow: Sendable, Codable {
    var id: UUID
    var letterID: UUID
    var action: String
    var onDate: String
    var at: Date
    /// Who took the step: their account and user name.
    var userID: UUID?
    var createdBy: String
    var targetOrganisationID: UUID?
    var reason: String
    var detail: String
    var dueOn: String?
    var ruleKey: String?
    var ruleSource: String?
    var days: Int?
}

/// An attachment's description (its bytes are read separately).
struct AttachmentRow: Sendable, Codable {
    var id: UUID
    var letterID: UUID
    var filename: String
    var contentType: String
    var size: Int
    var identifying: Bool
}

/// A file sent with a letter, before it is checked. The type the browser declared is not
/// kept: the stored type is read from the bytes (``FileKind``).
struct AttachmentInput: Sendable {
    var filename: String
    var data: [UInt8]
    /// A signature or handwriting sample: protected like the denouncer's name.
    var identifying: Bool
}

/// What the intake form submits.
struct LetterInput: Sendable {
    var organisationID: UUID?
    var receivedOn: String
    var channel: String
    var kind: String
    var field: String
    var subject: String
    var content: String
    var sender: SenderIdentity
    var peopleCount: String
    var isRepeat: Bool
    var visitID: UUID?
}

/// What an action form submits; each action reads the fields it needs.
struct LetterActionInput: Sendable {
    var action: LetterAction
    var onDate: String
    var reason = ""
    var detail = ""
    var kind: String?
    var field: String?
    var competence: String?
    var variant: String?
    var handlerID: UUID?
    var targetOrganisationID: UUID?
    var days: String?
    var decisionNumber: String?
    var decisionDate: String?
    var outcome: String?
    var publicAnswer: String?
}

/// One due date of a case with the rule behind it.
struct CaseDeadline: Sendable {
    var step: String
    var ruleKey: String
    var source: String
    var variant: DeadlineVariant
    var from: CivilDate
    var totalDays: Int
    var count: DayCount
    var due: CivilDate
    /// When the step was done; nil while it is pending.
    var doneOn: CivilDate?
}
