import FluentKit
import SQLKit

// The typed key of a column: the key path of the row property that holds it. A column's
// name is written once, as a property of its table's row type (`LetterRecord.receivedOn`
// is `received_on`, by ``ColumnName``), or as the key of a Fluent model's field
// (`@Field(key: "search_name")`); every query names it through that property:
//
//     "WHERE l.\(\LetterRecord.receivedOn) >= \(bind: from)"
//     Reach.condition(scope, unit: "l.\(\LetterRecord.unitID)", organisation: …)
//
// Only the migrations write column names as text: they are history, and never change.

extension ColumnName {
    /// The column of a row property: `\LetterRecord.receivedOn` → `received_on`.
    static func of<Row, Value>(_ key: KeyPath<Row, Value>) -> String {
        of(property: key)
    }

    /// The same for a key path whose value type is not known (a select list's joined columns).
    static func of(property key: AnyKeyPath) -> String {
        keys.withValue { names in
            if let name = names[key] { return name }
            let name = of(property(key))
            names[key] = name
            return name
        }
    }

    /// The column of a Fluent model's field: the key it was declared with.
    static func of<Model: Fields, Property: AnyQueryableProperty>(_ key: KeyPath<Model, Property>) -> String {
        keys.withValue { names in
            if let name = names[key] { return name }
            let name = Model.path(for: key).map(\.description).joined(separator: ".")
            names[key] = name
            return name
        }
    }

    /// The property a key path names, from its description (`\LetterRecord.receivedOn`).
    /// Only stored properties of row types are keys; anything else is a programming error.
    static func property(_ key: AnyKeyPath) -> String {
        let description = key.debugDescription
        guard let dot = description.lastIndex(of: "."), !description.contains("<"), !description.contains("?") else {
            preconditionFailure("\(description) is not a stored property of a row type")
        }
        return String(description[description.index(after: dot)...])
    }

    private static let keys = Locked<[AnyKeyPath: String]>([:])
}

extension SQLQueryString {
    /// A column by its typed key: `"l.\(\LetterRecord.dueOn) < …"` is `l.due_on < …`.
    mutating func appendInterpolation<Row, Value>(_ key: KeyPath<Row, Value>) {
        appendInterpolation(unsafeRaw: ColumnName.of(key))
    }

    /// A Fluent model's column by its typed key: `"u.\(\OrganisationUnit.$parentID)"` is `u.parent_id`.
    mutating func appendInterpolation<Model: Fields, Property: AnyQueryableProperty>(_ key: KeyPath<Model, Property>) {
        appendInterpolation(unsafeRaw: ColumnName.of(key))
    }
}

extension String.StringInterpolation {
    /// A column key in a plain `String` (which would otherwise print the key path, not the
    /// column): it warns, because SQL with column keys belongs in an `SQLQueryString`, where
    /// binds and keys are typed; the build has no warnings, so none slips through.
    @available(*, deprecated, message: "build SQL as an SQLQueryString, or name the column with ColumnName.of")
    mutating func appendInterpolation<Row, Value>(_ key: KeyPath<Row, Value>) { appendLiteral(ColumnName.of(key)) }
}

extension SQLUpdateBuilder {
    /// Sets a column, named by its typed key, to a value (nil writes NULL).
    @discardableResult
    func set<Row, Value>(_ key: KeyPath<Row, Value>, to value: (some Encodable & Sendable)?) -> Self {
        set(SQLIdentifier(ColumnName.of(key)), to: value.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
    }
}
