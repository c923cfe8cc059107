import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

@Suite("Demo: the meetings and opinions of seed 002")
struct FollowUpDemoTests {
    @Test("Chư Pưh: 27 voter contacts in 9 communes, 3.500 attendances, 125 district opinions; 8 listening conferences, 2.725 attendances, 62 opinions; 18 supervision teams")
    func seed002() async throws {
        try await TestApp.run { app in
            _ = try await DemoLoader.load(into: app.services)
            _ = try await DemoLoader.load(into: app.services)   // loaded once
            let scope = try await app.nationalScope()
            let district = try await app.unit("639", legacy: true)
            let store = MeetingStore(database: app.database)
            let report = try #require(ReportPeriod(from: CivilDate(iso: "2022-01-01")!, to: CivilDate(iso: "2023-03-16")!))
            let meetings = try await store.meetings(scope, unitID: district.id, period: report, offset: 0, limit: 1_000).rows
            func of(_ kind: MeetingKind) -> [MeetingRow] { meetings.filter { $0.kind == kind.rawValue } }
            #expect(of(.voterContact).count == 27 && Set(of(.voterContact).map(\.unitID)).count == 9)
            #expect(of(.voterContact).map(\.participants).reduce(0, +) == 3_500 && of(.voterContact).map(\.opinions).reduce(0, +) == 125)
            #expect(of(.listening).count == 8 && Set(of(.listening).map(\.unitID)).count == 8)
            #expect(of(.listening).map(\.participants).reduce(0, +) == 2_725 && of(.listening).map(\.opinions).reduce(0, +) == 62)
            #expect(of(.supervision).count == 18)
            // The 125 are within the district's competence, each routed to the district People's Committee and answered.
            var district125: [OpinionRow] = []
            for meeting in of(.voterContact) { district125 += try await store.opinions(scope, meetingID: meeting.id) }
            #expect(district125.count == 125 && district125.allSatisfy { $0.level == "district" && $0.itemID != nil })
            let items = try await store.followUps.items(scope, sourceIDs: district125.map(\.id))
            #expect(items.count == 125 && items.allSatisfy { $0.itemStatus == .done && $0.organisationName.contains("Ủy ban nhân dân") })
            // The counts of the district over the report's period are the 125 and the 62, all answered.
            let counts = try await store.followUps.counts(scope, unitID: district.id, period: report, today: CivilDate(iso: "2023-03-16")!)
            #expect(counts.total == 187 && counts.byStatus[.done] == 187 && counts.overdue == 0)
            #expect(try await store.published(offset: 0).total == 125)
        }
    }
}
