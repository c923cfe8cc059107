import Foundation
import SQLKit

/// Reads one row into a camelCase struct, each property from the column ``ColumnName``
/// names. What `rows(_:)` and `row(_:)` use instead of SQLKit's row decoder with a custom
/// key strategy: that one converts a key up to four times for an optional field (contains,
/// is it null, decode, each building the name again); here each field names its column
/// once. Measured under `danvan bench pages`, decoding was 28% of the server's CPU on the
/// letters list (50 rows of 19 columns).
struct RowDecoder: Decoder {
    let row: any SQLRow
    /// SQLite keeps identifiers as text: read them as text and parse them here (Foundation's
    /// parser goes through `sscanf`: measured, 6% of the CPU on the letters list, 5 per row).
    var textIdentifiers = false
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Columns(row: row, textIdentifiers: textIdentifiers))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Self.notARow }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw Self.notARow }

    static let notARow = DecodingError.typeMismatch([String: Any].self, .init(codingPath: [], debugDescription: "a row is read into a struct of its columns"))

    /// "01E55AFF-4EFF-4DB7-AF3C-82355F7ABB3A" (either case) as a UUID; nil for anything else.
    static func uuid(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36, bytes[8] == 0x2D, bytes[13] == 0x2D, bytes[18] == 0x2D, bytes[23] == 0x2D else { return nil }
            func nibble(_ byte: UInt8) -> UInt8? {
                switch byte {
                case 0x30...0x39: byte - 0x30
                case 0x41...0x46: byte - 0x41 + 10
                case 0x61...0x66: byte - 0x61 + 10
                default: nil
                }
            }
            var value: [UInt8] = []
            value.reserveCapacity(16)
            var index = 0
            while index < 36 {
                if index == 8 || index == 13 || index == 18 || index == 23 { index += 1; continue }
                guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return nil }
                value.append(high << 4 | low)
                index += 2
            }
            return UUID(uuid: (value[0], value[1], value[2], value[3], value[4], value[5], value[6], value[7],
                               value[8], value[9], value[10], value[11], value[12], value[13], value[14], value[15]))
        }
    }

    struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: any SQLRow
        let textIdentifiers: Bool
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }

        func contains(_ key: Key) -> Bool { row.contains(column: ColumnName.of(key.stringValue)) }
        func decodeNil(forKey key: Key) throws -> Bool { try row.decodeNil(column: ColumnName.of(key.stringValue)) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decode(type, key) }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try decodeIfPresent(type, key) }

        // The standard library calls these for the basic types; each is the generic one.
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type, key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type, key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type, key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type, key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type, key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type, key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type, key) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeIfPresent(type, key) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeIfPresent(type, key) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeIfPresent(type, key) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeIfPresent(type, key) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decodeIfPresent(type, key) }

        private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T { try value(ColumnName.of(key.stringValue), as: T.self) }

        /// A missing or null column is nil (every row type's `decodeNil` says true for a
        /// missing column), the column named once.
        private func decodeIfPresent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
            let column = ColumnName.of(key.stringValue)
            guard try !row.decodeNil(column: column) else { return nil }
            return try value(column, as: T.self)
        }

        /// A column's value, an identifier kept as text parsed here.
        private func value<T: Decodable>(_ column: String, as type: T.Type) throws -> T {
            // Anything else than identifier text (a blob) is read the ordinary way.
            if textIdentifiers, T.self == UUID.self, let text = try? row.decode(column: column, as: String.self), let id = RowDecoder.uuid(text) {
                return id as! T
            }
            return try row.decode(column: column, as: T.self)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> { throw RowDecoder.notARow }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw RowDecoder.notARow }
        func superDecoder() throws -> any Decoder { throw RowDecoder.notARow }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw RowDecoder.notARow }
    }
}
