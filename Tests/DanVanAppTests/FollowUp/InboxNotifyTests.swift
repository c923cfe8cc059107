import DanVanDomain
import FluentKit
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// `danvan followup notify`: the day's due-soon and overdue events of everyone, once.
@Suite("Inbox: the daily computation")
struct InboxNotifyTests {
    static func kinds(_ inbox: InboxStore, _ scope: Scope) async throws -> [String] {
        try await inbox.page(userID: scope.userID!, offset: 0).rows.map { "\($0.kind) \($0.title)" }.sorted()
    }

    @Test("the daily computation tells every active user of the organisation, once; the next day's overdue once more; others nothing")
    func daily() async throws {
        try await TestApp.run { app in
            let place = try await FollowUpTests.place(app)
            let other = try await app.officer("ubnd2", roles: [.leader], in: place.unit, kind: "peoples_committee")
            let meetings = MeetingStore(database: app.database)
            let inbox = InboxStore(database: app.database)
            let (_, opinions) = try await FollowUpTests.meeting(app, place, texts: ["Đường thôn 3", "Cầu treo"])
            _ = try await meetings.route(place.secretary, opinionID: opinions[0], input: FollowUpDueInput(organisationID: place.committee.organisationID, dueOn: "10/09/2025"))
            _ = try await meetings.route(place.secretary, opinionID: opinions[1], input: FollowUpDueInput(organisationID: place.committee.organisationID, dueOn: "30/12/2099"))
            // 09/09/2025 (Tuesday): the first is due soon; on 15/09 it is overdue.
            let first = try await inbox.notifyAll(today: CivilDate(iso: "2025-09-09")!)
            #expect(first.added == InboxStore.Added(dueSoon: 2, overdue: 0))
            #expect(try await inbox.notifyAll(today: CivilDate(iso: "2025-09-09")!).added == InboxStore.Added())
            #expect(try await inbox.notifyAll(today: CivilDate(iso: "2025-09-15")!).added == InboxStore.Added(dueSoon: 0, overdue: 2))
            #expect(try await inbox.notifyAll(today: CivilDate(iso: "2025-09-15")!).added == InboxStore.Added())
            let expected = ["assigned Cầu treo", "assigned Đường thôn 3", "due_soon Đường thôn 3", "overdue Đường thôn 3"]
            #expect(try await Self.kinds(inbox, place.committee) == expected)
            #expect(try await Self.kinds(inbox, other) == expected)
            #expect(try await Self.kinds(inbox, place.police) == [])
            #expect(try await Self.kinds(inbox, place.secretary) == [])
        }
    }

    @Test("danvan followup notify prints what it added, in Vietnamese; a malformed day is refused")
    func command() async throws {
        try await TestApp.run { app in
            let output = try await FollowUpNotify.run(app.services, today: "15/09/2025")
            #expect(output.hasPrefix("Ngày 15/09/2025: đã thêm 0 thông báo sắp đến hạn và 0 thông báo quá hạn"))
            await #expect(throws: CommandProblem.self) { _ = try await FollowUpNotify.run(app.services, today: "2025-31-12") }
        }
    }

    @Test("a user moved to another organisation no longer sees the old organisation's item titles, in the inbox or its count")
    func movedUser() async throws {
        try await TestApp.run { app in
            let place = try await FollowUpTests.place(app)
            let (moved, password) = try await app.user("chuyen", roles: [.leader], kind: "peoples_committee", in: place.unit)
            let meetings = MeetingStore(database: app.database)
            let inbox = InboxStore(database: app.database)
            let (_, opinions) = try await FollowUpTests.meeting(app, place, texts: ["Cấp sổ đỏ cho hộ ông A"])
            _ = try await meetings.route(place.secretary, opinionID: opinions[0], input: FollowUpDueInput(organisationID: place.committee.organisationID, dueOn: "10/09/2025"))
            _ = try await inbox.notifyAll(today: CivilDate(iso: "2025-09-15")!)
            #expect(try await inbox.page(userID: moved.id, offset: 0).rows.map(\.kind).sorted() == ["assigned", "overdue"])
            #expect(try await inbox.unread(userID: moved.id) == 2)
            // The user now works for the police of the commune.
            try await User.query(on: app.database.db).filter(\.$id == moved.id).set(\.$organisationID, to: place.police.organisationID).update()
            #expect(try await inbox.page(userID: moved.id, offset: 0).total == 0)
            #expect(try await inbox.unread(userID: moved.id) == 0)
            // The daily computation tells them of the police's items, not of the committee's.
            _ = try await inbox.notifyAll(today: CivilDate(iso: "2025-09-16")!)
            #expect(try await inbox.page(userID: moved.id, offset: 0).total == 0)
            // The committee's own user still sees both.
            #expect(try await inbox.unread(userID: place.committee.userID!) == 2)
            // Over HTTP: neither the inbox page nor the layout's count shows them.
            try await app.client { browser in
                _ = try await browser.login("chuyen", password)
                let page = try await browser.get("/inbox")
                #expect(page.status == .ok)
                #expect(!page.body.contains("Cấp sổ đỏ"))
                #expect(!page.body.contains("id=\"inbox-unread\""))
            }
        }
    }
}
