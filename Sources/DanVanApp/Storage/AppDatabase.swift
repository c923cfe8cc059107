import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// The opened database: FluentKit for records, SQLKit for what Fluent cannot say.
///
/// One code path serves SQLite and PostgreSQL; the only differences live here
/// and in the migrations that add triggers.
public final class AppDatabase: Sendable {
    public let target: DatabaseTarget
    let databases: Databases
    let logger: Logger
    let databaseID: DatabaseID
    /// SQLite is used through one connection (on one event loop): writes are
    /// serial in SQLite anyway, and one connection never meets "database is locked".
    let fixedEventLoop: (any EventLoop)?
    /// Catalogues read on every page, kept between requests.
    let caches = DatabaseCaches()

    /// Opens the database and checks that it answers; a database that cannot be
    /// opened or reached throws ``DatabaseOpenError`` with a clear message.
    /// Connections an event loop may open on PostgreSQL: for most queries, and for the reads
    /// planned once (``plannedOnce``). A server: 4 and 2 (measured under `danvan bench pages`: 3
    /// and 1 held the unit page to 886 requests/s, 4 and 2 gave 1.202 in the same minutes). 0 for
    /// the second: no pool of its own, the reads planned once go through the first (the test suite,
    /// which opens hundreds of databases at once on one server, and ran out of connections with two pools).
    public struct Pools: Sendable {
        public var main = 4
        public var plannedOnce = 2
        public init(main: Int = 4, plannedOnce: Int = 2) { self.main = main; self.plannedOnce = plannedOnce }
    }

