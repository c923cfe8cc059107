import Foundation

/// Interface languages: Vietnamese first, English second.
public enum Language: String, Sendable, CaseIterable {
    case vi, en
}

/// The string catalogues (Resources/strings/vi.json and en.json, and the same in a folder per capability). A key missing
/// from English falls back to Vietnamese; a key missing from both shows itself,
/// and a test checks that none is missing.
public struct StringCatalogue: Sendable {
    let tables: [Language: [String: String]]

    static func shipped() throws -> StringCatalogue {
        guard let folder = Bundle.module.url(forResource: "strings", withExtension: nil, subdirectory: "Resources") else {
            throw AppError(.internalServerError, code: "missing_strings")
        }
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            tables[language] = try load(language, from: folder)
        }
        let vietnamese = tables[.vi] ?? [:]
        tables[.en] = vietnamese.merging(tables[.en] ?? [:]) { _, english in english }
        return StringCatalogue(tables: tables)
    }

    /// One language's table: `vi.json` of the shell and `<capability>/vi.json` of each capability.
    /// A key defined in two files is an error, so capabilities cannot overwrite each other.
    static func load(_ language: Language, from folder: URL) throws -> [String: String] {
        let fileName = "\(language.rawValue).json"
        let names = (FileManager.default.subpaths(atPath: folder.path) ?? [])
            .filter { $0 == fileName || $0.hasSuffix("/" + fileName) }
            .sorted()
        var table: [String: String] = [:]
        for name in names {
            let part = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: folder.appendingPathComponent(name)))
            if let repeated = part.keys.first(where: { table[$0] != nil }) {
                throw AppError(.internalServerError, code: "duplicate_string", arguments: [repeated, name])
            }
            table.merge(part) { first, _ in first }
        }
        return table
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
