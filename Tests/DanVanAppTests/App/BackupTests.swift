import DanVanDomain
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// `danvan backup` while the server writes, and `danvan restore` (issue: data safety).
@Suite("Backup and restore")
struct BackupTests {
    /// Where `danvan` finds the test's database.
    static func arguments(_ target: DatabaseTarget) -> [String] {
        switch target {
        case .sqlite(let path): ["--data", (path as NSString).deletingLastPathComponent]
        case .postgres(let url): ["--database-url", url]
        }
    }

    @Test("a backup taken while 20 writers add letters restores every letter acknowledged before it, checked against its manifest")
    func backupWhileWriting() async throws {
        try await TestApp.run { app in
            // setup: 20 writers adding letters
            let commune = try await app.unit("23986", legacy: false)
            let scope = try await app.officer("tiepdan", roles: [.receptionOfficer], in: commune)
            let acknowledged = Acknowledged()
            let stop = Acknowledged()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("danvan-backup-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("sao-luu.zip").path
            let (before, backup) = try await withThrowingTaskGroup(of: Void.self) { group -> ([UUID], Int32) in
                for writer in 0..<20 {
                    group.addTask {
                        // Four letters each (80 in all): the backup starts after 40, while the rest are written.
                        for number in 1...4 where await !stop.isSet {
                            let input = LetterInput(organisationID: nil, receivedOn: "2025-09-04", channel: "post", kind: "petition", field: "other",
                                                    subject: "Đơn \(writer)-\(number)", content: "Nội dung \(writer)-\(number)",
                                                    sender: SenderIdentity(name: "Người \(writer)", address: "Xã Ia Le", contact: "", idNumber: ""),
                                                    peopleCount: "1", isRepeat: false, visitID: nil)
                            let scan = AttachmentInput(filename: "don-\(writer)-\(number).txt",
                                                       data: Array("Bản chụp đơn \(writer)-\(number)".utf8), identifying: false)
                            let letter = try await app.services.letters.receive(scope, input: input, attachments: [scan], today: CivilDate(iso: "2025-09-10")!)
                            await acknowledged.add(letter.id)
                            // Twenty officers at their desks, not a load test: the suite's other tests share the server.
                            try await Task.sleep(for: .milliseconds(25))
                        }
                    }
                }
                while await acknowledged.count < 40 { try await Task.sleep(for: .milliseconds(10)) }
                // MUT: the backup runs as another process, as an operator runs it
                let before = await acknowledged.ids
                let backup = try await DanVanCommand.run(["backup", "--to", file] + Self.arguments(app.database.target)).status
                await stop.set()
                try await group.waitForAll()
                return (before, backup)
            }
            // validate: the restore checks the checksum, integrity and counts; every letter acknowledged before the backup is there,
            // with its attachment's bytes; `danvan check` finds nothing wrong in the copy
            #expect(backup == 0)
            let target = try await MigrationSafetyTests.Target.fresh()
            let restored = try await DanVanCommand.run(["restore", "--from", file] + target.arguments)
            #expect(restored.status == 0 && restored.output.contains("khớp bản kê"))
            struct Row: Decodable { var id: UUID; var subject: String; var data: Data? }
            let rows = try await target.using {
                try await $0.sql.raw("SELECT l.id, l.subject, a.data FROM letters l LEFT JOIN letter_attachments a ON a.letter_id = l.id").rows(Row.self)
            }
            let ids = Set(rows.map(\.id))
            #expect(Set(before).isSubset(of: ids), "\(Set(before).subtracting(ids).count) acknowledged letters missing")
            #expect(rows.allSatisfy { $0.data.map { String(decoding: $0, as: UTF8.self) } == "Bản chụp " + $0.subject.lowercased() },
                    "a restored letter lacks its attachment's bytes")
            let check = try await DanVanCommand.run(["check"] + target.arguments)
            #expect(check.status == 0 && check.output.contains("Không thấy vấn đề nào"), "\(check.output)")
            let total = await acknowledged.count
            #expect(ids.count >= before.count && ids.count <= total)
            // A second restore into the same database is refused without --force, and keeps what is there.
            #expect(try await DanVanCommand.run(["restore", "--from", file] + target.arguments).status != 0)
            await target.drop()
        }
    }

    actor Acknowledged {
        var ids: [UUID] = []
        var isSet = false
        var count: Int { ids.count }
        func add(_ id: UUID) { ids.append(id) }
        func set() { isSet = true }
    }
}

@Suite("Scheduled backups")
struct BackupScheduleTests {
    @Test("serve's schedule writes a backup, keeps the newest N, and /healthz tells the last one's time")
    func keepsTheNewest() async throws {
        try await TestApp.run(units: false) { app in
            // setup
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("danvan-scheduled-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            var configuration = app.services.configuration
            configuration.backupDirectory = folder.path
            configuration.backupKeep = 2
            let services = try await AppServices(configuration: configuration, database: app.database)
            let schedule = try #require(services.backups)
            let withSchedule = TestApp(services: services)
            try await withSchedule.client { browser in
                let health = try await browser.get("/healthz").body
                #expect(health.contains(#""last_backup":"none""#))
            }
            // MUT: three backups, a day apart
            let start = Date(timeIntervalSince1970: 1_796_000_000)
            for day in 0..<3 { try await schedule.backUpNow(now: start.addingTimeInterval(Double(day) * 86_400)) }
            // validate
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(names.count == 2 && names.allSatisfy { $0.hasPrefix("danvan-") && $0.hasSuffix(".zip") })
            #expect(schedule.lastBackup == start.addingTimeInterval(2 * 86_400))
            try await withSchedule.client { browser in
                let health = try await browser.get("/healthz").body
                #expect(health.contains(#""last_backup":""#) && !health.contains("none"))
                let metrics = try await browser.get("/metrics").body
                #expect(metrics.contains("danvan_last_backup_timestamp_seconds"))
            }
        }
    }
}
