import DanVanDomain
import Foundation
import Hummingbird

/// Counts of follow-up items by status for a subtree and period.
struct FollowUpCountsBody: Codable, Sendable {
    var unitID: UUID
    var period: String?
    var open: Int
    var inProgress: Int
    var done: Int
    var declined: Int
    var cancelled: Int
    var overdue: Int
    var dueSoon: Int
    var total: Int
}

/// A follow-up item as the API gives it.
struct FollowUpItemBody: Codable, Sendable {
    var id: UUID
    var source: String
    var title: String
    var organisation: String
    var dueOn: String
    var status: String
    var answer: String?
    var answeredOn: String?
    var declineReason: String?
}

struct OpinionBody: Codable, Sendable {
    var id: UUID
    var text: String
    var field: String
    var level: String
    var raiserTold: Bool
    var published: Bool
    var item: FollowUpItemBody?
}

struct MeetingBody: Codable, Sendable {
    var id: UUID
    var kind: String
    var unit: String
    var host: String
    var coHosts: String
    var heldOn: String
    var participants: Int
    var opinionCount: Int
    var opinions: [OpinionBody]?
}

/// The documents of a subtree, each with its tasks done of all.
struct DocumentListBody: Codable, Sendable {
    var items: [DocumentRow]
    var total: Int
    var offset: Int
}

struct FollowUpItemListBody: Codable, Sendable {
    var items: [FollowUpItemBody]
}

/// The inspections of a subtree, each with its remedies done of all.
struct InspectionListBody: Codable, Sendable {
    var items: [InspectionRow]
}

struct MeetingListBody: Codable, Sendable {
    var items: [MeetingBody]
    var total: Int
    var offset: Int
}

/// Meetings, opinions and follow-up counts in the JSON API, through the caller's scope.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /api/v1/follow-up/counts?unit=&period=&source= | counts by status and overdue |
/// | GET | /api/v1/meetings?unit=&period=&offset= | meetings of a subtree |
/// | GET | /api/v1/meetings/:id | a meeting with its opinions and the items they were routed as |
/// | GET | /api/v1/documents?unit= | documents of a subtree, tasks done of all |
/// | GET | /api/v1/documents/:id/tasks | the tasks of a document |
/// | GET | /api/v1/inspections?unit= | inspections of a subtree, remedies done of all |
struct FollowUpAPIController: Sendable {
    let meetings: MeetingStore
    let units: UnitStore
    var documents: DocumentStore { DocumentStore(database: meetings.database) }

    static func check(_ query: APIQuery) throws {
        try query.checkUUID("unit")
        try query.checkText("period", maxLength: 30)
        if query.has("period"), ReportPeriod.parse(query.form["period"]) == nil { throw APIQuery.bad("period") }
        try query.check("source", in: FollowUpSource.allCases.map(\.rawValue))
        try query.check("side", in: FollowUpSide.allCases.map(\.rawValue))
        try query.check("level", in: OpinionLevel.allCases.map(\.rawValue))
        try query.checkInteger("offset", 0...1_000_000)
    }

    static func body(_ row: FollowUpRow) -> FollowUpItemBody {
        FollowUpItemBody(id: row.id, source: row.source, title: row.title, organisation: row.organisationName, dueOn: row.dueOn, status: row.status,
                         answer: row.answer, answeredOn: row.answeredOn, declineReason: row.declineReason)
    }

    static func body(_ row: MeetingRow, opinions: [OpinionBody]? = nil) -> MeetingBody {
        MeetingBody(id: row.id, kind: row.kind, unit: row.placeName, host: row.organisationName, coHosts: row.coHosts, heldOn: row.heldOn,
                    participants: row.participants, opinionCount: row.opinions, opinions: opinions)
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.apiFollowUpCounts) { request, context in
            let query = APIQuery(request)
            try Self.check(query)
            let (unit, period, key) = try await FollowUpController.selection(query.form, scope: context.scope, units: units)
            let filter = FollowUpFilter(unitID: unit.id, period: period, source: FollowUpSource(rawValue: query.form["source"]),
                                        side: FollowUpSide(rawValue: query.form["side"]) ?? .held, level: OpinionLevel(rawValue: query.form["level"]))
            let counts = try await meetings.followUps.counts(context.scope, filter: filter, today: CivilDate.today(now: Date()))
            let n = { (s: FollowUpStatus) in counts.byStatus[s] ?? 0 }
            return JSONResponse.make(FollowUpCountsBody(unitID: unit.id, period: key, open: n(.open), inProgress: n(.inProgress), done: n(.done),
                                                        declined: n(.declined), cancelled: n(.cancelled), overdue: counts.overdue, dueSoon: counts.dueSoon, total: counts.total))
        }
        signedIn.get(SiteURL.Pattern.apiMeetings) { request, context in
            let query = APIQuery(request)
            try Self.check(query)
            let (unit, period, _) = try await FollowUpController.selection(query.form, scope: context.scope, units: units)
            let offset = Pager.offset(query.form["offset"])
            let (rows, total) = try await meetings.meetings(context.scope, unitID: unit.id, period: period, offset: offset)
            return JSONResponse.make(MeetingListBody(items: rows.map { Self.body($0) }, total: total, offset: offset))
        }
        signedIn.get(SiteURL.Pattern.apiDocuments) { request, context in
            let query = APIQuery(request)
            try query.checkUUID("unit")
            try query.checkInteger("offset", 0...1_000_000)
            let (unit, _, _) = try await FollowUpController.selection(query.form, scope: context.scope, units: units)
            let offset = Pager.offset(query.form["offset"])
            let (rows, total) = try await documents.documents(context.scope, unitID: unit.id, offset: offset, limit: DocumentController.pageSize)
            return JSONResponse.make(DocumentListBody(items: rows, total: total, offset: offset))
        }
        signedIn.get(SiteURL.Pattern.apiDocumentTasks) { _, context in
            let id = try UUID.parse(context.parameters.get("id"))
            _ = try await documents.document(context.scope, id: id)
            return JSONResponse.make(FollowUpItemListBody(items: try await meetings.followUps.items(context.scope, sourceIDs: [id]).map(Self.body)))
        }
        signedIn.get(SiteURL.Pattern.apiInspections) { request, context in
            let query = APIQuery(request)
            try query.checkUUID("unit")
            let (unit, _, _) = try await FollowUpController.selection(query.form, scope: context.scope, units: units)
            return JSONResponse.make(InspectionListBody(items: try await documents.inspections(context.scope, unitID: unit.id)))
        }
        signedIn.get(SiteURL.Pattern.apiMeeting) { _, context in
            let scope = context.scope
            let id = try UUID.parse(context.parameters.get("id"))
            let meeting = try await meetings.meeting(scope, id: id)
            let opinions = try await meetings.opinions(scope, meetingID: id)
            let items = Dictionary(uniqueKeysWithValues: try await meetings.followUps.items(scope, sourceIDs: opinions.map(\.id)).map { ($0.sourceID, $0) })
            return JSONResponse.make(Self.body(meeting, opinions: opinions.map {
                OpinionBody(id: $0.id, text: $0.text, field: $0.field, level: $0.level, raiserTold: $0.raiserTold, published: $0.publishedAt != nil,
                            item: items[$0.id].map(Self.body))
            }))
        }
    }
}
