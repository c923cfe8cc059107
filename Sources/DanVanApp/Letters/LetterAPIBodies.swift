import Foundation

// The letters API's own response types: what the API document promises, apart from the
// storage rows, so that renaming a column cannot change the API. Swift names are camelCase;
// the JSON keys are their snake_case (`JSONResponse` encodes every API body that way).

/// A letter in an API list (never a denouncer's identity).
struct LetterItemBody: Encodable, Sendable {
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
    var senderLabel: String
    var handlerID: UUID?
    var handlerName: String?
    var dueOn: String?
    var dueRule: String?
    var isRepeat: Bool
    var duplicateOf: UUID?


    init(_ row: LetterRow) {
        id = row.id
        code = row.code
        unitID = row.unit_id
        unitName = row.unit_name
        organisationID = row.organisation_id
        organisationName = row.organisation_name
        receivedOn = row.received_on
        channel = row.channel
        kind = row.kind
        field = row.field
        status = row.status
        subject = row.subject
        senderLabel = row.sender_label
        handlerID = row.handler_id
        handlerName = row.handler_name
        dueOn = row.due_on
        dueRule = row.due_rule
        isRepeat = row.is_repeat
        duplicateOf = row.duplicate_of
    }
}

/// A case in the API detail, without the sender's identity (sent apart).
struct LetterBody: Encodable, Sendable {
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
    var notifiedOn: String?
    var answerReceivedOn: String?
    var forwardedTo: UUID?
    var trackingCode: String?
    var publicAnswer: String?
    var createdBy: String


    init(_ row: LetterDetail) {
        id = row.id
        code = row.code
        unitID = row.unit_id
        unitName = row.unit_name
        organisationID = row.organisation_id
        organisationName = row.organisation_name
        organisationKind = row.organisation_kind
        receivedOn = row.received_on
        channel = row.channel
        kind = row.kind
        field = row.field
        competence = row.competence
        isRepeat = row.is_repeat
        duplicateOf = row.duplicate_of
        sourceLetterID = row.source_letter_id
        subject = row.subject
        content = row.content
        senderLabel = row.sender_label
        peopleCount = row.people_count
        status = row.status
        disposition = row.disposition
        variant = row.variant
        handlerID = row.handler_id
        handlerName = row.handler_name
        processedOn = row.processed_on
        acceptedOn = row.accepted_on
        dueOn = row.due_on
        dueRule = row.due_rule
        resolutionDueOn = row.resolution_due_on
        resolvedOn = row.resolved_on
        decisionNumber = row.decision_number
        decisionDate = row.decision_date
        outcome = row.outcome
        resultSentOn = row.result_sent_on
        enforcedOn = row.enforced_on
        withdrawnOn = row.withdrawn_on
        notifiedOn = row.notified_on
        answerReceivedOn = row.answer_received_on
        forwardedTo = row.forwarded_to
        trackingCode = row.tracking_code
        publicAnswer = row.public_answer
        createdBy = row.created_by
    }
}

/// A step of a case's life cycle in the API detail.
struct LetterEventBody: Encodable, Sendable {
    var id: UUID
    var letterID: UUID
    var action: String
    var onDate: String
    var at: Date
    var actorID: UUID?
    var actorName: String
    var targetOrganisationID: UUID?
    var reason: String
    var detail: String
    var dueOn: String?
    var ruleKey: String?
    var ruleSource: String?
    var days: Int?


    init(_ row: LetterEventRow) {
        id = row.id
        letterID = row.letter_id
        action = row.action
        onDate = row.on_date
        at = row.at
        actorID = row.actor_id
        actorName = row.actor_name
        targetOrganisationID = row.target_organisation_id
        reason = row.reason
        detail = row.detail
        dueOn = row.due_on
        ruleKey = row.rule_key
        ruleSource = row.rule_source
        days = row.days
    }
}
