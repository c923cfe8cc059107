import Foundation

/// Which database DanVan stores its records in.
public enum DatabaseTarget: Sendable, CustomStringConvertible {
    /// The embedded default: one file.
    case sqlite(path: String)
    /// A PostgreSQL server, for deployments that outgrow one machine.
    case postgres(url: String)

    public var description: String {
        switch self {
        case .sqlite(let path): "SQLite \(path)"
        case .postgres(let url): "PostgreSQL \(Self.redacted(url))"
        }
    }

    /// The URL with its password hidden, for logs and messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
