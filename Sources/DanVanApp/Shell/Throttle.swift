import Foundation
import Hummingbird
import SQLKit

/// A row of `throttle_events`: one counted attempt (a failed login, a public letter, a
/// tracking look-up) under a key such as `login-account:lan`.
struct ThrottleEvent: Codable, Sendable {
    var id: UUID
    var key: String
    var createdAt: Date
}

/// Limits how often something may be tried, counted in the database so that several
/// servers behind one PostgreSQL share the count and a restart does not clear it.
struct Throttle: Sendable {
    let database: AppDatabase

    /// A count allowed per window under one key.
    struct Limit: Sendable {
        var key: String
        var count: Int
        var window: TimeInterval
    }

    /// Seconds to wait before the next try (for `Retry-After`), or nil when every limit allows one now.
    func retryAfter(_ limits: [Limit], now: Date = Date()) async throws -> TimeInterval? {
        guard let widest = limits.map(\.window).max() else { return nil }
        struct Row: Decodable { var key: String; var createdAt: Date }
        let rows = try await database.sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(Row.self, from: "t")) FROM throttle_events t
            WHERE t.key IN (\(binds: limits.map(\.key))) AND t.\(\ThrottleEvent.createdAt) > \(bind: now.addingTimeInterval(-widest))
            """).rows(Row.self)
        let times = Dictionary(grouping: rows, by: \.key).mapValues { $0.map(\.createdAt).sorted() }
        let waits = limits.compactMap { limit -> TimeInterval? in
            let recent = (times[limit.key] ?? []).filter { now.timeIntervalSince($0) < limit.window }
            guard recent.count >= limit.count else { return nil }
            // The try that ends the block is the one `count` tries before the newest.
            return recent[recent.count - limit.count].addingTimeInterval(limit.window).timeIntervalSince(now)
        }
        return waits.max().map { max($0, 1) }
    }

    /// A try counted before it is made.
    struct Try: Sendable {
        /// Its rows, to forget it if it turns out not to count.
        let ids: [UUID]
        /// Seconds to wait when a limit refused it; nil when it may go ahead.
        let retryAfter: TimeInterval?
    }

    /// Counts a try before it is made, so that tries sent at the same instant cannot pass a
    /// limit together: its rows are written first and the limits read with them. A refused
    /// try is forgotten at once (waiting out a block does not lengthen it).
    func begin(_ limits: [Limit], now: Date = Date()) async throws -> Try {
        let ids = try await record(limits.map(\.key), now: now)
        let wait = try await retryAfter(limits.map { Limit(key: $0.key, count: $0.count + 1, window: $0.window) }, now: now)
        if wait != nil { try await forget(ids) }
        return Try(ids: ids, retryAfter: wait)
    }

    /// Counts a batch of `count` tries under one limit (the answers a kiosk sends at once), written
    /// before they are read as ``begin(_:now:)`` does; returns how many of them the limit admits.
    /// The tries beyond it are forgotten at once.
    func admit(_ count: Int, under limit: Limit, now: Date = Date()) async throws -> Int {
        guard count > 0 else { return 0 }
        let ids = try await record(Array(repeating: limit.key, count: count), now: now)
        struct Count: Decodable { var n: Int }
        let recent = try await database.sql.raw("""
            SELECT COUNT(*) AS n FROM throttle_events t
            WHERE t.key = \(bind: limit.key) AND t.\(\ThrottleEvent.createdAt) > \(bind: now.addingTimeInterval(-limit.window))
            """).row(Count.self)?.n ?? count
        let refused = min(count, max(0, recent - limit.count))
        try await forget(Array(ids.suffix(refused)))
        return count - refused
    }

    /// Forgets a try that turned out not to count (a correct password, a form sent back to be corrected).
    func forget(_ ids: [UUID]) async throws {
        guard !ids.isEmpty else { return }
        try await database.sql.raw("DELETE FROM throttle_events WHERE id IN (\(binds: ids))").run()
    }

    /// Counts one try under each key, and forgets every try older than a day (keys made up by
    /// a guesser never come back, so their rows are not left to pile up).
    @discardableResult
    func record(_ keys: [String], now: Date = Date()) async throws -> [UUID] {
        guard !keys.isEmpty else { return [] }
        let events = keys.map { ThrottleEvent(id: UUID(), key: $0, createdAt: now) }
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.insert(into: "throttle_events").values(ofAll: events).run()
            try await sql.raw("DELETE FROM throttle_events WHERE \(\ThrottleEvent.createdAt) < \(bind: now.addingTimeInterval(-86_400))").run()
        }
        return events.map(\.id)
    }

    /// Forgets the tries under a key (a successful login clears its account's failures).
    func clear(_ key: String) async throws {
        try await database.sql.raw("DELETE FROM throttle_events WHERE key = \(bind: key)").run()
    }
}

/// The limits DanVan applies, in one place.
extension Throttle {
    /// Password guessing: a few failures per account from one address; more per account
    /// from everywhere (guessing spread over addresses); many more per address, so that one
    /// person cannot lock out an office behind one address.
    static func login(username: String, address: String) -> [Limit] {
        [Limit(key: "login-account-address:\(username)|\(address)", count: 5, window: 15 * 60),
         Limit(key: "login-account:\(username)", count: 20, window: 15 * 60),
         Limit(key: "login-address:\(address)", count: 200, window: 15 * 60)]
    }

    /// Letters sent from the public form, per address.
    static func publicLetters(address: String) -> [Limit] {
        [Limit(key: "public-send:\(address)", count: 5, window: 60 * 60)]
    }

    /// Answers from one kiosk: a tablet locks for a moment after each tap and sends what it kept
    /// offline a few at a time, so it never comes near this; a flood (a script with the link) does.
    static func kioskAnswers(kiosk: UUID) -> Limit {
        Limit(key: "kiosk-answers:\(kiosk.uuidString.lowercased())", count: 120, window: 60)
    }

    /// Answers sent from the online survey, per address: a family at one address, not a script.
    static func publicSurveys(address: String) -> [Limit] {
        [Limit(key: "public-survey:\(address)", count: 10, window: 60 * 60)]
    }

    /// Tracking look-ups, per address: enough for a family, too few to guess codes.
    static func tracking(address: String) -> [Limit] {
        [Limit(key: "public-track:\(address)", count: 30, window: 10 * 60)]
    }
}

extension Response {
    /// A 429 that says when to try again (`Retry-After`, whole seconds).
    func retrying(after seconds: TimeInterval) -> Response {
        var response = self
        response.headers[.retryAfter] = String(Int(seconds.rounded(.up)))
        return response
    }
}
