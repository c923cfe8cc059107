import Foundation
import Hummingbird

/// Every page address, in one place: routes are registered from these
/// patterns and links are built from these cases, so a link cannot point nowhere.
enum SiteURL: Sendable {
    case home
    case login(next: String?)
    case logout
    case password
    case apiTokens
    case language
    case units(query: String?)
    case unit(UUID, date: String? = nil)
    case unitVillages(UUID)
    case unitOrganisations(UUID)
    case unitStandardOrganisations(UUID)
    case organisation(UUID)
    case organisationMerge(UUID)
    case organisationUsers(UUID)
    case users
    case user(UUID)
    case userPassword(UUID)
    case audit
    case letters
    case letterNew(visit: UUID?)
    case letter(UUID)
    case letterActions(UUID)
    case letterAttachment(UUID, UUID)
    case reception
    case statistics
    /// The statistics of a unit over a period (and the links behind each figure).
    case statisticsOf(unit: UUID, period: String)
    case statisticsWorkbook(unit: UUID, period: String)
    case figureLettersWorkbook(figure: String, unit: UUID, period: String)
    case figureLetters(figure: String, unit: UUID, period: String)
    case figureVisits(figure: String, unit: UUID, period: String)
    /// A Thanh tra form filled for a unit over a period, and its workbook.
    case statisticsForm(code: String, unit: UUID, period: String)
    case statisticsFormWorkbook(code: String, unit: UUID, period: String)
    /// Every form and its definition.
    case statisticsForms
    case letterCase(UUID)
    case calendar
    case publicSend
    case publicTrack(code: String?)
    // Reception and calendar pages.
    case receptionSession(UUID)
    case receptionSessionVisits(UUID)
    case receptionSchedules
    case receptionDuty(unit: UUID?, period: String?)
    case calendarYear(Int)
    case calendarOverrides
    case calendarOverridesDelete
    case calendarTet
    case calendarRules
    case stylesheet
    case script

    var path: String {
        switch self {
        case .home: "/"
        case .login(let next): next.map { "/login?next=" + Self.encode($0) } ?? "/login"
        case .logout: "/logout"
        case .password: "/account/password"
        case .apiTokens: "/account/tokens"
        case .language: "/language"
        case .units(let query): query.map { "/units?q=" + Self.encode($0) } ?? "/units"
        case .unit(let id, let date): "/units/\(id.uuidString.lowercased())" + (date.map { "?date=" + $0 } ?? "")
        case .unitVillages(let id): "/units/\(id.uuidString.lowercased())/villages"
        case .unitOrganisations(let id): "/units/\(id.uuidString.lowercased())/organisations"
        case .unitStandardOrganisations(let id): "/units/\(id.uuidString.lowercased())/standard-organisations"
        case .organisation(let id): "/organisations/\(id.uuidString.lowercased())"
        case .organisationMerge(let id): "/organisations/\(id.uuidString.lowercased())/merge"
        case .organisationUsers(let id): "/organisations/\(id.uuidString.lowercased())/users"
        case .users: "/users"
        case .user(let id): "/users/\(id.uuidString.lowercased())"
        case .userPassword(let id): "/users/\(id.uuidString.lowercased())/password"
        case .audit: "/audit"
        case .letters: "/letters"
        case .letterNew(let visit): "/letters/new" + (visit.map { "?visit=" + $0.uuidString.lowercased() } ?? "")
        case .letter(let id): "/letters/\(id.uuidString.lowercased())"
        case .letterActions(let id): "/letters/\(id.uuidString.lowercased())/actions"
        case .letterAttachment(let id, let attachment): "/letters/\(id.uuidString.lowercased())/attachments/\(attachment.uuidString.lowercased())"
        case .reception: "/reception"
        case .statistics: "/statistics"
        case .statisticsOf(let unit, let period): "/statistics?unit=\(unit.uuidString.lowercased())&period=" + Self.key(period)
        case .statisticsWorkbook(let unit, let period): "/statistics.xlsx?unit=\(unit.uuidString.lowercased())&period=" + Self.key(period)
        case .figureLettersWorkbook(let figure, let unit, let period):
            "/statistics/letters.xlsx?" + Self.figureQuery(figure, unit, period)
        case .figureLetters(let figure, let unit, let period): "/letters?" + Self.figureQuery(figure, unit, period)
        case .figureVisits(let figure, let unit, let period): "/reception/visits?" + Self.figureQuery(figure, unit, period)
        case .statisticsForm(let code, let unit, let period): "/statistics/form?code=" + Self.encode(code) + "&" + Self.unitPeriod(unit, period)
        case .statisticsFormWorkbook(let code, let unit, let period): "/statistics/form.xlsx?code=" + Self.encode(code) + "&" + Self.unitPeriod(unit, period)
        case .statisticsForms: "/statistics/forms"
        case .letterCase(let id): "/letters/\(id.uuidString.lowercased())"
        case .calendar: "/calendar"
        case .publicSend: "/public/send"
        case .publicTrack(let code): code.map { "/public/track?code=" + Self.encode($0) } ?? "/public/track"
        case .receptionSession(let id): "/reception/sessions/\(id.uuidString.lowercased())"
        case .receptionSessionVisits(let id): "/reception/sessions/\(id.uuidString.lowercased())/visits"
        case .receptionSchedules: "/reception/schedules"
        case .receptionDuty(let unit, let period):
            "/reception/duty" + Self.query([("unit", unit?.uuidString.lowercased()), ("period", period)])
        case .calendarYear(let year): "/calendar?year=\(year)"
        case .calendarOverrides: "/calendar/overrides"
        case .calendarOverridesDelete: "/calendar/overrides/delete"
        case .calendarTet: "/calendar/tet"
        case .calendarRules: "/calendar/rules"
        case .stylesheet: "/static/app.css"
        case .script: "/static/app.js"
        }
    }

