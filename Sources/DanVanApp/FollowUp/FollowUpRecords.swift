import DanVanDomain
import Foundation

/// A row of `follow_up_items` (việc theo dõi): an opinion routed to an agency, a task of a
/// document or a remedy after an inspection — assigned to an organisation, due on a day,
/// open until answered, done, declined or cancelled.
struct FollowUpItemRecord: Sendable, Codable {
    var id: UUID
    /// `FollowUpSource`.
    var source: String
    /// The opinion, document or inspection it comes from.
    var sourceID: UUID
    var title: String
    /// The organisation that set it (routed the opinion, issued the document, inspected) and its unit.
    var ownerOrganisationID: UUID
    var ownerUnitID: UUID
    /// The organisation it is assigned to now, and its unit.
    var organisationID: UUID
    var unitID: UUID
    /// The current assignment (`follow_up_assignments`): a form names it, so a form posted twice changes nothing twice.
    var assignmentID: UUID
    /// The day it was set: what periods count it by.
    var openedOn: String
    var dueOn: String
    /// "working_days:15" when the due date was counted by the legal calendar; nil for a fixed day.
    var dueRule: String?
    /// `FollowUpStatus`.
    var status: String
    var answer: String?
    var answeredOn: String?
    var declineReason: String?
    var createdBy: String
    var createdAt: Date
    var updatedAt: Date
}

/// A row of `follow_up_assignments`: who held an item, from when, until what and why.
struct FollowUpAssignmentRecord: Sendable, Codable {
    var id: UUID
    var itemID: UUID
    var organisationID: UUID
    var unitID: UUID
    var dueOn: String
    /// Why it was assigned there (the first routing may say nothing).
    var reason: String
    /// How the assignment ended: `FollowUpAction` (answer, decline, reassign, cancel); nil while held.
    var outcome: String?
    var outcomeReason: String?
    var endedAt: Date?
    var createdBy: String
    var createdAt: Date
}

/// A row of `follow_up_attachments`: a file sent with an answer, typed from its bytes.
struct FollowUpAttachmentRecord: Sendable, Codable {
    var id: UUID
    var itemID: UUID
    var filename: String
    var contentType: String
    var size: Int
    var data: Data
    var createdAt: Date
}

/// Where a follow-up item comes from.
enum FollowUpSource: String, Sendable, CaseIterable {
    /// Ý kiến, kiến nghị of a meeting.
    case opinion
    /// Nhiệm vụ of a document.
    case task
    /// Biện pháp khắc phục after an inspection.
    case remedy
}

/// A row of `meetings` (hội nghị, buổi tiếp xúc, đối thoại).
struct MeetingRecord: Sendable, Codable {
    var id: UUID
    /// `MeetingKind`.
    var kind: String
    /// The host organisation's unit: who reaches the meeting and its opinions.
    var unitID: UUID
    /// The host organisation.
    var organisationID: UUID
    /// Where it was held (the commune the district's deputies met voters in); the host's unit when not given.
    var placeUnitID: UUID?
    /// Other hosts, as written ("Tổ đại biểu HĐND huyện số 2"); for a dissemination conference, its audience.
    var coHosts: String
    /// The document disseminated, or the coordination programme of a joint briefing.
    var documentID: UUID?
    var heldOn: String
    var participants: Int
    var minutes: String
    var createdBy: String
    var createdAt: Date
}

enum MeetingKind: String, Sendable, CaseIterable {
    /// Đối thoại với một nhóm.
    case dialogue
    /// Tiếp xúc cử tri.
    case voterContact = "voter_contact"
    /// Hội nghị "lắng nghe ý kiến nhân dân".
    case listening
    /// Giám sát chuyên đề.
    case supervision
    /// Giao ban chương trình phối hợp.
    case jointBriefing = "joint_briefing"
    /// Hội nghị quán triệt a document.
    case dissemination
}

