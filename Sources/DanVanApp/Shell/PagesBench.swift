import FluentKit
import Foundation
import Logging

/// `danvan bench pages`: the pages an official opens all day (home, the letters list, a
/// case, the unit page, the statistics of a district-year), each under 16 concurrent
/// clients for a fixed time, beside a static file of the same server (the baseline of what
/// the server itself costs). Prints requests/s, p50 and p99 for each. The hardening issue's
/// target on 2 cores: the letters list and the unit page at ≥ 1.000 requests/s, p99 < 50 ms.
enum PagesBench {
    static func run(configuration: AppConfiguration, seconds: Int, connections: Int, only: Int = 0, print emit: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "danvan.bench")
        logger.logLevel = .warning
        try await AppDatabase.using(configuration.databaseTarget, logger: logger) { database in
            emit("database: \(database.target)")
            try await database.migrate()
            _ = try await UnitImporter.load(try AdministrativeUnitFiles.shipped(), into: database)
            let services = try await AppServices(configuration: configuration, database: database)
            if try await User.query(on: database.db).filter(\.$username == "demo.chutich").count() == 0 {
                _ = try await DemoLoader.load(into: services)
            }
            let scope = try await services.accounts.commandLineScope()
            guard let district = try await services.units.units(scope, code: "639").first(where: { $0.validTo != nil }),
                  let committee = try await services.organisations.organisations(scope, unitID: district.id).first(where: { $0.kind == "peoples_committee" })
            else { throw CommandProblem(description: "Thiếu dữ liệu minh họa của huyện Chư Pưh.") }
            // A district leader who also receives letters: the pages as the demo's chair sees them.
            let session = try await PageLoad.session(services, username: "bench.huyen", organisationID: committee.id, roles: [.leader, .receptionOfficer])
            guard let letter = try await services.letters.letters(scope, query: LetterQuery(unitID: district.id, limit: 1)).first else {
                throw CommandProblem(description: "Chưa có đơn nào của huyện Chư Pưh.")
            }
            let pages: [(name: String, path: String, session: String?)] = [
                ("static file (baseline)", SiteURL.stylesheet.path, nil),
                ("home", SiteURL.home.path, session),
                ("letters list", SiteURL.letterList("all").path, session),
                ("a case", SiteURL.letter(letter.id).path, session),
                ("unit page (Huyện Chư Pưh)", SiteURL.unit(district.id).path, session),
                ("statistics of a district-year", SiteURL.statisticsOf(unit: district.id, period: "2022").path, session),
            ]
            try await PageLoad.serving(services, logger: logger) { load in
                var baseline: Double?
                for (number, page) in pages.enumerated() where only == 0 || number == 0 || number == only {
                    let result = try await load.run(page.path, session: page.session, connections: connections, seconds: seconds)
                    baseline = baseline ?? result.perSecond
                    let ratio = baseline.map { String(format: " (%.2f × the static file)", result.perSecond / $0) } ?? ""
                    emit("\(page.name), \(connections) connections, \(seconds) s: \(result.summary)\(ratio)")
                }
            }
        }
    }
}
