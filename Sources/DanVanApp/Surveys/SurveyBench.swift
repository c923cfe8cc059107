import DanVanDomain
import Foundation
import Logging
import SQLKit

/// `danvan bench surveys`: generates a national load of answers over today's communes and
/// measures the results of a province-year (the counts by answer, month, counter and field,
/// then the communes compared) and how many kiosk answers one server accepts a second.
enum SurveyBench {
    struct Options: Sendable {
        var answers: Int
        var years: Int
        var rounds: Int
        var taps: Int
    }

    /// Marks the generated survey (created_by), so a second run measures without generating again.
    static let marker = "bench"

    static func run(configuration: AppConfiguration, options: Options, print emit: @escaping @Sendable (String) -> Void) async throws {
        try await BenchDatabase.with(configuration, print: emit) { database, services in
            let today = CivilDate.today(now: Date())
            let communes = try await LetterBench.communes(database).filter { $0.validTo == nil }
            try await generate(database: database, communes: communes, options: options, today: today, emit: emit)
            if database.isPostgres { for table in ["survey_answers", "survey_answer_counts"] { try await database.sql.raw("VACUUM ANALYZE \(unsafeRaw: table)").run() } }
            try await measure(services: services, options: options, today: today, emit: emit)
            try await kiosks(services: services, communes: communes, options: options, emit: emit)
        }
    }

