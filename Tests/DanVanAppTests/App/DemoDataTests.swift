import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

@Suite("Demo: the 2022 records of Chư Pưh reproduce the district's report")
struct DemoDataTests {
    @Test func chuPuh2022FiguresMatchTheReport() async throws {
        try await TestApp.run { app in
            // No time limit here: speed belongs to `danvan bench`, and this machine's load varies.
            _ = try await DemoLoader.load(into: app.services)

            let scope = try await app.nationalScope()
            let district = try await app.unit("639", legacy: true)
            let period = ReportPeriod.year(2022)!
            let statistics = app.services.statistics
            var stats = try await statistics.statistics(scope, unitID: district.id, period: period)
            try await Self.expectReport(stats)

            // Reception: district bodies 118 lượt / 130 người, the communes and the town 66 / 77.
            let communes = try await app.services.units.children(scope, of: district.id, on: CivilDate(iso: "2022-06-30")!)
            #expect(communes.count == 9)
            var communeVisits = 0, communePeople = 0
            for commune in communes {
                let figures = try await statistics.statistics(scope, unitID: commune.id, period: period).visits[.visits]!
                communeVisits += figures.visits
                communePeople += figures.people
            }
            #expect(communeVisits == 66)
            #expect(communePeople == 77)
            let visits = try await app.services.reception.visits(scope, unitID: district.id, period: period, figures: [.visits])
            #expect(visits.count == 184)
            #expect(visits.reduce(0) { $0 + $1.people } == 207)
            let atDistrict = visits.filter { $0.unitName == district.name }
            #expect(atDistrict.count == 118)
            #expect(atDistrict.reduce(0) { $0 + $1.people } == 130)

            // Beside the report: two letters of June 2025 still to sort, which may be forwarded to the
            // district's offices of the day they came (the district has since ended).
            let toSort = try await app.services.letters.letters(scope, query: LetterQuery(unitID: district.id, statuses: [.received]))
            #expect(Set(toSort.map(\.receivedOn)) == ["2025-06-16", "2025-06-17"])
            let targets = try await app.services.letters.forwardTargets(scope, letterID: try #require(toSort.first).id)
            #expect(targets.contains { $0.name == "Phòng Kinh tế và Hạ tầng huyện Chư Pưh" })
            #expect(!targets.contains { $0.name == "Ủy ban nhân dân huyện Chư Pưh" }, "not the committee handling it")
            // The district has ended: its offices are offered with their last day, and a forwarding is dated within it.
            let office = try #require(targets.first { $0.name == "Phòng Kinh tế và Hạ tầng huyện Chư Pưh" })
            #expect(office.endedOn == CivilDate(iso: "2025-06-30"))
            let officer = try await app.officer("tiepdan.demo", roles: [.receptionOfficer], in: district)
            let letter = try #require(toSort.first).id
            await #expect(throws: ValidationError.self) {
                try await app.services.letters.act(officer, id: letter, input: LetterActionInput(action: .forward, onDate: "2026-11-30",
                                                                                                  targetOrganisationID: office.id),
                                                   today: CivilDate(iso: "2026-11-30")!)
            }
            try await app.services.letters.act(officer, id: letter, input: LetterActionInput(action: .forward, onDate: "2025-06-20",
                                                                                              targetOrganisationID: office.id),
                                               today: CivilDate(iso: "2026-11-30")!)
            #expect(try await app.services.letters.letter(scope, id: letter).status == LetterStatus.forwarded.rawValue)

            // A second load adds nothing.
            _ = try await DemoLoader.load(into: app.services)
            stats = try await statistics.statistics(scope, unitID: district.id, period: period)
            try await Self.expectReport(stats)
        }
    }

    /// Footnotes 9 and 10 of the report (seed 002).
    static func expectReport(_ stats: LetterStatistics) async throws {
        #expect(stats.visits[.visits]?.visits == 184)
        #expect(stats.visits[.visits]?.people == 207)
        #expect(stats.count(.received) == 124)
        #expect(stats.count(.toResolve) == 124)
        #expect(stats.count(.resolved) == 106)
        #expect(stats.count(.inProgress) == 14)
        #expect(stats.count(.withdrawn) == 4)
        #expect(VietnameseFormat.percent(numerator: stats.count(.resolved), denominator: stats.count(.toResolve)) == "85,48%")
    }
}
