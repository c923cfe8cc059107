import DanVanDomain
import Foundation
import SQLKit

private typealias N = NotificationRecord

/// E-mail of the inbox, off unless `danvan followup notify --mail` asks for it: each user with an
/// address gets ONE digest of their unread notifications not yet mailed, handed on standard input to
/// a sendmail-compatible program (Debian's msmtp, `-t`: the recipients are read from the headers).
/// What was handed over is marked mailed; a program that fails leaves it for the next run.
public struct InboxMail: Sendable {
    /// How mail leaves the server: chosen by whoever runs the daily command (the program's own
    /// configuration, /etc/msmtprc, holds the relay and its credentials).
    public struct Settings: Sendable {
        public var program: String
        public var arguments: [String]
        public var from: String
        /// The site's address ("https://danvan.example.vn"), for links; none, no links.
        public var siteURL: String?

        public init(program: String = "/usr/bin/msmtp", arguments: [String] = ["-t"], from: String = "danvan@localhost", siteURL: String? = nil) {
            (self.program, self.arguments, self.from, self.siteURL) = (program, arguments, from, siteURL)
        }
    }

    /// One line of a digest.
    struct Line: Sendable, Equatable {
        var kind: String
        var title: String
        var href: String?
    }

    /// A digest lists at most this many notifications, then says how many more there are.
    static let listed = 50
    /// A digest covers at most this many (the oldest first); the rest go in the next one.
    static let pending = 500

    /// The message: RFC 5322 headers with the Vietnamese subject and name as UTF-8 encoded words
    /// (RFC 2047), a UTF-8 plain-text body in base64. Lines end with LF, as a sendmail program reads them.
    static func digest(to address: String, name: String, lines: [Line], more: Int, from: String, inbox: String?, date: Date, messageID: String) -> String {
        let count = lines.count + more
        var body = "Kính gửi \(name),\n\nHộp thông báo của anh/chị trên DanVan có \(VietnameseFormat.integer(count)) thông báo mới:\n\n"
        for line in lines {
            body += "- \(line.kind): \(line.title)\n"
            if let href = line.href { body += "  \(href)\n" }
        }
        if more > 0 { body += "- và \(VietnameseFormat.integer(more)) thông báo khác.\n" }
        if let inbox { body += "\nXem hộp thông báo: \(inbox)\n" }
        body += "\nThư này do DanVan gửi tự động; xin đừng trả lời thư này.\n"
        let headers = [
            "From: DanVan <\(from)>",
            "To: \(encodedWords(name)) <\(address)>",
            "Subject: \(encodedWords("DanVan: \(VietnameseFormat.integer(count)) thông báo mới"))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
        ]
        return headers.joined(separator: "\n") + "\n\n" + base64Lines(Data(body.utf8)) + "\n"
    }

    /// `text` as RFC 2047 encoded words (UTF-8, base64), each at most 75 characters, folded;
    /// plain ASCII words are left as they are.
    static func encodedWords(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && !$0.isNewline && !"\"<>()@,;:\\[]=?".contains($0) }) { return text }
        var words: [String] = [], part = ""
        for character in text {
            if part.utf8.count + String(character).utf8.count > 45 { words.append(part); part = "" }
            part.append(character)
        }
        if !part.isEmpty { words.append(part) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\n ")
    }

    static func base64Lines(_ data: Data) -> String {
        let text = data.base64EncodedString()
        return stride(from: 0, to: text.count, by: 76).map { start in
            let from = text.index(text.startIndex, offsetBy: start), to = text.index(from, offsetBy: min(76, text.count - start))
            return String(text[from..<to])
        }.joined(separator: "\n")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

extension InboxStore {
    /// What a mailing did: digests handed over, and why the others were not.
    struct Mailed: Sendable {
        var sent = 0
        var failures: [String] = []
    }

    /// Sends each active user with an address one digest of their unread notifications (of their
    /// current organisation) not mailed yet, at most ``InboxMail/pending`` of them; marks those mailed
    /// once the program took the message. Users are read in parts of ``batch``.
    func mail(_ settings: InboxMail.Settings, catalogue: StringCatalogue, now: Date = Date()) async throws -> Mailed {
        struct Recipient: Decodable { var id: UUID; var username: String; var fullName: String; var email: String }
        struct Pending: Decodable { var id: UUID; var kind: String; var subjectID: UUID; var subjectType: String; var title: String }
        let site = settings.siteURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        var mailed = Mailed(), offset = 0
        while true {
            let users = try await sql.raw("""
                SELECT us.id, us.username, us.\(\User.$fullName), us.\(\User.$email) FROM users us
                WHERE us.active = \(bind: true) AND us.\(\User.$email) IS NOT NULL AND us.\(\User.$email) <> \(bind: "")
                ORDER BY us.id LIMIT \(unsafeRaw: String(Self.batch)) OFFSET \(unsafeRaw: String(offset))
                """).rows(Recipient.self)
            for user in users {
                // The user's unread notifications of their current organisation not mailed yet.
                let unmailed: SQLQueryString = """
                    FROM notifications n JOIN users us ON us.id = n.\(\N.userID)
                    WHERE n.\(\N.userID) = \(bind: user.id) AND n.\(\N.readAt) IS NULL AND n.\(\N.mailedAt) IS NULL AND \(unsafeRaw: Inbox.current)
                    """
                let pending = try await sql.raw("""
                    SELECT n.id, n.kind, n.\(\N.subjectID) AS subject_id, n.\(\N.subjectType) AS subject_type, n.title \(unmailed)
                    ORDER BY n.\(\N.createdAt), n.id LIMIT \(unsafeRaw: String(InboxMail.pending))
                    """).rows(Pending.self)
                guard !pending.isEmpty else { continue }
                // A digest reads at most `pending`; how many wait in all is counted apart, for its subject and its last line.
                let waiting = pending.count < InboxMail.pending ? pending.count
                    : try await sql.raw("SELECT COUNT(*) AS n \(unmailed)").all().first?.decode(column: "n", as: Int.self) ?? pending.count
                let lines = pending.prefix(InboxMail.listed).map { row in
                    InboxMail.Line(kind: catalogue.text("followup_notice_" + row.kind, .vi), title: row.title,
                                   href: site.map { $0 + Inbox.link(type: row.subjectType, id: row.subjectID) })
                }
                let message = InboxMail.digest(to: user.email, name: user.fullName, lines: Array(lines), more: waiting - lines.count,
                                               from: settings.from, inbox: site.map { $0 + SiteURL.inbox(offset: 0).path }, date: now,
                                               messageID: "\(UUID().uuidString.lowercased())@danvan")
                do {
                    let run = try await Process.run(settings.program, settings.arguments, input: Data(message.utf8), killAfter: .seconds(120))
                    guard run.status == 0 else {
                        let said = (run.errors + run.output).split(separator: "\n").first.map(String.init) ?? ""
                        mailed.failures.append("Không gửi được thư cho \(user.username): \(settings.program) trả về mã \(run.status)." + (said.isEmpty ? "" : " " + said))
                        continue
                    }
                } catch {
                    mailed.failures.append("Không gửi được thư cho \(user.username): không chạy được \(settings.program) (\(error)).")
                    continue
                }
                for part in pending.map(\.id).chunked(Self.batch) {
                    try await sql.update("notifications").set(\N.mailedAt, to: now).where("id", .in, Array(part)).run()
                }
                mailed.sent += 1
            }
            guard users.count == Self.batch else { return mailed }
            offset += Self.batch
        }
    }
}
