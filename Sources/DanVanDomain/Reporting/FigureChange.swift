/// A figure beside the same figure of an earlier period: the period before (so với kỳ
/// trước, `ReportingPeriod.previous`) or the same period last year (so với cùng kỳ năm
/// trước, `ReportingPeriod.sameLastYear`), as reports write it.
public struct FigureChange: Hashable, Sendable {
    public let current: Double
    public let earlier: Double

    public init(_ current: Double, from earlier: Double) {
        self.current = current
        self.earlier = earlier
    }

    /// Current minus earlier.
    public var difference: Double { current - earlier }

    /// The change as a fraction of the earlier figure (0,125 for +12,5%); `nil` when the
    /// earlier figure is 0.
    public var relative: Double? {
        earlier == 0 ? nil : difference / abs(earlier)
    }

    /// "tăng 12,5%", "giảm 20%", "không đổi"; from 0, the difference: "tăng 5". A ratio
    /// indicator (a percentage) changes in points: "tăng 2,3 điểm phần trăm".
    public func text(percentagePoints: Bool = false) -> String {
        let order = RuleOperator.order(current, earlier)
        guard order != 0 else { return "không đổi" }
        let verb = order > 0 ? "tăng " : "giảm "
        if percentagePoints { return verb + VietnameseFormat.figure(abs(difference)) + " điểm phần trăm" }
        guard let relative else { return verb + VietnameseFormat.figure(abs(difference)) }
        return verb + VietnameseFormat.figure(abs(relative) * 100) + "%"
    }
}
