import DanVanDomain
import Foundation
import Hummingbird

/// The consolidated table of one unit (its subtree, history included) and the units below it.
struct ReportFiguresBody: Codable, Sendable {
    struct Column: Codable, Sendable {
        var period: String
        var label: String
        var from: String
        var to: String
    }
    struct Indicator: Codable, Sendable {
        var code: String
        var name: String
        var unit: String
        var aggregation: String
        var source: String
    }
    struct Row: Codable, Sendable {
        var unitID: UUID
        var unitName: String
        /// By indicator code, one value per column; null: no value.
        var values: [String: [Double?]]
    }
    var unitID: UUID
    var period: String
    var form: String?
    var columns: [Column]
    var indicators: [Indicator]
    /// The unit first, then the units below it.
    var rows: [Row]
}

/// The pivot of reporting figures (bảng tổng hợp chỉ tiêu): rows the units below a unit or the
/// indicators, columns the periods of a span, each figure beside the previous period and the same
/// period last year and linked to what it counts; a bar chart over units, a line over periods, a
/// workbook, and the same table in the API.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /reporting/figures?unit=&period=&frequency=&form=&indicators=&rows= | the pivot |
/// | GET | /reporting/figures.xlsx?… | the same table as a workbook |
/// | GET | /api/v1/reporting/figures?unit=&period=&frequency=&form=&indicators= | the consolidated table |
struct ReportFiguresController: Sendable {
    let store: ReportFiguresStore
    let units: UnitStore
    let renderer: PageRenderer

    /// What a pivot is about, read from its query.
    struct Selection: Sendable {
        var unit: UnitSummary
        var span: ReportingPeriod
        var frequency: ReportingFrequency
        var form: ReportFormRecord?
        /// The form's version in force at the span's end: its sections group the indicator checklist.
        var version: ReportFormVersionRecord?
        var cutOff: CutOff
        var indicators: [IndicatorRecord]
        /// Every indicator (ratios' parts, links).
        var catalogue: [IndicatorRecord]
        var byUnits: Bool
        var requestedCodes: String
        /// The columns: the periods of `frequency` in the span (the span itself when none fits).
        var columns: [ReportingPeriod] {
            let inside = (1...frequency.periodsPerYear).compactMap { ReportingPeriod(frequency, year: span.year, index: $0) }
                .filter { $0.firstMonth >= span.firstMonth && $0.lastMonth <= span.lastMonth }
            return inside.isEmpty ? [span] : inside
        }
        var pairs: [(String, String?)] {
            [("unit", unit.id.uuidString.lowercased()), ("period", span.key), ("frequency", frequency.rawValue), ("form", form?.code),
             ("indicators", requestedCodes.nilIfEmpty), ("rows", byUnits ? "units" : nil)]
        }
    }

    static let frequencies = ReportingFrequency.allCases

    func selection(_ query: FormData, scope: Scope) async throws -> Selection {
        let unit = try await units.unit(scope, id: UUID(uuidString: query["unit"]) ?? scope.unitID)
        let today = CivilDate.today(now: Date())
        let span = ReportingPeriod(key: query["period"]) ?? .year(today.year)!
        let frequency = ReportingFrequency(rawValue: query["frequency"]) ?? span.frequency
        let forms = try await store.forms()
        let form = forms.first { $0.code == query["form"] } ?? forms.first
        var version: ReportFormVersionRecord?
        if let form { version = try await store.version(formID: form.id, on: span.lastDay) }
        let all = try await store.indicators()
        // Codes comma-separated (a link, an export) or one per ticked box of the checklist.
        let requested = (query.values["indicators"] ?? []).flatMap { $0.split(separator: ",") }.map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var codes = requested
        if codes.isEmpty, let version { codes = try await store.codes(versionID: version.id) }
        if codes.isEmpty { codes = all.map(\.code) }
        let byUnits = query["rows"] == "units"
        if byUnits && requested.isEmpty { codes = Array(codes.prefix(1)) }
        let indicators = codes.compactMap { code in all.first { $0.code == code } }
        return Selection(unit: unit, span: span, frequency: frequency, form: form, version: version, cutOff: ReportFiguresStore.cutOff(version), indicators: indicators,
                         catalogue: all, byUnits: byUnits, requestedCodes: requested.joined(separator: ","))
    }

