import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads the first sheet of an .xlsx file as rows of cell texts, with the limits an upload
/// needs: the bytes must be a zip holding a workbook, the parts unpacked may not exceed
/// ``maxUnpackedBytes`` (a zip bomb is refused before and while it unpacks), and the XML is
/// read by Foundation's parser, never by scanning text.
enum XLSXReader {
    enum Problem: Error, Equatable {
        /// Not a zip, or a zip without a workbook (a file renamed .xlsx).
        case notWorkbook
        /// Unpacks to more than the limit.
        case tooLarge
    }

    static let maxUnpackedBytes = 30 * 1024 * 1024

    /// A cell's text, and whether the sheet stores it as a number (a date is a number too):
    /// "800.000" typed as text is eight hundred thousand, 800.5 stored as a number is not.
    struct Cell: Sendable, Equatable {
        var text: String
        var isNumber: Bool
    }

    /// The first sheet's rows, by row number from 1, each cell's text by column from 0 (a
    /// shared or inline string's text, a number's or a date serial's digits as written).
    static func rows(_ data: Data) throws(Problem) -> [Int: [Int: Cell]] {
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]), let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil) else { throw .notWorkbook }
        let entries = Array(archive)
        guard entries.contains(where: { $0.path == "xl/workbook.xml" }),
              let sheet = entries.filter({ $0.path.hasPrefix("xl/worksheets/") && $0.path.hasSuffix(".xml") }).map(\.path).sorted(by: sheetOrder).first
        else { throw .notWorkbook }
        // The sizes the headers declare, added without overflowing (a zip64 header may declare 2^64 bytes).
        var declared: UInt64 = 0
        for entry in entries {
            let (sum, overflow) = declared.addingReportingOverflow(entry.uncompressedSize)
            guard !overflow, sum <= UInt64(maxUnpackedBytes) else { throw .tooLarge }
            declared = sum
        }
        var budget = maxUnpackedBytes
        func unpack(_ path: String) throws(Problem) -> Data? {
            guard let entry = entries.first(where: { $0.path == path }) else { return nil }
            var bytes = Data()
            do {
                // The sizes in the headers may lie: the bytes are counted as they come.
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    budget -= chunk.count
                    guard budget >= 0 else { throw Problem.tooLarge }
                    bytes.append(chunk)
                }
            } catch let problem as Problem { throw problem } catch { throw .notWorkbook }
            // A workbook's parts never declare a document type: one that does may define entities that expand.
            guard bytes.range(of: Data("<!DOCTYPE".utf8)) == nil, bytes.range(of: Data("<!ENTITY".utf8)) == nil else { throw .notWorkbook }
            return bytes
        }
        let shared = try unpack("xl/sharedStrings.xml").map { SharedStrings.read($0) } ?? []
        guard let sheetData = try unpack(sheet), let rows = SheetCells.read(sheetData, shared: shared) else { throw .notWorkbook }
        return rows
    }

    /// `sheet2.xml` before `sheet10.xml`.
    private static func sheetOrder(_ a: String, _ b: String) -> Bool {
        func number(_ path: String) -> Int { Int(path.filter(\.isNumber)) ?? .max }
        return number(a) < number(b)
    }

    /// The column index of a reference ("C7" → 2); -1 for one that names no column (at most XFD).
    static func column(_ reference: String) -> Int {
        let letters = reference.unicodeScalars.prefix { $0.properties.isAlphabetic }
        guard (1...3).contains(letters.count), letters.allSatisfy({ ("A"..."Z").contains($0) }) else { return -1 }
        return letters.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
    }

    /// The strings of `sharedStrings.xml`: each `<si>`'s runs of `<t>` joined.
    private final class SharedStrings: NSObject, XMLParserDelegate {
        var strings: [String] = []
        var current: String?
        var inText = false

        static func read(_ data: Data) -> [String] {
            let reader = SharedStrings()
            let parser = XMLParser(data: data)
            parser.delegate = reader
            _ = parser.parse()
            return reader.strings
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "si" { current = "" } else if name == "t" { inText = true }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { current? += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "t" { inText = false } else if name == "si" { strings.append(current ?? ""); current = nil }
        }
    }

    /// The cells of a worksheet.
    private final class SheetCells: NSObject, XMLParserDelegate {
        let shared: [String]
        var rows: [Int: [Int: Cell]] = [:]
        var row = 0
        var cell: (column: Int, type: String)?
        var text: String?

        init(shared: [String]) { self.shared = shared }

        static func read(_ data: Data, shared: [String]) -> [Int: [Int: Cell]]? {
            let reader = SheetCells(shared: shared)
            let parser = XMLParser(data: data)
            parser.delegate = reader
            return parser.parse() ? reader.rows : nil
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "row": row = Int(attributes["r"] ?? "") ?? row + 1
            case "c":
                let column = attributes["r"].map(XLSXReader.column) ?? (rows[row]?.keys.max().map { $0 + 1 } ?? 0)
                cell = (column, attributes["t"] ?? "n")
            case "v", "t": if cell != nil { text = text ?? "" }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if text != nil { text? += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard name == "c", let cell else { return }
            var value = text ?? ""
            if cell.type == "s" { value = Int(value).flatMap { $0 < shared.count ? shared[$0] : nil } ?? "" }
            if cell.type == "b" { value = value == "1" ? "TRUE" : "FALSE" }
            if !value.isEmpty && cell.column >= 0 { rows[row, default: [:]][cell.column] = Cell(text: value, isNumber: cell.type == "n") }
            self.cell = nil
            text = nil
        }
    }
}
