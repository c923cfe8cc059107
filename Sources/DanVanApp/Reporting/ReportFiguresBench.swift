import DanVanDomain
import Foundation
import SQLKit

/// `danvan bench reporting`: generates a national load of entered values (one reporting
/// organisation per commune of today, generated indicators beside the catalogue's, monthly values
/// over the last years: 3.321 communes × 100 indicators × 60 months ≈ 20 million values), then,
/// right after a write each round, measures the consolidation of a province-year and of the
/// nation-year, a province-year with the computed indicators, and the same sums written directly
/// in SQL on the same database, over the kept totals (the ratio is what DanVan's own work costs)
/// and over the values (what the totals save).
enum ReportFiguresBench {
    struct Options: Sendable {
        var communes: Int
        var indicators: Int
        var years: Int
        var rounds: Int
    }

    /// The generated indicators' codes start with it, so a second run measures without generating again.
    static let prefix = "BENCH_"

    static var command: BenchCommand {
        BenchCommand(name: "reporting",
                     abstract: "Sinh số liệu báo cáo định kỳ toàn quốc (mỗi xã một tổ chức, chỉ tiêu sinh thêm, giá trị hằng tháng) và đo tổng hợp theo tỉnh-năm, toàn quốc-năm, so với SQL trực tiếp.",
                     options: [.init(name: "communes", defaultValue: 100_000, help: "Số xã (hiện hành) có số liệu, tối đa là mọi xã."),
                               .init(name: "indicators", defaultValue: 100, help: "Số chỉ tiêu nhập sinh thêm."),
                               .init(name: "years", defaultValue: 5, help: "Số năm gần nhất có số liệu hằng tháng."),
                               .init(name: "rounds", defaultValue: 20, help: "Số lần đo mỗi truy vấn (mỗi lần sau một lần ghi).")]) { configuration, values, emit in
            try await run(configuration: configuration, options: .init(communes: values["communes"]!, indicators: values["indicators"]!,
                                                                       years: values["years"]!, rounds: values["rounds"]!), print: emit)
        }
    }

    static func run(configuration: AppConfiguration, options: Options, print emit: @escaping @Sendable (String) -> Void) async throws {
        try await BenchDatabase.with(configuration, print: emit) { database, services in
            let today = CivilDate.today(now: Date())
            let communes = Array(try await LetterBench.communes(database).filter { $0.validTo == nil }.sorted { $0.code < $1.code }.prefix(options.communes))
            try await generate(database: database, communes: communes, options: options, today: today, emit: emit)
            if database.isPostgres { try await database.sql.raw("VACUUM ANALYZE data_values, data_value_totals").run() }
            try await measure(services: services, communes: communes, options: options, today: today, emit: emit)
        }
    }

