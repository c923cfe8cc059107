/// How an indicator's values add up over units and periods (cách tổng hợp chỉ tiêu).
public enum IndicatorAggregation: Hashable, Sendable {
    /// Values add up, over units and over periods (sessions, attendees, đồng mobilised).
    case sum
    /// `numerator / denominator × factor` computed on the two indicators' totals — a ratio of
    /// sums, never an average of the units' or months' ratios (tỷ lệ giải quyết = đã giải
    /// quyết / đã nhận × 100). A ratio is never entered nor added up itself: it is computed
    /// again from its parts at every level. Its parts are `sum` or `latest` indicators.
    case ratio(numerator: String, denominator: String, factor: Double)
    /// Over periods, the value of the last period that has one in the span (members of an
    /// association at the end of a quarter); over units, the units' values add up.
    case latest
}

/// The figures of one unit or group of units for one period, by indicator code.
public typealias IndicatorValues = [String: Double]

/// Consolidation (tổng hợp) by the indicators' aggregations: over the periods of a span,
/// over units, and the ratios computed last from the totals. An indicator without an
/// aggregation here adds up. A value missing is no value, not 0: a total over nothing is
/// absent, and a ratio lacking a part has no value.
///
/// The order is the rule: each unit over the span's periods first (a `latest` takes each
/// unit's own last value, even when units last reported in different months), then over
/// units, then the ratios.
public struct Consolidation: Sendable {
    public let aggregations: [String: IndicatorAggregation]

    public init(_ aggregations: [String: IndicatorAggregation]) {
        self.aggregations = aggregations
    }

    /// One unit's figures over a span from the figures of the periods in it (months for a
    /// quarter, a half, nine months or a year), in any order. Ratios in the input are left
    /// out; ``withRatios(_:)`` computes them from the result.
    public func overPeriods(_ periods: [(period: ReportingPeriod, values: IndicatorValues)]) -> IndicatorValues {
        var result: IndicatorValues = [:]
        for (_, values) in periods.sorted(by: { $0.period < $1.period }) {
            for (code, value) in values {
                switch aggregations[code] ?? .sum {
                case .sum: result[code, default: 0] += value
                case .latest: result[code] = value  // periods in order: the last one stays
                case .ratio: break
                }
            }
        }
        return result
    }

    /// The figures of `period` derived from monthly figures keyed by month, such as the
    /// nine months to date from January to September; under a year form's cut-off in
    /// another month, the months `CutOff.months(of:)` names.
    public func value(of period: ReportingPeriod, monthly: [ReportingPeriod: IndicatorValues], cutOff: CutOff = .calendarEnd) -> IndicatorValues {
        overPeriods(cutOff.months(of: period).compactMap { month in monthly[month].map { (month, $0) } })
    }

    /// The total of units' figures for the same span (sum and latest add up over units).
    /// Ratios in the input are left out.
    public func overUnits(_ units: [IndicatorValues]) -> IndicatorValues {
        var result: IndicatorValues = [:]
        for values in units {
            for (code, value) in values {
                if case .ratio = aggregations[code] ?? .sum { continue }
                result[code, default: 0] += value
            }
        }
        return result
    }

    /// `totals` with every ratio indicator computed from them: no value when a part is
    /// missing or the denominator is 0.
    public func withRatios(_ totals: IndicatorValues) -> IndicatorValues {
        var result = totals
        for (code, aggregation) in aggregations {
            guard case .ratio(let numerator, let denominator, let factor) = aggregation else { continue }
            if let top = totals[numerator], let bottom = totals[denominator], bottom != 0 {
                result[code] = top / bottom * factor
            } else {
                result[code] = nil
            }
        }
        return result
    }

    /// Any group of units over any span, from each unit's figures per period: each unit over
    /// the periods, then the units added up, then the ratios.
    public func consolidate(_ units: [[(period: ReportingPeriod, values: IndicatorValues)]]) -> IndicatorValues {
        withRatios(overUnits(units.map(overPeriods)))
    }
}
