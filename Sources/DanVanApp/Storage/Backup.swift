import Crypto
import Foundation
import Logging
import SQLKit
import ZIPFoundation

/// `danvan backup` and `danvan restore`: a consistent copy taken while the server runs, in
/// one file (a ZIP archive) with a manifest of row counts and the copy's checksum.
///
/// - SQLite: `VACUUM INTO` writes a consistent copy from one read transaction.
/// - PostgreSQL: `pg_dump` (Debian's postgresql-client) in the snapshot the counts were read in.
///
/// Attachments are rows of `letter_attachments`, so they are in the copy and its counts.
public enum Backup {
    public struct Manifest: Codable, Sendable, Equatable {
        public var format = 1
        /// `sqlite` or `postgresql`: a backup restores into the same kind of database.
        public var database: String
        public var createdAt: Date
        /// Rows per table in the copy.
        public var counts: [String: Int]
        /// SHA-256 of the copy inside the archive.
        public var sha256: String
    }

    static let copyName = "danvan.db"
    static let manifestName = "manifest.json"

    /// Writes a backup of the database to `path` (a new file) and returns its manifest.
    public static func make(_ database: AppDatabase, to path: String) async throws -> Manifest {
        guard !FileManager.default.fileExists(atPath: path) else { throw CommandProblem(description: "Tệp \(path) đã có; hãy chọn tên khác.") }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent(copyName)
        let counts: [String: Int]
        if database.isPostgres {
            counts = try await dumpPostgres(database, to: copy)
        } else {
            try await database.sql.raw("VACUUM INTO \(bind: copy.path)").run()
            counts = try await AppDatabase.using(.sqlite(path: copy.path)) { try await tableCounts($0) }
        }
        let manifest = Manifest(database: database.isPostgres ? "postgresql" : "sqlite", createdAt: Date(), counts: counts,
                                sha256: try checksum(copy))
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let manifestFile = folder.appendingPathComponent(manifestName)
        try encoder.encode(manifest).write(to: manifestFile)
        try archive.addEntry(with: manifestName, fileURL: manifestFile, compressionMethod: .deflate)
        try archive.addEntry(with: copyName, fileURL: copy, compressionMethod: .deflate)
        return manifest
    }

