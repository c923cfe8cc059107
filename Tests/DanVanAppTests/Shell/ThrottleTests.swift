import Foundation
import Testing
@testable import DanVanApp

/// The throttle counts in the database, per account and address, per account, per address.
@Suite("Throttles kept in the database")
struct ThrottleTests {
    @Test("five failures lock an account from one address only; twenty from anywhere lock it everywhere; a success clears the account")
    func loginLimits() async throws {
        try await TestApp.run(units: false) { app in
            let throttle = Throttle(database: app.database)
            let start = Date(timeIntervalSince1970: 1_796_000_000)
            let office = Throttle.login(username: "thu", address: "10.0.0.1"), home = Throttle.login(username: "thu", address: "10.0.0.2")
            for minute in 0..<5 { try await throttle.record(office.map(\.key), now: start.addingTimeInterval(Double(minute) * 60)) }
            let now = start.addingTimeInterval(5 * 60)
            let wait = try #require(try await throttle.retryAfter(office, now: now))
            #expect(wait == 10 * 60, "the oldest failure leaves the window 15 minutes after it")
            #expect(try await throttle.retryAfter(home, now: now) == nil)
            #expect(try await throttle.retryAfter(Throttle.login(username: "lan", address: "10.0.0.1"), now: now) == nil)
            // Spread over addresses: the account's own ceiling.
            for index in 0..<15 {
                let elsewhere = Throttle.login(username: "thu", address: "10.0.1.\(index)")
                try await throttle.record(elsewhere.map(\.key), now: now)
            }
            #expect(try await throttle.retryAfter(home, now: now) != nil)
            // After the window, tries are allowed again.
            #expect(try await throttle.retryAfter(office, now: now.addingTimeInterval(15 * 60)) == nil)
            // A success clears the account's counts.
            for limit in office.dropLast() { try await throttle.clear(limit.key) }
            #expect(try await throttle.retryAfter(office, now: now) == nil)
        }
    }
}
