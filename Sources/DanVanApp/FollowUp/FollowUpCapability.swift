import DanVanDomain
import Hummingbird

/// Follow-up items (việc theo dõi) and what they come from — meetings and their opinions —
/// and the notification inbox every signed-in user has.
enum FollowUpCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        let meetings = MeetingStore(database: services.database)
        let followUps = FollowUpController(items: meetings.followUps, meetings: meetings, units: services.units, organisations: services.organisations,
                                           renderer: services.renderer)
        followUps.addRoutes(to: router)
        MeetingController(meetings: meetings, units: services.units, followUps: followUps, renderer: services.renderer).addRoutes(to: router)
        DocumentController(documents: DocumentStore(database: services.database), meetings: meetings, units: services.units, followUps: followUps,
                           renderer: services.renderer).addRoutes(to: router)
        InboxController(inbox: InboxStore(database: services.database), renderer: services.renderer).addRoutes(to: router)
        FollowUpAPIController(meetings: meetings, units: services.units).addRoutes(to: router)
    }

    static let navigation = [NavigationEntry(labelKey: "nav_followup", url: .followUps, section: "followup")]

    /// What waits for the caller's organisation, for those who act on items: what it holds overdue
    /// and due soon, and what it set that was declined (to re-assign or cancel). Each count is read
    /// from the very link it shows. The home page is also where each day's due-soon and overdue
    /// notifications of the caller are added.
    static func waiting(_ context: WaitingContext) async throws -> [WaitingItem] {
        let database = context.services.database
        _ = try await InboxStore(database: database).refresh(context.identity, today: context.today)
        guard FollowUpStore.actors.contains(where: context.scope.has) else { return [] }
        let store = FollowUpStore(database: database)
        func item(_ labelKey: String, overdue: Bool = false, _ change: (inout FollowUpListQuery) -> Void) async throws -> WaitingItem {
            var query = FollowUpListQuery(unit: context.scope.unitID, organisation: context.scope.organisationID)
            change(&query)
            let href = SiteURL.followUpList(query).path
            let asked = FormData(String(href.drop { $0 != "?" }.dropFirst()))
            let filter = try await FollowUpController.filter(asked, scope: context.scope, units: context.services.units).filter
            return WaitingItem(labelKey: labelKey, count: try await store.count(context.scope, filter: filter, today: context.today), href: href, overdue: overdue)
        }
        return [
            try await item("home_followup_overdue", overdue: true) { $0.due = FollowUpDueState.overdue.rawValue },
            try await item("home_followup_due_soon") { $0.due = FollowUpDueState.dueSoon.rawValue },
            try await item("home_followup_declined") { $0.side = FollowUpSide.set.rawValue; $0.status = FollowUpStatus.declined.rawValue },
        ]
    }

    static func loadDemo(_ demo: DemoContext) async throws {
        try await FollowUpDemo.load(demo)
        try await DocumentDemo.load(demo)
    }

    static var apiSchemas: [(name: String, type: any Decodable.Type)] {
        [("FollowUpCounts", FollowUpCountsBody.self), ("Meeting", MeetingBody.self), ("MeetingList", MeetingListBody.self),
         ("DocumentList", DocumentListBody.self), ("FollowUpItemList", FollowUpItemListBody.self), ("InspectionList", InspectionListBody.self),
         ("Opinion", OpinionBody.self), ("FollowUpItem", FollowUpItemBody.self), ("Document", DocumentRow.self), ("Inspection", InspectionRow.self)]
    }

    static var benches: [BenchCommand] {
        [BenchCommand(name: "followup",
                      abstract: "Sinh việc theo dõi toàn quốc, đo danh sách quá hạn của một tỉnh, số đếm tỉnh-năm và một trang hộp thông báo.",
                      options: [.init(name: "items", defaultValue: 2_000_000, help: "Số việc theo dõi cần sinh (bỏ qua nếu đã có việc sinh sẵn)."),
                                .init(name: "rounds", defaultValue: 3, help: "Số vòng lặp qua mọi tỉnh.")]) { configuration, values, emit in
            try await FollowUpBench.run(configuration: configuration, items: values["items"]!, rounds: values["rounds"]!, print: emit)
        }]
    }
}
