import DanVanDomain
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// Coverage and statistics equal counts over the records, for a legacy district and for the
/// 2025 province its history flows into; the demo's figures equal the seeds'.
@Suite("Models: coverage, statistics, demo")
struct ModelFiguresTests {
    @Test("coverage and every statistic equal the counts over the records, for a legacy district and the 2025 province it flows into")
    func figuresEqualRecords() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let (district, organisations) = try await ModelStoreTests.organisations(app)
            let store = ModelStore(database: app.database)
            // Models of 2023 and 2024 of varied kinds and fields; some carried over; evaluated and commended.
            var made: [(id: UUID, organisation: UUID, kind: String, field: String, year: Int)] = []
            for k in 0..<24 {
                let organisation = organisations[(k * 7) % organisations.count]
                let kind = k % 3 == 0 ? "individual" : "collective", field = ModelField.allCases[k % 4].rawValue, year = k < 8 ? 2023 : 2024
                let id = try await store.register(national, input: ModelStoreTests.input(organisation.id, year: year, name: "Mô hình số \(k) về \(field)", kind: kind, field: field))
                made.append((id, organisation.id, kind, field, year))
            }
            let carried = made.filter { $0.year == 2023 }.prefix(5).map(\.id)
            #expect(try await store.carryOver(national, ids: Array(carried), from: 2023) == 5)
            let of2024 = made.filter { $0.year == 2024 || carried.contains($0.id) }
            for (index, model) in of2024.prefix(9).enumerated() {
                _ = try await store.evaluate(national, id: model.id, input: EvaluationInput(
                    method: index < 6 ? "team" : "self", team: index < 6 ? "Đoàn khảo sát số 1" : "", members: index < 6 ? "Ban Dân vận Huyện ủy" : "",
                    evaluatedOn: "15/11/2024", rating: index % 2 == 0 ? "excellent" : "good", findings: ""))
            }
            for model in of2024.prefix(3) {
                _ = try await store.commend(national, id: model.id, input: CommendationInput(level: "district", form: "certificate", decisionNumber: "12/QĐ-HU",
                                                                                           decidedOn: "20/12/2024", decidedBy: "Huyện ủy"))
            }
            var expected = ModelFigures()
            expected.total = of2024.count
            expected.byStatus = ["new": of2024.count - 5, "maintained": 5]
            expected.byKind = Dictionary(grouping: of2024, by: \.kind).mapValues(\.count)
            expected.byField = Dictionary(grouping: of2024, by: \.field).mapValues(\.count)
            expected.byRating = ["excellent": 5, "good": 4]
            expected.byMethod = ["team": 6, "self": 3]
            expected.byLevel = ["district": 3]
            expected.visited = Set(of2024.prefix(6).map(\.organisation)).count
            let province = try await app.unit("23986", legacy: false).parentID!
            for unit in [district.id, province] {
                #expect(try await store.figures(national, unitID: unit, year: 2024) == expected, "\(unit)")
                let last = try await store.figures(national, unitID: unit, year: 2023)
                #expect(last.total == 8 && last.byStatus == ["new": 8])
                // Coverage: every organisation of the district in force in 2024, with the number it registered.
                let coverage = try await store.coverage(national, unitID: unit, year: 2024)
                #expect(Set(coverage.map(\.id)) == Set(organisations.map(\.id)))
                #expect(coverage.reduce(0) { $0 + $1.models } == of2024.count)
                #expect(Set(coverage.filter { $0.models > 0 }.map(\.id)) == Set(of2024.map(\.organisation)))
                // The visited figure's list (coverage narrowed to the organisations a team visited) holds exactly its count.
                #expect(Set(coverage.filter { $0.visited > 0 }.map(\.id)) == Set(of2024.prefix(6).map(\.organisation)))
                // Each figure's list holds exactly its count.
                for field in ModelField.allCases {
                    let list = try await store.list(national, filter: ModelFilter(unitID: unit, year: 2024, field: field.rawValue))
                    #expect(list.total == expected.byField[field.rawValue] ?? 0)
                }
                #expect(try await store.list(national, filter: ModelFilter(unitID: unit, year: 2024, status: "maintained")).total == 5)
                #expect(try await store.list(national, filter: ModelFilter(unitID: unit, year: 2024, rating: "excellent")).total == 5)
                #expect(try await store.list(national, filter: ModelFilter(unitID: unit, year: 2024, level: "district")).total == 3)
                #expect(try await store.list(national, filter: ModelFilter(unitID: unit, year: 2024, evaluated: "team")).total == 6)
            }
            // Folded search: without diacritics, over name, goals and results.
            #expect(try await store.list(national, filter: ModelFilter(unitID: district.id, year: 2024, search: "MO HINH SO 12 ve")).total == 1)
            #expect(try await store.list(national, filter: ModelFilter(unitID: district.id, year: 2024, search: "ty le ho so dung han")).total == of2024.count)
            _ = try await store.reportResult(national, id: of2024[0].id, input: ResultInput(goalID: nil, reportedOn: "02/02/2024", value: "", note: "Đã giúp 811 người nghèo"), files: [])
            #expect(try await store.list(national, filter: ModelFilter(unitID: district.id, year: 2024, search: "811 nguoi ngheo")).rows.map(\.id) == [of2024[0].id])
        }
    }

    @Test("a legacy district's models carried past the 2025 merge: coverage and statistics count the same records, for the district and the 2025 province")
    func legacyModelsAfterMerge() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let (district, organisations) = try await ModelStoreTests.organisations(app)
            #expect(organisations.allSatisfy { $0.validTo != nil && $0.validTo! < "2026-01-01" })
            let store = ModelStore(database: app.database)
            let a = try await store.register(national, input: ModelStoreTests.input(organisations[0].id, year: 2025, name: "Mô hình trước sáp nhập"))
            let b = try await store.register(national, input: ModelStoreTests.input(organisations[1].id, year: 2025, name: "Mô hình cá nhân", kind: "individual"))
            #expect(try await store.carryOver(national, ids: [a, b], from: 2025) == 2)
            #expect(try await store.carryOver(national, ids: [a], from: 2026) == 1)
            let expected = [2025: [organisations[0].id, organisations[1].id], 2026: [organisations[0].id, organisations[1].id], 2027: [organisations[0].id]]
            let province = try await app.unit("23986", legacy: false).parentID!
            for unit in [district.id, province] {
                for (year, registered) in expected {
                    let figures = try await store.figures(national, unitID: unit, year: year)
                    let coverage = try await store.coverage(national, unitID: unit, year: year)
                    #expect(figures.total == registered.count, "\(unit) \(year)")
                    #expect(coverage.reduce(0) { $0 + $1.models } == figures.total, "\(unit) \(year)")
                    #expect(Set(coverage.filter { $0.models > 0 }.map(\.id)) == Set(registered), "\(unit) \(year)")
                    #expect(try await store.list(national, filter: ModelFilter(unitID: unit, year: year)).total == figures.total)
                }
            }
        }
    }

    /// A survey team's evaluation of a year, with the organisation of the model it rated.
    struct Rated: Decodable, Sendable { var team: String; var modelID: UUID; var organisationID: UUID }

    /// The survey teams' evaluations of the models under a unit in a year.
    static func teamRated(_ app: TestApp, under unitID: UUID, year: Int) async throws -> [Rated] {
        try await app.database.sql.raw("""
            SELECT e.team, e.\(\ModelEvaluationRecord.modelID), m.\(\MR.organisationID) FROM model_evaluations e JOIN models m ON m.id = e.\(\ModelEvaluationRecord.modelID)
            WHERE e.year = \(bind: year) AND e.method = \(bind: ModelEvaluationMethod.team.rawValue) AND \(Reach.subtree("m.\(\MR.unitID)", of: unitID))
            """).rows(Rated.self)
    }

    /// Seed 001's "44 evaluated by 2 survey teams in 27 units, 13 commended", as the demo loaded them.
    static func checkTeams(_ app: TestApp, store: ModelStore, scope national: Scope, city: UUID, coverage: [CoverageRow]) async throws {
        // "44 evaluated by 2 survey teams in 27 units": exactly two teams, whose visits together cover 27 organisations, each visited by one team.
        let rated = try await teamRated(app, under: city, year: 2017)
        #expect(Set(rated.map(\.team)) == ["Đoàn khảo sát số 1", "Đoàn khảo sát số 2"])
        #expect(rated.count == 44 && Set(rated.map(\.modelID)).count == 44 && Set(rated.map(\.organisationID)).count == 27)
        let byTeam = Dictionary(grouping: rated, by: \.team).mapValues { Set($0.map(\.organisationID)) }
        #expect(byTeam.values.allSatisfy { !$0.isEmpty } && byTeam.values.reduce(0) { $0 + $1.count } == 27)
        #expect(coverage.filter { $0.visited > 0 }.count == 27 && Set(coverage.filter { $0.visited > 0 }.map(\.id)) == Set(rated.map(\.organisationID)))
        // 13 commended models, each its list's.
        #expect(try await store.list(national, filter: ModelFilter(unitID: city, year: 2017, level: "province")).total == 13)
        #expect(try await store.list(national, filter: ModelFilter(unitID: city, year: 2017, evaluated: "team")).total == 44)
    }

    @Test("the demo: the city party bloc's 2017 (seed 001) and a province's 2020 (seed 004) figures equal the seeds'; loaded once")
    func demoEqualsSeeds() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            // Hải Phòng and Bắc Kạn are not in the test fixture: the same functions load into units of it.
            let city = try await app.unit("639", legacy: true)
            try await ModelDemo.loadBloc(services: app.services, scope: national, city: city)
            try await ModelDemo.loadBloc(services: app.services, scope: national, city: city)
            let store = ModelStore(database: app.database)
            let bloc = try await store.figures(national, unitID: city.id, year: 2017)
            #expect(bloc.total == 110 && bloc.byKind == ["collective": 74, "individual": 36] && bloc.byStatus == ["new": 110])
            #expect(bloc.byMethod == ["team": 44, "self": 66] && bloc.visited == 27 && bloc.byLevel == ["province": 13])
            let coverage = try await store.coverage(national, unitID: city.id, year: 2017).filter { $0.kind == "grassroots_party_organisation" }
            #expect(coverage.count == 65 && coverage.filter { $0.models > 0 }.count == 42)
            try await Self.checkTeams(app, store: store, scope: national, city: city.id, coverage: coverage)
            // The Legal Aid Centre's model: 811 people, maintained in 2018.
            let aid = try await store.list(national, filter: ModelFilter(unitID: city.id, year: 2018))
            #expect(aid.total == 1)
            let detail = try await store.detail(national, id: aid.rows[0].id)
            #expect(detail.results.first?.value == 811 && detail.years.map(\.status) == ["new", "maintained"])
            // The seed's "for the count" models are flagged, with their reasons.
            let flags = try await store.flags(national, unitID: city.id, year: 2017, today: CivilDate(iso: "2018-01-15")!)
            #expect(flags.values.filter { $0.contains { $0.flag == .noMeasurableGoal } }.count == 5)
            #expect(flags.values.filter { $0.contains { $0.flag == .nearDuplicate } }.isEmpty)

            let province = try await app.unit("52", legacy: true)
            try await ModelDemo.loadProvinceYear(services: app.services, scope: national, province: province)
            try await ModelDemo.loadProvinceYear(services: app.services, scope: national, province: province)
            let year = try await store.figures(national, unitID: province.id, year: 2020)
            #expect(year.total == 1_635 && year.byStatus == ["maintained": 524, "new": 1_111])
            #expect(try await store.figures(national, unitID: province.id, year: 2019).total == 524)
            // The 2025 province it went into reads the same year through its history.
            let successor = try await app.unit("23986", legacy: false).parentID!
            #expect(try await store.figures(national, unitID: successor, year: 2020) == year)
        }
    }
}
