import SQLKit

extension Array where Element == SQLQueryString {
    /// The parts joined by a separator (" AND ", ", "); `empty` when there are none.
    func joined(_ separator: String, empty: SQLQueryString = "") -> SQLQueryString {
        guard var result = first else { return empty }
        for part in dropFirst() { result = result + "\(unsafeRaw: separator)" + part }
        return result
    }

    /// Every condition together, in parentheses; "1 = 1" for none.
    var allTrue: SQLQueryString { isEmpty ? "1 = 1" : "(" + joined(" AND ") + ")" }
}
