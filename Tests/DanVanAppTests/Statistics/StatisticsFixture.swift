import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

/// A varied set of letters and reception visits in Huyện Chư Pưh (legacy):
/// one commune, a second commune and the district bodies, in 2024 and the
/// first half of 2025, made through the stores. Alongside, a plain model of
/// what was done, from which the tests count every figure independently.
struct StatisticsFixture: Sendable {
    enum Place: Sendable { case commune, commune2, district }

    /// What the tests asked the stores to do with one letter.
    struct LetterModel: Sendable {
        var id: UUID
        var place: Place
        var received: CivilDate
        var kind: LetterKind
        var field: LetterField
        var sender: String
        var processed: CivilDate?
        var disposition: String?
        var accepted: CivilDate?
        var resolved: CivilDate?
        var withdrawn: CivilDate?
        var answered: CivilDate?
        /// Read back from the case: the resolution deadline the rules gave.
        var resolutionDue: CivilDate?
    }

    struct VisitModel: Sendable {
        var place: Place
        var date: CivilDate
        var kind: ReceiverKind
        var people: Int
        var group: Bool
        var isRepeat: Bool
    }

    struct SessionModel: Sendable {
        var place: Place
        var date: CivilDate
        var kind: ReceiverKind
    }

    var district: UnitSummary
    var commune: UnitSummary
    var commune2: UnitSummary
    /// The current (2025) province Chư Pưh's communes went into.
    var province: UnitSummary
    var letters: [LetterModel]
    var visits: [VisitModel]
    var sessions: [SessionModel]
    /// The denouncers' names: never in a list or a workbook.
    var denouncers: [String]

    static let periods = ["2024", "2025", "2025-q1", "2025-6m", "2024-12", "2025-01", "2024-q4"]
    static let actDay = CivilDate(iso: "2025-12-31")!

    enum Step: Sendable {
        case accept(String), resolve(String, LetterOutcome), withdraw(String), returnLetter(String), guide(String), file(String)
        case forward(String), answer(String)
    }

    struct Plan: Sendable {
        var place: Place
        var received: String
        var kind: LetterKind
        var field: LetterField
        var steps: [Step]
    }

    static let plans: [Plan] = [
        Plan(place: .commune, received: "2024-03-04", kind: .complaint, field: .land, steps: [.accept("2024-03-11"), .resolve("2024-04-01", .complaintRight)]),
        Plan(place: .commune, received: "2024-11-20", kind: .complaint, field: .compensation, steps: [.accept("2024-12-02"), .resolve("2025-01-20", .complaintPartlyRight)]),
        // Received on the last day of 2024, processed in 2025: carried over; then open past its deadline.
        Plan(place: .commune, received: "2024-12-31", kind: .denunciation, field: .officials, steps: [.accept("2025-01-02")]),
        Plan(place: .commune, received: "2025-01-01", kind: .petition, field: .policy, steps: [.guide("2025-01-05")]),
        Plan(place: .commune, received: "2024-12-15", kind: .petition, field: .other, steps: [.returnLetter("2025-02-03")]),
        Plan(place: .commune, received: "2025-02-10", kind: .complaint, field: .land, steps: [.withdraw("2025-02-12")]),
        Plan(place: .commune, received: "2025-03-03", kind: .complaint, field: .dispute, steps: [.accept("2025-03-05"), .withdraw("2025-03-20")]),
        Plan(place: .commune, received: "2025-03-31", kind: .denunciation, field: .corruption, steps: [.forward("2025-04-01"), .answer("2025-05-05")]),
        Plan(place: .commune, received: "2025-06-30", kind: .complaint, field: .land, steps: []),
        Plan(place: .commune, received: "2024-12-31", kind: .report, field: .policy, steps: [.guide("2024-12-31")]),
        Plan(place: .commune2, received: "2025-02-14", kind: .complaint, field: .policy, steps: [.accept("2025-02-20"), .resolve("2025-06-10", .complaintWrong)]),
        Plan(place: .commune2, received: "2024-06-06", kind: .denunciation, field: .land, steps: [.accept("2024-06-10"), .resolve("2025-05-05", .denunciationPartlyTrue)]),
        Plan(place: .district, received: "2025-01-15", kind: .report, field: .justice, steps: [.file("2025-01-20")]),
        Plan(place: .district, received: "2024-09-09", kind: .complaint, field: .compensation, steps: [.accept("2024-09-12")]),
    ]

