import Foundation

/// An option of a select list or a checkbox group.
struct FormOption: Sendable {
    var value: String
    var label: String
    var selected: Bool
}

/// Values typed into a form and the messages beside its fields: a form shown
/// again after a mistake keeps everything the user typed.
struct FormState: Sendable {
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
