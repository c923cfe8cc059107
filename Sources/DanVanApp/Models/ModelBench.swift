import DanVanDomain
import Foundation
import SQLKit

/// `danvan bench models`: generates a national load of "Dân vận khéo" models over today's
/// communes and the last years, then measures the statistics of a province-year, the coverage
/// of a province and the folded search.
enum ModelBench {
    struct Options: Sendable {
        var models: Int
        var years: Int
        var rounds: Int
    }

    /// Marks the generated models (created_by), so a second run measures without generating again.
    static let marker = "bench"

    static func run(configuration: AppConfiguration, options: Options, print emit: @escaping @Sendable (String) -> Void) async throws {
        try await BenchDatabase.with(configuration, print: emit) { database, services in
            let today = CivilDate.today(now: Date())
            let communes = try await LetterBench.communes(database).filter { $0.validTo == nil }
            try await generate(database: database, communes: communes, options: options, today: today, emit: emit)
            if database.isPostgres {
                for table in ["models", "model_years", "model_goals", "model_results", "model_evaluations", "model_commendations"] {
                    try await database.sql.raw("VACUUM ANALYZE \(unsafeRaw: table)").run()
                }
            }
            try await measure(services: services, options: options, today: today, emit: emit)
        }
    }

    /// Inserts `options.models` models over the last `years` years (a third carried over to the
    /// next year), each with a goal; half with a result, a tenth evaluated, one in fifty commended.
    static func generate(database: AppDatabase, communes: [LetterBench.Commune], options: Options, today: CivilDate, emit: @Sendable (String) -> Void) async throws {
        struct Count: Decodable { var n: Int }
        let existing = try await database.sql.raw("SELECT COUNT(*) AS n FROM models m WHERE m.\(\MR.createdBy) = \(bind: marker)").row(Count.self)?.n ?? 0
        if existing > 0 {
            emit("generation: \(existing) generated models already present (use a fresh database to time it)")
            return
        }
        guard !communes.isEmpty else { return }
        var generator = SystemRandomNumberGenerator()
        let start = ContinuousClock.now
        var done = 0
        while done < options.models {
            var batch = ModelDemo.Batch()
            for index in done..<min(done + 5_000, options.models) {
                let commune = communes.randomElement(using: &generator)!
                let year = today.year - Int.random(in: 0..<max(1, options.years), using: &generator)
                let organisation = OrganisationSummary(id: commune.organisationID, unitID: commune.unitID, unitName: commune.name, kind: "peoples_committee",
                                                       kindName: "", name: "Ủy ban nhân dân \(commune.name)")
                var model = ModelDemo.generated(index, organisation: organisation, individual: index % 3 == 2, start: CivilDate(year: year, month: 2, day: 1)!,
                                                evaluation: CivilDate(year: year, month: 11, day: 30)!, createdBy: marker)
                model.name += " \(index)"
                batch.add(model, year: year, status: .new, goal: ModelDemo.goal(index),
                          result: index % 2 == 0 ? (CivilDate(year: year, month: 9, day: 1)!, Double(ModelDemo.goal(index).target)) : nil)
                if index % 3 == 0 && year < today.year { batch.years.append(ModelStore.yearRow(model, year: year + 1, status: .maintained, createdBy: marker, now: Date())) }
                if index % 10 == 0 {
                    batch.evaluations.append(ModelEvaluationRecord(id: UUID(), modelID: model.id, year: year, method: index % 20 == 0 ? "team" : "self",
                                                                   team: "", members: "", evaluatedOn: "\(year)-11-15", rating: ModelRating.allCases[index % 4].rawValue,
                                                                   findings: "", createdBy: marker, createdAt: Date()))
                }
                if index % 50 == 0 {
                    batch.commendations.append(ModelCommendationRecord(id: UUID(), modelID: model.id, year: year, level: ModelCommendationLevel.allCases[index % 4].rawValue,
                                                                       form: "certificate", decisionNumber: "\(index)/QĐ", decidedOn: "\(year)-12-20", decidedBy: "Bench",
                                                                       createdBy: marker, createdAt: Date()))
                }
            }
            try await batch.insert(database)
            done += batch.models.count
            if done % 50_000 == 0 || done == options.models {
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                emit(String(format: "generated %d / %d models in %.1f s (%.0f models/s)", done, options.models, seconds, Double(done) / max(seconds, 0.001)))
            }
        }
    }

    static func measure(services: AppServices, options: Options, today: CivilDate, emit: @Sendable (String) -> Void) async throws {
        let scope = try await services.accounts.commandLineScope()
        let store = ModelCapability.store(services)
        struct Province: Decodable { var id: UUID }
        let provinces = try await services.database.sql.raw("""
            SELECT u.id FROM organisation_units u WHERE u.level = 1 AND \(UnitStore.validOn(today))
            """).rows(Province.self).map(\.id)
        emit("provinces: \(provinces.count), rounds: \(options.rounds)")
        let words = ["cai cach thu tuc", "nong thon moi", "phu nu", "rac tai nguon", "khuyen hoc", "chuyen doi so"]
        var statistics = Timings(), coverage = Timings(), search = Timings()
        for round in 0..<options.rounds {
            let year = today.year - round % max(1, options.years)
            for (index, province) in provinces.enumerated() {
                _ = try await statistics.measure { try await store.figures(scope, unitID: province, year: year) }
                _ = try await coverage.measure { try await store.coverage(scope, unitID: province, year: year) }
                _ = try await search.measure {
                    try await store.list(scope, filter: ModelFilter(unitID: province, year: year, search: words[(index + round) % words.count]), limit: ModelController.pageSize)
                }
            }
        }
        emit("(a) statistics of a province-year (by status, kind, field, rating, method, level): \(statistics.summary) (target p95 < 50 ms)")
        emit("(b) coverage of a province (its organisations with and without a model): \(coverage.summary) (target p95 < 100 ms)")
        emit("(c) folded search in a province-year (a page of 50 and the total): \(search.summary) (target p95 < 50 ms)")
    }
}
