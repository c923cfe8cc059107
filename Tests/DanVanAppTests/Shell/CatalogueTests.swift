import Foundation
import Testing
@testable import DanVanApp

@Suite("String catalogues")
struct CatalogueTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Sources/DanVanApp/Resources").standardizedFileURL

    @Test func vietnameseAndEnglishHaveTheSameKeys() throws {
        let folder = Self.resources.appendingPathComponent("strings")
        let vi = try StringCatalogue.load(.vi, from: folder)
        let en = try StringCatalogue.load(.en, from: folder)
        #expect(Set(vi.keys).subtracting(en.keys).sorted() == [])
        #expect(Set(en.keys).subtracting(vi.keys).sorted() == [])
    }

    @Test func everyKeyATemplateUsesExists() throws {
        let vi = try StringCatalogue.load(.vi, from: Self.resources.appendingPathComponent("strings"))
        let folder = Self.resources.appendingPathComponent("templates")
        var missing: [String] = []
        for name in FileManager.default.subpaths(atPath: folder.path) ?? [] where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let regex = try NSRegularExpression(pattern: #"\{\{\s*[#^/]?\s*t\.([a-z0-9_]+)"#)
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(match.range(at: 1), in: text)!])
                if vi[key] == nil { missing.append("\(name): \(key)") }
            }
        }
        #expect(missing == [])
    }
}
