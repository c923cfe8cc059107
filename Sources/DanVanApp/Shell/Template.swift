import DanVanDomain
import Foundation

/// A page template in the mustache language (Resources/templates), parsed once at start.
///
/// DanVan renders its own templates rather than through swift-mustache: measured on the
/// letters list under load (hardening issue), that engine's look-ups cast every value from
/// `Any` at each tag and each level of the section stack, and it escaped text one
/// `Character` at a time through a dictionary; together 60% of the server's CPU. Here a
/// value is a ``TemplateValue`` (no casts) and text is escaped over its UTF-8 bytes.
///
/// The language is the part of mustache the templates use: `{{name}}` (escaped),
/// `{{{name}}}` and `{{&name}}` (as is), dotted names and `{{.}}`, sections `{{#name}}`
/// and inverted sections `{{^name}}`, partials `{{>name}}`, a parent `{{<layout}}` with
/// blocks `{{$content}}…{{/content}}`, comments `{{! …}}`; a tag alone on its line takes
/// the line with it, as the mustache specification says.
struct Template: Sendable {
    /// A dotted name, possibly inside one of the engine's functions: `{{count(children)}}`,
    /// `{{^empty(rows)}}`, `{{^equalzero(historyCount)}}`, and `{{date(form.values.on_date)}}`
    /// (an ISO date as dd/mm/yyyy for a date field; what a person typed, as typed).
    struct Name: Sendable {
        enum Function: String, Sendable { case count, empty, equalzero, date }
        var path: [String]
        var function: Function?
    }

    indirect enum Node: Sendable {
        case text(String)
        case variable(Name, escaped: Bool)
        case section(Name, inverted: Bool, body: [Node])
        case partial(name: String)
        case parent(name: String, blocks: [String: [Node]])
        case block(name: String, body: [Node])
    }

    let nodes: [Node]

    init(nodes: [Node]) {
        self.nodes = nodes
    }

