import Foundation
import Hummingbird
import Logging

/// Turns errors into answers a person can read: a Vietnamese page for the
/// browser, one JSON shape with a stable code for the API. Unknown errors are
/// logged and answered with a plain 500 that reveals nothing.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: PageRenderer

    struct ErrorPage: Sendable, Encodable {
        var status: Int
        var message: String
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let appError = Self.appError(from: error, context: context)
            let isAPI = request.uri.path.hasPrefix(SiteURL.Pattern.apiPrefix)
            if isAPI { return APIError.response(appError, catalogue: renderer.catalogue, language: context.language) }
            if appError.status == .unauthorized {
                let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                return .redirect(to: SiteURL.login(next: request.method == .get ? next : nil).path, type: .found)
            }
            let message = renderer.catalogue.text(appError.messageKey, context.language, appError.arguments)
            return renderer.render("error", titleKey: "error_title", page: ErrorPage(status: Int(appError.status.code), message: message),
                                   context: context, status: appError.status)
        }
    }

    static func appError(from error: any Error, context: Context) -> AppError {
        switch error {
        case let error as AppError:
            return error
        case is ValidationError:
            return AppError(.unprocessableContent, code: "validation_failed")
        case let error as HTTPError:
            switch error.status {
            case .notFound: return .notFound
            case .contentTooLarge: return AppError(.contentTooLarge, code: "too_large")
            case .methodNotAllowed: return AppError(.methodNotAllowed, code: "method_not_allowed")
            default: return AppError(error.status, code: "bad_request")
            }
        default:
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return AppError(.internalServerError, code: "internal")
        }
    }
}

/// The API's one error shape: `{"error": {"code": "...", "message": "..."}}`.
enum APIError {
    struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var fields: [String: String]?
        }
        var error: Detail
    }

    static func response(_ error: AppError, fields: [String: String]? = nil, catalogue: StringCatalogue, language: Language) -> Response {
        let body = Body(error: .init(code: error.code, message: catalogue.text(error.messageKey, language, error.arguments), fields: fields))
        return JSONResponse.make(body, status: error.status)
    }
}

/// Encodes a value as a JSON response (sorted keys, ISO dates).
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // The API's one naming convention: Swift's camelCase properties are snake_case keys ("unitID" → "unit_id").
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
