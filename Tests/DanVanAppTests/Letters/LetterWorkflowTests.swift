import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

@Suite("Letters: intake, life cycle, deadlines")
struct LetterWorkflowTests {
    static func input(kind: LetterKind = .complaint, receivedOn: String = "2024-02-05", name: String = "Nguyễn Văn Dân") -> LetterInput {
        LetterInput(organisationID: nil, receivedOn: receivedOn, channel: LetterChannel.inPerson.rawValue, kind: kind.rawValue, field: LetterField.land.rawValue,
                    subject: "Khiếu nại quyết định thu hồi đất", content: "Nội dung khiếu nại về việc thu hồi đất nông nghiệp",
                    sender: SenderIdentity(name: name, address: "Thôn 1, xã Ia Le", contact: "0912345678", idNumber: "064123456789"),
                    peopleCount: "1", isRepeat: false, visitID: nil)
    }

    @Test func complaintFromReceiptToResolution() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (officer, _) = try await app.user("tiepdan", roles: [.receptionOfficer, .leader], kind: "peoples_committee", in: district)
            let (handler, _) = try await app.user("xuly", roles: [.handlingOfficer], kind: "peoples_committee", in: district)
            let scope = try await app.services.accounts.commandLineScope(organisation: Organisation.find(officer.organisationID, on: app.database.db))
            let officerScope = Scope(userID: officer.id, username: officer.username, organisationID: officer.organisationID, unitID: district.id,
                                     mode: .subtree, roles: [.receptionOfficer, .leader], address: "test")
            _ = scope
            let letters = app.services.letters
            let received = try await letters.receive(officerScope, input: Self.input(), today: CivilDate(iso: "2024-03-01")!)
            var letter = try await letters.letter(officerScope, id: received.id)
            #expect(letter.status == "received")
            // 10 working days from Monday 5/2/2024 across Tết (8–14/2/2024 off by default: 9/2 + 10–13/2): lands after Tết.
            let calendar = try await app.services.calendars.calendar()
            #expect(letter.dueOn == calendar.adding(workingDays: 10, to: CivilDate(iso: "2024-02-05")!).iso)
            #expect(letter.dueOn! > "2024-02-19")

