import Foundation

/// The columns of a row type, read from its properties: a query selects what the row
/// holds without writing the column names again (`ColumnName` maps each property).
enum RowColumns {
    /// The snake_case columns of a flat `Decodable` row, in declaration order.
    static func of<Row: Decodable>(_ type: Row.Type) -> [String] {
        fields(of: type).map(\.column)
    }

    /// Each column with the Swift type of its property and whether it may be missing.
    static func fields<Row: Decodable>(of type: Row.Type) -> [(column: String, type: Any.Type, optional: Bool)] {
        let recorder = KeyRecorder()
        _ = try? Row(from: recorder)
        return recorder.fields.map { (ColumnName.of($0.key), $0.type, $0.optional) }
    }

    /// A select list: `alias.column` for each column of the row, or the expression that
    /// `joined` gives for properties that come from another table (`\.unitName: "u.name"`).
    static func select<Row: Decodable>(_ type: Row.Type, from alias: String, joined: [PartialKeyPath<Row>: String] = [:]) -> String {
        let expressions = Dictionary(uniqueKeysWithValues: joined.map { (ColumnName.of(property: $0.key), $0.value) })
        return of(type).map { column in expressions[column].map { "\($0) AS \(column)" } ?? "\(alias).\(column)" }.joined(separator: ", ")
    }
}

/// A decoder that answers every key with a placeholder and remembers the keys asked for.
private final class KeyRecorder: Decoder, @unchecked Sendable {
    var fields: [(key: String, type: Any.Type, optional: Bool)] = []
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>(recorder: self))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Unsupported() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single() }

    struct Unsupported: Error {}

    /// A value of a property: placeholders that every row type's fields accept.
    struct Single: SingleValueDecodingContainer {
        var codingPath: [any CodingKey] = []
        func decodeNil() -> Bool { false }
        func decode(_ type: Bool.Type) throws -> Bool { false }
        func decode(_ type: String.Type) throws -> String { "00000000-0000-0000-0000-000000000000" }
        func decode(_ type: Double.Type) throws -> Double { 0 }
        func decode(_ type: Float.Type) throws -> Float { 0 }
        func decode(_ type: Int.Type) throws -> Int { 0 }
        func decode(_ type: Int8.Type) throws -> Int8 { 0 }
        func decode(_ type: Int16.Type) throws -> Int16 { 0 }
        func decode(_ type: Int32.Type) throws -> Int32 { 0 }
        func decode(_ type: Int64.Type) throws -> Int64 { 0 }
        func decode(_ type: UInt.Type) throws -> UInt { 0 }
        func decode(_ type: UInt8.Type) throws -> UInt8 { 0 }
        func decode(_ type: UInt16.Type) throws -> UInt16 { 0 }
        func decode(_ type: UInt32.Type) throws -> UInt32 { 0 }
        func decode(_ type: UInt64.Type) throws -> UInt64 { 0 }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: KeyRecorder()) }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let recorder: KeyRecorder
        var codingPath: [any CodingKey] = []
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            recorder.fields.append((key.stringValue, T.self, false))
            if let bytes = Data() as? T { return bytes }   // Data decodes from an unkeyed container, which a placeholder has not
            return try T(from: Placeholder())
        }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { optional(T.self, key) }
        // The protocol's own optionals of plain types (otherwise they would pass through `decode`).
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { optional(type, key) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { optional(type, key) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { optional(type, key) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { optional(type, key) }

        private func optional<T>(_ type: T.Type, _ key: Key) -> T? {
            recorder.fields.append((key.stringValue, T.self, true))
            return nil
        }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw Unsupported()
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw Unsupported() }
        func superDecoder() throws -> any Decoder { throw Unsupported() }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw Unsupported() }
    }

    /// The decoder of one property's placeholder value: an array or a dictionary is empty (so the
    /// properties after it are recorded too); a nested object is not decoded.
    struct Placeholder: Decoder {
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]
        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { KeyedDecodingContainer(Empty<Key>()) }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { EmptyList() }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { Single() }
    }

    /// A dictionary without keys; a nested object asking for one is not decoded.
    struct Empty<Key: CodingKey>: KeyedDecodingContainerProtocol {
        var codingPath: [any CodingKey] = []
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { false }
        func decodeNil(forKey key: Key) throws -> Bool { throw Unsupported() }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { throw Unsupported() }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw Unsupported()
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw Unsupported() }
        func superDecoder() throws -> any Decoder { throw Unsupported() }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw Unsupported() }
    }

    /// An array without elements.
    struct EmptyList: UnkeyedDecodingContainer {
        var codingPath: [any CodingKey] = []
        var count: Int? { 0 }
        var isAtEnd: Bool { true }
        var currentIndex: Int { 0 }
        mutating func decodeNil() throws -> Bool { throw Unsupported() }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { throw Unsupported() }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> { throw Unsupported() }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Unsupported() }
        mutating func superDecoder() throws -> any Decoder { throw Unsupported() }
    }
}