    /// The generated indicators (created once) and their monthly values at every commune's organisation.
    static func generate(database: AppDatabase, communes: [LetterBench.Commune], options: Options, today: CivilDate,
                         emit: @Sendable (String) -> Void) async throws {
        let sql = database.sql
        struct Count: Decodable { var n: Int }
        let existing = try await sql.raw("SELECT COUNT(*) AS n FROM indicators i WHERE i.code LIKE \(bind: prefix + "%")").row(Count.self)?.n ?? 0
        if existing > 0 {
            let values = try await sql.raw("SELECT COUNT(*) AS n FROM data_values").row(Count.self)?.n ?? 0
            emit("generation: \(existing) generated indicators and \(values) values already present (use a fresh database to time it)")
            return
        }
        let now = Date()
        let indicators = (1...options.indicators).map { number in
            IndicatorRecord(id: UUID(), code: prefix + String(format: "%03d", number), name: "Chỉ tiêu thử \(number)", unit: "lượt", fractionDigits: 0,
                            allowsNegative: false, aggregation: "sum", numeratorCode: nil, denominatorCode: nil, factor: nil, source: "entered",
                            computation: nil, sortOrder: 10_000 + number, createdAt: now, updatedAt: now)
        }
        try await sql.insert(into: "indicators").values(ofAll: indicators).run()
        let lastMonth = ReportingPeriod.month(today.year, today.month)!
        var months: [ReportingPeriod] = [lastMonth]
        while months.count < options.years * 12, let previous = months.last?.previous { months.append(previous) }
        let total = communes.count * indicators.count * months.count
        emit("generating \(total) values: \(communes.count) communes × \(indicators.count) indicators × \(months.count) months")
        let start = ContinuousClock.now
        var done = 0
        var generator = SystemRandomNumberGenerator()
        let perStatement = 2_000
        for commune in communes {
            var rows: [DataValueRecord] = []
            rows.reserveCapacity(indicators.count * months.count)
            for indicator in indicators {
                for month in months {
                    // Ids in order (``SurveyBench/ordered(_:)``): random ones scatter millions of inserts over the ids' index.
                    rows.append(DataValueRecord(id: SurveyBench.ordered(done + rows.count), indicatorID: indicator.id, organisationID: commune.organisationID, unitID: commune.unitID,
                                                periodKey: month.key, firstMonth: month.firstMonthNumber, lastMonth: month.lastMonthNumber,
                                                value: Double(Int.random(in: 0...200, using: &generator)), comment: nil, updatedBy: "bench", updatedAt: now))
                }
            }
            let ready = rows
            try await database.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                if !database.isPostgres { try await sql.raw("PRAGMA cache_size = -262144").run() }
                for chunk in ready.chunked(perStatement) { try await sql.insert(into: "data_values").values(ofAll: chunk).run() }
            }
            done += ready.count
            if done % 1_000_000 < ready.count || done == total {
                emit(String(format: "generated %d / %d values in %.1f s (%.0f values/s)", done, total, seconds(since: start), Double(done) / max(seconds(since: start), 0.001)))
            }
        }
        // Generated in bulk, so the totals are made once from the values (as the migration that made their table did).
        let rebuilt = ContinuousClock.now
        try await database.db.transaction { tx in try await DataValueTotals.rebuild(on: tx as! any SQLDatabase) }
        struct Kept: Decodable { var n: Int }
        let kept = try await sql.raw("SELECT COUNT(*) AS n FROM data_value_totals").row(Kept.self)?.n ?? 0
        emit(String(format: "totals by top-level unit and month made from the values: %d rows in %.1f s", kept, seconds(since: rebuilt)))
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func measure(services: AppServices, communes: [LetterBench.Commune], options: Options, today: CivilDate, emit: @Sendable (String) -> Void) async throws {
        let database = services.database
        let scope = try await services.accounts.commandLineScope()
        let store = ReportFiguresStore(database: database)
        let all = try await store.indicators()
        let entered = all.filter(\.isEntered)
        let computed = all.filter { !$0.isEntered }
        struct Root: Decodable { var id: UUID }
        guard let nation = try await database.sql.raw("SELECT u.id FROM organisation_units u WHERE u.level = 0").row(Root.self)?.id,
              let commune = communes.first else { return }
        // The province of the communes that have values (the first one's).
        let provinces = try await services.units.ancestors(scope, of: commune.unitID).filter { $0.level == 1 && $0.validTo == nil }
        guard let province = provinces.first?.id else { return }
        // The last whole year of the values (this year when they span one year only).
        let year = ReportingPeriod.year(options.years > 1 ? today.year - 1 : today.year)!
        let months = year.firstMonthNumber...year.lastMonthNumber
        emit("values: \(try await count(database)), entered indicators: \(entered.count), computed and ratios: \(computed.count)")
        emit("period: \(year.label), rounds: \(options.rounds)")
        var provinceYear = Timings(), nationYear = Timings(), computedYear = Timings(), sqlProvince = Timings(), sqlNation = Timings()
        var rawProvince = Timings(), rawNation = Timings()
        var checked = false
        for round in 0..<options.rounds {
            // A write first: the figures read next must hold it.
            let key = ReportingPeriod.month(year.year, round % 12 + 1)!.key
            try await database.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                let stored = try await sql.raw("""
                    SELECT \(unsafeRaw: RowColumns.select(DataValueRecord.self, from: "d")) FROM data_values d
                    WHERE d.\(\DataValueRecord.organisationID) = \(bind: commune.organisationID) AND d.\(\DataValueRecord.periodKey) = \(bind: key)
                    """).rows(DataValueRecord.self)
                try await ReportEntryStore.write(stored.map { row in
                    var changed = row
                    changed.value = (row.value ?? 0) + 1
                    changed.updatedAt = Date()
                    return (row, changed)
                }, on: sql)
            }
            // Each first in turn after the write, so neither way is always the one that meets a cold page.
            var ours: FigureGrid = [:], direct: [UUID: Double] = [:]
            for way in round % 2 == 0 ? [0, 1] : [1, 0] {
                if way == 0 {
                    ours = try await provinceYear.measure {
                        try await store.consolidate(scope, target: FigureTarget(root: province), periods: [year], cutOff: .calendarEnd, indicators: entered,
                                                    catalogue: all, today: today)
                    }
                    _ = try await nationYear.measure {
                        try await store.consolidate(scope, target: FigureTarget(root: nation), periods: [year], cutOff: .calendarEnd, indicators: entered,
                                                    catalogue: all, today: today)
                    }
                } else {
                    direct = try await sqlProvince.measure { try await directSums(database, root: province, months: months, kept: true) }
                    _ = try await sqlNation.measure { try await directSums(database, root: nation, months: months, kept: true) }
                    if round % 2 == 0 || !checked {
                        let raw = try await rawProvince.measure { try await directSums(database, root: province, months: months, kept: false) }
                        _ = try await rawNation.measure { try await directSums(database, root: nation, months: months, kept: false) }
                        if raw != direct { emit("check: the kept totals DIFFER FROM the sums of the values") }
                    }
                }
            }
            _ = try await computedYear.measure {
                try await store.consolidate(scope, target: FigureTarget(root: province), periods: [year], cutOff: .calendarEnd, indicators: all, catalogue: all, today: today)
            }
            if !checked {
                // The two ways give the same totals.
                let byCode = Dictionary(uniqueKeysWithValues: entered.map { ($0.id, $0.code) })
                let same = direct.allSatisfy { id, total in ours[province]?[year]?[byCode[id] ?? ""] == total }
                emit("check: DanVan's totals \(same ? "equal" : "DIFFER FROM") the direct SQL sums (\(direct.count) indicators)")
                checked = true
            }
        }
        emit("(a) all entered indicators of a province-year: \(provinceYear.summary) (target p95 < 20 ms)")
        emit("    the same sums in SQL over the totals: \(sqlProvince.summary); ratio DanVan/SQL p50 \(ratio(provinceYear, sqlProvince)) (target ≤ 1,5)")
        emit("    the same sums in SQL over the values: \(rawProvince.summary); ratio DanVan/SQL p50 \(ratio(provinceYear, rawProvince))")
        emit("(b) all entered indicators of the nation-year: \(nationYear.summary) (target p95 < 100 ms)")
        emit("    the same sums in SQL over the totals: \(sqlNation.summary); ratio DanVan/SQL p50 \(ratio(nationYear, sqlNation)) (target ≤ 1,5)")
        emit("    the same sums in SQL over the values: \(rawNation.summary); ratio DanVan/SQL p50 \(ratio(nationYear, rawNation))")
        emit("(c) a province-year with the computed indicators and ratios: \(computedYear.summary) (target p95 < 100 ms)")
    }

    static func ratio(_ ours: Timings, _ direct: Timings) -> String {
        String(format: "%.2f", ours.percentile(50) / max(direct.percentile(50), 0.000_001))
    }

    static func count(_ database: AppDatabase) async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await database.sql.raw("SELECT COUNT(*) AS n FROM data_values").row(Count.self)?.n ?? 0
    }

    /// The entered totals of a subtree's months written by hand, as any SQL client would send them: from the totals
    /// kept by top-level unit (`kept`), or from the values themselves.
    static func directSums(_ database: AppDatabase, root: UUID, months: ClosedRange<Int>, kept: Bool) async throws -> [UUID: Double] {
        typealias D = DataValueRecord
        struct Row: Decodable { var indicatorID: UUID; var total: Double? }
        let query: SQLQueryString = kept ? """
            SELECT t.indicator_id, SUM(t.total) AS total FROM data_value_totals t
            WHERE t.unit_id = \(bind: root) AND t.first_month >= \(bind: months.lowerBound) AND t.last_month <= \(bind: months.upperBound)
            GROUP BY t.indicator_id HAVING SUM(t.n) > 0
            """ : """
            SELECT d.\(\D.indicatorID) AS indicator_id, SUM(d.value) AS total FROM data_values d
            WHERE d.\(\D.unitID) IN (SELECT p.\(\UnitPath.descendantID) FROM unit_paths p WHERE p.\(\UnitPath.ancestorID) = \(bind: root))
            AND d.\(\D.firstMonth) >= \(bind: months.lowerBound) AND d.\(\D.lastMonth) <= \(bind: months.upperBound) AND d.value IS NOT NULL
            GROUP BY d.\(\D.indicatorID)
            """
        let rows = try await database.sql.raw(query).rows(Row.self)
        return Dictionary(uniqueKeysWithValues: rows.compactMap { row in row.total.map { (row.indicatorID, $0) } })
    }
}
