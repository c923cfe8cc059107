import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

/// A result's evidence is checked as letters' attachments are: size and type read from the bytes.
@Suite("Models: evidence")
struct ModelEvidenceTests {
    @Test("an oversized or wrong-type evidence file is refused beside its field in Vietnamese, with what was typed kept, and nothing of the result is saved; a body over the limit is refused whole")
    func refusedEvidence() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let iaLe = try await app.unit("23986", legacy: false)
            let union = try await ModelReplicationTests.union(app, of: iaLe)
            let store = ModelStore(database: app.database)
            let id = try await store.register(national, input: ModelStoreTests.input(union.id, year: 2025))
            let before = try await store.record(national, id: id)
            let (_, password) = try await app.user("danvan.iale", roles: [.danVanStaff], kind: "peoples_committee", in: iaLe)
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 32)
            let path = "/models/\(id.uuidString.lowercased())/results"
            let fields = [("goal_id", ""), ("reported_on", "30/06/2025"), ("value", ""), ("note", "Ảnh buổi ra quân")]
            @Sendable func nothingSaved() async throws {
                for table in ["model_results", "model_evidence"] { #expect(try await ModelStoreTests.count(app, table) == 0, "\(table)") }
                let now = try await store.record(national, id: id)
                #expect(now.searchText == before.searchText && now.updatedAt == before.updatedAt)
            }
            try await app.client { browser in
                try await browser.login("danvan.iale", password)
                let catalogue = app.services.catalogue
                // Over 10 MB, though a photo: refused beside the field, with a good file beside it not saved either.
                let large = try await browser.postMultipart(path, fields, files: [
                    .init(field: "evidence", filename: "anh-nho.png", contentType: "image/png", data: png),
                    .init(field: "evidence", filename: "anh-lon.png", contentType: "image/png", data: png + Array(repeating: 0, count: LetterStore.maxAttachmentBytes))])
                #expect(large.status == .unprocessableContent)
                #expect(large.body.contains(catalogue.text("error_attachment_too_large", .vi)) && large.body.contains("Tệp đính kèm vượt quá 10 MB"))
                #expect(large.body.contains("Ảnh buổi ra quân"))
                try await nothingSaved()
                // A web page or a program under a photo's or a document's name.
                let wrongFiles: [(String, [UInt8])] = [("anh.jpg", Array("<html><script>alert(1)</script></html>".utf8)),
                                                       ("baocao.pdf", [0x4D, 0x5A, 0x90, 0x00] + Array(repeating: 0, count: 60))]
                for (name, bytes) in wrongFiles {
                    let wrong = try await browser.postMultipart(path, fields, files: [.init(field: "evidence", filename: name, contentType: "image/jpeg", data: bytes)])
                    #expect(wrong.status == .unprocessableContent && wrong.body.contains("Loại tệp không được nhận."), "\(name)")
                    try await nothingSaved()
                }
                // A body over the whole limit is refused before it is read, in Vietnamese.
                let whole = try await browser.postMultipart(path, fields, files: [
                    .init(field: "evidence", filename: "video.png", contentType: "image/png", data: png + Array(repeating: 0, count: UploadLimits.letterBody))])
                #expect(whole.status == .contentTooLarge && whole.body.contains("Tệp đính kèm vượt quá 10 MB"))
                try await nothingSaved()
                // The photo alone is saved with its result.
                #expect(try await browser.postMultipart(path, fields, files: [.init(field: "evidence", filename: "anh.png", contentType: "image/png", data: png)]).status == .seeOther)
                #expect(try await ModelStoreTests.count(app, "model_results") == 1)
                #expect(try await ModelStoreTests.count(app, "model_evidence") == 1)
            }
        }
    }
}