            try await letters.act(officerScope, id: received.id, input: LetterActionInput(action: .accept, onDate: "2024-02-15"), today: CivilDate(iso: "2024-03-01")!)
            letter = try await letters.letter(officerScope, id: received.id)
            #expect(letter.status == "accepted")
            // 30 calendar days from 15/2/2024 = 16/3/2024, a Saturday: moves to Monday 18/3.
            #expect(letter.dueOn == "2024-03-18")
            try await letters.act(officerScope, id: received.id, input: LetterActionInput(action: .assign, onDate: "2024-02-16", handlerID: handler.id),
                                  today: CivilDate(iso: "2024-03-01")!)
            let handlerScope = Scope(userID: handler.id, username: handler.username, organisationID: handler.organisationID, unitID: district.id,
                                     mode: .subtree, roles: [.handlingOfficer], address: "test")
            // A resolution without a number is refused and nothing changes.
            await #expect(throws: ValidationError.self) {
                try await letters.act(handlerScope, id: received.id, input: LetterActionInput(action: .resolve, onDate: "2024-02-28", decisionDate: "2024-02-28",
                                                                                            outcome: "complaint_right"), today: CivilDate(iso: "2024-03-01")!)
            }
            #expect(try await letters.letter(officerScope, id: received.id).status == "accepted")
            try await letters.act(handlerScope, id: received.id, input: LetterActionInput(action: .resolve, onDate: "2024-02-28", decisionNumber: "15/QĐ-UBND",
                                                                                        decisionDate: "2024-02-28", outcome: "complaint_partly_right"),
                                  today: CivilDate(iso: "2024-03-01")!)
            letter = try await letters.letter(officerScope, id: received.id)
            #expect(letter.status == "resolved")
            #expect(letter.decisionNumber == "15/QĐ-UBND")
            let events = try await letters.events(officerScope, id: received.id)
            #expect(events.map(\.action) == ["receive", "accept", "assign", "resolve"])
            // The audit log keeps each changed column before and after, by column name.
            let resolution = try await app.services.audit.entries(try await app.nationalScope(), query: AuditQuery(recordID: received.id.uuidString))
                .first { $0.action == "update" && $0.after.contains("15/QĐ-UBND") }
            #expect(resolution?.before.contains(#""status":"accepted""#) == true, "\(resolution?.before ?? "no entry")")
            #expect(resolution?.before.contains(#""due_on":"2024-03-18""#) == true)
            #expect(resolution?.after.contains(#""resolved_on":"2024-02-28""#) == true)

            let stats = try await app.services.statistics.statistics(officerScope, unitID: district.id, period: ReportPeriod.year(2024)!,
                                                                     today: CivilDate(iso: "2024-12-31")!)
            #expect(stats.count(.received) == 1)
            #expect(stats.count(.toResolve) == 1)
            #expect(stats.count(.resolved) == 1)
            #expect(stats.count(.resolvedOnTime) == 1)
            #expect(stats.resolutionRate == 1)
        }
    }

    @Test("a case is forwarded only to a current organisation, never to one that ended (the rule is the workflow's, not the page's)")
    func forwardOnlyToACurrentOrganisation() async throws {
        try await TestApp.run { app in
            // setup
            let commune = try await app.unit("23986", legacy: false)
            let scope = try await app.officer("tiepdan", roles: [.receptionOfficer], in: commune)
            let others = try await app.services.organisations.organisations(try await app.nationalScope(), unitID: commune.id)
                .filter { $0.id != scope.organisationID && $0.validTo == nil }
            try #require(others.count >= 2)
            let (ended, current) = (others[0], others[1])
            try await app.database.sql.raw("UPDATE organisations SET valid_to = '2025-08-31' WHERE id = \(bind: ended.id)").run()
            let letters = app.services.letters
            let today = CivilDate(iso: "2025-09-10")!
            let received = try await letters.receive(scope, input: Self.input(receivedOn: "2025-09-04"), today: today)
            // MUT + validate: the ended organisation is refused and nothing changes
            await #expect(throws: ValidationError.self) {
                try await letters.act(scope, id: received.id, input: LetterActionInput(action: .forward, onDate: "2025-09-05", targetOrganisationID: ended.id),
                                      today: today)
            }
            #expect(try await letters.letter(scope, id: received.id).status == "received")
            #expect(try await letters.forwardTargets(scope, letterID: received.id, on: CivilDate(iso: "2025-09-05")!).map(\.id).contains(ended.id) == false)
            #expect(try await letters.forwardTargets(scope, letterID: received.id, on: CivilDate(iso: "2025-08-15")!).map(\.id).contains(ended.id))
            try await letters.act(scope, id: received.id, input: LetterActionInput(action: .forward, onDate: "2025-09-05", targetOrganisationID: current.id),
                                  today: today)
            #expect(try await letters.letter(scope, id: received.id).status == "forwarded")
        }
    }

    @Test("a letter links only a visit the caller reaches: another commune's visit is not found and stays unlinked")
    func visitOutOfReachIsNotLinked() async throws {
        try await TestApp.run { app in
            // setup
            let iaLe = try await app.unit("23986", legacy: false)
            let iaHru = try await app.unit("23971", legacy: false)
            let scope = try await app.officer("tiepdan", roles: [.receptionOfficer], in: iaLe)
            let sibling = try await app.officer("tiepdan.iahru", roles: [.receptionOfficer], in: iaHru)
            let session = try await app.services.reception.createSession(sibling, input: SessionInput(
                organisationID: nil, date: "2025-09-03", place: "Ia Hrú", receiverKind: "regular", holder: "", receiverName: "Cán bộ", note: ""))
            let visit = try await app.services.reception.addVisit(sibling, sessionID: session, input: VisitInput(
                people: "1", isGroup: false, isRepeat: false, content: "Nội dung"))
            var input = Self.input(receivedOn: "2025-09-04")
            input.visitID = visit
            // MUT + validate
            await #expect(throws: AppError.self) {
                _ = try await app.services.letters.receive(scope, input: input, today: CivilDate(iso: "2025-09-10")!)
            }
            struct Row: Decodable { var letter_id: UUID? }
            let linked = try await app.database.sql.raw("SELECT letter_id FROM reception_visits WHERE id = \(bind: visit)").first(decoding: Row.self)
            #expect(linked != nil && linked?.letter_id == nil)
            #expect(try await app.services.letters.count(scope, query: LetterQuery()) == 0)
        }
    }

    @Test func denouncerIdentityOnlyForTheHandlingChain() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (officer, _) = try await app.user("tiepdan", roles: [.receptionOfficer], kind: "peoples_committee", in: district)
            let (handler, _) = try await app.user("xuly", roles: [.handlingOfficer], kind: "peoples_committee", in: district)
            let (leader, _) = try await app.user("lanhdao", roles: [.leader], kind: "peoples_committee", in: district)
            func scope(_ user: UserSummary, _ roles: Set<Role>) -> Scope {
                Scope(userID: user.id, username: user.username, organisationID: user.organisationID, unitID: district.id, mode: .subtree, roles: roles, address: "t")
            }
            let letters = app.services.letters
            let received = try await letters.receive(scope(officer, [.receptionOfficer]), input: Self.input(kind: .denunciation, name: "Trần Văn Tố"))
            #expect(try await letters.identity(scope(officer, [.receptionOfficer]), id: received.id) == .redacted)
            let list = try await letters.letters(scope(officer, [.receptionOfficer]), query: LetterQuery())
            #expect(list.first?.senderLabel == "")
            #expect(try await letters.letters(scope(officer, [.receptionOfficer]), query: LetterQuery(search: "tran van to")).isEmpty)
            try await letters.act(scope(leader, [.leader]), id: received.id, input: LetterActionInput(action: .accept, onDate: CivilDate.today(now: Date()).iso))
            try await letters.act(scope(leader, [.leader]), id: received.id, input: LetterActionInput(action: .assign, onDate: CivilDate.today(now: Date()).iso, handlerID: handler.id))
            #expect(try await letters.identity(scope(handler, [.handlingOfficer]), id: received.id) != .redacted)
            #expect(try await letters.identity(scope(leader, [.leader]), id: received.id) != .redacted)
            let reads = try await app.services.audit.entries(try await app.nationalScope(), query: AuditQuery(recordID: received.id.uuidString))
                .filter { $0.action == "read_protected" }
            #expect(Set(reads.map(\.createdBy)) == ["xuly", "lanhdao"])
        }
    }

    /// The search chooses its page on the letters alone, then reads the rows:
    /// the page must hold the matches in the list's order, and a long letter
    /// (its search text cut to fit an index entry) is stored and found.
    @Test func searchPagesInOrderAndKeepsLongLetters() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let scope = try await app.officer("tiepdan", roles: [.receptionOfficer], in: district)
            let letters = app.services.letters
            var land = Self.input(receivedOn: "2024-03-04", name: "Lê Thị Một")
            land.content = String(repeating: "Tranh chấp ranh giới thửa đất ở thôn Plei Bông € ", count: 200)
            #expect(land.content.utf8.count > 10_000)
            var other = Self.input(receivedOn: "2024-03-01", name: "Phạm Văn Hai")
            other.subject = "Kiến nghị sửa đường liên thôn"
            other.content = "Đường hư hỏng sau mùa mưa"
            other.kind = LetterKind.petition.rawValue
            var later = Self.input(receivedOn: "2024-03-06", name: "Đỗ Văn Ba")
            later.content = "Thu hồi đất không đúng diện tích"
            let today = CivilDate(iso: "2024-03-08")!
            var ids: [UUID] = []
            for input in [land, other, later] {
                ids.append(try await letters.receive(scope, input: input, today: today).id)
            }
            let stored = try await app.database.sql.raw("SELECT search_text FROM letters WHERE id = \(bind: ids[0])").first(decoding: [String: String].self)
            #expect((stored?["search_text"]?.utf8.count ?? 0) <= LetterStore.searchTextMaxBytes)

            // "đất" matches the first and the third; due dates follow receipt, so the order is theirs.
            let found = try await letters.letters(scope, query: LetterQuery(unitID: district.id, search: "Đất"))
            #expect(found.map(\.id) == [ids[0], ids[2]])
            let second = try await letters.letters(scope, query: LetterQuery(unitID: district.id, search: "dat", limit: 1, offset: 1))
            #expect(second.map(\.id) == [ids[2]])
            #expect(second.first?.unitName == district.name)
            #expect(try await letters.count(scope, query: LetterQuery(unitID: district.id, search: "plei bong")) == 1)
            #expect(try await letters.letters(scope, query: LetterQuery(unitID: district.id, search: "lien thon")).map(\.id) == [ids[1]])
            // A page and its total read in one statement give what the two reads give, a search and a page past the end included.
            for query in [LetterQuery(unitID: district.id), LetterQuery(unitID: district.id, search: "dat", limit: 1, offset: 1),
                          LetterQuery(unitID: district.id, limit: 2), LetterQuery(unitID: district.id, offset: 5), LetterQuery(search: "khong co")] {
                let page = try await letters.page(scope, query: query)
                #expect(page.rows.map(\.id) == (try await letters.letters(scope, query: query)).map(\.id))
                #expect(page.total == (try await letters.count(scope, query: query)))
            }
            #expect(try await letters.page(scope, query: LetterQuery(unitID: district.id, limit: 1)).total == 3)
            #expect(try await letters.page(scope, query: LetterQuery(unitID: district.id, offset: 5)).total == 3)
        }
    }

    /// Luật Tố cáo Đ29: the denouncer is told of the acceptance within 5 working days.
    @Test func denunciationAcceptanceIsNotifiedWithinItsRule() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let scope = try await app.officer("lanhdao", roles: [.receptionOfficer, .leader], in: district)
            let letters = app.services.letters
            let today = CivilDate(iso: "2027-03-12")!
            let denunciation = try await letters.receive(scope, input: Self.input(kind: .denunciation, receivedOn: "2027-03-01"), today: today).id
            var other = Self.input(receivedOn: "2027-03-01", name: "Lê Văn Hai")
            other.sender.idNumber = "064000000002"
            let complaint = try await letters.receive(scope, input: other, today: today).id
            for id in [denunciation, complaint] {
                try await letters.act(scope, id: id, input: LetterActionInput(action: .accept, onDate: "2027-03-05"), today: today)
            }
            // Accepted Friday 5/3/2027: 5 working days → Friday 12/3/2027, pending.
            var notify = try #require(try await letters.deadlines(scope, id: denunciation).first { $0.step == "notify" })
            #expect(notify.due == CivilDate(iso: "2027-03-12") && notify.doneOn == nil && notify.ruleKey == "denunciation_notify")
            #expect(try await letters.deadlines(scope, id: complaint).allSatisfy { $0.step != "notify" })
            await #expect(throws: ValidationError.self) {
                try await letters.act(scope, id: complaint, input: LetterActionInput(action: .notifyAcceptance, onDate: "2027-03-08"), today: today)
            }
            try await letters.act(scope, id: denunciation, input: LetterActionInput(action: .notifyAcceptance, onDate: "2027-03-08"), today: today)
            notify = try #require(try await letters.deadlines(scope, id: denunciation).first { $0.step == "notify" })
            #expect(notify.doneOn == CivilDate(iso: "2027-03-08"))
            #expect(try await letters.letter(scope, id: denunciation).status == "accepted")
            #expect(try await letters.events(scope, id: denunciation).map(\.action).last == "notify_acceptance")
            await #expect(throws: ValidationError.self) {
                try await letters.act(scope, id: denunciation, input: LetterActionInput(action: .notifyAcceptance, onDate: "2027-03-09"), today: today)
            }
        }
    }
}