    /// A template that cannot be read, with the line of the problem.
    struct Problem: Error, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "line \(line): \(message)" }
    }

    init(_ source: String) throws {
        nodes = try Self.tree(Self.standaloneLinesRemoved(Self.pieces(source)))
    }

    // MARK: Parsing

    /// A run of text or one tag, with the line it starts on.
    private enum Piece {
        case text(String)
        case tag(sigil: Character?, name: String, line: Int)
    }

    /// The pieces of the source; a text piece never holds a newline except at its end.
    private static func pieces(_ source: String) throws -> [Piece] {
        var pieces: [Piece] = []
        var rest = source[...]
        var line = 1
        func addText(_ text: Substring) {
            var text = text
            while let newline = text.firstIndex(where: \.isNewline) {
                pieces.append(.text(String(text[...newline])))
                text = text[text.index(after: newline)...]
                line += 1
            }
            if !text.isEmpty { pieces.append(.text(String(text))) }
        }
        while let open = rest.range(of: "{{") {
            addText(rest[..<open.lowerBound])
            let triple = rest[open.upperBound...].hasPrefix("{")
            let closing = triple ? "}}}" : "}}"
            let start = triple ? rest.index(after: open.upperBound) : open.upperBound
            guard let close = rest[start...].range(of: closing) else { throw Problem(line: line, message: "unclosed tag") }
            var content = rest[start..<close.lowerBound].trimmingCharacters(in: .whitespaces)[...]
            var sigil: Character? = triple ? "&" : nil
            if !triple, let first = content.first, "#^/>&!<$".contains(first) {
                sigil = first
                content = content.dropFirst()
            }
            if sigil != "!" && content.contains("\n") { throw Problem(line: line, message: "a tag spans lines") }
            pieces.append(.tag(sigil: sigil, name: content.trimmingCharacters(in: .whitespaces), line: line))
            line += rest[start..<close.lowerBound].filter { $0 == "\n" }.count
            rest = rest[close.upperBound...]
        }
        addText(rest)
        return pieces
    }

    /// Drops the whitespace and the newline of a line that holds nothing but one section,
    /// closing, partial, parent, block or comment tag.
    private static func standaloneLinesRemoved(_ pieces: [Piece]) -> [Piece] {
        var result: [Piece] = []
        var line: [Piece] = []
        func flush() {
            let tags = line.compactMap { piece -> Character?? in
                if case .tag(let sigil, _, _) = piece { return sigil }
                return nil
            }
            let blank = line.allSatisfy { piece in
                if case .text(let text) = piece { return text.allSatisfy { $0 == " " || $0 == "\t" || $0.isNewline } }
                return true
            }
            if tags.count == 1, blank, let sigil = tags[0], "#^/>!<$".contains(sigil) {
                result += line.filter { if case .tag = $0 { return true } else { return false } }
            } else {
                result += line
            }
            line = []
        }
        for piece in pieces {
            line.append(piece)
            if case .text(let text) = piece, text.last?.isNewline == true { flush() }
        }
        flush()
        return result
    }

    /// The nested nodes of the pieces: each section, parent and block closed by its name.
    private static func tree(_ pieces: [Piece]) throws -> [Node] {
        var index = 0
        func parse(until closing: String?) throws -> [Node] {
            var nodes: [Node] = []
            while index < pieces.count {
                let piece = pieces[index]
                index += 1
                switch piece {
                case .text(let text):
                    nodes.append(.text(text))
                case .tag(let sigil, let name, let line):
                    switch sigil {
                    case "!":
                        continue
                    case "/":
                        guard name == closing else { throw Problem(line: line, message: "{{/\(name)}} closes nothing open") }
                        return nodes
                    case "#", "^":
                        nodes.append(.section(try parsedName(name, line: line), inverted: sigil == "^", body: try parse(until: name)))
                    case ">":
                        nodes.append(.partial(name: name))
                    case "$":
                        nodes.append(.block(name: name, body: try parse(until: name)))
                    case "<":
                        // Inside a parent only the blocks count: they replace the parent's blocks of the same name.
                        var blocks: [String: [Node]] = [:]
                        for case .block(let block, let body) in try parse(until: name) { blocks[block] = body }
                        nodes.append(.parent(name: name, blocks: blocks))
                    default:
                        nodes.append(.variable(try parsedName(name, line: line), escaped: sigil != "&"))
                    }
                }
            }
            if let closing { throw Problem(line: pieces.count, message: "{{#\(closing)}} is never closed") }
            return nodes
        }
        func parsedName(_ name: String, line: Int) throws -> Name {
            var name = name[...]
            var function: Name.Function?
            if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                guard let known = Name.Function(rawValue: String(name[..<open])) else { throw Problem(line: line, message: "unknown function in \(name)") }
                function = known
                name = name[name.index(after: open)..<name.index(before: name.endIndex)]
            }
            if name == "." { return Name(path: [], function: function) }
            let path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !path.contains(where: \.isEmpty) else { throw Problem(line: line, message: "bad name \(name)") }
            return Name(path: path, function: function)
        }
        return try parse(until: nil)
    }
}

/// The templates of a folder by name (`letters/letters_index`), rendered with a value.
struct TemplateLibrary: Sendable {
    let templates: [String: Template]

    init(templates: [String: Template]) {
        self.templates = templates
    }

