import Foundation

/// Slows down password guessing: after too many failures in a window, an
/// account or an address is refused until the window has passed.
///
/// Kept in memory: a deployment with several servers throttles per server.
actor LoginThrottle {
    struct Limits: Sendable {
        var perAccount = 5
        var perAddress = 20
        var window: TimeInterval = 15 * 60
    }

    private let limits: Limits
    private var failures: [String: [Date]] = [:]

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Seconds to wait before another try, or nil when a try is allowed now.
    func retryAfter(username: String, address: String, now: Date = Date()) -> TimeInterval? {
        let waits = [("u:" + username, limits.perAccount), ("a:" + address, limits.perAddress)].compactMap { key, limit -> TimeInterval? in
            let recent = prune(key, now: now)
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return oldest.addingTimeInterval(limits.window).timeIntervalSince(now)
        }
        return waits.max()
    }

    func recordFailure(username: String, address: String, now: Date = Date()) {
        failures["u:" + username, default: []].append(now)
        failures["a:" + address, default: []].append(now)
    }

    func recordSuccess(username: String) {
        failures["u:" + username] = nil
    }

    private func prune(_ key: String, now: Date) -> [Date] {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < limits.window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }
}
