import DanVanDomain
import Foundation

/// The work behind `danvan followup notify`, run once a day (cron): the due-soon and overdue
/// events of the day, by the legal calendar, for every active user.
public enum FollowUpNotify {
    /// `today` as typed (dd/mm/yyyy), or nil for today. Returns what was done, in Vietnamese.
    public static func run(_ services: AppServices, today typed: String?, now: Date = Date()) async throws -> String {
        let today: CivilDate
        if let typed {
            guard let day = CivilDate(entered: typed) else { throw CommandProblem(description: "Ngày không hợp lệ: \(typed) (dạng dd/mm/yyyy).") }
            today = day
        } else {
            today = CivilDate.today(now: now)
        }
        let (added, organisations) = try await InboxStore(database: services.database).notifyAll(today: today, now: now)
        return "Ngày \(VietnameseFormat.date(today)): đã thêm \(VietnameseFormat.integer(added.dueSoon)) thông báo sắp đến hạn và "
            + "\(VietnameseFormat.integer(added.overdue)) thông báo quá hạn (\(VietnameseFormat.integer(organisations)) tổ chức có người dùng)."
    }
}