/// A row of `opinions` (ý kiến, kiến nghị) raised at a meeting. No personal data: the raiser is not recorded.
struct OpinionRecord: Sendable, Codable {
    var id: UUID
    var meetingID: UUID
    /// The meeting's unit and host: what an opinion's reach is.
    var unitID: UUID
    var organisationID: UUID
    var text: String
    var field: String
    /// `OpinionLevel`.
    var level: String
    /// The follow-up item it was routed as.
    var itemID: UUID?
    var raiserTold: Bool
    var publishedAt: Date?
    /// The words published (the text and the answer, edited at publication so that no one's name or house reaches the public page).
    var publicText: String?
    var publicAnswer: String?
    var createdBy: String
    var createdAt: Date
    /// The organisation that raised it, when one did (a citizen is not recorded): told when it is answered.
    var raiserOrganisationID: UUID? = nil
}

/// Thẩm quyền giải quyết.
enum OpinionLevel: String, Sendable, CaseIterable {
    case commune, district, province, central
}

/// A row of `notifications`: one event for one user; `occasion` makes it once only.
struct NotificationRecord: Sendable, Codable {
    var id: UUID
    var userID: UUID
    /// `NotificationKind`.
    var kind: String
    /// The follow-up item or the letter it is about.
    var subjectID: UUID
    var subjectType: String
    /// What makes the event one: the assignment, or the due date for due soon / overdue.
    var occasion: String
    var title: String
    var readAt: Date?
    var createdAt: Date
    /// The organisation the user acted for when told: the inbox shows only those of the user's
    /// current organisation (a user who moves stops seeing the old one's item titles).
    var organisationID: UUID
    /// When it went out in an e-mail digest (`danvan followup notify --mail`); nil, not yet.
    var mailedAt: Date? = nil
}

enum NotificationKind: String, Sendable, CaseIterable {
    case assigned, answered, declined, cancelled
    /// Told to the organisation an item was taken from when its owner re-assigns it.
    case reassigned
    case dueSoon = "due_soon"
    case overdue
    // Reporting: entry
    /// Entry of a form's period opens for the organisation; its report was returned to it.
    case reportOpen = "report_open"
    case reportReturned = "report_returned"
}

/// The file of a document (its text as issued: PDF, Word …), one per document; typed from its bytes.
struct DocumentFileRecord: Sendable, Codable {
    var id: UUID
    var documentID: UUID
    var filename: String
    var contentType: String
    var size: Int
    var data: Data
    var createdBy: String
    var createdAt: Date
}

/// A row of `documents` (văn bản): a resolution, directive, decision, plan, coordination programme …
/// Its tasks are follow-up items (`source` task); a programme has members and a period.
struct DocumentRecord: Sendable, Codable {
    var id: UUID
    /// `DocumentKind`.
    var kind: String
    /// "529-QĐ/HU", as parsed (`DocumentSymbol.text`); nil when the source names no number.
    var numberSymbol: String?
    /// The issuer (Ban Thường vụ Huyện ủy …) and its unit.
    var organisationID: UUID
    var unitID: UUID
    var issuedOn: String
    var summary: String
    /// The document it replaces (529-QĐ/HU replaced 550-QĐ/HU).
    var replacesID: UUID?
    /// A programme's period (2022–2026).
    var periodFrom: String?
    var periodTo: String?
    /// A programme's member organisations, by name, one a line.
    var members: String
    var createdBy: String
    var createdAt: Date
}

/// A row of `inspections` (kiểm tra, giám sát): one team of a year's plan; its remedies are follow-up items (`source` remedy).
struct InspectionRecord: Sendable, Codable {
    var id: UUID
    /// The plan it belongs to (a document of kind plan: 13-KH/BDVHU).
    var planID: UUID?
    /// The inspecting body and its unit.
    var organisationID: UUID
    var unitID: UUID
    /// The place inspected.
    var targetUnitID: UUID
    var team: String
    /// The organisations and the individuals answerable, as written.
    var targets: String
    var subject: String
    /// "2023-q2".
    var scheduledQuarter: String
    var heldOn: String?
    var findings: String
    var recommendations: String
    var createdBy: String
    var createdAt: Date
}
