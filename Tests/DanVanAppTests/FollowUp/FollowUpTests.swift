import DanVanDomain
import FluentKit
import Foundation
import Testing
@testable import DanVanApp

/// The follow-up items: routing, answering, declining, re-assigning; counts; the inbox.
@Suite("Follow-up items")
struct FollowUpTests {
    /// Ia Le (2025 commune): a secretary of the People's Council, the People's Committee and the police, each with a user.
    struct Place {
        var unit: UnitSummary
        var secretary: Scope, committee: Scope, police: Scope
    }

    static func place(_ app: TestApp, code: String = "23986", legacy: Bool = false, suffix: String = "") async throws -> Place {
        let unit = try await app.unit(code, legacy: legacy)
        return Place(unit: unit,
                     secretary: try await app.officer("thuky\(suffix)", roles: [.leader], in: unit, kind: "peoples_council"),
                     committee: try await app.officer("ubnd\(suffix)", roles: [.leader], in: unit, kind: "peoples_committee"),
                     police: try await app.officer("congan\(suffix)", roles: [.leader], in: unit, kind: "police"))
    }

    /// A voter contact of `day` with `texts` as opinions, recorded by the secretary.
    static func meeting(_ app: TestApp, _ place: Place, day: String = "03/09/2025", texts: [String]) async throws -> (meeting: UUID, opinions: [UUID]) {
        let store = MeetingStore(database: app.database)
        let id = try await store.record(place.secretary, input: MeetingInput(
            formID: nil, kind: "voter_contact", organisationID: place.secretary.organisationID, coHosts: "", heldOn: day, participants: "120", minutes: "",
            opinions: texts.map { OpinionInput(text: $0, field: "land", level: "commune") }))
        return (id, try await store.opinions(place.secretary, meetingID: id).map(\.id))
    }

    static func expectProblem(_ field: String, _ key: String, _ body: () async throws -> Void) async {
        do { try await body(); Issue.record("no problem for \(field)") } catch let error as ValidationError {
            #expect(error.fields[field] == key, "\(error.fields)")
        } catch { Issue.record("\(error)") }
    }

