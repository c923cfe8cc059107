import DanVanDomain
import Foundation
import Hummingbird

/// A submitted `application/x-www-form-urlencoded` form, every value
/// normalised to NFC with outer white space trimmed.
struct FormData: Sendable {
    private(set) var values: [String: [String]] = [:]

    init(_ body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[key, default: []].append(VietnameseText.normalized(value))
        }
    }

    /// Values already decoded (the text parts of a multipart form).
    init(values: [String: [String]]) {
        self.values = values
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

    private static func decode(_ text: Substring) -> String {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
    }
}
