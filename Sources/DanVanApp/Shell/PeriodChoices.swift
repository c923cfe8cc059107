import DanVanDomain
import Foundation

/// The standard reporting periods of one year, as a `<select>` groups them.
struct PeriodGroup: Sendable, Encodable {
    var year: String
    var options: [FormOption]
}

extension PageRenderer {
    /// A period as a person names it: "Năm 2026", "Quý I năm 2026", "6 tháng đầu năm 2026", "Tháng 03/2026".
    func periodLabel(_ period: ReportPeriod, _ language: Language) -> String {
        let year = String(period.from.year)
        let key = period.key ?? ""
        if key.count == 4 { return catalogue.text("statistics_period_year", language, [year]) }
        if key.hasSuffix("-6m") { return catalogue.text("statistics_period_6m", language, [year]) }
        if key.hasSuffix("-9m") { return catalogue.text("statistics_period_9m", language, [year]) }
        if key.contains("-q") { return catalogue.text("statistics_period_quarter", language, [String(key.suffix(1)), year]) }
        if !key.isEmpty { return catalogue.text("statistics_period_month", language, [String(key.suffix(2)), year]) }
        return period.description
    }

    /// Every standard period of the last five years (and of the selected one), to choose from
    /// rather than type as a code.
    func periodGroups(selected: ReportPeriod?, language: Language) -> [PeriodGroup] {
        let thisYear = CivilDate.today(now: Date()).year
        var years = Array((thisYear - 4...thisYear).reversed())
        if let selected, !years.contains(selected.from.year) { years.append(selected.from.year) }
        return years.map { year in
            var periods: [ReportPeriod?] = [.year(year), .sixMonths(year), .nineMonths(year)]
            periods += (1...4).map { ReportPeriod.quarter(year, $0) }
            periods += (1...12).map { ReportPeriod.month(year, $0) }
            return PeriodGroup(year: String(year), options: periods.compactMap { $0 }.map {
                FormOption(value: $0.key ?? "", label: periodLabel($0, language), selected: $0 == selected)
            })
        }
    }
}
