import Foundation
import Logging

/// A `danvan bench NAME` of a capability: its whole-number options (`--rounds 3`) with
/// their defaults, and what it runs. Capabilities list theirs in `Capability.benches`;
/// the command line reads them from ``Benches/all``.
public struct BenchCommand: Sendable {
    public struct Option: Sendable {
        public let name: String
        public let defaultValue: Int
        public let help: String
    }

    public let name: String
    public let abstract: String
    public let options: [Option]
    /// Runs in a temporary database when the command names none (the bench loads its own data).
    public let temporaryDatabase: Bool
    let body: @Sendable (AppConfiguration, [String: Int], @escaping @Sendable (String) -> Void) async throws -> Void

    init(name: String, abstract: String, options: [Option], temporaryDatabase: Bool = false,
         body: @escaping @Sendable (AppConfiguration, [String: Int], @escaping @Sendable (String) -> Void) async throws -> Void) {
        (self.name, self.abstract, self.options, self.temporaryDatabase, self.body) = (name, abstract, options, temporaryDatabase, body)
    }

    /// The values of `--name value` pairs over the defaults; an unknown option or a value that
    /// is not a whole number is a problem named in Vietnamese.
    public func values(_ arguments: [String]) throws -> [String: Int] {
        var values = Dictionary(uniqueKeysWithValues: options.map { ($0.name, $0.defaultValue) })
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            let name = flag.hasPrefix("--") ? String(flag.dropFirst(2)) : ""
            guard values[name] != nil else {
                throw CommandProblem(description: "Tùy chọn không hợp lệ cho bench \(self.name): \(flag). Có: " + options.map { "--\($0.name)" }.joined(separator: ", "))
            }
            guard let text = rest.popFirst(), let value = Int(text), value > 0 else {
                throw CommandProblem(description: "\(flag) cần một số nguyên dương.")
            }
            values[name] = value
        }
        return values
    }

    public func run(configuration: AppConfiguration, values: [String: Int], print emit: @escaping @Sendable (String) -> Void) async throws {
        try await body(configuration, values, emit)
    }
}

public enum Benches {
    /// Every capability's benches, by name.
    public static var all: [BenchCommand] { Capabilities.all.flatMap { $0.benches } }
}

/// The database a bench loads and measures: opened (warnings only in the log), migrated, with
/// the administrative units; closed after the bench, whatever happens.
enum BenchDatabase {
    static func with(_ configuration: AppConfiguration, print emit: @Sendable (String) -> Void,
                     _ body: (AppDatabase, AppServices) async throws -> Void) async throws {
        var logger = Logger(label: "danvan.bench")
        logger.logLevel = .warning
        let database = try await AppDatabase.open(configuration.databaseTarget, logger: logger)
        do {
            emit("database: \(database.target)")
            try await database.migrate()
            _ = try await UnitImporter.load(try AdministrativeUnitFiles.shipped(), into: database)
            try await body(database, try await AppServices(configuration: configuration, database: database))
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