    /// Restores a backup into the configured database after checking the archive: the
    /// checksum, SQLite's integrity check, and every table's count. A target that already
    /// holds tables is refused unless `force`.
    public static func restore(from path: String, into target: DatabaseTarget, force: Bool, logger: Logger) async throws -> Manifest {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw CommandProblem(description: "Không đọc được tệp sao lưu \(path): không phải tệp sao lưu của DanVan.")
        }
        guard let manifestEntry = archive[manifestName], let copyEntry = archive[copyName] else {
            throw CommandProblem(description: "Tệp \(path) thiếu bản kê (manifest) hoặc dữ liệu: không phải tệp sao lưu của DanVan.")
        }
        let manifestFile = folder.appendingPathComponent(manifestName), copy = folder.appendingPathComponent(copyName)
        _ = try archive.extract(manifestEntry, to: manifestFile)
        _ = try archive.extract(copyEntry, to: copy)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let manifest = try decoder.decode(Manifest.self, from: Data(contentsOf: manifestFile))
        guard try checksum(copy) == manifest.sha256 else { throw CommandProblem(description: "Tệp sao lưu bị hỏng: mã kiểm tra không khớp.") }
        switch target {
        case .sqlite(let destination):
            guard manifest.database == "sqlite" else { throw CommandProblem(description: "Bản sao lưu này của PostgreSQL; hãy khôi phục vào PostgreSQL (--database-url).") }
            struct Check: Decodable { var integrityCheck: String }
            try await AppDatabase.using(.sqlite(path: copy.path)) { database in
                let check = try await database.sql.raw("PRAGMA integrity_check").row(Check.self)
                guard check?.integrityCheck == "ok" else { throw CommandProblem(description: "Tệp sao lưu không qua kiểm tra toàn vẹn của SQLite.") }
                try verify(try await tableCounts(database), manifest)
            }
            if FileManager.default.fileExists(atPath: destination) {
                let tables = try await AppDatabase.using(target) { try await tableCounts($0).count }
                guard tables == 0 || force else { throw CommandProblem(description: "Cơ sở dữ liệu \(destination) đã có dữ liệu; thêm --force để ghi đè.") }
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: destination + suffix) }
            }
            try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: copy.path, toPath: destination)
        case .postgres(let url):
            guard manifest.database == "postgresql" else { throw CommandProblem(description: "Bản sao lưu này của SQLite; hãy khôi phục vào một thư mục dữ liệu (--data).") }
            try await AppDatabase.using(target) { database in
                let tables = try await tableCounts(database).count
                guard tables == 0 || force else { throw CommandProblem(description: "Cơ sở dữ liệu đích đã có dữ liệu; thêm --force để ghi đè.") }
                if tables > 0 {
                    try await database.sql.raw("DROP SCHEMA public CASCADE").run()
                    try await database.sql.raw("CREATE SCHEMA public").run()
                }
            }
            try await runTool("pg_restore", ["--no-owner", "--exit-on-error", "--dbname=\(url)", copy.path])
            try await AppDatabase.using(target) { try verify(try await tableCounts($0), manifest) }
        }
        return manifest
    }

    // MARK: Parts

    /// Rows per table (Fluent's migration log included), read in one statement.
    static func tableCounts(_ database: AppDatabase) async throws -> [String: Int] {
        try await tableCounts(database.sql, postgres: database.isPostgres)
    }

    static func tableCounts(_ sql: any SQLDatabase, postgres: Bool) async throws -> [String: Int] {
        struct Table: Decodable { var name: String }
        let tables = try await sql.raw(postgres
            ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").rows(Table.self).map(\.name)
        guard !tables.isEmpty else { return [:] }
        let select = tables.map { "(SELECT COUNT(*) FROM \"\($0)\") AS \"\($0)\"" }.joined(separator: ", ")
        guard let row = try await sql.raw("SELECT \(unsafeRaw: select)").first() else { return [:] }
        var counts: [String: Int] = [:]
        for table in tables { counts[table] = try row.decode(column: table, as: Int.self) }
        return counts
    }

    static func verify(_ counts: [String: Int], _ manifest: Manifest) throws {
        guard counts == manifest.counts else {
            let differing = Set(counts.keys).union(manifest.counts.keys).filter { counts[$0] != manifest.counts[$0] }.sorted()
            throw CommandProblem(description: "Số bản ghi sau khi khôi phục không khớp bản kê: \(differing.joined(separator: ", ")).")
        }
    }

    /// The counts and `pg_dump` read the same snapshot: a consistent backup while others write.
    static func dumpPostgres(_ database: AppDatabase, to file: URL) async throws -> [String: Int] {
        guard case .postgres(let url) = database.target else { return [:] }
        return try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            struct Snapshot: Decodable { var snapshot: String }
            try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
            guard let snapshot = try await sql.raw("SELECT pg_export_snapshot() AS snapshot").row(Snapshot.self)?.snapshot else {
                throw CommandProblem(description: "PostgreSQL không cho xuất ảnh chụp dữ liệu.")
            }
            let counts = try await tableCounts(sql, postgres: true)
            try await runTool("pg_dump", ["--format=custom", "--no-owner", "--snapshot=\(snapshot)", "--file=\(file.path)", "--dbname=\(url)"])
            return counts
        }
    }

    static func runTool(_ name: String, _ arguments: [String]) async throws {
        guard let path = ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw CommandProblem(description: "Cần \(name) để sao lưu hoặc khôi phục PostgreSQL: cài gói postgresql-client (apt-get install postgresql-client).")
        }
        let result = try await Process.run(path, arguments)
        guard result.status == 0 else { throw CommandProblem(description: "\(name) thất bại: \(result.errors)") }
    }

    static func checksum(_ file: URL) throws -> String {
        Secrets.hex(SHA256.hash(data: try Data(contentsOf: file, options: .mappedIfSafe)))
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("danvan-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

}
