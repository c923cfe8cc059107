import Foundation
import Mustache
import Testing
@testable import DanVanApp

/// Pages render from dictionaries made once; they must render exactly as the structs did.
@Suite("Template values")
struct TemplateValueTests {
    struct Row: Sendable { var name: String; var count: Int64; var share: Double; var id: UUID; var note: String? }
    struct Page: Sendable { var title: String; var rows: [Row]; var empty: [Row]; var flag: Bool; var missing: String?; var nested: Row? }

    static let template = """
        {{title}}|{{#rows}}{{name}}:{{count}}:{{share}}:{{id}}:{{#note}}[{{note}}]{{/note}}{{^note}}-{{/note}}:{{title}};{{/rows}}\
        |{{^empty}}none{{/empty}}|{{#flag}}yes{{/flag}}|{{missing}}|{{#nested}}{{name}}{{/nested}}|{{nested.count}}
        """

    @Test("a page renders the same from its dictionaries as from its structs: fields, numbers, arrays, nil fields, names of enclosing sections")
    func sameOutput() throws {
        let id = UUID()
        let page = Page(title: "Đơn thư", rows: [Row(name: "Ia Le", count: 1_635, share: 85.48, id: id, note: nil),
                                                Row(name: "Ia Hrú", count: 2, share: 0.5, id: id, note: "mới")],
                        empty: [], flag: true, missing: nil, nested: Row(name: "Chư Pưh", count: 9, share: 1, id: id, note: nil))
        let template = try MustacheTemplate(string: Self.template)
        let fromStructs = template.render(page)
        let fromDictionaries = template.render(TemplateValue.of(page))
        #expect(fromDictionaries == fromStructs)
        #expect(fromDictionaries.contains("Ia Le:1635:85.48:\(id.uuidString):-:Đơn thư;"))
    }
}