    public static func open(_ target: DatabaseTarget, searchPath: [String]? = nil, pools: Pools = Pools(), logger: Logger) async throws -> AppDatabase {
        let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        let id: DatabaseID
        switch target {
        case .sqlite(let path):
            let folder = (path as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
            } catch {
                throw DatabaseOpenError(target: target, reason: "không tạo được thư mục dữ liệu \(folder): \(error.localizedDescription)")
            }
            id = .sqlite
            // One connection: a burst of writers queues for it; 30 s as for PostgreSQL (10 s, the default,
            // timed out for 20 writers while the whole test suite ran on 2 loaded cores).
            databases.use(.sqlite(.init(storage: .file(path: path), enableForeignKeys: true), connectionPoolTimeout: .seconds(30), sqlLogLevel: .trace), as: id)
        case .postgres(let url):
            var configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw DatabaseOpenError(target: target, reason: "địa chỉ cơ sở dữ liệu không đúng dạng postgres://người-dùng:mật-khẩu@máy:cổng/tên")
            }
            configuration.searchPath = searchPath
            id = .psql
            // A request waits up to 30 s for a connection: under a burst (or the test suite's hundreds of
            // databases at once on 2 cores) a short wait beats an error; 10 s timed out in CI.
            databases.use(
                .postgres(configuration: configuration, maxConnectionsPerEventLoop: pools.main, connectionPoolTimeout: .seconds(30), sqlLogLevel: .trace),
                as: id)
            // The pool of `plannedOnce`: the same server, each session planning a prepared statement once.
            if pools.plannedOnce > 0 {
                var once = configuration
                once.coreConfiguration.options.additionalStartupParameters.append(("plan_cache_mode", "force_generic_plan"))
                databases.use(
                    .postgres(configuration: once, maxConnectionsPerEventLoop: pools.plannedOnce, connectionPoolTimeout: .seconds(30), sqlLogLevel: .trace),
                    as: .psqlPlannedOnce)
            }
        }
        let database = AppDatabase(target: target, databases: databases, id: id, logger: logger,
                                   fixedEventLoop: id == .sqlite ? databases.eventLoopGroup.next() : nil)
        do {
            try await database.prepareConnection()
        } catch {
            await database.close()
            throw DatabaseOpenError(target: target, reason: String(reflecting: error))
        }
        return database
    }

    /// Opens a database for the length of `body` and closes it, whatever `body` does.
    public static func using<T>(_ target: DatabaseTarget, logger: Logger = Logger(label: "danvan"),
                                _ body: (AppDatabase) async throws -> T) async throws -> T {
        let database = try await open(target, logger: logger)
        do {
            let value = try await body(database)
            await database.close()
            return value
        } catch {
            await database.close()
            throw error
        }
    }

    private init(target: DatabaseTarget, databases: Databases, id: DatabaseID, logger: Logger, fixedEventLoop: (any EventLoop)?) {
        self.target = target
        self.databases = databases
        self.databaseID = id
        self.logger = logger
        self.fixedEventLoop = fixedEventLoop
    }

    /// A Fluent handle. Stores use it; handlers never see it.
    var db: any Database {
        databases.database(databaseID, logger: logger, on: fixedEventLoop ?? databases.eventLoopGroup.any())!
    }

    /// The same connection pool through SQLKit.
    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// For reads that are cheap whatever their values (a unit and the units around it, an
    /// organisation's list): on PostgreSQL, connections of their own whose sessions plan a
    /// prepared statement once and keep the plan (`plan_cache_mode = force_generic_plan`), where
    /// ``sql`` plans it again for the values of each call. Planning at each call was half of the
    /// database's work on the unit page; lists over a subtree need the plan of their values (a
    /// million letters: the national list 1,3 s planned for its values, 4,0 s with one plan for
    /// all). A pool of its own, so no other query ever runs with the setting. SQLite: ``sql``.
    var plannedOnce: any SQLDatabase {
        guard isPostgres, databases.configuration(for: .psqlPlannedOnce) != nil else { return sql }
        return databases.database(.psqlPlannedOnce, logger: logger, on: databases.eventLoopGroup.any())! as! any SQLDatabase
    }

    var isPostgres: Bool {
        if case .postgres = target { return true }
        return false
    }

    /// Checks the database answers and sets file-level options (WAL persists in the file).
    private func prepareConnection() async throws {
        if case .sqlite = target {
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            // Another process (the danvan command while the server runs) may hold the file briefly.
            try await sql.raw("PRAGMA busy_timeout=5000").run()
        } else {
            try await sql.raw("SELECT 1").run()
        }
    }

    /// Brings the schema up to date, one migration at a time, each in its own transaction
    /// together with its record in Fluent's log (`_fluent_migrations`): a process killed at
    /// any instant leaves the schema at the last complete migration, and the next run
    /// finishes the job. Both databases roll DDL back with the transaction; no migration
    /// here uses a statement that cannot run in one (`VACUUM`, `CREATE INDEX CONCURRENTLY`).
    public func migrate() async throws {
        try await migrate(through: DanVanMigrations.all.count)
    }

    /// Applies the first `count` migrations of the list only: a database as an earlier
    /// release left it, for the upgrade tests.
    func migrate(through count: Int) async throws {
        let migrations = Migrations()
        migrations.add(DanVanMigrations.all, to: databaseID)
        let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: fixedEventLoop ?? databases.eventLoopGroup.any())
        try await migrator.setupIfNeeded().get()   // the log table: one CREATE TABLE IF NOT EXISTS
        let db = self.db
        let applied = Set(try await MigrationLog.query(on: db).all(\.$name))
        let batch = (try await MigrationLog.query(on: db).max(\.$batch) ?? 0) + 1
        for migration in DanVanMigrations.all.prefix(count) where !applied.contains(migration.name) {
            try await db.transaction { tx in
                try await migration.prepare(on: tx).get()
                try await MigrationLog(name: migration.name, batch: batch).create(on: tx)
            }
            logger.debug("migrated", metadata: ["migration": "\(migration.name)"])
        }
        caches.clear()
    }

    /// Answers whether the database can be queried right now (for `/healthz`).
    public func isHealthy() async -> Bool {
        do {
            try await sql.raw("SELECT 1").run()
            return true
        } catch {
            return false
        }
    }

    public func close() async {
        await databases.shutdownAsync()
    }
}

/// A database that could not be opened or reached.
public struct DatabaseOpenError: Error, CustomStringConvertible {
    public var target: DatabaseTarget
    public var reason: String
    public var description: String { "Không mở được cơ sở dữ liệu (\(target)): \(reason)" }
}

extension DatabaseID {
    /// PostgreSQL connections whose sessions plan prepared statements once (``AppDatabase/plannedOnce``).
    static let psqlPlannedOnce = DatabaseID(string: "psql-planned-once")
}
