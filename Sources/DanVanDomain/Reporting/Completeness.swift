/// Completeness and timeliness of one form for one period (tính đầy đủ, đúng hạn): how many
/// units were expected to report, how many did, how many on time, and who is missing.
public struct Completeness<Unit: Hashable & Sendable>: Sendable {
    public let expected: Int
    public let received: Int
    /// Received on or before the last day of entry.
    public let onTime: Int
    /// Expected units without a report, in the order they were expected.
    public let missing: [Unit]
    /// Received after the last day of entry, in the order they were expected.
    public let late: [Unit]

    /// Counts the reports of `expected` units from the day each submitted (units not
    /// expected are not counted); on time means on or before the window's last day.
    public init(expected: [Unit], submitted: [Unit: CivilDate], period: ReportingPeriod, cutOff: CutOff, window: EntryWindow) {
        var seen: Set<Unit> = []
        let units = expected.filter { seen.insert($0).inserted }
        let received = units.filter { submitted[$0] != nil }
        let late = received.filter { !window.isOnTime(submitted[$0]!, for: period, cutOff) }
        self.expected = units.count
        self.received = received.count
        self.onTime = received.count - late.count
        self.missing = units.filter { submitted[$0] == nil }
        self.late = late
    }

    /// Received over expected: `"85,71%"`; `nil` when none was expected.
    public var receivedRate: String? {
        VietnameseFormat.percent(numerator: received, denominator: expected)
    }

    /// On time over expected; `nil` when none was expected.
    public var onTimeRate: String? {
        VietnameseFormat.percent(numerator: onTime, denominator: expected)
    }
}
