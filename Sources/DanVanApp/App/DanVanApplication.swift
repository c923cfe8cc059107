import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Everything a running DanVan holds: the database, the stores, the pages.
public struct AppServices: Sendable {
    public let configuration: AppConfiguration
    public let database: AppDatabase
    let catalogue: StringCatalogue
    let renderer: PageRenderer
    /// Failed logins, public letters and tracking look-ups, counted in the database.
    let throttle: Throttle
    let units: UnitStore
    let organisations: OrganisationStore
    let accounts: AccountStore
    let audit: AuditStore
    let calendars: CalendarStore
    let letters: LetterStore
    let reception: ReceptionStore
    let statistics: StatisticsStore
    let forms: StatisticsFormStore
    /// The scheduled backups, when `DANVAN_BACKUP_DIR` names a folder.
    public let backups: BackupSchedule?

    public init(configuration: AppConfiguration, database: AppDatabase) async throws {
        self.configuration = configuration
        self.database = database
        self.catalogue = try StringCatalogue.shipped()
        self.renderer = try await PageRenderer.shipped(catalogue: catalogue)
        self.throttle = Throttle(database: database)
        self.units = UnitStore(database: database)
        self.organisations = OrganisationStore(database: database)
        self.accounts = AccountStore(database: database, bcryptCost: configuration.bcryptCost, sessionHours: configuration.sessionHours)
        self.audit = AuditStore(database: database)
        self.calendars = CalendarStore(database: database)
        self.letters = LetterStore(database: database)
        self.reception = ReceptionStore(database: database)
        self.statistics = StatisticsStore(database: database)
        self.forms = StatisticsFormStore(database: database)
        self.backups = configuration.backupDirectory.map {
            BackupSchedule(database: database, folder: $0, keep: configuration.backupKeep, interval: .seconds(configuration.backupHours * 3600),
                           logger: database.logger)
        }
    }
}

/// Builds the router: the same one the server runs and the tests drive.
public func buildRouter(_ services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: CompressionMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware(renderer: services.renderer))
    let methods = AllowedMethodsMiddleware()
    router.add(middleware: methods)
    router.add(middleware: SessionMiddleware(accounts: services.accounts, secureCookies: services.configuration.secureCookies))
    router.add(middleware: CSRFMiddleware())
    for capability in Capabilities.all { capability.addRoutes(to: router, services: services) }
    methods.learn(router)
    return router
}

/// Opens and migrates the database, loads the units and creates the first
/// administrator when there is none. Returns the services and, on first start,
/// the administrator's one-time password.
public func prepareServices(configuration: AppConfiguration, logger: Logger) async throws -> (AppServices, firstPassword: String?) {
    let database = try await AppDatabase.open(configuration.databaseTarget, logger: logger)
    do {
        try await database.migrate()
        let summary = try await UnitImporter.load(try AdministrativeUnitFiles.shipped(), into: database)
        if !summary.alreadyLoaded {
            logger.info("administrative units loaded", metadata: [
                "legacy": "\(summary.legacyProvinces)/\(summary.legacyDistricts)/\(summary.legacyCommunes)",
                "current": "\(summary.provinces)/\(summary.communes)", "links": "\(summary.links)",
            ])
        }
        let services = try await AppServices(configuration: configuration, database: database)
        let password = try await services.accounts.createFirstAdministrator()
        return (services, password)
    } catch {
        await database.close()
        throw error
    }
}

/// The HTTP application, with the database closed last on shutdown.
public func buildApplication(_ services: AppServices, logger: Logger) -> some ApplicationProtocol {
    var app = Application(
        router: buildRouter(services),
        configuration: .init(address: .hostname(services.configuration.host, port: services.configuration.port), serverName: "DanVan"),
        logger: logger)
    if let backups = services.backups { app.addServices(BackupService(schedule: backups)) }
    app.addServices(DatabaseService(database: services.database))
    return app
}

/// Keeps the database open while the server runs and closes it after the server stops.
struct DatabaseService: Service {
    let database: AppDatabase

    func run() async throws {
        try? await gracefulShutdown()
        await database.close()
    }
}