    /// Route patterns, as the router reads them.
    enum Pattern {
        static let home: RouterPath = "/"
        static let login: RouterPath = "/login"
        static let logout: RouterPath = "/logout"
        static let password: RouterPath = "/account/password"
        static let apiTokens: RouterPath = "/account/tokens"
        static let language: RouterPath = "/language"
        static let units: RouterPath = "/units"
        static let unit: RouterPath = "/units/:id"
        static let unitVillages: RouterPath = "/units/:id/villages"
        static let unitOrganisations: RouterPath = "/units/:id/organisations"
        static let unitStandardOrganisations: RouterPath = "/units/:id/standard-organisations"
        static let organisation: RouterPath = "/organisations/:id"
        static let organisationMerge: RouterPath = "/organisations/:id/merge"
        static let organisationUsers: RouterPath = "/organisations/:id/users"
        static let users: RouterPath = "/users"
        static let user: RouterPath = "/users/:id"
        static let userPassword: RouterPath = "/users/:id/password"
        static let audit: RouterPath = "/audit"
        static let letters: RouterPath = "/letters"
        static let letterNew: RouterPath = "/letters/new"
        static let letter: RouterPath = "/letters/:id"
        static let letterActions: RouterPath = "/letters/:id/actions"
        static let letterAttachment: RouterPath = "/letters/:id/attachments/:aid"
        static let reception: RouterPath = "/reception"
        static let statistics: RouterPath = "/statistics"
        static let statisticsWorkbook: RouterPath = "/statistics.xlsx"
        static let figureLettersWorkbook: RouterPath = "/statistics/letters.xlsx"
        static let figureVisits: RouterPath = "/reception/visits"
        static let statisticsForm: RouterPath = "/statistics/form"
        static let statisticsFormWorkbook: RouterPath = "/statistics/form.xlsx"
        static let statisticsForms: RouterPath = "/statistics/forms"
        static let calendar: RouterPath = "/calendar"
        static let publicSend: RouterPath = "/public/send"
        static let publicTrack: RouterPath = "/public/track"
        static let receptionSession: RouterPath = "/reception/sessions/:id"
        static let receptionSessionVisits: RouterPath = "/reception/sessions/:id/visits"
        static let receptionSchedules: RouterPath = "/reception/schedules"
        static let receptionDuty: RouterPath = "/reception/duty"
        static let calendarOverrides: RouterPath = "/calendar/overrides"
        static let calendarOverridesDelete: RouterPath = "/calendar/overrides/delete"
        static let calendarTet: RouterPath = "/calendar/tet"
        static let calendarRules: RouterPath = "/calendar/rules"
        static let stylesheet: RouterPath = "/static/app.css"
        static let script: RouterPath = "/static/app.js"
    }

    /// "?a=1&b=2" of the pairs that have a value, or "".
    private static func query(_ pairs: [(String, String?)]) -> String {
        let parts = pairs.compactMap { key, value in value.map { "\(key)=" + encode($0) } }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// Figure keys and period keys ("to_resolve", "2025-q1") stay readable.
    private static func key(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_"))) ?? ""
    }

    private static func figureQuery(_ figure: String, _ unit: UUID, _ period: String) -> String {
        "figure=" + key(figure) + "&" + unitPeriod(unit, period)
    }

    private static func unitPeriod(_ unit: UUID, _ period: String) -> String {
        "unit=\(unit.uuidString.lowercased())&period=" + key(period)
    }

    /// Only local paths are followed after login, never another site.
    static func isSafeRedirect(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.contains("\\")
    }
}

extension UUID {
    /// Parses an id from a path; a malformed id is answered as not found.
    static func parse(_ text: String?) throws(AppError) -> UUID {
        guard let text, let id = UUID(uuidString: text) else { throw AppError.badID }
        return id
    }
}
