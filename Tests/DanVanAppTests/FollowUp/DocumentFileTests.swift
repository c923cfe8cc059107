import DanVanDomain
import FluentKit
import Foundation
import Testing
@testable import DanVanApp

/// A document's file: uploaded on its page, typed from its bytes, downloaded by those in reach, audited; the list paged.
@Suite("Document files and the document list")
struct DocumentFileTests {
    @Test("a document's file: uploaded and downloaded; an SVG refused in Vietnamese, nothing stored; out of reach 404; audited")
    func file() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (user, password) = try await app.user("banthuongvu", roles: [.leader], kind: "party_committee", in: iaLe)
            let other = try await app.unit("23971", legacy: false)
            let (_, otherPassword) = try await app.user("xakhac", roles: [.leader], kind: "party_committee", in: other)
            let scope = Scope(userID: user.id, username: user.username, organisationID: user.organisationID, unitID: iaLe.id, mode: .subtree,
                              roles: [.leader], address: "test", unitLevel: iaLe.level)
            let id = try await DocumentStore(database: app.database).record(scope, input: DocumentInput(
                kind: "plan", numberSymbol: "13-KH/ĐU", organisationID: user.organisationID, issuedOn: "02/09/2025", summary: "Kế hoạch kiểm tra"))
            let path = "/documents/\(id.uuidString.lowercased())"
            let pdf: [UInt8] = Array("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
            let svg: [UInt8] = Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8)
            try await app.client { browser in
                _ = try await browser.login("banthuongvu", password)
                #expect(try await browser.get(path).body.contains("Chưa có tệp văn bản"))
                #expect(try await browser.get(path + "/file").status == .notFound)
                let refused = try await browser.postMultipart(path + "/file", [],
                                                              files: [.init(field: "file", filename: "ke-hoach.svg", contentType: "image/svg+xml", data: svg)])
                #expect(refused.status == .unprocessableContent)
                #expect(refused.body.contains("aria-invalid=\"true\"") && refused.body.contains("field-error"))
                let saved = try await browser.postMultipart(path + "/file", [],
                                                            files: [.init(field: "file", filename: "Kế hoạch 13.pdf", contentType: "application/pdf", data: pdf)])
                #expect(saved.location == path)
                let page = try await browser.get(path)
                #expect(page.body.contains("id=\"document-file-link\">Kế hoạch 13.pdf</a> (1 KB)"))
                let download = try await browser.get(path + "/file")
                #expect(download.status == .ok && download.bytes.readableBytesView.elementsEqual(pdf))
                #expect(download.headers[.contentType] == "application/pdf")
                // A scanned directive of a few megabytes is an ordinary file: taken as letters' attachments are (up to 10 MB);
                // a larger one is refused beside the field in Vietnamese, the file before it kept.
                let scanned = pdf + [UInt8](repeating: 0x20, count: 3 * 1024 * 1024)
                let large = try await browser.postMultipart(path + "/file", [],
                                                            files: [.init(field: "file", filename: "Kế hoạch 13 (bản quét).pdf", contentType: "application/pdf", data: scanned)])
                #expect(large.location == path, "a 3 MB file is saved")
                #expect(try await browser.get(path).body.contains("Kế hoạch 13 (bản quét).pdf</a>"))
                let tooLarge = try await browser.postMultipart(path + "/file", [],
                                                               files: [.init(field: "file", filename: "quá lớn.pdf", contentType: "application/pdf",
                                                                             data: pdf + [UInt8](repeating: 0x20, count: 11 * 1024 * 1024))])
                #expect(tooLarge.status == .unprocessableContent && tooLarge.body.contains("field-error"), "\(tooLarge.status)")
                #expect(try await DocumentStore(database: app.database).file(scope, documentID: id)?.filename == "Kế hoạch 13 (bản quét).pdf")
                _ = try await browser.postMultipart(path + "/file", [],
                                                    files: [.init(field: "file", filename: "Kế hoạch 13.pdf", contentType: "application/pdf", data: pdf)])
            }
            #expect(try await AuditEntry.query(on: app.database.db).all().filter { $0.summary == "13-KH/ĐU: tệp Kế hoạch 13.pdf" }.count == 2)
            // Another commune's party committee: neither the file nor its upload.
            try await app.client { browser in
                _ = try await browser.login("xakhac", otherPassword)
                #expect(try await browser.get(path + "/file").status == .notFound)
                let upload = try await browser.postMultipart(path + "/file", [],
                                                             files: [.init(field: "file", filename: "x.pdf", contentType: "application/pdf", data: pdf)])
                #expect(upload.status == .notFound)
            }
            #expect(try await DocumentStore(database: app.database).file(scope, documentID: id)?.filename == "Kế hoạch 13.pdf")
        }
    }

    @Test("the document list is paged (50 a page), each document once, in the page and the API; what replaced a document is shown beside it")
    func pagedList() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (user, password) = try await app.user("banthuongvu", roles: [.leader], kind: "party_committee", in: iaLe)
            let scope = Scope(userID: user.id, username: user.username, organisationID: user.organisationID, unitID: iaLe.id, mode: .subtree,
                              roles: [.leader], address: "test", unitLevel: iaLe.level)
            let store = DocumentStore(database: app.database)
            for number in 1...50 {
                _ = try await store.record(scope, input: DocumentInput(kind: "plan", numberSymbol: "\(number)-KH/ĐU", organisationID: user.organisationID,
                                                                       issuedOn: "02/09/2025", summary: "Kế hoạch số \(number)"))
            }
            _ = try await store.record(scope, input: DocumentInput(kind: "plan", numberSymbol: "51-KH/ĐU", organisationID: user.organisationID,
                                                                   issuedOn: "03/09/2025", summary: "Kế hoạch thay thế", replaces: "7-KH/ĐU"))
            try await app.client { browser in
                _ = try await browser.login("banthuongvu", password)
                let first = try await browser.get("/documents")
                #expect(first.body.contains("Từ 1 đến 50 trong 51") && first.body.contains("href=\"/documents?offset=50\""))
                let second = try await browser.get("/documents?offset=50")
                #expect(second.body.contains("Từ 51 đến 51 trong 51"))
                let shown = [first.body, second.body].map { $0.components(separatedBy: "-KH/ĐU</a>").count - 1 }
                #expect(shown == [50, 1])
                #expect((first.body + second.body).contains("7-KH/ĐU</a> <span class=\"muted\">(Được thay thế bởi 51-KH/ĐU)</span>"))
                // The API pages the same way.
                let api = try await browser.get("/api/v1/documents?offset=50")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
                #expect(json["total"] as? Int == 51 && json["offset"] as? Int == 50 && (json["items"] as? [Any])?.count == 1)
                #expect(try await browser.get("/api/v1/documents?offset=-1").status == .badRequest)
            }
        }
    }
}
