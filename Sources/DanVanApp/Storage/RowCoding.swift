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
    ///
    /// Read over the name's bytes, with no cache and no lock: every column of every row
    /// decoded asks for it (measured under `danvan bench pages`, the cached `Character`
    /// version and its lock were 5% of the server's CPU on the letters list).
    static func of(_ property: String) -> String {
        var property = property
        return property.withUTF8 { bytes in
            // At most one underscore before each byte; a short name stays a small string (no allocation).
            String(unsafeUninitializedCapacity: bytes.count * 2) { column in
                func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
                func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
                func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
                var count = 0
                for index in bytes.indices {
                    let byte = bytes[index]
                    guard isUpper(byte) else {
                        column[count] = byte
                        count += 1
                        continue
                    }
                    if index > 0 {
                        let previous = bytes[index - 1]
                        let nextIsLower = index + 1 < bytes.count && isLower(bytes[index + 1])
                        if isLower(previous) || isDigit(previous) || (isUpper(previous) && nextIsLower) {
                            column[count] = UInt8(ascii: "_")
                            count += 1
                        }
                    }
                    column[count] = byte + 32
                    count += 1
                }
                return count
            }
        }
    }

    static func key(_ path: [any CodingKey]) -> any CodingKey {
        SomeCodingKey(stringValue: of(path.last?.stringValue ?? ""))
    }
}

extension SQLQueryFetcher {
    /// Every row, as camelCase structs.
    func rows<Row: Decodable>(_ type: Row.Type) async throws -> [Row] {
        let rows = if let prepared = try await PreparedReads.rows(query, on: database) { prepared } else { try await all() }
        let text = database.dialect.name == "sqlite"
        return try rows.map { try Row(from: RowDecoder(row: $0, textIdentifiers: text)) }
    }

    /// The first row, if any, as a camelCase struct.
    func row<Row: Decodable>(_ type: Row.Type) async throws -> Row? {
        let row = if let prepared = try await PreparedReads.rows(query, on: database) { prepared.first } else { try await first() }
        return try row.map { try Row(from: RowDecoder(row: $0, textIdentifiers: database.dialect.name == "sqlite")) }
    }
}

/// A row read with the count of its whole query beside it (`… , COUNT(*) … AS total_count`).
struct Counted<Row: Decodable>: Decodable {
    var row: Row
    var total: Int

    private enum Keys: String, CodingKey { case totalCount }

    init(from decoder: any Decoder) throws {
        row = try Row(from: decoder)
        total = try decoder.container(keyedBy: Keys.self).decode(Int.self, forKey: .totalCount)
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