    /// Inserts `options.answers` paper answers of one national survey over the last `years` years, in
    /// the order of their days, at random communes,
    /// 500 rows a statement, 5.000 a transaction; about 92% / 8% / 0,1% as in seed 000.
    static func generate(database: AppDatabase, communes: [LetterBench.Commune], options: Options, today: CivilDate,
                         emit: @Sendable (String) -> Void) async throws {
        struct Count: Decodable { var n: Int }
        let sql = database.sql
        let existing = try await sql.raw("""
            SELECT COUNT(*) AS n FROM survey_answers a JOIN surveys sv ON sv.id = a.\(\SurveyAnswerRecord.surveyID)
            WHERE sv.\(\SurveyRecord.createdBy) = \(bind: marker)
            """).row(Count.self)?.n ?? 0
        if existing > 0 {
            emit("generation: \(existing) generated answers already present (use a fresh database to time it)")
            return
        }
        guard !communes.isEmpty else { return }
        struct Root: Decodable { var id: UUID }
        guard let root = try await sql.raw("SELECT u.id FROM organisation_units u WHERE u.level = 0").row(Root.self) else { return }
        let first = today.adding(days: -365 * options.years)
        var survey = SurveyStore.defaultSurvey(unitID: root.id, organisationID: nil, from: first, createdBy: marker, now: Date())
        survey.title += " (bench)"
        try await sql.insert(into: "surveys").values(of: survey).run()
        let span = first.days(to: today)
        let fields = SurveyField.allCases.map(\.rawValue)
        var generator = SystemRandomNumberGenerator()
        let start = ContinuousClock.now
        var done = 0
        while done < options.answers {
            let count = min(5_000, options.answers - done)
            var rows: [SurveyAnswerRecord] = []
            rows.reserveCapacity(count)
            for index in 0..<count {
                // Day after day, as answers arrive: each day's answers go to the same few pages of the indexes.
                let day = first.adding(days: (done + index) * (span + 1) / options.answers)
                let commune = communes.randomElement(using: &generator)!
                let roll = Int.random(in: 0..<10_000, using: &generator)
                let choice = roll < 9_198 ? "very_satisfied" : roll < 9_988 ? "satisfied" : "not_satisfied"
                rows.append(SurveyAnswerRecord(
                    id: ordered(done + index), surveyID: survey.id, kioskID: nil, clientID: "bench-\(done + index)", unitID: commune.unitID,
                    organisationID: commune.organisationID, channel: SurveyChannel.paper.rawValue, choice: choice, reason: nil,
                    field: fields.randomElement(using: &generator), answeredAt: Date(timeIntervalSince1970: TimeInterval(day.dayNumber) * 86_400),
                    answeredOn: day.iso, createdAt: Date()))
            }
            let ready = rows
            try await database.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                // SQLite's default page cache (2 MB a connection) rereads the indexes' pages from the
                // file at every insert once the table is large: give the writing connection 256 MB.
                if !database.isPostgres { try await sql.raw("PRAGMA cache_size = -262144").run() }
                try await SurveyStore.store(ready, on: sql)
            }
            done += count
            if done % 100_000 == 0 || done == options.answers {
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                emit(String(format: "generated %d / %d answers in %.1f s (%.0f answers/s)", done, options.answers, seconds, Double(done) / max(seconds, 0.001)))
            }
        }
    }

    /// An id that grows with `number`, so the generated answers go at the end of the ids' index
    /// (random ids scatter 10.000.000 inserts over the whole index).
    static func ordered(_ number: Int) -> UUID {
        let n = UInt64(number)
        func byte(_ shift: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: n >> shift) }
        return UUID(uuid: (0xBE, 0x0C, 0, 0, byte(56), byte(48), byte(40), byte(32), byte(24), byte(16), byte(8), byte(0), 0, 0, 0, 0))
    }

    static func measure(services: AppServices, options: Options, today: CivilDate, emit: @Sendable (String) -> Void) async throws {
        let scope = try await services.accounts.commandLineScope()
        let store = SurveyStore(database: services.database)
        struct Province: Decodable { var id: UUID }
        let provinces = try await services.database.sql.raw("""
            SELECT u.id FROM organisation_units u WHERE u.level = 1 AND \(UnitStore.validOn(today))
            """).rows(Province.self).map(\.id)
        emit("provinces: \(provinces.count), rounds: \(options.rounds)")
        var counts = Timings(), compared = Timings()
        for round in 0..<options.rounds {
            let period = ReportPeriod.year(today.year - round % max(1, options.years))!
            for province in provinces {
                _ = try await counts.measure { try await store.counts(scope, unitID: province, period: period) }
                _ = try await compared.measure { try await store.countsBelow(scope, unitID: province, period: period) }
            }
        }
        emit("(a) results of a province-year (by answer, month, counter, field): \(counts.summary) (target p95 < 50 ms)")
        emit("(b) the communes of a province-year compared: \(compared.summary)")
    }

    /// Registers kiosks at communes and sends `taps` answers, one a request as a tablet does,
    /// from 8 tablets at once: the answers stored a second, the kiosk's limit and replay check included.
    static func kiosks(services: AppServices, communes: [LetterBench.Commune], options: Options, emit: @Sendable (String) -> Void) async throws {
        let scope = try await services.accounts.commandLineScope()
        let store = SurveyStore(database: services.database)
        let kioskCount = max(1, options.taps / 60)   // under the limit of 120 a minute each
        var tokens: [String] = []
        for commune in communes.shuffled().prefix(kioskCount) {
            tokens.append(try await store.registerKiosk(scope, input: KioskInput(organisationID: commune.organisationID, name: "Bench", field: "")).token)
        }
        var accesses: [KioskAccess] = []
        for token in tokens { if let access = try await store.kiosk(token: token) { accesses.append(access) } }
        let ready = accesses
        let clock = ContinuousClock()
        var stored = 0
        let elapsed = try await clock.measure {
            stored = try await withThrowingTaskGroup(of: Int.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var count = 0
                        for tap in stride(from: worker, to: options.taps, by: 8) {
                            let access = ready[tap % ready.count]
                            let answer = KioskAnswerInput(id: "tap-\(tap)", at: Int64(Date().timeIntervalSince1970 * 1000), choice: "very_satisfied", reason: nil)
                            count += try await store.takeKioskAnswers(access, answers: [answer], throttle: services.throttle).stored
                        }
                        return count
                    }
                }
                return try await group.reduce(0, +)
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        emit(String(format: "(c) kiosk answers: %d of %d stored from %d kiosks in %.2f s (%.0f answers/s)", stored, options.taps, ready.count, seconds,
                    Double(stored) / max(seconds, 0.001)))
    }
}