    static func build(_ app: TestApp) async throws -> StatisticsFixture {
        let national = try await app.nationalScope()
        let units = app.services.units
        let district = try await app.unit("639", legacy: true)
        let communes = try await units.children(national, of: district.id, on: CivilDate(iso: "2024-06-01")!).sorted { $0.code < $1.code }
        try #require(communes.count >= 2)
        let (commune, commune2) = (communes[0], communes[1])
        let successor = try #require(try await units.successors(national, of: commune.id).first?.unit)
        let province = try #require(try await units.ancestors(national, of: successor.id).first { $0.level == 1 && $0.validTo == nil })

        var scopes: [Place: Scope] = [:]
        var organisations: [Place: UUID] = [:]
        for (place, unit, name) in [(Place.commune, commune, "xa1"), (.commune2, commune2, "xa2"), (.district, district, "huyen")] {
            let (user, _) = try await app.user("tiepdan.\(name)", roles: [.receptionOfficer, .leader], kind: "peoples_committee", in: unit)
            scopes[place] = Scope(userID: user.id, username: user.username, organisationID: user.organisationID, unitID: unit.id, mode: .subtree,
                                  roles: [.receptionOfficer, .leader], address: "test")
            organisations[place] = user.organisationID
        }

        let store = app.services.letters
        var models: [LetterModel] = []
        var denouncers: [String] = []
        for (index, plan) in plans.enumerated() {
            let scope = scopes[plan.place]!
            let name = plan.kind == .denunciation ? "Trần Văn Tố Số\(index)" : "Nguyễn Thị Gửi Số\(index)"
            if plan.kind == .denunciation { denouncers.append(name) }
            let input = LetterInput(organisationID: nil, receivedOn: plan.received, channel: LetterChannel.post.rawValue, kind: plan.kind.rawValue,
                                    field: plan.field.rawValue, subject: "Đơn số \(index)", content: "Nội dung đơn số \(index)",
                                    sender: SenderIdentity(name: name, address: "Thôn \(index)", contact: "", idNumber: ""),
                                    peopleCount: "1", isRepeat: false, visitID: nil)
            let received = try await store.receive(scope, input: input, today: actDay)
            var model = LetterModel(id: received.id, place: plan.place, received: CivilDate(iso: plan.received)!, kind: plan.kind, field: plan.field, sender: name)
            for step in plan.steps {
                var action: LetterActionInput
                switch step {
                case .accept(let day):
                    action = LetterActionInput(action: .accept, onDate: day)
                    model.processed = CivilDate(iso: day); model.disposition = "accept"; model.accepted = CivilDate(iso: day)
                case .resolve(let day, let outcome):
                    action = LetterActionInput(action: .resolve, onDate: day, decisionNumber: "\(index)/QĐ-UBND", decisionDate: day, outcome: outcome.rawValue)
                    model.resolved = CivilDate(iso: day)
                case .withdraw(let day):
                    action = LetterActionInput(action: .withdraw, onDate: day, reason: "Người gửi rút đơn")
                    model.withdrawn = CivilDate(iso: day)
                    if model.processed == nil { model.processed = CivilDate(iso: day); model.disposition = "withdraw" }
                case .returnLetter(let day):
                    action = LetterActionInput(action: .returnLetter, onDate: day, reason: "Không đủ điều kiện")
                    model.processed = CivilDate(iso: day); model.disposition = "return"
                case .guide(let day):
                    action = LetterActionInput(action: .guide, onDate: day, reason: "Hướng dẫn gửi đúng nơi")
                    model.processed = CivilDate(iso: day); model.disposition = "guide"
                case .file(let day):
                    action = LetterActionInput(action: .file, onDate: day, reason: "Đơn trùng")
                    model.processed = CivilDate(iso: day); model.disposition = "file"
                case .forward(let day):
                    action = LetterActionInput(action: .forward, onDate: day, targetOrganisationID: organisations[.district]!)
                    model.processed = CivilDate(iso: day); model.disposition = "forward"
                case .answer(let day):
                    action = LetterActionInput(action: .answerReceived, onDate: day)
                    model.answered = CivilDate(iso: day)
                }
                try await store.act(scope, id: received.id, input: action, today: actDay)
                if case .forward(let day) = step {
                    // The forwarded copy is a new letter of the district, received on the day it was forwarded.
                    let copies = try await store.letters(national, query: LetterQuery(unitID: district.id, search: "don so \(index)"))
                        .filter { $0.id != received.id && $0.unitID == district.id }
                    let copy = try #require(copies.first)
                    models.append(LetterModel(id: copy.id, place: .district, received: CivilDate(iso: day)!, kind: plan.kind, field: plan.field, sender: name))
                }
            }
            let detail = try await store.letter(national, id: received.id)
            #expect(detail.processedOn == model.processed?.iso && detail.acceptedOn == model.accepted?.iso && detail.resolvedOn == model.resolved?.iso
                    && detail.withdrawnOn == model.withdrawn?.iso, "letter \(index) not as planned")
            model.resolutionDue = detail.resolutionDueOn.flatMap(CivilDate.init(iso:))
            models.append(model)
        }

