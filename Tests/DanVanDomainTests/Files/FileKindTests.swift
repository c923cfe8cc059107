import DanVanDomain
import Testing

@Suite("File kinds from the bytes, never from the sender's word")
struct FileKindTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16]
    static let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]
    static func zip(_ entry: String) -> [UInt8] { [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 26) + Array(entry.utf8) }

    @Test("each kept kind is told by its bytes and its extension", arguments: [
        (pdf, "don.pdf", FileKind.pdf), (png, "anh.PNG", .png), (jpeg, "anh.jpg", .jpeg), (jpeg, "anh.jpeg", .jpeg),
        (ole, "cu.doc", .word97), (ole, "bang.xls", .excel97),
        (zip("[Content_Types].xml word/document.xml"), "don.docx", .docx), (zip("xl/workbook.xml"), "so.xlsx", .xlsx),
        (zip("mimetypeapplication/vnd.oasis.opendocument.text"), "don.odt", .odt),
        (Array("Kính gửi: Ủy ban nhân dân xã\r\nNội dung đơn.\n".utf8), "don.txt", .text),
    ])
    func keptKinds(_ bytes: [UInt8], _ name: String, _ kind: FileKind) {
        #expect(FileKind.of(bytes, filename: name) == kind)
    }

    @Test("web pages, SVG, scripts, programs and a kind under another's name are refused", arguments: [
        (Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8), "anh.png"),
        (Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), "anh.svg"),
        (Array("<!DOCTYPE html><html><body>Đơn</body></html>".utf8), "don.txt"),
        (Array("  <html>".utf8), "don.txt"),
        (Array("Xem <script>alert(1)</script>".utf8), "don.txt"),
        (Array("#!/bin/sh\nrm -rf /\n".utf8) + [0], "don.txt"),
        ([0x4D, 0x5A, 0x90, 0x00], "don.pdf"),
        ([0x7F, 0x45, 0x4C, 0x46], "don.txt"),
        (pdf, "don.docx"), (pdf, "don.png"), (png, "don.pdf"), (zip("ppt/presentation.xml"), "trinh-chieu.docx"),
        ([0xC3, 0x28], "hong.txt"), (pdf, "don"),
    ])
    func refused(_ bytes: [UInt8], _ name: String) {
        #expect(FileKind.of(bytes, filename: name) == nil)
    }
}
