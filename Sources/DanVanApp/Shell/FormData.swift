import DanVanDomain
import Foundation
import Hummingbird

/// A submitted `application/x-www-form-urlencoded` form, every value
/// normalised to NFC with white space collapsed and trimmed; ``text(_:)``
/// keeps the line breaks of a multi-line field.
struct FormData: Sendable {
    private(set) var values: [String: [String]] = [:]
    /// The values as decoded, before normalising.
    private var decoded: [String: [String]] = [:]

    init(_ body: String) {
        var decoded: [String: [String]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            decoded[Self.decode(parts[0]), default: []].append(parts.count > 1 ? Self.decode(parts[1]) : "")
        }
        self.init(values: decoded)
    }

    /// Values already decoded (the text parts of a multipart form).
    init(values: [String: [String]]) {
        self.decoded = values
        self.values = values.mapValues { $0.map(VietnameseText.normalized) }
    }

    /// A multi-line value (a textarea): each line normalised like a field,
    /// line breaks kept (CRLF as LF), blank lines at either end dropped.
    func text(_ key: String) -> String {
        let raw = (decoded[key]?.first ?? "").replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return raw.split(separator: "\n", omittingEmptySubsequences: false).map { VietnameseText.normalized(String($0)) }
            .joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    /// Reads and parses the body of a form post (at most the context's upload size).
    static func from(_ request: Request, context: some RequestContext) async throws -> FormData {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return FormData(String(buffer: buffer))
    }

    /// The query string of a request, decoded as a browser's GET form encodes it (`+` is a space).
    static func query(of request: Request) -> FormData {
        FormData(request.uri.query ?? "")
    }

    subscript(_ key: String) -> String { values[key]?.first ?? "" }

    /// The value, or nil when empty.
    func optional(_ key: String) -> String? {
        let value = self[key]
        return value.isEmpty ? nil : value
    }

    func all(_ key: String) -> [String] { values[key] ?? [] }

    /// The value exactly as sent (decoded, not normalised): what the API's checks read.
    func raw(_ key: String) -> String? { decoded[key]?.first }

    private static func decode(_ text: Substring) -> String {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
    }
}
