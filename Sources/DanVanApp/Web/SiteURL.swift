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
    case calendar
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
        case .calendar: "/calendar"
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
        static let calendar: RouterPath = "/calendar"
        static let stylesheet: RouterPath = "/static/app.css"
        static let script: RouterPath = "/static/app.js"
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
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
