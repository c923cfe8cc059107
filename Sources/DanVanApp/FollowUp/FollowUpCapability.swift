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

    /// Nothing listed (the layout shows the inbox's unread count); the home page is where each
    /// day's due-soon and overdue notifications of the caller are added.
    static func waiting(_ context: WaitingContext) async throws -> [WaitingItem] {
        _ = try await InboxStore(database: context.services.database).refresh(context.identity, today: context.today)
        return []
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
