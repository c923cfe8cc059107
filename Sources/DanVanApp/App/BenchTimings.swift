import Foundation

/// Timings of repeated runs, in milliseconds.
struct Timings {
    private(set) var samples: [Double] = []

    mutating func measure<T>(_ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        let value = try await body()
        let elapsed = ContinuousClock.now - start
        samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        return value
    }

    /// Adds another run's samples (a worker's, in a load).
    mutating func add(_ other: Timings) { samples += other.samples }

    func percentile(_ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let index = min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)
        return sorted[max(0, index)]
    }

    /// "p50 0.42 ms, p95 0.97 ms (n=970)".
    var summary: String {
        String(format: "p50 %.3f ms, p95 %.3f ms, max %.3f ms (n=%d)", percentile(50), percentile(95), samples.max() ?? .nan, samples.count)
    }
}
