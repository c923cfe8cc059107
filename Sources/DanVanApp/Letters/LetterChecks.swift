import DanVanDomain
import SQLKit

/// `danvan check` over letters: the parts a letter is recorded with (its sender, its
/// attachments' bytes). An operator's command over the whole database, like `backup`: it
/// names letters by their code and changes nothing.
enum LetterChecks {
    static func run(_ database: AppDatabase) async throws -> [String] {
        struct Attachment: Decodable { var code: String?; var filename: String; var size: Int; var stored: Int? }
        struct Letter: Decodable { var code: String }
        let attachments = try await database.sql.raw("""
            SELECT l.code, a.filename, a.size, LENGTH(a.data) AS stored FROM letter_attachments a LEFT JOIN letters l ON l.id = a.\(\LetterAttachmentRecord.letterID)
            WHERE l.id IS NULL OR a.data IS NULL OR LENGTH(a.data) <> a.size ORDER BY l.code, a.filename
            """).rows(Attachment.self)
        let withoutSender = try await database.sql.raw("""
            SELECT l.code FROM letters l WHERE NOT EXISTS (SELECT 1 FROM letter_senders s WHERE s.\(\LetterSenderRecord.letterID) = l.id) ORDER BY l.code
            """).rows(Letter.self)
        return attachments.map { file in
            guard let code = file.code else { return "Tệp đính kèm “\(file.filename)” không thuộc đơn nào." }
            return "Đơn \(code): tệp đính kèm “\(file.filename)” ghi \(VietnameseFormat.integer(file.size)) byte nhưng chỉ còn "
                + "\(VietnameseFormat.integer(file.stored ?? 0)) byte."
        } + withoutSender.map { "Đơn \($0.code): thiếu thông tin người gửi." }
    }
}
