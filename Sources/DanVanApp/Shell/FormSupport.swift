import Hummingbird
import Foundation

/// An option of a select list or a checkbox group.
struct FormOption: Sendable, Encodable {
    var value: String
    var label: String
    var selected: Bool
}

/// Values typed into a form and the messages beside its fields: a form shown
/// again after a mistake keeps everything the user typed.
struct FormState: Sendable, Encodable {
    var values: [String: String] = [:]
    var errors: [String: String] = [:]

    init(values: [String: String] = [:]) {
        self.values = values
    }

    /// Keeps what the user typed, line breaks of a text area included.
    init(_ form: FormData, fields: [String]) {
        for field in fields { values[field] = form.text(field) }
    }

    /// Resolves the validation error's catalogue keys into messages.
    mutating func add(_ error: ValidationError, catalogue: StringCatalogue, language: Language) {
        for (field, key) in error.fields { errors[field] = catalogue.text(key, language) }
    }

    var hasErrors: Bool { !errors.isEmpty }
}

extension Array where Element == Role {
    static func from(_ values: [String]) -> [Role] { values.compactMap(Role.init(rawValue:)) }
}

extension PageRenderer {
    /// Runs a form's action. When the action refuses the input (a ``ValidationError``), the
    /// form is shown again by `showAgain`, with what was typed (`typed`) and the message of
    /// each refused field beside it: the one way a form answers bad input.
    func submit(keeping typed: FormState, context: some PageContext, _ action: () async throws -> Response,
                showAgain: (FormState) async throws -> Response) async throws -> Response {
        do {
            return try await action()
        } catch let error as ValidationError {
            var state = typed
            state.add(error, catalogue: catalogue, language: context.language)
            return try await showAgain(state)
        }
    }
}
