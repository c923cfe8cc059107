import Foundation
import Testing
@testable import DanVanApp

/// `danvan calendar` and `danvan deadline` only compute: with no database they use the
/// shipped rules and create nothing (no database, no administrator, no password printed).
@Suite("Commands that only compute touch nothing")
struct CalendarCommandTests {
    @Test("danvan calendar 2027 and danvan deadline in an empty folder answer from the shipped rules and leave the folder empty")
    func emptyFolderStaysEmpty() async throws {
        // setup
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("danvan-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // MUT
        let calendar = try await DanVanCommand.run(["calendar", "2027", "--data", folder.path])
        let deadline = try await DanVanCommand.run(["deadline", "--rule", "complaint_first_resolve", "--from", "2027-02-01", "--data", folder.path])
        // validate
        #expect(calendar.status == 0 && calendar.output.contains("05/02/2027") && calendar.output.contains("Tết Nguyên đán"))
        #expect(deadline.status == 0 && deadline.output.contains("03/03/2027"))
        #expect(!calendar.output.contains("admin") && !deadline.output.contains("admin"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }
}
