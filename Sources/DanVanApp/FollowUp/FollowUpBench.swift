import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// `danvan bench followup`: generates a national load of follow-up items over today's
/// communes (each set and assigned in its commune, over the last two years) and measures
/// (a) the overdue list of a province, (b) the counts of a province-year, (c) a page of an inbox.
/// The items' assignment history is not generated (no measured query reads it).
enum FollowUpBench {
    static let marker = "bench"

    static func run(configuration: AppConfiguration, items: Int, rounds: Int, print emit: @escaping @Sendable (String) -> Void) async throws {
        try await BenchDatabase.with(configuration, print: emit) { database, services in
            let today = CivilDate.today(now: Date())
            let communes = try await LetterBench.communes(database).filter { $0.validTo == nil }
            try await generate(database: database, communes: communes, items: items, today: today, emit: emit)
            if database.isPostgres { try await database.sql.raw("VACUUM ANALYZE follow_up_items").run() }
            try await measure(services: services, communes: communes, rounds: rounds, today: today, emit: emit)
        }
    }

    static func generate(database: AppDatabase, communes: [LetterBench.Commune], items: Int, today: CivilDate, emit: (String) -> Void) async throws {
        struct Count: Decodable { var n: Int }
        let sql = database.sql
        let existing = try await sql.raw("SELECT COUNT(*) AS n FROM follow_up_items f WHERE f.\(\FollowUpItemRecord.createdBy) = \(bind: marker)").row(Count.self)?.n ?? 0
        guard existing == 0 else { return emit("generation: \(existing) generated items already present (use a fresh database to time it)") }
        guard !communes.isEmpty else { return }
        let first = today.adding(days: -730)
        // 60% done, 15% open, 10% in progress, 10% declined, 5% cancelled.
        let statuses: [FollowUpStatus] = Array(repeating: .done, count: 12) + Array(repeating: .open, count: 3) + [.inProgress, .inProgress, .declined, .declined, .cancelled]
        let sources = FollowUpSource.allCases.map(\.rawValue)
        var random = SystemRandomNumberGenerator()
        let clock = ContinuousClock(), start = clock.now
        for batch in stride(from: 0, to: items, by: 5_000) {
            let rows = (batch..<min(batch + 5_000, items)).map { index -> FollowUpItemRecord in
                let commune = communes.randomElement(using: &random)!
                let opened = first.adding(days: Int.random(in: 0...730, using: &random))
                let status = statuses.randomElement(using: &random)!
                let at = Date()
                return FollowUpItemRecord(
                    id: SurveyBench.ordered(index), source: sources[index % sources.count], sourceID: UUID(), title: "Việc sinh sẵn \(index)", ownerOrganisationID: commune.organisationID,
                    ownerUnitID: commune.unitID, organisationID: commune.organisationID, unitID: commune.unitID, assignmentID: UUID(), openedOn: opened.iso,
                    dueOn: opened.adding(days: Int.random(in: 10...60, using: &random)).iso, dueRule: nil, status: status.rawValue,
                    answer: status == .done ? "Đã trả lời." : nil, answeredOn: status == .done ? opened.adding(days: 9).iso : nil,
                    declineReason: status == .declined ? "Không thuộc thẩm quyền." : nil, createdBy: marker, createdAt: at, updatedAt: at)
            }
            try await database.db.transaction { tx in
                for chunk in rows.chunked(500) { try await (tx as! any SQLDatabase).insert(into: "follow_up_items").values(ofAll: Array(chunk)).run() }
            }
            let done = min(batch + 5_000, items)
            if done % 100_000 == 0 || done == items {
                let seconds = Double((clock.now - start).components.seconds)
                emit("generated \(done) / \(items) items in \(Int(seconds)) s")
            }
        }
    }

    static func benchUser(services: AppServices, scope: Scope, communes: [LetterBench.Commune]) async throws -> UUID {
        if let user = try await User.query(on: services.database.db).filter(\.$username == "bench.inbox").first(), let id = user.id { return id }
        return try await services.accounts.createUser(scope, input: UserInput(
            username: "bench.inbox", fullName: "Hộp thư sinh sẵn", organisationID: communes[0].organisationID, roles: [.leader], scopeMode: .subtree)).user.id
    }

    static func measure(services: AppServices, communes: [LetterBench.Commune], rounds: Int, today: CivilDate, emit: (String) -> Void) async throws {
        let scope = try await services.accounts.commandLineScope()
        let store = FollowUpStore(database: services.database)
        let inbox = InboxStore(database: services.database)
        struct Province: Decodable { var id: UUID }
        let provinces = try await services.database.sql.raw("SELECT u.id FROM organisation_units u WHERE u.level = 1 AND \(UnitStore.validOn(today))")
            .rows(Province.self).map(\.id)
        // The inbox of a bench user of a commune: 5.000 notifications of the generated items, a tenth unread.
        let user = try await benchUser(services: services, scope: scope, communes: communes)
        guard let organisationID = try await User.find(user, on: services.database.db)?.organisationID else { throw AppError.notFound }
        let existing = try await inbox.page(userID: user, offset: 0, limit: 1).total
        if existing < 5_000 {
            struct Item: Decodable { var id: UUID }
            let items = try await services.database.sql.raw("SELECT f.id FROM follow_up_items f LIMIT 5000").rows(Item.self)
            let now = Date()
            let rows = items.enumerated().map { index, item in
                NotificationRecord(id: UUID(), userID: user, kind: NotificationKind.assigned.rawValue, subjectID: item.id, subjectType: "follow_up",
                                   occasion: "bench", title: "Việc sinh sẵn", readAt: index % 10 == 0 ? nil : now, createdAt: now.addingTimeInterval(Double(index)),
                                   organisationID: organisationID)
            }
            for chunk in rows.chunked(500) { try await services.database.sql.insert(into: "notifications").values(ofAll: Array(chunk)).run() }
        }
        emit("provinces: \(provinces.count), rounds: \(rounds)")
        // The inbox page's caller, as a request sees them (the page adds the day's due events first).
        let identity = Identity(userID: user, username: "bench.inbox", fullName: "Hộp thư sinh sẵn", organisationID: organisationID, organisationName: "",
                                unitID: communes[0].unitID, unitName: "", unitLevel: 3, roles: [.leader], scopeMode: .subtree, mustChangePassword: false)
        var overdue = Timings(), counts = Timings(), page = Timings()
        for round in 0..<rounds {
            let period = ReportPeriod.year(today.year - round % 2)!
            for province in provinces {
                // A user of the province (its subtree), not the national scope.
                let provincial = Scope(userID: user, username: "bench.inbox", organisationID: organisationID, unitID: province, mode: .subtree,
                                       roles: [.leader], address: "bench", unitLevel: 1)
                _ = try await overdue.measure { try await store.list(provincial, filter: FollowUpFilter(unitID: province, due: .overdue), offset: 0, today: today) }
                _ = try await counts.measure { try await store.counts(provincial, unitID: province, period: period, today: today) }
                _ = try await page.measure {
                    try await inbox.refresh(identity, today: today)
                    return (try await inbox.page(userID: user, offset: 30 * round, limit: 30), try await inbox.unread(userID: user))
                }
            }
        }
        emit("(a) overdue list of a province, by a province user (first page of 50, with its total): \(overdue.summary) (target p95 < 50 ms)")
        emit("(b) counts of a province-year by status, overdue, by a province user: \(counts.summary) (target p95 < 50 ms)")
        emit("(c) an inbox page as GET /inbox runs it (the day's refresh, 30 of 5.000, the unread count): \(page.summary) (target p95 < 20 ms)")
    }
}
