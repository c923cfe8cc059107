import DanVanDomain
import Foundation
import SQLKit

/// The surveys of `danvan demo load`:
/// - Dầu Tiếng (seed 000): in the first nine months of 2018 its communes and town took 1.659
///   forms, 91,98% very satisfied, 7,9% satisfied, 0,12% not satisfied; only 1.526 / 131 / 2
///   give those rates. They are loaded as paper forms, spread over the communes and the months.
/// - Chư Pưh (seed 002, footnote 8): the district's one-stop counter has 5 tablets for rating
///   satisfaction, loaded as 5 kiosks (their links are not shown: an administrator revokes one
///   and registers it again to get a link).
enum SurveyDemo {
    static let dauTiengCounts = [1_526, 131, 2]

    static func load(_ demo: DemoContext) async throws {
        let services = demo.services
        if let dauTieng = try await services.units.units(demo.scope, code: "720").first(where: { $0.validTo != nil }) {
            try await loadForms(services: services, scope: demo.scope, district: dauTieng, counts: dauTiengCounts, year: 2018, months: 9)
        }
        if let chuPuh = try await services.units.units(demo.scope, code: "639").first(where: { $0.validTo != nil }) {
            try await loadKiosks(services: services, scope: demo.scope, district: chuPuh, count: 5)
        }
    }

    /// Paper forms (very satisfied, satisfied, not satisfied) of a district's communes over the
    /// first `months` months of a year, answering a survey of the district that ran those months.
    /// Loaded once: a district that has the survey already is left as it is.
    static func loadForms(services: AppServices, scope: Scope, district: UnitSummary, counts: [Int], year: Int, months: Int) async throws {
        let sql = services.database.sql
        let from = CivilDate(year: year, month: 1, day: 1)!, to = CivilDate(year: year, month: months + 1, day: 1)!.adding(days: -1)
        struct Found: Decodable { var id: UUID }
        guard try await sql.raw("""
            SELECT sv.id FROM surveys sv WHERE sv.\(\SurveyRecord.unitID) = \(bind: district.id) AND sv.\(\SurveyRecord.validFrom) = \(bind: from.iso)
            """).row(Found.self) == nil else { return }
        let communes = try await services.units.children(scope, of: district.id, on: to).sortedVietnamese()
        var committees: [(unit: UUID, organisation: UUID)] = []
        for commune in communes {
            guard let committee = try await services.organisations.organisations(scope, unitID: commune.id).first(where: { $0.kind == "peoples_committee" })
            else { continue }
            committees.append((commune.id, committee.id))
        }
        guard !committees.isEmpty else { return }
        // The district's People's Committee ran it (the communes took the forms).
        let districtCommittee = try await services.organisations.organisations(scope, unitID: district.id).first { $0.kind == "peoples_committee" }
        var survey = SurveyStore.defaultSurvey(unitID: district.id, organisationID: districtCommittee?.id, from: from, createdBy: scope.username, now: Date())
        survey.validTo = to.iso
        let days = to.dayNumber - from.dayNumber + 1
        var answers: [SurveyAnswerRecord] = []
        var index = 0
        for (choice, count) in zip(SurveyRecord.defaultChoices.map(\.key), counts) {
            for _ in 0..<count {
                // Spread evenly: the n-th form on the n-th share of the period, at the n-th commune.
                let day = from.adding(days: index * days / counts.reduce(0, +))
                let place = committees[index % committees.count]
                let at = Date(timeIntervalSince1970: TimeInterval(day.dayNumber) * 86_400 + 2 * 3600)   // 09:00 in Vietnam
                answers.append(SurveyAnswerRecord(
                    id: UUID(), surveyID: survey.id, kioskID: nil, clientID: "demo-\(index)", unitID: place.unit, organisationID: place.organisation,
                    channel: SurveyChannel.paper.rawValue, choice: choice, reason: nil, field: nil, answeredAt: at, answeredOn: day.iso, createdAt: Date()))
                index += 1
            }
        }
        let forms = answers, running = survey
        try await services.database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.insert(into: "surveys").values(of: running).run()
            try await SurveyStore.store(forms, on: sql)
        }
    }

    /// `count` kiosks at the one-stop counter of a district's People's Committee (once: a district with kiosks is left as it is).
    static func loadKiosks(services: AppServices, scope: Scope, district: UnitSummary, count: Int) async throws {
        let store = SurveyStore(database: services.database)
        guard let committee = try await services.organisations.organisations(scope, unitID: district.id).first(where: { $0.kind == "peoples_committee" }),
              try await store.kiosks(scope).contains(where: { $0.unitID == district.id }) == false
        else { return }
        for number in 1...count {
            _ = try await store.registerKiosk(scope, input: KioskInput(organisationID: committee.id, name: "Máy tính bảng \(number), Bộ phận một cửa", field: ""))
        }
    }
}