    /// The columns, and for each the period before and the same one a year earlier.
    static func periodsRead(_ columns: [ReportingPeriod]) -> [ReportingPeriod] {
        var all: [ReportingPeriod] = []
        for period in columns {
            for candidate in [period, period.previous, period.sameLastYear].compactMap({ $0 }) where !all.contains(candidate) { all.append(candidate) }
        }
        return all
    }

    struct Read: Sendable {
        var selection: Selection
        var below: [UnitSummary]
        var grid: FigureGrid
    }

    func read(_ selection: Selection, scope: Scope, comparisons: Bool) async throws -> Read {
        // The units as they were at the end of the last column: a 2025 province's table of 2022 has the legacy provinces.
        let below = try await units.below(scope, of: selection.unit, on: selection.columns.last?.lastDay ?? .today(now: Date()))
        let periods = comparisons ? Self.periodsRead(selection.columns) : selection.columns
        let grid = try await store.consolidate(scope, target: FigureTarget(root: selection.unit.id, below: below.map(\.id)), periods: periods,
                                               cutOff: selection.cutOff, indicators: selection.indicators, catalogue: selection.catalogue)
        return Read(selection: selection, below: below, grid: grid)
    }

    // MARK: The page

    struct Cell: Sendable, Encodable {
        var text: String
        var href: String?
        var previous: String?
        var lastYear: String?
    }

    struct Row: Sendable, Encodable {
        var label: String
        var unitName: String?
        var href: String?
        var total: Bool
        var cells: [Cell]
    }

    struct Table: Sendable, Encodable {
        var id: String
        var title: String
        var rows: [Row]
    }

    struct LinePoint: Sendable, Encodable {
        var x: Int
        var y: Int
        /// Where its value is written, above the point.
        var labelY: Int
        var label: String
        var value: String
    }

    /// One box of the indicator checklist.
    struct IndicatorCheck: Sendable, Encodable {
        var code: String
        var name: String
        var unit: String
        var checked: Bool
        var id: String
    }

    /// The boxes of one section of the form.
    struct IndicatorGroup: Sendable, Encodable {
        var heading: String
        var checks: [IndicatorCheck]
    }