        var visits: [VisitModel] = []
        var sessions: [SessionModel] = []
        let sessionPlans: [(Place, String, ReceiverKind, [(Int, Bool, Bool)])] = [
            (.commune, "2024-05-06", .head, [(1, false, false), (6, true, false)]),
            (.commune, "2025-01-08", .regular, [(1, false, true), (2, false, false)]),
            (.commune, "2025-03-12", .delegated, [(5, true, true)]),
            (.commune, "2025-04-01", .regular, []),
            (.commune2, "2025-02-20", .head, [(1, false, false)]),
            (.district, "2025-06-30", .regular, [(3, false, false)]),
            (.district, "2024-12-31", .head, [(1, false, true)]),
        ]
        for (place, date, kind, planned) in sessionPlans {
            let scope = scopes[place]!
            let session = try await app.services.reception.createSession(scope, input: SessionInput(
                organisationID: nil, date: date, place: "Trụ sở", receiverKind: kind.rawValue, holder: kind == .head ? DutyHolder.peoplesCommitteeChair.rawValue : "",
                receiverName: "Cán bộ tiếp", note: ""), today: actDay)
            sessions.append(SessionModel(place: place, date: CivilDate(iso: date)!, kind: kind))
            for (people, group, isRepeat) in planned {
                _ = try await app.services.reception.addVisit(scope, sessionID: session, input: VisitInput(people: "\(people)", isGroup: group, isRepeat: isRepeat,
                                                                                                          content: "Phản ánh về đất đai"))
                visits.append(VisitModel(place: place, date: CivilDate(iso: date)!, kind: kind, people: people, group: group, isRepeat: isRepeat))
            }
        }
        return StatisticsFixture(district: district, commune: commune, commune2: commune2, province: province, letters: models, visits: visits,
                                 sessions: sessions, denouncers: denouncers)
    }

    /// Whether a record of `place` lies in the subtree (history included) of `unit`.
    func contains(_ unit: UUID, _ place: Place) -> Bool {
        if unit == commune.id { return place == .commune }
        if unit == commune2.id { return place == .commune2 }
        return unit == district.id || unit == province.id
    }

    // MARK: Independent counts

    /// The figure counted from the model, from the definitions of the forms;
    /// nil for figures the tests only check against the store.
    static func expected(_ figure: LetterFigure, _ l: LetterModel, _ p: ReportPeriod, today: CivilDate) -> Bool? {
        func inPeriod(_ d: CivilDate?) -> Bool { d.map { p.from <= $0 && $0 <= p.to } ?? false }
        func before(_ d: CivilDate?, _ limit: CivilDate) -> Bool { d.map { $0 < limit } ?? false }
        func onOrBefore(_ d: CivilDate?, _ limit: CivilDate) -> Bool { d.map { $0 <= limit } ?? false }
        let inToProcess = l.received <= p.to && (l.received >= p.from || l.processed == nil || l.processed! >= p.from)
        let toResolve = onOrBefore(l.accepted, p.to) && !before(l.resolved, p.from) && !before(l.withdrawn, p.from)
        let open = onOrBefore(l.accepted, p.to) && !onOrBefore(l.resolved, p.to) && !onOrBefore(l.withdrawn, p.to)
        switch figure {
        case .received: return inPeriod(l.received)
        case .carriedOver: return l.received < p.from && (l.processed == nil || l.processed! >= p.from)
        case .toProcess: return inToProcess
        case .processed: return inPeriod(l.processed)
        case .unprocessed: return inToProcess && !onOrBefore(l.processed, p.to)
        case .ownCompetence: return inPeriod(l.processed) && l.disposition == "accept"
        case .forwarded: return inPeriod(l.processed) && l.disposition == "forward"
        case .guided: return inPeriod(l.processed) && l.disposition == "guide"
        case .returned: return inPeriod(l.processed) && ["return", "file"].contains(l.disposition)
        case .answered: return l.disposition == "forward" && inPeriod(l.answered)
        case .toResolve: return toResolve
        case .resolved: return inPeriod(l.resolved)
        case .withdrawn: return toResolve && inPeriod(l.withdrawn)
        case .inProgress: return open
        case .overdue: return open && before(l.resolutionDue, min(p.to, today))
        case .kindComplaint: return inToProcess && l.kind == .complaint
        case .kindDenunciation: return inToProcess && l.kind == .denunciation
        case .kindPetition: return inToProcess && [.petition, .report].contains(l.kind)
        default: return nil
        }
    }

    static func expected(_ figure: VisitFigure, _ v: VisitModel) -> Bool {
        switch figure {
        case .visits: true
        case .firstCases: !v.isRepeat
        case .repeatCases: v.isRepeat
        case .groups: v.group
        case .regular: v.kind == .regular
        case .head: v.kind == .head
        case .delegated: v.kind == .delegated
        }
    }
}
