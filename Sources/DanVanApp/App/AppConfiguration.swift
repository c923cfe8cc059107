import Foundation

/// Every setting DanVan reads, gathered in one place.
///
/// Precedence: command-line flag, then environment variable, then default.
/// `validate()` names every bad setting at once, in Vietnamese.
public struct AppConfiguration: Sendable {
    /// Folder holding the SQLite file and uploads (`--data`, `DANVAN_DATA`).
    public var dataDirectory: String
    /// PostgreSQL URL; when set, SQLite is not used (`--database-url`, `DANVAN_DATABASE_URL`).
    public var databaseURL: String?
    public var host: String
    public var port: Int
    /// Bcrypt cost for new password hashes (`DANVAN_BCRYPT_COST`), 4…31.
    public var bcryptCost: Int
    /// Cookies get the `Secure` flag (`DANVAN_SECURE_COOKIES`, default off: plain HTTP on loopback).
    public var secureCookies: Bool
    /// Hours a session lasts without activity (`DANVAN_SESSION_HOURS`).
    public var sessionHours: Int
    /// Folder of the scheduled backups `serve` takes (`DANVAN_BACKUP_DIR`); none when unset.
    public var backupDirectory: String? = nil
    /// Hours between scheduled backups (`DANVAN_BACKUP_HOURS`, default 24: daily).
    public var backupHours: Int = 24
    /// Scheduled backups kept; older ones are removed (`DANVAN_BACKUP_KEEP`, default 7).
    public var backupKeep: Int = 7
    /// Months without an update after which a "Dân vận khéo" model is flagged (`DANVAN_MODEL_STALE_MONTHS`, default 6).
    public var modelStaleMonths: Int = 6
    /// Similarity in percent from which two models' contents are flagged as near-duplicates (`DANVAN_MODEL_SIMILARITY`, default 80).
    public var modelSimilarity: Int = 80

    public init(
        dataDirectory: String = "./data",
        databaseURL: String? = nil,
        host: String = "127.0.0.1",
        port: Int = 8080,
        bcryptCost: Int = 12,
        secureCookies: Bool = false,
        sessionHours: Int = 12
    ) {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.host = host
        self.port = port
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.sessionHours = sessionHours
    }

    /// Reads the environment, then lets the explicit (flag) values win.
    public static func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        dataDirectory: String? = nil,
        databaseURL: String? = nil,
        host: String? = nil,
        port: Int? = nil
    ) throws(ConfigurationError) -> AppConfiguration {
        var problems: [String] = []
        var config = AppConfiguration()
        config.dataDirectory = dataDirectory ?? environment["DANVAN_DATA"] ?? config.dataDirectory
        config.databaseURL = databaseURL ?? environment["DANVAN_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        config.host = host ?? environment["DANVAN_HOST"] ?? config.host
        if let port {
            config.port = port
        } else if let raw = environment["DANVAN_PORT"] {
            if let value = Int(raw) { config.port = value } else { problems.append("DANVAN_PORT=\(raw): không phải là số cổng") }
        }
        if let raw = environment["DANVAN_BCRYPT_COST"] {
            if let value = Int(raw) { config.bcryptCost = value } else { problems.append("DANVAN_BCRYPT_COST=\(raw): không phải là số") }
        }
        if let raw = environment["DANVAN_SECURE_COOKIES"] {
            switch raw.lowercased() {
            case "1", "true", "yes": config.secureCookies = true
            case "0", "false", "no", "": config.secureCookies = false
            default: problems.append("DANVAN_SECURE_COOKIES=\(raw): chỉ nhận true hoặc false")
            }
        }
        if let raw = environment["DANVAN_SESSION_HOURS"] {
            if let value = Int(raw) { config.sessionHours = value } else { problems.append("DANVAN_SESSION_HOURS=\(raw): không phải là số") }
        }
        config.backupDirectory = environment["DANVAN_BACKUP_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        for (name, keyPath) in [("DANVAN_BACKUP_HOURS", \AppConfiguration.backupHours), ("DANVAN_BACKUP_KEEP", \AppConfiguration.backupKeep),
                                  ("DANVAN_MODEL_STALE_MONTHS", \AppConfiguration.modelStaleMonths), ("DANVAN_MODEL_SIMILARITY", \AppConfiguration.modelSimilarity)] {
            if let raw = environment[name] {
                if let value = Int(raw) { config[keyPath: keyPath] = value } else { problems.append("\(name)=\(raw): không phải là số") }
            }
        }
        problems += config.problems()
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
        return config
    }

    /// Problems with the values themselves, one sentence each.
    func problems() -> [String] {
        var problems: [String] = []
        if !(1...65535).contains(port) { problems.append("cổng (--port, DANVAN_PORT) = \(port): phải từ 1 đến 65535") }
        if host.isEmpty { problems.append("địa chỉ (--host, DANVAN_HOST) đang trống") }
        if !(4...31).contains(bcryptCost) { problems.append("DANVAN_BCRYPT_COST = \(bcryptCost): phải từ 4 đến 31") }
        if !(1...8760).contains(backupHours) { problems.append("DANVAN_BACKUP_HOURS = \(backupHours): phải từ 1 đến 8760") }
        if !(1...1000).contains(backupKeep) { problems.append("DANVAN_BACKUP_KEEP = \(backupKeep): phải từ 1 đến 1000") }
        if !(1...120).contains(modelStaleMonths) { problems.append("DANVAN_MODEL_STALE_MONTHS = \(modelStaleMonths): phải từ 1 đến 120") }
        if !(1...100).contains(modelSimilarity) { problems.append("DANVAN_MODEL_SIMILARITY = \(modelSimilarity): phải từ 1 đến 100") }
        if !(1...720).contains(sessionHours) { problems.append("DANVAN_SESSION_HOURS = \(sessionHours): phải từ 1 đến 720") }
        if let url = databaseURL, !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) {
            problems.append("--database-url / DANVAN_DATABASE_URL phải bắt đầu bằng postgres:// (đang là \(DatabaseTarget.redacted(url)))")
        }
        if databaseURL == nil, dataDirectory.isEmpty { problems.append("thư mục dữ liệu (--data, DANVAN_DATA) đang trống") }
        return problems
    }

    public var databaseTarget: DatabaseTarget {
        if let databaseURL { return .postgres(url: databaseURL) }
        return .sqlite(path: (dataDirectory as NSString).appendingPathComponent("danvan.sqlite"))
    }
}

/// A configuration that cannot be used, with every problem listed.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String {
        "Cấu hình không hợp lệ:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
            + "\nCác thiết lập: --data/DANVAN_DATA, --database-url/DANVAN_DATABASE_URL, --host/DANVAN_HOST, --port/DANVAN_PORT, DANVAN_BCRYPT_COST, DANVAN_SECURE_COOKIES, DANVAN_SESSION_HOURS."
    }
}
