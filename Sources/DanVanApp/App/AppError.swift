import Hummingbird

/// An error a user is shown: an HTTP status, a stable code for the API, and a
/// catalogue key for the Vietnamese (or English) message.
public struct AppError: Error, Sendable {
    public var status: HTTPResponse.Status
    /// Stable, machine-readable code (`not_found`, `validation_failed` …).
    public var code: String
    /// Catalogue key of the message.
    public var messageKey: String
    /// Values substituted for `{0}`, `{1}` … in the message.
    public var arguments: [String]

    public init(_ status: HTTPResponse.Status, code: String, messageKey: String? = nil, arguments: [String] = []) {
        self.status = status
        self.code = code
        self.messageKey = messageKey ?? "error_\(code)"
        self.arguments = arguments
    }

    /// A record that does not exist or lies outside the caller's scope: the same answer for both.
    public static let notFound = AppError(.notFound, code: "not_found")
    public static let forbidden = AppError(.forbidden, code: "forbidden")
    public static let unauthorized = AppError(.unauthorized, code: "unauthorized")
    public static let badID = AppError(.notFound, code: "not_found", messageKey: "error_bad_id")
    public static let csrf = AppError(.forbidden, code: "csrf_failed")
}

/// Field-by-field problems with a submitted form; the form is shown again with
/// what the user typed and these messages beside the fields.
public struct ValidationError: Error, Sendable {
    /// Field name → catalogue key of the message.
    public var fields: [String: String]
    public init(_ fields: [String: String]) { self.fields = fields }
    public var isEmpty: Bool { fields.isEmpty }
}
