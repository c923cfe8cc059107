import Foundation
import Testing
@testable import DanVanApp

/// Every path is written once, in `SiteURL`: templates take their links from the page
/// model, controllers from `SiteURL`, and a link is built from the pattern the router registers.
@Suite("Typed links: no hard-coded path")
struct TypedLinkTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Sources/DanVanApp").standardizedFileURL

    static func files(_ suffix: String) -> [(name: String, text: String)] {
        (FileManager.default.subpaths(atPath: sources.path) ?? []).filter { $0.hasSuffix(suffix) }.compactMap { name in
            (try? String(contentsOf: sources.appendingPathComponent(name), encoding: .utf8)).map { (name, $0) }
        }
    }

    @Test("no template writes a path in a link, a form action or a source")
    func templatesTakeTheirLinks() throws {
        // A path, or a path glued to a link ("{{unit.href}}/villages").
        let regex = try NSRegularExpression(pattern: #"(href|action|src)="(/|\{\{[^}]*\}\}/)"#)
        let offending = Self.files(".mustache").filter { regex.firstMatch(in: $0.text, range: NSRange($0.text.startIndex..., in: $0.text)) != nil }
        #expect(offending.map(\.name) == [])
        #expect(Self.files(".mustache").count > 20)
    }

    @Test("no Swift file but SiteURL writes an application path")
    func controllersTakeTheirPaths() throws {
        // A quoted absolute path, but a file of the system ("/usr/bin/pg_dump").
        let regex = try NSRegularExpression(pattern: #""/(?!usr/)[a-z]"#)
        let offending = Self.files(".swift").filter { !$0.name.hasSuffix("SiteURL.swift") && !$0.name.hasPrefix("Files/") }
            .filter { regex.firstMatch(in: $0.text, range: NSRange($0.text.startIndex..., in: $0.text)) != nil }
        #expect(offending.map(\.name) == [])
    }

    @Test("links fill the router's patterns")
    func linksFillPatterns() {
        let id = UUID(uuidString: "6A1F3E2C-0000-4000-8000-000000000001")!
        let other = UUID(uuidString: "6A1F3E2C-0000-4000-8000-000000000002")!
        #expect(SiteURL.home.path == "/")
        #expect(SiteURL.letterAttachment(id, other).path == "/letters/6a1f3e2c-0000-4000-8000-000000000001/attachments/6a1f3e2c-0000-4000-8000-000000000002")
        #expect(SiteURL.unit(id, date: "2024-01-01").path == "/units/6a1f3e2c-0000-4000-8000-000000000001?date=2024-01-01")
        #expect(SiteURL.languageChoice(.en).path == "/language?to=en")
        #expect(SiteURL.Pattern.letter.link(id) == SiteURL.letter(id).path)
    }
}
