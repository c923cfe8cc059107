import Foundation

/// A value as a template reads it (``Template``): text, a yes/no, a list or named fields.
/// A page model becomes one through its `Encodable` conformance (``TemplateValue/of(_:)``);
/// a field that is nil is left out, so a tag of its name reads the sections around it.
enum TemplateValue: Sendable, Equatable {
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// The value of a page model. Numbers, identifiers, dates and links become the text
    /// they print as.
    static func of(_ value: some Encodable) -> TemplateValue {
        do {
            return try TemplateEncoding.value(of: value)
        } catch {
            // The encoder itself throws nothing; a model's own `encode(to:)` could.
            return .object([:])
        }
    }

    /// What an inverted section treats as nothing: false and an empty list.
    var isEmpty: Bool {
        switch self {
        case .flag(let flag): !flag
        case .list(let items): items.isEmpty
        case .text, .object: false
        }
    }

    /// The text a tag prints.
    var text: String {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag ? "true" : "false"
        case .list, .object: ""
        }
    }

    /// Appends the text for HTML: `< > & " '` escaped, the rest copied as is.
    func appendEscaped(to output: inout String) {
        let text = self.text
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) else {
            output += text
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): bytes += Array("&lt;".utf8)
            case UInt8(ascii: ">"): bytes += Array("&gt;".utf8)
            case UInt8(ascii: "&"): bytes += Array("&amp;".utf8)
            case UInt8(ascii: "\""): bytes += Array("&quot;".utf8)
            case UInt8(ascii: "'"): bytes += Array("&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        output += String(decoding: bytes, as: UTF8.self)
    }
}

/// Turns an `Encodable` model into a ``TemplateValue``: keyed containers become named
/// fields, unkeyed ones lists, single values text or a yes/no.
private final class TemplateEncoding: Encoder {
    /// What was encoded so far: fields (possibly still being filled by a nested container),
    /// items, or one value.
    final class Node {
        /// Fields with their value; a field whose nested container may still be filled is in `nested`.
        var fields: [String: TemplateValue] = [:]
        var nested: [String: Node] = [:]
        var items: [Field] = []
        var single: TemplateValue?
        var isList = false

        enum Field {
            case value(TemplateValue)
            case node(Node)

            var value: TemplateValue {
                switch self {
                case .value(let value): value
                case .node(let node): node.value
                }
            }
        }

        var value: TemplateValue {
            if let single { return single }
            if isList { return .list(items.map(\.value)) }
            guard !nested.isEmpty else { return .object(fields) }
            var all = fields
            for (key, node) in nested { all[key] = node.value }
            return .object(all)
        }
    }

    let node: Node
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: Node = Node()) {
        self.node = node
    }

    static func value<T: Encodable>(of value: T) throws -> TemplateValue {
        if let leaf = leaf(value) { return leaf }
        let encoder = TemplateEncoding()
        try value.encode(to: encoder)
        return encoder.node.value
    }

    /// Values that print as their description rather than through their own encoding
    /// (a date encodes as seconds, a link as its parts).
    private static func leaf<T: Encodable>(_ value: T) -> TemplateValue? {
        // A page's rows and lists are most of what comes here and are none of these: a set of
        // types answers for them without a cast to a protocol (a conformance lookup per value,
        // seen in the profile of the letters list).
        if T.self == String.self { return .text(value as! String) }
        if T.self == Bool.self { return .flag(value as! Bool) }
        return printedAsDescription.contains(ObjectIdentifier(T.self)) ? .text(String(describing: value)) : nil
    }

    /// The types that print as their description: identifiers, dates, links and numbers.
    private static let printedAsDescription: Set<ObjectIdentifier> = {
        let types: [any Any.Type] = [UUID.self, Date.self, URL.self, Decimal.self, Int.self, Int8.self, Int16.self, Int32.self, Int64.self,
                                     UInt.self, UInt8.self, UInt16.self, UInt32.self, UInt64.self, Double.self, Float.self]
        return Set(types.map { ObjectIdentifier($0) })
    }()

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.isList = true
        return Unkeyed(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [any CodingKey] { [] }

        mutating func set(_ value: TemplateValue, _ key: Key) { node.fields[key.stringValue] = value }
        mutating func encodeNil(forKey key: Key) {}
        mutating func encode(_ value: Bool, forKey key: Key) { set(.flag(value), key) }
        mutating func encode(_ value: String, forKey key: Key) { set(.text(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) { set(.text(String(describing: value)), key) }
        mutating func encode(_ value: Float, forKey key: Key) { set(.text(String(describing: value)), key) }
        mutating func encode(_ value: Int, forKey key: Key) { set(.text(String(value)), key) }
        mutating func encode(_ value: Int8, forKey key: Key) { set(.text(String(value)), key) }
        mutating func encode(_ value: Int16, forKey key: Key) { set(.text(String(value)), key) }
        mutating func encode(_ value: Int32, forKey key: Key) { set(.text(String(value)), key) }
        mutating func encode(_ value: Int64, forKey key: Key) { set(.text(String(value)), key) }
        mutating func encode(_ value: UInt, forKey key: Key) { set(.text(String(value)), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) { set(.text(String(value)), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) { set(.text(String(value)), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) { set(.text(String(value)), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) { set(.text(String(value)), key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { set(try TemplateEncoding.value(of: value), key) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = Node()
            node.nested[key.stringValue] = child
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let child = Node()
            child.isList = true
            node.nested[key.stringValue] = child
            return Unkeyed(node: child)
        }

        mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let child = Node()
            node.nested[key.stringValue] = child
            return TemplateEncoding(node: child)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey] { [] }
        var count: Int { node.items.count }

        mutating func encodeNil() {}
        mutating func encode(_ value: Bool) { node.items.append(.value(.flag(value))) }
        mutating func encode(_ value: String) { node.items.append(.value(.text(value))) }
        mutating func encode(_ value: Int) { node.items.append(.value(.text(String(value)))) }
        mutating func encode(_ value: Int64) { node.items.append(.value(.text(String(value)))) }
        mutating func encode(_ value: Double) { node.items.append(.value(.text(String(describing: value)))) }
        mutating func encode<T: Encodable>(_ value: T) throws { node.items.append(.value(try TemplateEncoding.value(of: value))) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = Node()
            node.items.append(.node(child))
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let child = Node()
            child.isList = true
            node.items.append(.node(child))
            return Unkeyed(node: child)
        }

        mutating func superEncoder() -> any Encoder {
            let child = Node()
            node.items.append(.node(child))
            return TemplateEncoding(node: child)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() {}
        mutating func encode(_ value: Bool) { node.single = .flag(value) }
        mutating func encode(_ value: String) { node.single = .text(value) }
        mutating func encode(_ value: Int) { node.single = .text(String(value)) }
        mutating func encode(_ value: Int64) { node.single = .text(String(value)) }
        mutating func encode(_ value: Double) { node.single = .text(String(describing: value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { node.single = try TemplateEncoding.value(of: value) }
    }
}
