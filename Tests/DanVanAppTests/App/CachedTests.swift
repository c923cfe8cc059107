import Foundation
import Testing
@testable import DanVanApp
import DanVanDomain

/// What pages keep between requests: read once, kept no longer than said, and cleared by
/// a change made through this process.
@Suite("Kept catalogues")
struct CachedTests {
    final class Reads: @unchecked Sendable {
        var count = 0
    }

    @Test("a kept value is read once; with a maximum age it is read again after that age; clearing reads it again at once")
    func keptValues() async throws {
        let reads = Reads()
        let forever = Cached<Int>(maxAge: nil)
        for _ in 0..<3 { _ = try await forever.value { reads.count += 1; return reads.count } }
        #expect(reads.count == 1)
        forever.clear()
        #expect(try await forever.value { reads.count += 1; return reads.count } == 2)

        let brief = Cached<Int>(maxAge: .milliseconds(50))
        #expect(try await brief.value { 1 } == 1)
        #expect(try await brief.value { 2 } == 1)
        try await Task.sleep(for: .milliseconds(80))
        #expect(try await brief.value { 3 } == 3)
    }

    @Test("a read that was under way when the value was cleared is not kept (it may hold the old value)")
    func clearDuringRead() async throws {
        let kept = Cached<Int>(maxAge: nil)
        #expect(try await kept.value { kept.clear(); return 1 } == 1)   // a write here cleared it while this read ran
        #expect(try await kept.value { 2 } == 2)
        #expect(try await kept.value { 3 } == 2)
        let byKey = CachedByKey<String, Int>(maxAge: .seconds(60), capacity: 10)
        #expect(try await byKey.value("a") { byKey.clear(); return 1 } == 1)
        #expect(try await byKey.value("a") { 2 } == 2)
        #expect(try await byKey.value("a") { 3 } == 2)
    }

    @Test("a day off set by a national administrator shows at once in the calendar pages read (a kept calendar is cleared)")
    func calendarChangeShowsAtOnce() async throws {
        try await TestApp.run { app in
            let calendars = app.services.calendars
            let scope = try await app.services.accounts.commandLineScope()
            let day = try #require(CivilDate(iso: "2031-06-17"))
            #expect(try await calendars.recentCalendar().isWorkingDay(day))
            try await calendars.setOverride(scope, date: day, kind: .dayOff, note: "Nghỉ bù")
            #expect(try await !calendars.recentCalendar().isWorkingDay(day))
            try await calendars.removeOverride(scope, date: day)
            #expect(try await calendars.recentCalendar().isWorkingDay(day))
        }
    }

    @Test("Secrets.hex writes bytes as lowercase hex, two digits each")
    func hex() {
        #expect(Secrets.hex([0x00, 0x0F, 0xA0, 0xFF]) == "000fa0ff")
        #expect(Secrets.hash(token: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