    /// Every `.mustache` file under `folder`, named by its path without the extension.
    init(folder: URL) throws {
        var templates: [String: Template] = [:]
        let root = folder.standardizedFileURL.path + "/"
        for case let file as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) ?? .init() where file.pathExtension == "mustache" {
            let name = String(file.standardizedFileURL.deletingPathExtension().path.dropFirst(root.count))
            do {
                templates[name] = try Template(String(contentsOf: file, encoding: .utf8))
            } catch {
                throw Template.Problem(line: 0, message: "\(name).mustache: \(error)")
            }
        }
        self.templates = templates
    }

    /// The templates the product ships (Resources/templates).
    static func shipped() throws -> TemplateLibrary {
        guard let folder = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") else {
            throw AppError(.internalServerError, code: "missing_templates")
        }
        return try TemplateLibrary(folder: folder)
    }

    /// The same templates with each variable tag of `root` (a value every page has at its root,
    /// the same for all of them: `t`, the words of one language) written in as the text it gives,
    /// escaped as the tag says. A list of 50 letters asks for 10 words a row; resolved here once,
    /// they are not looked up through the row, the page and the root at every render (measured:
    /// name look-ups were half the rendering of the letters list). The root name is the root's
    /// alone: no page model has a field of that name.
    func fixing(_ root: String, to value: TemplateValue) -> TemplateLibrary {
        let stack: [TemplateValue] = [.object([root: value])]
        func fix(_ nodes: [Template.Node]) -> [Template.Node] {
            var fixed: [Template.Node] = []
            for node in nodes {
                var replacement = node
                switch node {
                case .variable(let name, let escaped) where name.function == nil && name.path.first == root:
                    if case .text(let text)? = Self.lookUp(name, in: stack) {
                        var output = ""
                        if escaped { TemplateValue.text(text).appendEscaped(to: &output) } else { output = text }
                        replacement = .text(output)
                    }
                case .section(let name, let inverted, let body): replacement = .section(name, inverted: inverted, body: fix(body))
                case .parent(let name, let blocks): replacement = .parent(name: name, blocks: blocks.mapValues(fix))
                case .block(let name, let body): replacement = .block(name: name, body: fix(body))
                case .text, .variable, .partial: break
                }
                // Text next to text is one piece.
                if case .text(let text) = replacement, case .text(let before)? = fixed.last {
                    fixed[fixed.count - 1] = .text(before + text)
                } else {
                    fixed.append(replacement)
                }
            }
            return fixed
        }
        return TemplateLibrary(templates: templates.mapValues { Template(nodes: fix($0.nodes)) })
    }

    /// The template `name` rendered with `value`; nil when there is no such template.
    func render(_ value: TemplateValue, template name: String) -> String? {
        guard let template = templates[name] else { return nil }
        var output = ""
        output.reserveCapacity(32 * 1024)
        var stack = [value]
        render(template.nodes, stack: &stack, blocks: [:], into: &output)
        return output
    }

    /// Renders `nodes` with `stack`, the values of the sections around them (innermost last);
    /// a section pushes its value and pops it after, so no list is copied per item.
    private func render(_ nodes: [Template.Node], stack: inout [TemplateValue], blocks: [String: [Template.Node]], into output: inout String) {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .variable(let name, let escaped):
                guard let value = Self.lookUp(name, in: stack) else { continue }
                if escaped { value.appendEscaped(to: &output) } else { output += value.text }
            case .section(let name, let inverted, let body):
                let value = Self.lookUp(name, in: stack)
                if inverted {
                    if value?.isEmpty ?? true { render(body, stack: &stack, blocks: blocks, into: &output) }
                    continue
                }
                switch value {
                case nil, .flag(false): break
                case .flag(true): render(body, stack: &stack, blocks: blocks, into: &output)
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(body, stack: &stack, blocks: blocks, into: &output)
                        stack.removeLast()
                    }
                case let value?:
                    stack.append(value)
                    render(body, stack: &stack, blocks: blocks, into: &output)
                    stack.removeLast()
                }
            case .partial(let name):
                if let template = templates[name] { render(template.nodes, stack: &stack, blocks: blocks, into: &output) }
            case .parent(let name, let overrides):
                // The outermost override of a block wins.
                if let template = templates[name] {
                    render(template.nodes, stack: &stack, blocks: blocks.merging(overrides) { outer, _ in outer }, into: &output)
                }
            case .block(let name, let body):
                render(blocks[name] ?? body, stack: &stack, blocks: blocks, into: &output)
            }
        }
    }

    /// The value a name stands for, through its function if it has one.
    static func lookUp(_ name: Template.Name, in stack: [TemplateValue]) -> TemplateValue? {
        let value = lookUp(name.path, in: stack)
        switch (name.function, value) {
        case (nil, _): return value
        case (.count, .list(let items)?): return .text(String(items.count))
        case (.empty, .list(let items)?): return .flag(items.isEmpty)
        case (.empty, .object(let fields)?): return .flag(fields.isEmpty)
        case (.empty, .text(let text)?): return .flag(text.isEmpty)
        case (.equalzero, .text(let text)?): return .flag(Int(text) == 0)
        case (.date, .text(let text)?): return .text(CivilDate(iso: text).map(VietnameseFormat.date) ?? text)
        default: return nil
        }
    }

    /// The value a path stands for: its first part looked up from the innermost section out,
    /// the rest inside what that found; `[]` (the tag `{{.}}`) is the innermost value.
    static func lookUp(_ path: [String], in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = path.first else { return stack.last }
        for value in stack.reversed() {
            guard case .object(let fields) = value, let found = fields[first] else { continue }
            var current = found
            for name in path.dropFirst() {
                guard case .object(let inner) = current, let next = inner[name] else { return nil }
                current = next
            }
            return current
        }
        return nil
    }
}
