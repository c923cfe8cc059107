import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// `danvan bench reporting-reminders`: every commune of today gets its People's Committee (a
/// reporter of the monthly form) with active users, then the "entry opens" reminder of this month's
/// form is timed on the day its entry opens: the first run tells every organisation, the second
/// (the same day again) tells none and is timed too.
enum ReportRemindersBench {
    static let prefix = "bench.nhac."

    static var command: BenchCommand {
        BenchCommand(name: "reporting-reminders",
                     abstract: "Đo việc nhắc mở nhập báo cáo định kỳ (một câu lệnh cho mỗi biểu mẫu và kỳ) tới người dùng của Ủy ban nhân dân mọi xã.",
                     options: [.init(name: "communes", defaultValue: 100_000, help: "Số xã (hiện hành) có tổ chức và người dùng, tối đa là mọi xã."),
                               .init(name: "users", defaultValue: 2, help: "Số người dùng hoạt động của mỗi tổ chức."),
                               .init(name: "rounds", defaultValue: 3, help: "Số lần đo (mỗi lần xóa lời nhắc của kỳ rồi nhắc lại).")]) { configuration, values, emit in
            try await run(configuration: configuration, communes: values["communes"]!, users: values["users"]!, rounds: max(values["rounds"]!, 1), print: emit)
        }
    }

    static func run(configuration: AppConfiguration, communes count: Int, users: Int, rounds: Int, print emit: @escaping @Sendable (String) -> Void) async throws {
        try await BenchDatabase.with(configuration, print: emit) { database, _ in
            let communes = Array(try await LetterBench.communes(database).filter { $0.validTo == nil }.sorted { $0.code < $1.code }.prefix(count))
            try await generate(database, communes: communes, users: users, emit: emit)
            let store = ReportEntryStore(database: database)
            let form = try await store.catalogue.form(code: ReportingCatalogue.monthlyForm.code)
            let today = CivilDate.today(now: Date())
            guard let latest = try await store.catalogue.versions(of: form).first,
                  let period = CutOff(day: latest.cutOffDay, month: latest.cutOffMonth)?.period(containing: today, .month),
                  let version = try await store.catalogue.version(of: form, for: period) else { return emit("no monthly form in force") }
            let day = version.entryDates(period).from
            emit("form \(form.code), period \(period.key), entry opens \(VietnameseFormat.date(day)); \(VietnameseFormat.integer(communes.count)) communes")
            let clock = ContinuousClock()
            var first: [Duration] = [], again: [Duration] = []
            for round in 1...rounds {
                try await database.sql.raw("""
                    DELETE FROM notifications WHERE kind = \(bind: NotificationKind.reportOpen.rawValue)
                    AND \(\NotificationRecord.subjectID) = \(bind: form.id) AND \(\NotificationRecord.occasion) = \(bind: period.key)
                    """).run()
                var told = 0, second = 0
                first.append(try await clock.measure { told = try await store.remindEntryOpens(on: day) })
                again.append(try await clock.measure { second = try await store.remindEntryOpens(on: day) })
                emit("round \(round): \(VietnameseFormat.integer(told)) organisations told in \(milliseconds(first.last!)) ms; "
                     + "again the same day: \(second) told in \(milliseconds(again.last!)) ms")
            }
            emit("reminder (first run): median \(milliseconds(first.sorted()[first.count / 2])) ms; second run: median \(milliseconds(again.sorted()[again.count / 2])) ms")
        }
    }

    /// The communes' People's Committees (made by the letters' bench helper) get `users` active users each, once.
    static func generate(_ database: AppDatabase, communes: [LetterBench.Commune], users: Int, emit: (String) -> Void) async throws {
        struct Count: Decodable { var n: Int }
        let existing = try await database.sql.raw("SELECT COUNT(*) AS n FROM users us WHERE us.username LIKE \(bind: prefix + "%")").row(Count.self)?.n ?? 0
        guard existing == 0 else { return emit("generation: \(existing) bench users already present") }
        let hash = try await Secrets.hashPassword(Secrets.token(), cost: 4)
        let clock = ContinuousClock()
        let took = try await clock.measure {
            for chunk in communes.chunked(500) {
                let rows = chunk.flatMap { commune in
                    (1...max(users, 1)).map { number in
                        User(username: "\(prefix)\(commune.code).\(number)", fullName: "Cán bộ thử \(number)", passwordHash: hash,
                             organisationID: commune.organisationID, roles: [.reportingOfficer], scopeMode: .organisation, mustChangePassword: false)
                    }
                }
                try await rows.create(on: database.db)
            }
        }
        emit("generation: \(VietnameseFormat.integer(communes.count * max(users, 1))) users in \(milliseconds(took)) ms")
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return VietnameseFormat.decimal(Double(seconds) * 1_000 + Double(attoseconds) / 1e15, fractionDigits: 1)
    }
}
