import Foundation
import SQLKit

// The project's one mapping between Swift and SQL names: a row is a struct with camelCase
// properties, its columns are their snake_case (`unitID` ↔ `unit_id`, `receivedOn` ↔
// `received_on`). Rows are read with `rows`/`row` and written with `values(of:)`, never
// with CodingKeys; the API writes its bodies the same way (see `JSONResponse`).

enum ColumnName {
    /// The column of a property: `organisationID` → `organisation_id`, `senderIDNumber` →
    /// `sender_id_number`, `isRepeat` → `is_repeat` (an acronym is one word, as in Foundation's
    /// JSON strategy; SQLKit's own conversion gives `organisation_iD`).
    static func of(_ property: String) -> String {
        let characters = Array(property)
        var column = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { column.append("_") }
            }
            column.append(contentsOf: character.lowercased())
        }
        return column
    }

    static func key(_ path: [any CodingKey]) -> any CodingKey {
        SomeCodingKey(stringValue: cached(path.last?.stringValue ?? ""))
    }

    /// `of`, remembered: every row of every query asks again for the same few hundred names
    /// (measured: 76,000 open cases decoded 1 s slower without it).
    static func cached(_ property: String) -> String {
        cache.withValue { columns in
            if let column = columns[property] { return column }
            let column = of(property)
            columns[property] = column
            return column
        }
    }

    private static let cache = Locked<[String: String]>([:])
}

extension SQLQueryFetcher {
    /// Every row, as camelCase structs.
    func rows<Row: Decodable>(_ type: Row.Type) async throws -> [Row] {
        try await all(decoding: type, keyDecodingStrategy: .custom(ColumnName.key))
    }

    /// The first row, if any, as a camelCase struct.
    func row<Row: Decodable>(_ type: Row.Type) async throws -> Row? {
        try await first(decoding: type, keyDecodingStrategy: .custom(ColumnName.key))
    }
}

extension SQLInsertBuilder {
    /// Inserts a camelCase struct as one row of snake_case columns.
    @discardableResult
    func values(of row: some Encodable) throws -> Self {
        try model(row, keyEncodingStrategy: .custom(ColumnName.key), nilEncodingStrategy: .asNil)
    }

    /// Inserts camelCase structs as rows, in one statement.
    @discardableResult
    func values<Row: Encodable>(ofAll rows: some Collection<Row>) throws -> Self {
        try models(Array(rows), keyEncodingStrategy: .custom(ColumnName.key), nilEncodingStrategy: .asNil)
    }
}
