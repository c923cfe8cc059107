import SQLKit

// The project's one mapping between Swift and SQL names: a row is a struct with camelCase
// properties, its columns are their snake_case (`unitID` ↔ `unit_id`, `receivedOn` ↔
// `received_on`). Rows are read with `rows`/`row` and written with `values(of:)`, never
// with CodingKeys; the API writes its bodies the same way (see `JSONResponse`).

extension SQLQueryFetcher {
    /// Every row, as camelCase structs.
    func rows<Row: Decodable>(_ type: Row.Type) async throws -> [Row] {
        try await all(decoding: type, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// The first row, if any, as a camelCase struct.
    func row<Row: Decodable>(_ type: Row.Type) async throws -> Row? {
        try await first(decoding: type, keyDecodingStrategy: .convertFromSnakeCase)
    }
}

extension SQLInsertBuilder {
    /// Inserts a camelCase struct as one row of snake_case columns.
    @discardableResult
    func values(of row: some Encodable) throws -> Self {
        try model(row, keyEncodingStrategy: .convertToSnakeCase)
    }
}
