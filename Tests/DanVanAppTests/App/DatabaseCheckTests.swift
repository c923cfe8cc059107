import DanVanDomain
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// `danvan check` finds what a crash, a disk fault or a hand edit left, and changes nothing
/// (issue: data safety, item 4; the attachments' bytes are rows, so a "missing file" is an
/// attachment whose stored bytes are not its recorded size).
@Suite("danvan check")
struct DatabaseCheckTests {
    @Test("a sound database passes; a damaged attachment, a letter without its sender and a schema behind are each named, by letter code")
    func findsDamage() async throws {
        try await TestApp.run { app in
            // setup: two letters with an attachment each
            let commune = try await app.unit("23986", legacy: false)
            let scope = try await app.officer("tiepdan", roles: [.receptionOfficer], in: commune)
            var codes: [String] = []
            for number in 1...2 {
                let input = LetterInput(organisationID: nil, receivedOn: "2025-09-04", channel: "post", kind: "petition", field: "other",
                                        subject: "Đơn \(number)", content: "Nội dung", sender: SenderIdentity(name: "Người gửi", address: "Xã Ia Le", contact: "", idNumber: ""),
                                        peopleCount: "1", isRepeat: false, visitID: nil)
                let scan = AttachmentInput(filename: "ban-chup-\(number).pdf", data: Array("%PDF-1.4 \(number)".utf8), identifying: false)
                codes.append(try await app.services.letters.receive(scope, input: input, attachments: [scan], today: CivilDate(iso: "2025-09-10")!).code)
            }
            let arguments = ["check"] + BackupTests.arguments(app.database.target)
            let sound = try await DanVanCommand.run(arguments)
            #expect(sound.status == 0 && sound.output.contains("Không thấy vấn đề nào"), "\(sound.output)")
            // MUT: the first letter's attachment loses its bytes, the second letter its sender
            let sql = app.database.sql
            try await sql.raw("UPDATE letter_attachments SET data = \(bind: Data()) WHERE filename = 'ban-chup-1.pdf'").run()
            try await sql.raw("DELETE FROM letter_senders WHERE letter_id = (SELECT id FROM letters WHERE code = \(bind: codes[1]))").run()
            let damaged = try await DanVanCommand.run(arguments)
            // validate
            #expect(damaged.status != 0)
            #expect(damaged.output.contains("Đơn \(codes[0]): tệp đính kèm “ban-chup-1.pdf” ghi 10 byte nhưng chỉ còn 0 byte."), "\(damaged.output)")
            #expect(damaged.output.contains("Đơn \(codes[1]): thiếu thông tin người gửi."), "\(damaged.output)")
            struct Row: Decodable { var id: UUID }
            let ids = try await sql.raw("SELECT id FROM letters").rows(Row.self).map(\.id.uuidString)
            #expect(ids.allSatisfy { !damaged.output.localizedCaseInsensitiveContains($0) }, "no internal keys in what the operator reads")
        }
    }

    @Test("a database one migration behind is told to migrate, and is left as it was")
    func schemaBehind() async throws {
        let target = try await MigrationSafetyTests.Target.fresh()
        try await target.using { try await $0.migrate(through: DanVanMigrations.all.count - 1) }
        let before = try await target.schema()
        let result = try await DanVanCommand.run(["check"] + target.arguments)
        #expect(result.status != 0 && result.output.contains("còn 1 bước") && result.output.contains("danvan migrate"), "\(result.output)")
        #expect(try await target.schema() == before)
        await target.drop()
    }
}