    struct Page: Sendable, Encodable {
        var units: [FormOption]
        var periods: [FormOption]
        var frequencies: [FormOption]
        var forms: [FormOption]
        var indicatorGroups: [IndicatorGroup]
        /// "3/25": the indicators shown of those offered.
        var indicatorsChosen: String
        var byUnits: Bool
        var unitName: String
        var spanLabel: String
        var range: String
        var columns: [String]
        var tables: [Table]
        var bars: [SurveyResultsController.Bar]
        var barsTitle: String
        var chartHeight: Int
        var line: [LinePoint]
        var linePoints: String
        var lineTitle: String
        var workbookHref: String
        var apiHref: String
        var action: String
        var hasBars: Bool
        var hasLine: Bool
        var lineFirst: String
        var lineLast: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.reportFigures) { request, context in
            try await page(try await selection(FormData.query(of: request), scope: context.scope), context: context)
        }
        signedIn.get(SiteURL.Pattern.reportFiguresWorkbook) { request, context in
            try await workbook(try await selection(FormData.query(of: request), scope: context.scope), context: context)
        }
        signedIn.get(SiteURL.Pattern.apiReportFigures) { request, context in
            let query = APIQuery(request)
            try query.checkUUID("unit")
            try query.checkText("period", maxLength: 7)
            if query.has("period"), !(ReportingPeriod(key: query.form["period"]).map { (1900...2099).contains($0.year) } ?? false) { throw APIQuery.bad("period") }
            try query.check("frequency", in: ReportingFrequency.allCases.map(\.rawValue))
            try query.checkText("form", maxLength: 40)
            try query.checkText("indicators", maxLength: 4000)
            let read = try await read(try await selection(query.form, scope: context.scope), scope: context.scope, comparisons: false)
            return JSONResponse.make(Self.body(read))
        }
    }

    static func body(_ read: Read) -> ReportFiguresBody {
        let selection = read.selection
        let columns = selection.columns
        let groups = [(selection.unit.id, selection.unit.name)] + read.below.map { ($0.id, $0.name) }
        return ReportFiguresBody(
            unitID: selection.unit.id, period: selection.span.key, form: selection.form?.code,
            columns: columns.map { period in
                let days = selection.cutOff.range(of: period)
                return .init(period: period.key, label: period.label, from: days.from.iso, to: days.to.iso)
            },
            indicators: selection.indicators.map { .init(code: $0.code, name: $0.name, unit: $0.unit, aggregation: $0.aggregation, source: $0.source) },
            rows: groups.map { id, name in
                .init(unitID: id, unitName: name, values: Dictionary(uniqueKeysWithValues: selection.indicators.map { indicator in
                    (indicator.code, columns.map { read.grid[id]?[$0]?[indicator.code] })
                }))
            })
    }

    /// A figure in Vietnamese: its digits, or "–" for no value.
    static func text(_ value: Double?, _ indicator: IndicatorRecord) -> String {
        guard let value else { return "–" }
        if indicator.isRatio { return VietnameseFormat.decimal(value, fractionDigits: max(indicator.fractionDigits, 2)) + "%" }
        return indicator.fractionDigits == 0 && value == value.rounded() && abs(value) < 1e15 ? VietnameseFormat.integer(Int(value))
            : VietnameseFormat.decimal(value, fractionDigits: max(indicator.fractionDigits, 2))
    }

    /// "kỳ trước 12 (tăng 25%)".
    private func comparison(_ key: String, _ current: Double?, _ earlier: Double?, _ indicator: IndicatorRecord, _ language: Language) -> String? {
        guard let earlier else { return nil }
        var text = renderer.catalogue.text(key, language, [Self.text(earlier, indicator)])
        if let current { text += " (" + FigureChange(current, from: earlier).text(percentagePoints: indicator.isRatio) + ")" }
        return text
    }

    /// What a figure counts: a computed one the module's list; an entered one (or a ratio) the units below it on this page.
    private func link(_ indicator: IndicatorRecord, unit: UnitSummary, period: ReportingPeriod, selection: Selection, all: [IndicatorRecord]) -> String? {
        if let key = indicator.computation, let computed = ComputedIndicator.all[key] {
            return computed.list(unit.id, selection.cutOff.range(of: period)).path
        }
        if indicator.isRatio, let numerator = all.first(where: { $0.code == indicator.numeratorCode }), numerator.computation != nil {
            return link(numerator, unit: unit, period: period, selection: selection, all: all)
        }
        var drill = selection
        drill.unit = unit
        drill.byUnits = true
        drill.requestedCodes = indicator.code
        drill.span = period
        drill.frequency = period.frequency
        return SiteURL.reportFiguresOf(drill.pairs).path
    }

    private func page(_ selection: Selection, context: SignedInContext) async throws -> Response {
        let scope = context.scope, language = context.language
        let t = renderer.catalogue
        let read = try await read(selection, scope: scope, comparisons: true)
        let all = selection.catalogue
        let columns = selection.columns
        func cells(_ unit: UnitSummary, _ indicator: IndicatorRecord) -> [Cell] {
            columns.map { period in
                let value = read.grid[unit.id]?[period]?[indicator.code]
                let previous = period.previous.flatMap { read.grid[unit.id]?[$0]?[indicator.code] }
                let lastYear = period.sameLastYear.flatMap { read.grid[unit.id]?[$0]?[indicator.code] }
                return Cell(text: Self.text(value, indicator), href: value == nil ? nil : link(indicator, unit: unit, period: period, selection: selection, all: all),
                            previous: comparison("report_figures_previous", value, previous, indicator, language),
                            lastYear: comparison("report_figures_last_year", value, lastYear, indicator, language))
            }
        }
        var tables: [Table] = []
        if selection.byUnits {
            for (index, indicator) in selection.indicators.enumerated() {
                let rows = [Row(label: selection.unit.name, unitName: nil, href: nil, total: true, cells: cells(selection.unit, indicator))]
                    + read.below.map { child in
                        var drill = selection
                        drill.unit = child
                        return Row(label: child.name, unitName: nil, href: SiteURL.reportFiguresOf(drill.pairs).path, total: false, cells: cells(child, indicator))
                    }
                tables.append(Table(id: "figures-\(index)", title: "\(indicator.name) (\(indicator.unit))", rows: rows))
            }
        } else {
            tables.append(Table(id: "figures-0", title: selection.unit.name, rows: selection.indicators.map { indicator in
                Row(label: indicator.name, unitName: indicator.unit, href: nil, total: false, cells: cells(selection.unit, indicator))
            }))
        }
        // Bars over the units below, for the first indicator and the last column.
        let first = selection.indicators.first
        let last = columns.last!
        let barValues: [(String, Double)] = first.map { indicator in
            read.below.compactMap { child in read.grid[child.id]?[last]?[indicator.code].map { (child.name, $0) } }
        } ?? []
        let top = barValues.map(\.1).max() ?? 0
        let bars = barValues.enumerated().map { index, pair in
            SurveyResultsController.Bar(label: pair.0, rate: first.map { Self.text(pair.1, $0) } ?? "", y: index * 44 + 4,
                                        width: String(format: "%.2f", top > 0 ? max(pair.1, 0) / top * 100 : 0), textY: index * 44 + 40, color: "#0a4a8a")
        }
        // A line over the columns, for the first indicator of the unit.
        let lineValues: [(String, Double?)] = first.map { indicator in columns.map { ($0.label(language), read.grid[selection.unit.id]?[$0]?[indicator.code]) } } ?? []
        let lineTop = lineValues.compactMap(\.1).max() ?? 0
        let step = columns.count > 1 ? 288 / (columns.count - 1) : 0
        let line = lineValues.enumerated().compactMap { index, pair -> LinePoint? in
            guard let value = pair.1, let indicator = first else { return nil }
            let y = 150 - Int((lineTop > 0 ? max(value, 0) / lineTop : 0) * 130)
            return LinePoint(x: 16 + index * step, y: y, labelY: y - 6, label: pair.0, value: Self.text(value, indicator))
        }
        let span = selection.cutOff.range(of: selection.span)
        let today = CivilDate.today(now: Date())
        let periodOptions = (today.year - 8...today.year + 1).reversed().flatMap { year in
            ReportingFrequency.allCases.reversed().flatMap { frequency in
                (1...frequency.periodsPerYear).compactMap { ReportingPeriod(frequency, year: year, index: $0) }
            }
        }.map { FormOption(value: $0.key, label: $0.label(language), selected: $0 == selection.span) }
        let forms = try await store.forms()
        let groups = try await indicatorGroups(selection, language: language)
        let page = Page(
            units: try await units.filterOptions(scope, selected: selection.unit),
            periods: periodOptions,
            frequencies: Self.frequencies.map { FormOption(value: $0.rawValue, label: t.text("report_frequency_" + $0.rawValue, language), selected: $0 == selection.frequency) },
            forms: forms.map { FormOption(value: $0.code, label: $0.name, selected: $0.id == selection.form?.id) },
            indicatorGroups: groups, indicatorsChosen: "\(VietnameseFormat.integer(selection.indicators.count))/\(VietnameseFormat.integer(groups.map(\.checks.count).reduce(0, +)))",
            byUnits: selection.byUnits,
            unitName: selection.unit.name, spanLabel: selection.span.label(language),
            range: "\(VietnameseFormat.date(span.from)) – \(VietnameseFormat.date(span.to))",
            columns: columns.map { $0.label(language) }, tables: tables,
            bars: bars, barsTitle: first.map { "\($0.name): \(last.label(language))" } ?? "", chartHeight: max(bars.count, 1) * 44 + 8,
            line: line.count > 1 ? line : [], linePoints: line.map { "\($0.x),\($0.y)" }.joined(separator: " "),
            lineTitle: first.map { "\($0.name): \(selection.unit.name)" } ?? "",
            workbookHref: SiteURL.reportFiguresWorkbook(selection.pairs).path,
            apiHref: SiteURL.apiReportFigures(selection.pairs).path, action: SiteURL.reportFigures.path,
            hasBars: !bars.isEmpty, hasLine: line.count > 1, lineFirst: line.first?.label ?? "", lineLast: line.last?.label ?? "")
        return renderer.render("reporting/figures", titleKey: "report_figures_title", page: page, context: context, section: "reporting")
    }

    /// The checklist of indicators: the form's, by its sections, those shown ticked; an indicator
    /// asked for outside the form in a group of its own (every indicator when there is no form).
    private func indicatorGroups(_ selection: Selection, language: Language) async throws -> [IndicatorGroup] {
        let shown = Set(selection.indicators.map(\.code))
        func check(_ indicator: IndicatorRecord) -> IndicatorCheck {
            IndicatorCheck(code: indicator.code, name: indicator.name, unit: indicator.unit, checked: shown.contains(indicator.code),
                           id: "indicator-" + indicator.code.replacingOccurrences(of: ".", with: "-"))
        }
        var groups: [IndicatorGroup] = []
        var offered = Set<String>()
        if let form = selection.form, let record = selection.version {
            let items = try await ReportFormCatalogue(database: store.database).version(form, record).items
            for item in items where !offered.contains(item.indicator.code) {
                offered.insert(item.indicator.code)
                if groups.last?.heading == item.section { groups[groups.count - 1].checks.append(check(item.indicator)) }
                else { groups.append(IndicatorGroup(heading: item.section, checks: [check(item.indicator)])) }
            }
        }
        let others = (groups.isEmpty ? selection.catalogue : selection.indicators).filter { !offered.contains($0.code) }
        if !others.isEmpty {
            groups.append(IndicatorGroup(heading: renderer.catalogue.text(groups.isEmpty ? "report_figures_indicators" : "report_figures_other", language),
                                         checks: others.map(check)))
        }
        return groups
    }

    // MARK: The workbook

    private func workbook(_ selection: Selection, context: SignedInContext) async throws -> Response {
        let language = context.language
        let t = renderer.catalogue
        let read = try await read(selection, scope: context.scope, comparisons: false)
        typealias XCell = XLSXWorkbook.Cell
        func cells(_ unit: UUID, _ indicator: IndicatorRecord) -> [XCell] {
            selection.columns.map { period in
                guard let value = read.grid[unit]?[period]?[indicator.code] else { return XCell.text("") }
                return indicator.isRatio ? .percent(value / 100) : XCell(value: .number(value), style: indicator.fractionDigits == 0 ? XLSXWorkbook.Style.plain.with(.integer) : .plain)
            }
        }
        var rows: [[XCell]] = []
        var first = [OfficialSheet.Column(headings: [t.text(selection.byUnits ? "report_figures_unit" : "report_figures_indicator", language)], number: "A", width: 40)]
        if !selection.byUnits { first.append(OfficialSheet.Column(headings: [t.text("report_figures_measure", language)], number: "B", width: 12)) }
        if selection.byUnits {
            for indicator in selection.indicators {
                rows.append([.heading("\(indicator.name) (\(indicator.unit))")])
                rows.append([.heading(selection.unit.name)] + cells(selection.unit.id, indicator))
                rows += read.below.map { [.text($0.name)] + cells($0.id, indicator) }
            }
        } else {
            rows = selection.indicators.map { [.text($0.name), .text($0.unit)] + cells(selection.unit.id, $0) }
        }
        let columns = first + selection.columns.enumerated().map { index, period in
            OfficialSheet.Column(headings: [period.label(language)], number: "(\(index + 1))", width: 14)
        }
        let span = selection.cutOff.range(of: selection.span)
        let sheet = OfficialSheet(name: t.text("report_figures_sheet", language), reportingBody: t.text("workbook_reporting_body", language, [selection.unit.name]),
                                  title: t.text("report_figures_title", language).uppercased(),
                                  subtitles: [selection.span.label(language) + " (" + VietnameseFormat.date(span.from) + " – " + VietnameseFormat.date(span.to) + ")"],
                                  columns: columns, rows: rows, words: OfficialSheet.Words(catalogue: t, language: language))
        return try StatisticsController.download(XLSXWorkbook(sheets: [sheet.sheet]),
                                                 filename: StatisticsController.filename(["tong hop chi tieu", selection.unit.name, selection.span.key]))
    }
}