    @Test("re-assignment keeps the history; a declined item names its reason; a cancelled item cannot be answered; a stale form changes nothing")
    func lifeOfAnItem() async throws {
        try await TestApp.run { app in
            let place = try await Self.place(app)
            let meetings = MeetingStore(database: app.database), items = meetings.followUps
            let (_, opinions) = try await Self.meeting(app, place, texts: ["Đường liên thôn xuống cấp", "Cấp căn cước chậm", "Nước sinh hoạt"])
            let first = try await meetings.route(place.secretary, opinionID: opinions[0], input: FollowUpDueInput(
                organisationID: place.committee.organisationID, workingDays: "10"), today: CivilDate(iso: "2025-09-05")!)
            // A fixed due date on a day off moves to the next working day: Sunday 07/09/2025 → Monday 08/09/2025.
            let rolled = try await meetings.route(place.secretary, opinionID: opinions[2], input: FollowUpDueInput(
                organisationID: place.committee.organisationID, dueOn: "07/09/2025"), today: CivilDate(iso: "2025-09-05")!)
            #expect(try await items.item(place.secretary, id: rolled).dueOn == "2025-09-08")
            // Declined, then cancelled by its owner: the cancellation is a line of the history, with its reason.
            try await items.act(place.committee, id: rolled, input: FollowUpActionInput(
                action: "decline", assignmentID: try await items.item(place.secretary, id: rolled).assignmentID, reason: "Không thuộc thẩm quyền"))
            try await items.act(place.secretary, id: rolled, input: FollowUpActionInput(
                action: "cancel", assignmentID: try await items.item(place.secretary, id: rolled).assignmentID, reason: "Đã giải thích cho cử tri"))
            let ends = try await items.history(place.secretary, id: rolled).map { [$0.outcome ?? "", $0.outcomeReason ?? ""] }
            #expect(ends == [["decline", "Không thuộc thẩm quyền"], ["cancel", "Đã giải thích cho cử tri"]])
            var item = try await items.item(place.secretary, id: first)
            // Routed on Friday 05/09/2025, two days after the meeting: 10 working days from the routing day = 19/09/2025.
            #expect(item.dueOn == "2025-09-19" && item.dueRule == "working_days:10" && item.itemStatus == .open)
            // The committee declines: a reason is required.
            await Self.expectProblem("reason", "error_followup_reason_required") {
                try await items.act(place.committee, id: first, input: FollowUpActionInput(action: "decline", assignmentID: item.assignmentID))
            }
            try await items.act(place.committee, id: first, input: FollowUpActionInput(action: "decline", assignmentID: item.assignmentID,
                                                                                        reason: "Thuộc thẩm quyền của Công an xã"))
            item = try await items.item(place.secretary, id: first)
            #expect(item.itemStatus == .declined && item.declineReason == "Thuộc thẩm quyền của Công an xã")
            // The declined item cannot be answered; the owner re-assigns it to the police, with a reason and a new due date.
            await Self.expectProblem("action", "error_followup_not_allowed_declined") {
                try await items.act(place.committee, id: first, input: FollowUpActionInput(action: "answer", assignmentID: item.assignmentID, answer: "X"))
            }
            let stale = item.assignmentID
            try await items.act(place.secretary, id: first, input: FollowUpActionInput(
                action: "reassign", assignmentID: item.assignmentID, reason: "Chuyển đúng thẩm quyền",
                target: FollowUpDueInput(organisationID: place.police.organisationID, dueOn: "30/12/2099")), today: CivilDate(iso: "2025-09-10")!)
            // The same form posted twice: refused, nothing changed twice.
            await Self.expectProblem("action", "error_followup_changed") {
                try await items.act(place.secretary, id: first, input: FollowUpActionInput(
                    action: "reassign", assignmentID: stale, reason: "Chuyển đúng thẩm quyền",
                    target: FollowUpDueInput(organisationID: place.committee.organisationID, dueOn: "30/12/2099")))
            }
            item = try await items.item(place.secretary, id: first)
            #expect(item.organisationID == place.police.organisationID && item.itemStatus == .open && item.declineReason == nil)
            let history = try await items.history(place.secretary, id: first)
            #expect(history.count == 2)
            #expect(history[0].outcome == "decline" && history[0].outcomeReason == "Thuộc thẩm quyền của Công an xã" && history[0].dueOn == "2025-09-19")
            #expect(history[1].outcome == nil && history[1].reason == "Chuyển đúng thẩm quyền" && history[1].dueOn == "2099-12-30")
            // The committee no longer holds it: it may not answer it (out of its reach now: the committee's scope is the commune's subtree, so it still sees it).
            try await items.act(place.police, id: first, input: FollowUpActionInput(action: "answer", assignmentID: item.assignmentID, answer: "Đã giải quyết."))
            #expect(try await items.item(place.secretary, id: first).itemStatus == .done)
            // The second: cancelled by the owner, then not answerable.
            let second = try await meetings.route(place.secretary, opinionID: opinions[1], input: FollowUpDueInput(
                organisationID: place.police.organisationID, dueOn: "20/09/2025"))
            let assignment = try await items.item(place.secretary, id: second).assignmentID
            try await items.act(place.secretary, id: second, input: FollowUpActionInput(action: "cancel", assignmentID: assignment, reason: "Cử tri rút ý kiến"))
            await Self.expectProblem("action", "error_followup_not_allowed_cancelled") {
                try await items.act(place.police, id: second, input: FollowUpActionInput(action: "answer", assignmentID: assignment, answer: "X"))
            }
            // Every change is audited (three routings, two declines, re-assign, answer, two cancellations).
            #expect(try await AuditEntry.query(on: app.database.db).filter(\.$recordType == "follow_up_item").count() == 9)
        }
    }

