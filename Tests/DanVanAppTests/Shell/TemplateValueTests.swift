import Foundation
import Testing
@testable import DanVanApp

/// The templates' engine: page models made into template values through `Encodable`, and
/// the part of the mustache language the templates use, rendered as the specification says.
@Suite("Templates")
struct TemplateValueTests {
    struct Row: Sendable, Encodable { var name: String; var count: Int64; var share: Double; var id: UUID; var note: String? }
    struct Page: Sendable, Encodable { var title: String; var rows: [Row]; var empty: [Row]; var flag: Bool; var missing: String?; var nested: Row? }

    static func render(_ source: String, _ value: TemplateValue, partials: [String: String] = [:]) throws -> String {
        var templates = try partials.mapValues { try Template($0) }
        templates["page"] = try Template(source)
        return try #require(TemplateLibrary(templates: templates).render(value, template: "page"))
    }

    @Test("a page model becomes fields, lists, text and yes/no; a nil field is left out so its name reads the sections around it")
    func pageModels() throws {
        let id = UUID()
        let page = Page(title: "Đơn thư", rows: [Row(name: "Ia Le", count: 1_635, share: 85.48, id: id, note: nil),
                                                Row(name: "Ia Hrú", count: 2, share: 0.5, id: id, note: "mới")],
                        empty: [], flag: true, missing: nil, nested: Row(name: "Chư Pưh", count: 9, share: 1, id: id, note: nil))
        let template = """
            {{title}}|{{#rows}}{{name}}:{{count}}:{{share}}:{{id}}:{{#note}}[{{note}}]{{/note}}{{^note}}-{{/note}}:{{title}};{{/rows}}\
            |{{^empty}}none{{/empty}}|{{#flag}}yes{{/flag}}|{{missing}}|{{#nested}}{{name}}{{/nested}}|{{nested.count}}
            """
        let html = try Self.render(template, .of(page))
        #expect(html == "Đơn thư|Ia Le:1635:85.48:\(id.uuidString):-:Đơn thư;Ia Hrú:2:0.5:\(id.uuidString):[mới]:Đơn thư;|none|yes||Chư Pưh|9")
        guard case .object(let fields) = TemplateValue.of(page) else { Issue.record("a struct is fields"); return }
        #expect(fields["missing"] == nil)
        #expect(fields["flag"] == .flag(true))
        #expect(TemplateValue.of(["a": "1"]) == .object(["a": .text("1")]))
    }

    @Test("numbers of every width print as their digits, in fields and in lists")
    func numbers() throws {
        struct Widths: Encodable { var small: Int32; var byte: UInt8; var ratio: Float; var list: [Int16]; var bytes: [UInt8] }
        let value = TemplateValue.of(Widths(small: 7, byte: 255, ratio: 0.5, list: [1, 2], bytes: [3]))
        #expect(try Self.render("{{small}}|{{byte}}|{{ratio}}|{{#list}}{{.}};{{/list}}|{{#bytes}}{{.}}{{/bytes}}", value) == "7|255|0.5|1;2;|3")
    }

    @Test("text is escaped for HTML (< > & \" ') unless the tag is triple or &; Vietnamese passes as it is")
    func escaping() throws {
        let value = TemplateValue.object(["x": .text("<a href=\"x\">Tú & 'Lan'</a> — Đắk Lắk")])
        #expect(try Self.render("{{x}}", value) == "&lt;a href=&quot;x&quot;&gt;Tú &amp; &#39;Lan&#39;&lt;/a&gt; — Đắk Lắk")
        #expect(try Self.render("{{{x}}}|{{& x}}", value) == "<a href=\"x\">Tú & 'Lan'</a> — Đắk Lắk|<a href=\"x\">Tú & 'Lan'</a> — Đắk Lắk")
    }

