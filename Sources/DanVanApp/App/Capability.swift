import DanVanDomain
import Hummingbird

/// A capability of DanVan (letters, reception, statistics …): what it adds to the
/// application. Each one is a folder with a type conforming to this protocol, and is
/// listed once in ``Capabilities/all``; the shell reads routes, navigation and demo
/// records from that list and from nowhere else. Its migrations are named, in order,
/// in ``DanVanMigrations/all``.
protocol Capability: Sendable {
    /// Registers its pages and API routes (from patterns of ``SiteURL``).
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices)
    /// Its entries in the navigation, in order, with the role that sees each.
    static var navigation: [NavigationEntry] { get }
    /// Adds its records to `danvan demo load`, after the places and the demo accounts exist.
    static func loadDemo(_ demo: DemoContext) async throws
    /// Its API response types, by the schema name the OpenAPI document gives them.
    static var apiSchemas: [(name: String, type: any Decodable.Type)] { get }
    /// Its `danvan bench` commands.
    static var benches: [BenchCommand] { get }
    /// What `danvan check` finds wrong in its records, one Vietnamese line each.
    static func check(_ database: AppDatabase) async throws -> [String]
    /// What waits for the signed-in person in this capability (the home page lists it).
    static func waiting(_ context: WaitingContext) async throws -> [WaitingItem]
    /// The key figures of the signed-in person's organisation, with their trend (the home page shows them).
    static func keyFigures(_ context: WaitingContext) async throws -> [KeyFigure]
}

extension Capability {
    static var navigation: [NavigationEntry] { [] }
    static func loadDemo(_ demo: DemoContext) async throws {}
    static var apiSchemas: [(name: String, type: any Decodable.Type)] { [] }
    static var benches: [BenchCommand] { [] }
    static func check(_ database: AppDatabase) async throws -> [String] { [] }
    static func waiting(_ context: WaitingContext) async throws -> [WaitingItem] { [] }
    static func keyFigures(_ context: WaitingContext) async throws -> [KeyFigure] { [] }
}

/// Who asks what waits, and when.
struct WaitingContext: Sendable {
    let services: AppServices
    let identity: Identity
    let scope: Scope
    let today: CivilDate
    /// The language of the page that asks.
    var language: Language = .vi
}

/// One line of "what waits for you": how many, and the list that shows them.
struct WaitingItem: Sendable {
    /// The catalogue key of its label.
    var labelKey: String
    var count: Int
    var href: String
    /// Past a legal deadline: shown first and marked.
    var overdue = false
}

/// A key figure of the home page: what it is, its value this period, its trend, and what it counts.
struct KeyFigure: Sendable, Encodable {
    var label: String
    var value: String
    /// "Tháng 11/2026".
    var period: String
    /// "tăng 12,5% so với kỳ trước"; nil without an earlier figure.
    var trend: String?
    var href: String
}

/// One entry of the navigation as a capability declares it.
struct NavigationEntry: Sendable {
    /// The catalogue key of its label.
    var labelKey: String
    var url: SiteURL
    /// Pages whose template name starts with this are "in" the entry.
    var section: String
    /// Only users with this role see it; nil for everyone signed in.
    var role: Role? = nil
}

/// The capabilities, in the order of the navigation. A new module adds one line here.
enum Capabilities {
    static let all: [any Capability.Type] = [
        ShellCapability.self,
        HierarchyCapability.self,
        OrganisationCapability.self,
        LetterCapability.self,
        ReceptionCapability.self,
        StatisticsCapability.self,
        SurveyCapability.self,
        ModelCapability.self,
        FollowUpCapability.self,
        ReportingCapability.self,
        CalendarCapability.self,
        AccountCapability.self,
        AuditCapability.self,
    ]

    static var navigation: [NavigationEntry] { all.flatMap { $0.navigation } }
    static var apiSchemas: [(name: String, type: any Decodable.Type)] { all.flatMap { $0.apiSchemas } }
}

/// What a capability's demo records are made with.
struct DemoContext: Sendable {
    let services: AppServices
    /// The national scope of the command line.
    let scope: Scope
}
