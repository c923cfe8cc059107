/// The kinds of file a letter may carry (PDF, JPEG, PNG, Word, Excel, OpenDocument text,
/// plain text), told from the file's own bytes, never from what the sender's browser
/// declared. SVG, HTML, scripts and programs are none of them.
public enum FileKind: String, Sendable, CaseIterable {
    case pdf, jpeg, png
    /// Word and Excel before 2007 (an OLE2 compound file; its name says which).
    case word97, excel97
    case docx, xlsx
    /// OpenDocument text (LibreOffice Writer).
    case odt
    case text

    /// The type it is stored and served with.
    public var mimeType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .word97: "application/msword"
        case .excel97: "application/vnd.ms-excel"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .text: "text/plain; charset=utf-8"
        }
    }

    /// The file names' extensions of each kind.
    public var extensions: Set<String> {
        switch self {
        case .pdf: ["pdf"]
        case .jpeg: ["jpg", "jpeg"]
        case .png: ["png"]
        case .word97: ["doc"]
        case .excel97: ["xls"]
        case .docx: ["docx"]
        case .xlsx: ["xlsx"]
        case .odt: ["odt"]
        case .text: ["txt"]
        }
    }

    /// The kind of a file from its bytes and its name's extension: nil unless the bytes are
    /// of a kind DanVan keeps and the extension is one of that kind's (an SVG named `.png`,
    /// a web page named `.txt`, a PDF named `.docx` are all refused).
    public static func of(_ bytes: [UInt8], filename: String) -> FileKind? {
        let name = filename.lowercased()
        let ext = name.contains(".") ? String(name[name.index(after: name.lastIndex(of: ".")!)...]) : ""
        guard let kind = sniff(bytes, extension: ext), kind.extensions.contains(ext) else { return nil }
        return kind
    }

    /// What the bytes are; for an OLE2 file, which of Word or Excel the extension names.
    static func sniff(_ bytes: [UInt8], extension ext: String) -> FileKind? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return ext == "xls" ? .excel97 : .word97 }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return zipped(bytes) }
        return isPlainText(bytes) ? .text : nil
    }

    /// An Office Open XML or OpenDocument package: a ZIP whose entries say which.
    static func zipped(_ bytes: [UInt8]) -> FileKind? {
        // OpenDocument stores its `mimetype` entry first and uncompressed (ISO/IEC 26300 §17.4).
        let odt = Array("mimetypeapplication/vnd.oasis.opendocument.text".utf8)
        if bytes.count >= 30 + odt.count, Array(bytes[30..<(30 + odt.count)]) == odt { return .odt }
        if contains(bytes, "word/document.xml") { return .docx }
        if contains(bytes, "xl/workbook.xml") { return .xlsx }
        return nil
    }

    /// UTF-8 text without control bytes, that no browser would take for a page or an image:
    /// nothing that starts with `<` (HTML, SVG, XML) and no `<script`, `<svg`, `<html` inside.
    static func isPlainText(_ bytes: [UInt8]) -> Bool {
        guard let text = String(validating: bytes, as: UTF8.self) else { return false }
        let allowedControls: Set<Unicode.Scalar> = ["\n", "\r", "\t"]
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 && !allowedControls.contains($0) || $0.value == 0x7F }) else { return false }
        let start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if start.hasPrefix("<") { return false }
        let lowered = text.lowercased()
        return !["<script", "<svg", "<html", "<!doctype", "<iframe", "<?xml"].contains { lowered.contains($0) }
    }

    private static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0], Array(bytes[index..<(index + needle.count)]) == needle { return true }
            index += 1
        }
        return false
    }
}
