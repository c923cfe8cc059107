import Crypto
import FluentKit
import Foundation
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// Reads on PostgreSQL as named prepared statements, prepared once per connection.
///
/// SQLKit sends every query as text with an unnamed statement, so PostgreSQL parses and
/// plans it each time. Measured on these 2 cores with pgbench, the letters list's query
/// runs at 1.962 per second that way and 4.699 prepared; under `danvan bench pages` the
/// PostgreSQL backends took 55% of the CPU. `rows(_:)` and `row(_:)` send their query here
/// first: the same text with binds of the same types is one statement, named by a hash of
/// both. A read inside a transaction, a bind of another type than the ones below, or a text
/// beyond the first ``limit`` distinct ones goes the ordinary way (writes always do).
enum PreparedReads {
    /// How many distinct statements a process prepares (a text with literal offsets could
    /// otherwise grow without end); the rest are sent as text.
    static let limit = 2_000
    private static let admitted = Locked<Set<String>>([])

    /// The rows of `query`, or nil when it is not for this path (SQLite, a transaction, an unknown bind).
    static func rows(_ query: any SQLExpression, on database: any SQLDatabase) async throws -> [any SQLRow]? {
        guard database.dialect.name == "postgresql", let postgres = database as? any PostgresDatabase,
              (database as? any FluentKit.Database)?.inTransaction == false
        else { return nil }
        let (sql, binds) = database.serialize(query)
        guard let (bindings, types) = bindings(binds) else { return nil }
        let name = "dv_" + Secrets.hex(SHA256.hash(data: Data((sql + "\u{0}" + types).utf8))).prefix(32)
        guard admit(name) else { return nil }
        let logger = (database as? any FluentKit.Database)?.logger ?? Logger(label: "danvan.sql")
        let rows = try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await Statement.$current.withValue((name, sql)) {
                    var rows: [PostgresRow] = []
                    for try await row in try await connection.execute(Statement(bindings: bindings), logger: logger) { rows.append(row) }
                    return rows
                }
            }
        }.get()
        guard let first = rows.first else { return [] }
        let columns = PreparedRow.Columns(PostgresRandomAccessRow(first))
        return rows.map { PreparedRow(source: $0, columns: columns) }
    }

    private static func admit(_ name: String) -> Bool {
        admitted.withValue { names in
            if names.contains(name) { return true }
            guard names.count < limit else { return false }
            names.insert(name)
            return true
        }
    }

    /// The binds as PostgreSQL values, for the types reads use, with their types in a word
    /// (part of the statement's name: the same text with other types is another statement);
    /// nil for any other type.
    private static func bindings(_ binds: [any Encodable & Sendable]) -> (PostgresBindings, String)? {
        var bindings = PostgresBindings(capacity: binds.count)
        var types = ""
        for bind in binds {
            switch bind {
            case let value as String: bindings.append(value, context: .default); types += "s"
            case let value as UUID: bindings.append(value, context: .default); types += "u"
            case let value as Int: bindings.append(value, context: .default); types += "i"
            case let value as Int64: bindings.append(value, context: .default); types += "l"
            case let value as Int32: bindings.append(value, context: .default); types += "n"
            case let value as Bool: bindings.append(value, context: .default); types += "b"
            case let value as Double: bindings.append(value, context: .default); types += "d"
            case let value as Date: bindings.append(value, context: .default); types += "t"
            default: return nil
            }
        }
        return (bindings, types)
    }

    /// PostgresNIO prepares a statement by its type's `name` and `sql`; these are read,
    /// as the call starts, from the task's current query.
    private struct Statement: PostgresPreparedStatement {
        typealias Row = PostgresRow
        @TaskLocal static var current: (name: String, sql: String) = ("", "")
        static var name: String { current.name }
        static var sql: String { current.sql }
        let bindings: PostgresBindings
        func makeBindings() throws -> PostgresBindings { bindings }
        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }

    /// A row of a prepared read. The basic types a row type holds (text, identifiers,
    /// integers, truth values) are read straight from the cell; PostgresKit's row sends
    /// every value through its general translation first (a dynamic cast, a coding path
    /// and a copy of the row's cells for each value: measured, 62% of the decoding time on
    /// the letters list). Any other type, or a cell the fast path cannot read, goes that way.
    struct PreparedRow: SQLRow {
        /// Where each column is, found once for all the rows of a result (PostgresNIO's row
        /// looks a name up for `contains` and again for the cell).
        final class Columns: Sendable {
            let names: [String]
            let index: [String: Int]

            init(_ row: PostgresRandomAccessRow) {
                names = row.map(\.columnName)
                index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            }
        }

        let source: PostgresRow
        let columns: Columns
        private let cells: PostgresRandomAccessRow

        init(source: PostgresRow, columns: Columns) {
            self.source = source
            self.columns = columns
            self.cells = PostgresRandomAccessRow(source)
        }

        var allColumns: [String] { columns.names }
        func contains(column: String) -> Bool { columns.index[column] != nil }
        func decodeNil(column: String) throws -> Bool { columns.index[column].map { cells[$0].bytes == nil } ?? true }

        func decode<T: Decodable>(column: String, as type: T.Type) throws -> T {
            if let index = columns.index[column], let value = Self.basic(cells[index], as: T.self) { return value }
            return try source.sql().decode(column: column, as: T.self)
        }

        /// The value of a cell of a built-in type as one of the basic Swift types; nil otherwise.
        private static func basic<T>(_ cell: PostgresCell, as type: T.Type) -> T? {
            guard !cell.dataType.isUserDefined else { return nil }
            switch type {
            case is String.Type: return try? cell.decode(String.self) as? T
            case is UUID.Type: return try? cell.decode(UUID.self) as? T
            case is Int.Type: return try? cell.decode(Int.self) as? T
            case is Bool.Type: return try? cell.decode(Bool.self) as? T
            case is Int64.Type: return try? cell.decode(Int64.self) as? T
            default: return nil
            }
        }
    }
}

