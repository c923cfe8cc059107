import Foundation

/// Interface languages: Vietnamese first, English second.
public enum Language: String, Sendable, CaseIterable {
    case vi, en
}

/// The string catalogues (Resources/strings/vi.json and en.json). A key missing
/// from English falls back to Vietnamese; a key missing from both shows itself,
/// and a test checks that none is missing.
public struct StringCatalogue: Sendable {
    let tables: [Language: [String: String]]

    static func shipped() throws -> StringCatalogue {
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Resources/strings") else {
                throw AppError(.internalServerError, code: "missing_strings")
            }
            tables[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        }
        let vietnamese = tables[.vi] ?? [:]
        tables[.en] = vietnamese.merging(tables[.en] ?? [:]) { _, english in english }
        return StringCatalogue(tables: tables)
    }

    /// The table a page renders with (`{{t.key}}` in templates).
    func table(_ language: Language) -> [String: String] { tables[language] ?? [:] }

    /// The message of a key the catalogue has, or nil (for keys that come from a URL).
    func knownText(_ key: String, _ language: Language) -> String? {
        tables[language]?[key] == nil ? nil : text(key, language)
    }

    /// One message, with `{0}`, `{1}` … replaced by the arguments.
    func text(_ key: String, _ language: Language, _ arguments: [String] = []) -> String {
        var text = tables[language]?[key] ?? tables[.vi]?[key] ?? key
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return text
    }
}
