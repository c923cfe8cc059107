import Foundation

// The letters API's own response types: what the API document promises, apart from the
// storage rows, so that renaming a column cannot change the API. Swift names are camelCase;
// the JSON keys are their snake_case (`JSONResponse` encodes every API body that way).

/// A letter in an API list (never a denouncer's identity).
struct LetterItemBody: Codable, Sendable {
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
        unitID = row.unitID
        unitName = row.unitName
        organisationID = row.organisationID
        organisationName = row.organisationName
        receivedOn = row.receivedOn
        channel = row.channel
        kind = row.kind
        field = row.field
        status = row.status
        subject = row.subject
        senderLabel = row.senderLabel
        handlerID = row.handlerID
        handlerName = row.handlerName
        dueOn = row.dueOn
        dueRule = row.dueRule
        isRepeat = row.isRepeat
        duplicateOf = row.duplicateOf
    }
}

/// A case in the API detail, without the sender's identity (sent apart).
struct LetterBody: Codable, Sendable {
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
        unitID = row.unitID
        unitName = row.unitName
        organisationID = row.organisationID
        organisationName = row.organisationName
        organisationKind = row.organisationKind
        receivedOn = row.receivedOn
        channel = row.channel
        kind = row.kind
        field = row.field
        competence = row.competence
        isRepeat = row.isRepeat
        duplicateOf = row.duplicateOf
        sourceLetterID = row.sourceLetterID
        subject = row.subject
        content = row.content
        senderLabel = row.senderLabel
        peopleCount = row.peopleCount
        status = row.status
        disposition = row.disposition
        variant = row.variant
        handlerID = row.handlerID
        handlerName = row.handlerName
        processedOn = row.processedOn
        acceptedOn = row.acceptedOn
        dueOn = row.dueOn
        dueRule = row.dueRule
        resolutionDueOn = row.resolutionDueOn
        resolvedOn = row.resolvedOn
        decisionNumber = row.decisionNumber
        decisionDate = row.decisionDate
        outcome = row.outcome
        resultSentOn = row.resultSentOn
        enforcedOn = row.enforcedOn
        withdrawnOn = row.withdrawnOn
        notifiedOn = row.notifiedOn
        answerReceivedOn = row.answerReceivedOn
        forwardedTo = row.forwardedTo
        trackingCode = row.trackingCode
        publicAnswer = row.publicAnswer
        createdBy = row.createdBy
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
        letterID = row.letterID
        action = row.action
        onDate = row.onDate
        at = row.at
        actorID = row.userID
        actorName = row.createdBy
        targetOrganisationID = row.targetOrganisationID
        reason = row.reason
        detail = row.detail
        dueOn = row.dueOn
        ruleKey = row.ruleKey
        ruleSource = row.ruleSource
        days = row.days
    }
}
