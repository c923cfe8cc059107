import DanVanDomain
import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A submitted `multipart/form-data` form: its text fields (as ``FormData``)
/// and its files.
struct MultipartForm: Sendable {
    /// One uploaded file.
    struct File: Sendable {
        var field: String
        var filename: String
        var contentType: String
        var data: [UInt8]
    }

    var fields: FormData
    var files: [File]

    /// The boundary of a multipart request, or nil for any other body.
    static func boundary(of request: Request) -> String? {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in type.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// Parses a collected body. Text parts are normalised like ``FormData``; parts
    /// with a filename are files (an empty file input sends an empty filename: skipped).
    static func parse(_ buffer: ByteBuffer, boundary: String) throws -> MultipartForm {
        let collector = PartCollector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.headers[name.lowercased()] = value }
        parser.onBody = { body in collector.body += body.readBytes(length: body.readableBytes) ?? [] }
        parser.onPartComplete = { collector.finishPart() }
        try parser.execute(buffer)
        return MultipartForm(fields: FormData(values: collector.values), files: collector.files)
    }

    /// Reads and parses a multipart request body of at most `limit` bytes.
    static func from(_ request: Request, limit: Int) async throws -> MultipartForm {
        guard let boundary = boundary(of: request) else { throw AppError(.badRequest, code: "bad_request") }
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        return try parse(buffer, boundary: boundary)
    }
}

/// Gathers the parser's callbacks into fields and files (used on one task only).
private final class PartCollector {
    var headers: [String: String] = [:]
    var body: [UInt8] = []
    var values: [String: [String]] = [:]
    var files: [MultipartForm.File] = []

    func finishPart() {
        defer { headers = [:]; body = [] }
        guard let disposition = headers["content-disposition"], let name = Self.parameter("name", in: disposition) else { return }
        if let filename = Self.parameter("filename", in: disposition) {
            guard !filename.isEmpty else { return }
            let base = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? filename
            files.append(.init(field: name, filename: VietnameseText.normalized(base), contentType: headers["content-type"] ?? "application/octet-stream", data: body))
        } else {
            values[name, default: []].append(String(decoding: body, as: UTF8.self))
        }
    }

    /// A parameter of a Content-Disposition header (`name="x"`).
    static func parameter(_ key: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.replacingOccurrences(of: "\\\"", with: "\"")
        }
        return nil
    }
}

/// Body limits per route: uploads of letters may be larger than other forms.
enum UploadLimits {
    /// The whole body of a letter intake (several attachments of at most 10 MB each).
    static let letterBody = 25 * 1024 * 1024

    /// Whether a request carries attachments checked as letters' are: a letter's intake, a model's
    /// result with its evidence, a document's official file (each file refused beside its field
    /// when too large or of a wrong type).
    static func carriesAttachments(_ request: Request) -> Bool {
        request.method == .post && (request.uri.path == SiteURL.letters.path || SiteURL.Pattern.matches(SiteURL.Pattern.modelResults, request.uri.path)
            || SiteURL.Pattern.matches(SiteURL.Pattern.documentFile, request.uri.path))
    }

    /// The body limit of a request.
    static func limit(for request: Request, default standard: Int) -> Int {
        carriesAttachments(request) ? letterBody : standard
    }

    /// Whether collecting a body failed because it is larger than its limit.
    static func isTooLarge(_ error: any Error) -> Bool {
        (error as? HTTPError)?.status == .contentTooLarge || error is NIOTooManyBytesError
    }

    /// What a too large body is answered with.
    static func tooLarge(_ request: Request) -> AppError {
        carriesAttachments(request)
            ? AppError(.contentTooLarge, code: "attachment_too_large", messageKey: "error_attachment_too_large")
            : AppError(.contentTooLarge, code: "too_large")
    }
}