    @Test("only the assignee's own people (or a leader above) answer an item, only the owner's re-assign or cancel it; another organisation's staff and a supervisor read")
    func whoActs() async throws {
        try await TestApp.run { app in
            let place = try await Self.place(app)
            let meetings = MeetingStore(database: app.database), items = FollowUpStore(database: app.database)
            let (_, opinions) = try await Self.meeting(app, place, texts: ["Ý kiến về đường liên thôn"])
            let id = try await meetings.route(place.secretary, opinionID: opinions[0], input: FollowUpDueInput(organisationID: place.committee.organisationID, dueOn: "30/09/2025"))
            let assignment = try await items.item(place.secretary, id: id).assignmentID
            let policeOfficer = try await app.officer("canbo.congan", roles: [.reportingOfficer], in: place.unit, kind: "police")
            let supervisor = try await app.officer("giamsat.mttq", roles: [.frontSupervisor], in: place.unit, kind: "fatherland_front")
            let committeeOfficer = try await app.officer("canbo.ubnd", roles: [.reportingOfficer], in: place.unit, kind: "peoples_committee")
            for outsider in [policeOfficer, supervisor] {
                await #expect(throws: AppError.self) {
                    try await items.act(outsider, id: id, input: FollowUpActionInput(action: "answer", assignmentID: assignment, answer: "Không phải việc của tôi"))
                }
                await #expect(throws: AppError.self) {
                    try await items.act(outsider, id: id, input: FollowUpActionInput(action: "cancel", assignmentID: assignment, reason: "Không phải việc của tôi"))
                }
            }
            await #expect(throws: AppError.self) {
                try await items.act(committeeOfficer, id: id, input: FollowUpActionInput(action: "cancel", assignmentID: assignment, reason: "Không phải chủ của việc"))
            }
            #expect(try await items.item(place.secretary, id: id).itemStatus == .open)
            try await items.act(committeeOfficer, id: id, input: FollowUpActionInput(action: "answer", assignmentID: assignment, answer: "Đã khảo sát, sẽ sửa trong quý IV."))
            #expect(try await items.item(place.secretary, id: id).itemStatus == .done)
            // The council's words on the public page are its own people's: another organisation's officer may not publish them.
            await #expect(throws: AppError.self) {
                try await meetings.mark(committeeOfficer, opinionID: opinions[0], publish: .publish(text: "Lời khác", answer: "Trả lời khác"))
            }
            #expect(try await meetings.opinions(place.secretary, meetingID: try await meetings.opinion(place.secretary, id: opinions[0]).meetingID)[0].publishedAt == nil)
            try await meetings.mark(place.secretary, opinionID: opinions[0], publish: .publish(text: "Đường liên thôn", answer: "Sẽ sửa trong quý IV."))
        }
    }

    @Test("routing: a due date before the meeting, an organisation out of reach or no longer current, routing twice — each refused, nothing stored")
    func badRouting() async throws {
        try await TestApp.run { app in
            let place = try await Self.place(app)
            let meetings = MeetingStore(database: app.database)
            let (_, opinions) = try await Self.meeting(app, place, texts: ["Ý kiến"])
            await Self.expectProblem("due_on", "error_followup_due_before_start") {
                _ = try await meetings.route(place.secretary, opinionID: opinions[0], input: FollowUpDueInput(
                    organisationID: place.committee.organisationID, dueOn: "02/09/2025"))
            }
            let sibling = try await app.officer("ubnd.iahru", roles: [.leader], in: try await app.unit("23971", legacy: false))
            await Self.expectProblem("organisation_id", "error_followup_out_of_reach") {
                _ = try await meetings.route(place.secretary, opinionID: opinions[0], input: FollowUpDueInput(
                    organisationID: sibling.organisationID, dueOn: "20/09/2025"))
            }
            // An organisation that ended (merged away) is no longer current.
            try await Organisation.query(on: app.database.db).filter(\.$id == place.committee.organisationID).set(\.$validTo, to: "2025-08-31").update()
            await Self.expectProblem("organisation_id", "error_followup_not_current") {
                _ = try await meetings.route(place.secretary, opinionID: opinions[0], input: FollowUpDueInput(
                    organisationID: place.committee.organisationID, dueOn: "20/09/2025"))
            }
            let count = try await app.database.sql.raw("SELECT COUNT(*) AS n FROM follow_up_items").all().first?.decode(column: "n", as: Int.self)
            #expect(count == 0)
            _ = try await meetings.route(place.secretary, opinionID: opinions[0], input: FollowUpDueInput(organisationID: place.police.organisationID, dueOn: "20/09/2025"))
            await Self.expectProblem("organisation_id", "error_followup_already_routed") {
                _ = try await meetings.route(place.secretary, opinionID: opinions[0], input: FollowUpDueInput(organisationID: place.police.organisationID, dueOn: "20/09/2025"))
            }
        }
    }

    @Test("a meeting is held by its host and may take place in a unit below it: the district's deputies in a commune; elsewhere is refused")
    func meetingPlace() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let deputies = try await app.officer("hdnd.huyen", roles: [.leader], in: district, kind: "peoples_council")
            let communes = try await app.services.units.children(try await app.nationalScope(), of: district, on: CivilDate(iso: "2024-06-01")!)
            let commune = try #require(communes.first)
            let store = MeetingStore(database: app.database)
            func input(_ place: UUID?) -> MeetingInput {
                MeetingInput(formID: nil, kind: "voter_contact", organisationID: deputies.organisationID, placeUnitID: place, coHosts: "", heldOn: "03/06/2024",
                             participants: "80", minutes: "", opinions: [OpinionInput(text: "Đường liên xã", field: "construction", level: "district")])
            }
            let id = try await store.record(deputies, input: input(commune.id))
            let meeting = try await store.meeting(deputies, id: id)
            #expect(meeting.unitID == district.id && meeting.placeUnitID == commune.id && meeting.placeName == commune.name)
            // Routed, the item is the district council's: its owner is the host's unit, not the commune.
            let opinion = try #require(try await store.opinions(deputies, meetingID: id).first)
            let committee = try await app.officer("ubnd.huyen", roles: [.leader], in: district, kind: "peoples_committee")
            let item = try await store.route(deputies, opinionID: opinion.id, input: FollowUpDueInput(organisationID: committee.organisationID, workingDays: "15"),
                                             today: CivilDate(iso: "2024-06-05")!)
            let routed = try await store.followUps.item(deputies, id: item)
            #expect(routed.ownerOrganisationID == deputies.organisationID)
            let owner = try await app.database.sql.raw("SELECT owner_unit_id FROM follow_up_items WHERE id = \(bind: item)").first()?.decode(column: "owner_unit_id", as: UUID.self)
            #expect(owner == district.id)
            // Another district's commune: refused beside the field, nothing stored.
            let elsewhere = try await app.unit("23971", legacy: false)
            await Self.expectProblem("place_unit_id", "error_followup_place_outside_host") { _ = try await store.record(deputies, input: input(elsewhere.id)) }
            #expect(try await store.meetings(deputies, unitID: district.id, period: nil, offset: 0).total == 1)
        }
    }

    /// Items of every status in a place, two overdue; the counts must equal the rows.
    static func checkCounts(_ app: TestApp, place: Place, tops: [UnitSummary], day: CivilDate) async throws {
        let meetings = MeetingStore(database: app.database), items = meetings.followUps
        let (_, opinions) = try await Self.meeting(app, place, day: VietnameseFormat.date(day), texts: (1...6).map { "Ý kiến \($0)" })
        var ids: [UUID] = []
        for (index, opinion) in opinions.enumerated() {
            ids.append(try await meetings.route(place.secretary, opinionID: opinion, input: FollowUpDueInput(
                organisationID: place.police.organisationID, dueOn: index < 2 ? VietnameseFormat.date(day.adding(days: 12)) : "30/12/2099"),
                today: day.adding(days: 2)))
        }
        func act(_ index: Int, _ action: String, by scope: Scope) async throws {
            let item = try await items.item(scope, id: ids[index])
            try await items.act(scope, id: ids[index], input: FollowUpActionInput(action: action, assignmentID: item.assignmentID, answer: "Trả lời", reason: "Lý do"))
        }
        try await act(1, "start", by: place.police)
        try await act(2, "answer", by: place.police)
        try await act(3, "decline", by: place.police)
        try await act(4, "cancel", by: place.secretary)
        let today = day.adding(days: 28)
        let national = try await app.nationalScope()
        var comparedBelow = 0
        for unit in [place.unit] + tops {
            let counts = try await items.counts(national, unitID: unit.id, period: ReportPeriod.year(2025), today: today)
            #expect(counts.byStatus == [.open: 2, .inProgress: 1, .done: 1, .declined: 1, .cancelled: 1] && counts.overdue == 2 && counts.total == 6, "\(unit.name)")
            // The same items as set by the unit's People's Council, of the commune level; none of the district level.
            let set = try await items.counts(national, filter: FollowUpFilter(unitID: unit.id, period: ReportPeriod.year(2025), side: .set, level: .commune), today: today)
            #expect(set == counts, "\(unit.name)")
            #expect(try await items.counts(national, filter: FollowUpFilter(unitID: unit.id, side: .set, level: .district), today: today).total == 0)
            // Below the unit: the place's row holds the six, two overdue; the other units none.
            let children = try await app.services.units.children(national, of: unit, on: day)
            if children.contains(where: { $0.id == place.unit.id }) {
                let below = try await items.countsBelow(national, filter: FollowUpFilter(unitID: unit.id, period: ReportPeriod.year(2025)), units: children.map(\.id), today: today)
                #expect(below.count == 1 && below[place.unit.id]?.total == 6 && below[place.unit.id]?.overdue == 2, "\(unit.name): \(below)")
                comparedBelow += 1
            }
            for status in FollowUpStatus.allCases {
                let list = try await items.list(national, filter: FollowUpFilter(unitID: unit.id, period: ReportPeriod.year(2025), status: status), offset: 0, today: today)
                #expect(list.total == counts.byStatus[status] && list.rows.count == list.total && list.rows.allSatisfy { $0.status == status.rawValue })
            }
            let overdue = try await items.list(national, filter: FollowUpFilter(unitID: unit.id, period: ReportPeriod.year(2025), due: .overdue), offset: 0, today: today)
            #expect(overdue.total == 2 && Set(overdue.rows.map(\.id)) == Set(ids[0...1]))
            #expect(try await items.counts(national, unitID: unit.id, period: ReportPeriod.year(2024), today: today).total == 0)
        }
        #expect(comparedBelow == 1)
    }

    @Test("due soon: the count and the list equal the records pending and due from today to the window's last working day, days off and edges included, in reach")
    func dueSoonEqualsTheRecords() async throws {
        try await TestApp.run { app in
            let place = try await Self.place(app), other = try await Self.place(app, code: "23971", suffix: ".khac")
            let meetings = MeetingStore(database: app.database), items = meetings.followUps
            // Friday 29/08/2025: the weekend, 1/9 and 2/9 (National Day) are days off; the window's third working day is Friday 05/09/2025.
            let today = CivilDate(iso: "2025-08-29")!
            let soon = FollowUpDue.soonLimit(today: today, calendar: try await items.calendars.recentCalendar())
            #expect(soon.iso == "2025-09-05")
            // (due day, what happens to it): before today, today, a Sunday, National Day, the last day, the Saturday and Monday after; done, declined, started.
            let plan: [(String, String?)] = [("2025-08-28", nil), ("2025-08-29", nil), ("2025-08-31", nil), ("2025-09-02", nil), ("2025-09-05", nil),
                                             ("2025-09-06", nil), ("2025-09-08", nil), ("2025-09-03", "answer"), ("2025-09-03", "decline"), ("2025-09-04", "start")]
            let (_, opinions) = try await Self.meeting(app, place, day: "20/08/2025", texts: plan.indices.map { "Ý kiến \($0 + 1)" })
            func route(_ place: Place, _ opinion: UUID, due: String) async throws -> UUID {
                let id = try await meetings.route(place.secretary, opinionID: opinion, input: FollowUpDueInput(organisationID: place.police.organisationID, dueOn: "30/12/2099"))
                // The day as the records may hold it (imported, or the calendar changed after it was set): a day off stays a day off.
                try await app.database.sql.update("follow_up_items").set(\FollowUpItemRecord.dueOn, to: due).where("id", .equal, id).run()
                return id
            }
            for (opinion, (due, action)) in zip(opinions, plan) {
                let id = try await route(place, opinion, due: due)
                if let action {
                    try await items.act(place.police, id: id, input: FollowUpActionInput(
                        action: action, assignmentID: try await items.item(place.police, id: id).assignmentID, answer: "Đã trả lời", reason: "Lý do"))
                }
            }
            // Another commune's item, due in the window: the province's, not Ia Le's.
            _ = try await route(other, try await Self.meeting(app, other, day: "20/08/2025", texts: ["Ý kiến khác"]).opinions[0], due: "2025-09-03")
            // The count over the records: pending, due from today to the window's last day, held in the unit's subtree.
            struct Record: Decodable { var id: UUID; var status: String; var dueOn: String; var unitID: UUID }
            let records = try await app.database.sql.raw("SELECT \(unsafeRaw: RowColumns.select(Record.self, from: "f")) FROM follow_up_items f").rows(Record.self)
            func expected(_ units: Set<UUID>) -> Set<UUID> {
                Set(records.filter { FollowUpStatus(rawValue: $0.status)!.isPending && $0.dueOn >= today.iso && $0.dueOn <= soon.iso && units.contains($0.unitID) }.map(\.id))
            }
            let province = try await app.unit("52", legacy: false)
            let national = try await app.nationalScope()
            for (scope, unit, units, count) in [(place.secretary, place.unit, Set([place.unit.id]), 5), (national, province, Set([place.unit.id, other.unit.id]), 6)] {
                let want = expected(units)
                #expect(want.count == count, "\(unit.name)")
                let counts = try await items.counts(scope, filter: FollowUpFilter(unitID: unit.id), today: today)
                let list = try await items.list(scope, filter: FollowUpFilter(unitID: unit.id, due: .dueSoon), offset: 0, today: today)
                #expect(counts.dueSoon == want.count && list.total == want.count && Set(list.rows.map(\.id)) == want, "\(unit.name): \(list.rows.map(\.dueOn))")
                #expect(Set(list.rows.map(\.dueOn)).isSubset(of: ["2025-08-29", "2025-08-31", "2025-09-02", "2025-09-03", "2025-09-04", "2025-09-05"]))
                // Overdue: the one due yesterday, alone.
                #expect(counts.overdue == 1 && counts.total == (unit.id == place.unit.id ? 10 : 11), "\(unit.name)")
            }
            // The commune's user cannot see the other commune's item, even asking for its list.
            await #expect(throws: AppError.self) {
                _ = try await items.list(place.secretary, filter: FollowUpFilter(unitID: other.unit.id, due: .dueSoon), offset: 0, today: today)
            }
        }
    }

    @Test("the counts of a 2025 commune and its province equal the items behind them, each status's list included")
    func countsOfA2025Province() async throws {
        try await TestApp.run { app in
            try await Self.checkCounts(app, place: try await Self.place(app), tops: [try await app.unit("52", legacy: false)], day: CivilDate(iso: "2025-09-03")!)
        }
    }

    @Test("the counts of a legacy district equal the items behind them, in its legacy province and in the 2025 province its history flows into")
    func countsOfALegacyDistrict() async throws {
        try await TestApp.run { app in
            let place = try await Self.place(app, code: "639", legacy: true)
            try await Self.checkCounts(app, place: place, tops: [try await app.unit("64", legacy: true), try await app.unit("52", legacy: false)],
                                       day: CivilDate(iso: "2025-03-03")!)
        }
    }

    @Test("the inbox: each event once, to the right people only; overdue items added once a day")
    func inbox() async throws {
        try await TestApp.run { app in
            let place = try await Self.place(app)
            let other = try await app.officer("ubnd2", roles: [.leader], in: place.unit, kind: "peoples_committee")
            let meetings = MeetingStore(database: app.database), items = meetings.followUps
            let inbox = InboxStore(database: app.database)
            let (_, opinions) = try await Self.meeting(app, place, texts: ["A", "B"])
            let a = try await meetings.route(place.secretary, opinionID: opinions[0], input: FollowUpDueInput(organisationID: place.committee.organisationID, dueOn: "10/09/2025"))
            let b = try await meetings.route(place.secretary, opinionID: opinions[1], input: FollowUpDueInput(organisationID: place.committee.organisationID, dueOn: "30/12/2099"))
            try await items.act(place.committee, id: b, input: FollowUpActionInput(action: "answer", assignmentID: try await items.item(place.secretary, id: b).assignmentID,
                                                                                   answer: "Đã trả lời"))
            func identity(_ scope: Scope) async throws -> Identity {
                let user = try #require(try await User.find(scope.userID, on: app.database.db))
                return Identity(userID: scope.userID!, username: user.username, fullName: user.fullName, organisationID: scope.organisationID, organisationName: "",
                                unitID: scope.unitID, unitName: "", unitLevel: 3, roles: scope.roles, scopeMode: .subtree, mustChangePassword: false)
            }
            // Two pages opened at the same moment add each event once, without an error.
            let committeeIdentity = try await identity(place.committee)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { try await inbox.refresh(committeeIdentity, today: CivilDate(iso: "2025-09-15")!) } }
                try await group.waitForAll()
            }
            for _ in 0..<2 {
                try await inbox.refresh(try await identity(place.committee), today: CivilDate(iso: "2025-09-15")!)
                try await inbox.refresh(try await identity(other), today: CivilDate(iso: "2025-09-15")!)
                try await inbox.refresh(try await identity(place.secretary), today: CivilDate(iso: "2025-09-15")!)
            }
            func kinds(_ scope: Scope) async throws -> [String] {
                try await inbox.page(userID: scope.userID!, offset: 0).rows.map { "\($0.kind) \($0.subjectID == a ? "A" : "B")" }.sorted()
            }
            // Both users of the committee: two assignments, the overdue one; the secretary: the answer; the police: nothing.
            #expect(try await kinds(place.committee) == ["assigned A", "assigned B", "overdue A"])
            #expect(try await kinds(other) == ["assigned A", "assigned B", "overdue A"])
            #expect(try await kinds(place.secretary) == ["answered B"])
            #expect(try await kinds(place.police) == [])
            #expect(try await inbox.unread(userID: place.committee.userID!) == 3)
            try await inbox.markRead(userID: place.committee.userID!)
            #expect(try await inbox.unread(userID: place.committee.userID!) == 0)
            #expect(try await inbox.unread(userID: other.userID!) == 3)
            // The owner re-assigns A to the police: the police are told it is theirs, the committee that it was taken from them.
            try await items.act(place.secretary, id: a, input: FollowUpActionInput(
                action: "reassign", assignmentID: try await items.item(place.secretary, id: a).assignmentID, reason: "Đúng thẩm quyền",
                target: FollowUpDueInput(organisationID: place.police.organisationID, dueOn: "30/12/2099")), today: CivilDate(iso: "2025-09-16")!)
            #expect(try await kinds(place.police) == ["assigned A"])
            #expect(try await kinds(place.committee) == ["assigned A", "assigned B", "overdue A", "reassigned A"])
        }
    }

    @Test("an opinion raised by an organisation: when it is answered, that organisation's people are told in their inbox and the raiser is recorded as told; a citizen's is not; a raiser out of reach is refused")
    func raiserTold() async throws {
        try await TestApp.run { app in
            let place = try await Self.place(app)
            let front = try await app.officer("mttq", roles: [.frontSupervisor], in: place.unit, kind: "fatherland_front")
            let meetings = MeetingStore(database: app.database), items = meetings.followUps, inbox = InboxStore(database: app.database)
            let elsewhere = try await app.officer("mttq.khac", roles: [.frontSupervisor], in: try await app.unit("23971", legacy: false), kind: "fatherland_front")
            func input(_ raiser: UUID?) -> MeetingInput {
                MeetingInput(formID: nil, kind: "dialogue", organisationID: place.secretary.organisationID, coHosts: "", heldOn: "03/09/2025", participants: "60", minutes: "",
                             opinions: [OpinionInput(text: "Đề nghị của Mặt trận về đường thôn", field: "construction", level: "commune", raiserOrganisationID: raiser),
                                        OpinionInput(text: "Ý kiến của cử tri", field: "land", level: "commune")])
            }
            // Another commune's Front is out of the secretary's reach: refused beside the opinion, nothing stored.
            await Self.expectProblem("opinion_raiser_0", "error_followup_out_of_reach") { _ = try await meetings.record(place.secretary, input: input(elsewhere.organisationID)) }
            #expect(try await meetings.meetings(place.secretary, unitID: place.unit.id, period: nil, offset: 0).total == 0)
            let meeting = try await meetings.record(place.secretary, input: input(front.organisationID))
            let opinions = try await meetings.opinions(place.secretary, meetingID: meeting)
            #expect(opinions.map(\.raiserOrganisationID) == [front.organisationID, nil] && opinions[0].raiserName?.contains("Mặt trận") == true)
            var ids: [UUID] = []
            for opinion in opinions {
                ids.append(try await meetings.route(place.secretary, opinionID: opinion.id, input: FollowUpDueInput(organisationID: place.police.organisationID, dueOn: "30/09/2025")))
            }
            #expect(try await inbox.page(userID: front.userID!, offset: 0).total == 0)
            for id in ids {
                try await items.act(place.police, id: id, input: FollowUpActionInput(action: "answer", assignmentID: try await items.item(place.police, id: id).assignmentID,
                                                                                     answer: "Xã đã đưa vào kế hoạch"))
            }
            // The Front is told of the answer to its own opinion, once; not of the citizen's.
            let told = try await inbox.page(userID: front.userID!, offset: 0).rows
            #expect(told.map(\.kind) == ["answered"] && told.map(\.subjectID) == [ids[0]])
            #expect(try await inbox.unread(userID: front.userID!) == 1)
            let after = try await meetings.opinions(place.secretary, meetingID: meeting)
            #expect(after.map(\.raiserTold) == [true, false])
            // The council that routed both is told of both answers, as before.
            #expect(try await inbox.page(userID: place.secretary.userID!, offset: 0).rows.filter { $0.kind == "answered" }.count == 2)
        }
    }

    @Test("the inbox tells a letter's organisation (or its handler) that it became overdue, once")
    func lettersInTheInbox() async throws {
        try await TestApp.run { app in
            let place = try await Self.place(app)
            let national = try await app.nationalScope()
            let letter = try await app.services.letters.receive(national, input: LetterInput(
                organisationID: place.committee.organisationID, receivedOn: "2025-09-04", channel: "post", kind: "petition", field: "land",
                subject: "Kiến nghị về đường thôn", content: "Nội dung", sender: SenderIdentity(name: "Người gửi", address: "Xã", contact: "", idNumber: ""),
                peopleCount: "1", isRepeat: false, visitID: nil), today: CivilDate(iso: "2025-09-05")!)
            let inbox = InboxStore(database: app.database)
            let user = try #require(try await User.find(place.committee.userID, on: app.database.db))
            let identity = Identity(userID: place.committee.userID!, username: user.username, fullName: user.fullName, organisationID: place.committee.organisationID,
                                    organisationName: "", unitID: place.unit.id, unitName: "", unitLevel: 3, roles: place.committee.roles, scopeMode: .subtree,
                                    mustChangePassword: false)
            for _ in 0..<2 { try await inbox.refresh(identity, today: CivilDate(iso: "2026-01-15")!) }
            let rows = try await inbox.page(userID: place.committee.userID!, offset: 0).rows
            #expect(rows.map(\.kind) == ["overdue"] && rows.map(\.subjectID) == [letter.id] && rows.map(\.subjectType) == ["letter"])
            #expect(try await inbox.page(userID: place.police.userID!, offset: 0).total == 0)
        }
    }
}
