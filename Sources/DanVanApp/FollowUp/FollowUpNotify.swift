import DanVanDomain
import Foundation

/// The work behind `danvan followup notify`, run once a day (cron): the due-soon and overdue
/// events of the day, by the legal calendar, for every active user; then, with `mail`, one
/// e-mail digest to each user with an address (``InboxMail``).
public enum FollowUpNotify {
    /// `today` as typed (dd/mm/yyyy), or nil for today. Returns what was done, in Vietnamese; a
    /// digest that could not be sent is a problem (exit 1) after the rest is done.
    public static func run(_ services: AppServices, today typed: String?, mail: InboxMail.Settings? = nil, now: Date = Date()) async throws -> String {
        let today: CivilDate
        if let typed {
            guard let day = CivilDate(entered: typed) else { throw CommandProblem(description: "Ngày không hợp lệ: \(typed) (dạng dd/mm/yyyy).") }
            today = day
        } else {
            today = CivilDate.today(now: now)
        }
        let inbox = InboxStore(database: services.database)
        let (added, organisations) = try await inbox.notifyAll(today: today, now: now)
        var report = "Ngày \(VietnameseFormat.date(today)): đã thêm \(VietnameseFormat.integer(added.dueSoon)) thông báo sắp đến hạn và "
            + "\(VietnameseFormat.integer(added.overdue)) thông báo quá hạn (\(VietnameseFormat.integer(organisations)) tổ chức có người dùng)."
        // Reporting: entry — the forms whose entry opens today.
        let opened = try await ReportEntryStore(database: services.database).remindEntryOpens(on: today, now: now)
        report += "\nBáo cáo định kỳ: đã nhắc \(VietnameseFormat.integer(opened)) tổ chức mở nhập báo cáo."
        guard let mail else { return report }
        let mailed = try await inbox.mail(mail, catalogue: services.catalogue, now: now)
        report += "\nThư điện tử: đã gửi \(VietnameseFormat.integer(mailed.sent)) thư tóm tắt."
        guard mailed.failures.isEmpty else { throw CommandProblem(description: ([report] + mailed.failures).joined(separator: "\n")) }
        return report
    }
}