    @Test("sections: false, an empty list and a missing name render nothing; true renders once; a list once per item; {{.}} is the item")
    func sections() throws {
        let value = TemplateValue.object(["no": .flag(false), "yes": .flag(true), "none": .list([]), "items": .list([.text("a"), .text("b")]),
                                          "outer": .text("O"), "inner": .object(["name": .text("I")])])
        #expect(try Self.render("{{#no}}x{{/no}}{{#none}}x{{/none}}{{#absent}}x{{/absent}}|{{#yes}}{{outer}}{{/yes}}|{{#items}}<{{.}}>{{/items}}", value) == "|O|<a><b>")
        #expect(try Self.render("{{^no}}1{{/no}}{{^none}}2{{/none}}{{^absent}}3{{/absent}}{{^yes}}4{{/yes}}{{^items}}5{{/items}}", value) == "123")
        #expect(try Self.render("{{#inner}}{{name}}{{outer}}{{/inner}}|{{inner.name}}|{{inner.outer}}", value) == "IO|I|")
        #expect(try Self.render("{{count(items)}}|{{^empty(items)}}some{{/empty(items)}}|{{^empty(none)}}some{{/empty(none)}}|{{#equalzero(zero)}}0{{/equalzero(zero)}}",
                                .object(["items": .list([.text("a")]), "none": .list([]), "zero": .text("0")])) == "1|some||0")
        #expect(try Self.render("{{date(iso)}}|{{date(typed)}}", .object(["iso": .text("2026-03-16"), "typed": .text("16032026")])) == "16/03/2026|16032026")
    }

    @Test("a tag alone on its line takes the line with it; tags among text keep the text's lines")
    func standaloneLines() throws {
        let source = "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n</ul>\n{{! a note }}\nend {{#items}}{{.}}{{/items}}\n"
        #expect(try Self.render(source, .object(["items": .list([.text("a"), .text("b")])])) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\nend ab\n")
    }

    @Test("partials render with the same values; a parent's blocks are replaced by the page's, the outermost override winning")
    func partialsAndParents() throws {
        let partials = ["layout": "<main>{{$content}}default{{/content}}</main>{{$footer}}F{{/footer}}", "item": "[{{name}}]"]
        let html = try Self.render("{{<layout}}{{$content}}{{#rows}}{{> item}}{{/rows}}{{/content}}{{/layout}}",
                                   .object(["rows": .list([.object(["name": .text("Ia Le")])])]), partials: partials)
        #expect(html == "<main>[Ia Le]</main>F")
    }

    @Test("the words written into the templates beforehand render as looking them up would, in sections, partials and blocks, escaped or not")
    func fixedWords() throws {
        let words = TemplateValue.object(["code": .text("Số đơn"), "amp": .text("Đơn & thư <mới>"), "nested": .object(["x": .text("X")])])
        let templates = try [
            "layout": "<main>{{$content}}{{t.code}}{{/content}}</main>",
            "item": "<td data-label=\"{{t.code}}\">{{name}}</td>{{{t.amp}}}|{{t.amp}}",
            "page": "{{<layout}}{{$content}}{{#rows}}{{> item}}{{t.nested.x}}{{/rows}}{{^rows}}{{t.code}}{{/rows}}{{t.missing}}{{/content}}{{/layout}}",
        ].mapValues { try Template($0) }
        let library = TemplateLibrary(templates: templates)
        for rows: TemplateValue in [.list([.object(["name": .text("Ia Le")]), .object(["name": .text("Ia Hrú")])]), .list([])] {
            let value = TemplateValue.object(["t": words, "rows": rows])
            let looked = try #require(library.render(value, template: "page"))
            let fixed = try #require(library.fixing("t", to: words).render(.object(["rows": rows]), template: "page"))
            #expect(fixed == looked)
        }
        #expect(library.fixing("t", to: words).render(.object(["rows": .list([.object(["name": .text("A")])])]), template: "page")
                == "<main><td data-label=\"Số đơn\">A</td>Đơn & thư <mới>|Đơn &amp; thư &lt;mới&gt;X</main>")
    }

    @Test("a template that cannot be read is refused when the templates load, naming the line")
    func badTemplates() {
        #expect(throws: Template.Problem.self) { try Template("{{#rows}}\nx") }
        #expect(throws: Template.Problem.self) { try Template("{{/rows}}") }
        #expect(throws: Template.Problem.self) { try Template("{{name") }
        #expect(throws: Template.Problem.self) { try Template("{{#size(rows)}}{{/size(rows)}}") }
    }

    @Test("every shipped template loads")
    func shippedTemplatesLoad() throws {
        let library = try TemplateLibrary.shipped()
        #expect(library.templates["layout"] != nil)
        #expect(library.templates["letters/letters_index"] != nil)
        #expect(library.templates.count >= 28)
    }
}
