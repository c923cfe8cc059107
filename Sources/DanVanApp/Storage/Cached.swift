import Foundation
import DanVanDomain

/// A value read from the database and kept: for the life of the process when only a
/// migration writes it (`maxAge` nil), or for `maxAge` when a national administrator can
/// change it while servers run; a change made through this process clears it at once.
///
/// A read that started before a clear does not keep what it read (it may be the old
/// value): each clear starts a new generation, and only a read of the current one is kept.
final class Cached<Value: Sendable>: Sendable {
    private let state = Locked<(kept: (value: Value, readAt: ContinuousClock.Instant)?, generation: Int)>((nil, 0))
    let maxAge: Duration?

    init(maxAge: Duration?) {
        self.maxAge = maxAge
    }

    func value(_ load: () async throws -> Value) async throws -> Value {
        let now = ContinuousClock.now
        let (kept, generation) = state.withValue { $0 }
        if let kept, maxAge.map({ now - kept.readAt < $0 }) ?? true { return kept.value }
        let value = try await load()
        state.withValue { if $0.generation == generation { $0.kept = (value, now) } }
        return value
    }

    func clear() {
        state.withValue { $0 = (nil, $0.generation + 1) }
    }
}

/// Values found by a key and kept for `maxAge`, as ``Cached`` keeps one; a key that finds
/// nothing is not kept (a made-up key costs a read each time, not memory). At `capacity`
/// keys everything kept is dropped.
final class CachedByKey<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let state = Locked<(kept: [Key: (value: Value, readAt: ContinuousClock.Instant)], generation: Int)>(([:], 0))
    let maxAge: Duration
    let capacity: Int

    init(maxAge: Duration, capacity: Int) {
        (self.maxAge, self.capacity) = (maxAge, capacity)
    }

    func value(_ key: Key, _ load: () async throws -> Value?) async throws -> Value? {
        let now = ContinuousClock.now
        let (kept, generation) = state.withValue { ($0.kept[key], $0.generation) }
        if let kept, now - kept.readAt < maxAge { return kept.value }
        guard let value = try await load() else { return nil }
        state.withValue { state in
            guard state.generation == generation else { return }   // cleared while reading: the read may be old
            if state.kept.count >= capacity { state.kept.removeAll() }
            state.kept[key] = (value, now)
        }
        return value
    }

    func clear() {
        state.withValue { $0 = ([:], $0.generation + 1) }
    }
}

/// The catalogues pages read on every request, kept per opened database.
final class DatabaseCaches: Sendable {
    /// The working calendar, for pages that show due states. Another server's change to
    /// Tết or a day off shows here within a second; a deadline that is stored is computed
    /// from a fresh read (``CalendarStore/calendar()``).
    let calendar = Cached<WorkingCalendar>(maxAge: .seconds(1))
    /// Names of the hierarchy's levels: written by migrations only.
    let levelNames = Cached<[Int: String]>(maxAge: nil)
    /// The kinds of organisation: written by migrations only.
    let organisationKinds = Cached<[OrganisationKind]>(maxAge: nil)

    /// Who a session cookie belongs to (the user, roles, organisation), by the token's hash.
    /// A session ended, a password changed or an account changed here is felt at once; on
    /// another server sharing the database, within a second.
    let identities = CachedByKey<String, Identity>(maxAge: .seconds(1), capacity: 10_000)

    func clear() {
        identities.clear()
        calendar.clear()
        levelNames.clear()
        organisationKinds.clear()
    }
}
