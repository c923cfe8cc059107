import DanVanDomain
import Foundation
import Hummingbird

/// The results of the satisfaction surveys for a unit's subtree and a period: counts and
/// rates per answer (rounded so that they add up to 100,00%), by month, counter and field,
/// the units below compared, a bar chart, a workbook, and the answers behind each count.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /surveys?unit=&period= | the results (the caller's unit and this year by default) |
/// | GET | /surveys.xlsx?unit=&period= | the same as a workbook |
/// | GET | /surveys/answers?unit=&period=&choice=&month=&counter=&field= | the answers a count stands for |
struct SurveyResultsController: Sendable {
    let surveys: SurveyStore
    let units: UnitStore
    let renderer: PageRenderer

    /// A count and its rate, linking to its answers.
    struct Cell: Sendable, Encodable {
        var count: String
        var rate: String
        var href: String
    }

    struct Row: Sendable, Encodable {
        var label: String
        var href: String?
        var cells: [Cell]
        var total: String
        var totalHref: String
    }

    struct Table: Sendable, Encodable {
        var id: String
        var title: String
        var rows: [Row]
    }

    struct Bar: Sendable, Encodable {
        var label: String
        var rate: String
        var y: Int
        var width: String
        var textY: Int
        var color: String
    }

    struct ResultsPage: Sendable, Encodable {
        var units: [FormOption]
        var periodGroups: [PeriodGroup]
        var periodError: String?
        var unitName: String
        var range: String
        var choices: [String]
        var hasAnswers: Bool
        /// The total, then by month, counter and field, then the units below (each when it has rows).
        var tables: [Table]
        var bars: [Bar]
        var chartHeight: Int
        var workbookHref: String
        var kiosksHref: String
    }

    struct AnswerLine: Sendable, Encodable {
        var time: String
        var unitName: String
        var counter: String
        var field: String
        var choice: String
        var reason: String
    }

    struct AnswersPage: Sendable, Encodable {
        var heading: String
        var unitName: String
        var range: String
        var answers: [AnswerLine]
        var count: String
        var limited: Bool
        var backHref: String
    }

    /// What a page is about: a unit in reach and a period.
    struct Selection: Sendable {
        var unit: UnitSummary
        var period: ReportPeriod
        var key: String
        var invalid: Bool
    }

    static let answersLimit = 500

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.surveys) { request, context in
            try await results(try await selection(FormData.query(of: request), context: context), context: context)
        }
        signedIn.get(SiteURL.Pattern.surveysWorkbook) { request, context in
            try await workbook(try await selection(FormData.query(of: request), context: context), context: context)
        }
        signedIn.get(SiteURL.Pattern.surveyAnswers) { request, context in
            let query = FormData.query(of: request)
            let filter = SurveyAnswerFilter(choice: query["choice"].nilIfEmpty, month: query["month"].nilIfEmpty, counter: query["counter"].nilIfEmpty,
                                            field: query["field"].nilIfEmpty)
            return try await answers(try await selection(query, context: context), filter: filter, context: context)
        }
    }

    private func selection(_ query: FormData, context: SignedInContext) async throws -> Selection {
        let unit = try await units.unit(context.scope, id: UUID(uuidString: query["unit"]) ?? context.scope.unitID)
        let parsed = query["period"].isEmpty ? nil : ReportPeriod.parse(query["period"])
        let year = CivilDate.today(now: Date()).year
        let period = parsed ?? ReportPeriod.year(year)!
        return Selection(unit: unit, period: period, key: period.key ?? String(year), invalid: !query["period"].isEmpty && parsed == nil)
    }

    /// The choice keys in order: the default three, then any other a survey has.
    private static func choiceKeys(_ counts: SurveyCounts) -> [String] {
        let known = SurveyRecord.defaultChoices.map(\.key)
        return known + Set(counts.total.counts.keys).subtracting(known).sorted()
    }

    /// The words of each answer choice: the default three, then those of the surveys in reach.
    private func choiceLabels(_ scope: Scope) async throws -> @Sendable (String) -> String {
        let labels = try await surveys.labels(scope).choices
        return { key in labels[key] ?? key }
    }

    private func row(_ label: String, href: String? = nil, counts: [String: Int], keys: [String], link: (String?) -> String) -> Row {
        let values = keys.map { counts[$0] ?? 0 }
        let shares = SurveyRates.hundredths(values)
        return Row(label: label, href: href,
                   cells: zip(keys, zip(values, shares)).map { key, pair in
                       Cell(count: VietnameseFormat.integer(pair.0), rate: SurveyRates.text(hundredths: pair.1), href: link(key))
                   },
                   total: VietnameseFormat.integer(values.reduce(0, +)), totalHref: link(nil))
    }

    private func groupLabel(_ group: SurveyCounts.Group, kind: String, language: Language) -> String {
        let t = renderer.catalogue
        switch kind {
        case "month":
            let parts = group.key.split(separator: "-").compactMap { Int($0) }
            return parts.count == 2 ? ReportPeriod.month(parts[0], parts[1]).map { renderer.periodLabel($0, language) } ?? group.key : group.key
        case "counter": return SurveyChannel(rawValue: group.key).map { t.text("survey_channel_" + $0.rawValue, language) } ?? group.label
        default: return group.key == SurveyStore.noField ? t.text("survey_no_field", language) : t.text("survey_field_" + group.key, language)
        }
    }

    private func results(_ selection: Selection, context: SignedInContext) async throws -> Response {
        let scope = context.scope, language = context.language
        let choiceLabel = try await choiceLabels(scope)
        let t = renderer.catalogue
        let counts = try await surveys.counts(scope, unitID: selection.unit.id, period: selection.period)
        let keys = Self.choiceKeys(counts)
        let unit = selection.unit.id, key = selection.key
        func link(_ filter: SurveyAnswerFilter) -> (String?) -> String {
            { choice in var filter = filter; filter.choice = choice; return SiteURL.surveyAnswers(unit: unit, period: key, filter: filter).path }
        }
        func rows(_ groups: [SurveyCounts.Group], kind: String, filter: (String) -> SurveyAnswerFilter) -> [Row] {
            groups.map { row(groupLabel($0, kind: kind, language: language), counts: $0.counts, keys: keys, link: link(filter($0.key))) }
        }
        let below = try await surveys.countsBelow(scope, unitID: unit, period: selection.period).map { child in
            row(child.unit.name, href: SiteURL.surveysOf(unit: child.unit.id, period: key).path, counts: child.counts, keys: keys,
                link: { choice in SiteURL.surveyAnswers(unit: child.unit.id, period: key, filter: SurveyAnswerFilter(choice: choice)).path })
        }
        let total = row(t.text("survey_total", language), counts: counts.total.counts, keys: keys, link: link(SurveyAnswerFilter()))
        let shares = SurveyRates.hundredths(keys.map { counts.total.counts[$0] ?? 0 })
        let colors = ["#0b5d1e", "#0a4a8a", "#8a1010", "#555555"]
        let bars = zip(keys, shares).enumerated().map { index, pair in
            Bar(label: choiceLabel(pair.0), rate: SurveyRates.text(hundredths: pair.1), y: index * 44 + 4,
                width: String(format: "%.2f", Double(pair.1) / 100), textY: index * 44 + 40, color: colors[min(index, colors.count - 1)])
        }
        let filterUnits = try await units.filterOptions(scope, selected: selection.unit)
        let page = ResultsPage(
            units: filterUnits, periodGroups: renderer.periodGroups(selected: selection.period, language: language),
            periodError: selection.invalid ? t.text("reception_error_period", language) : nil,
            unitName: selection.unit.name, range: Self.range(selection.period), choices: keys.map(choiceLabel),
            hasAnswers: counts.total.total > 0,
            tables: [
                Table(id: "survey-total", title: t.text("survey_total", language), rows: [total]),
                Table(id: "survey-months", title: t.text("survey_by_month", language), rows: rows(counts.months, kind: "month") { SurveyAnswerFilter(month: $0) }),
                Table(id: "survey-counters", title: t.text("survey_by_counter", language),
                      rows: rows(counts.counters, kind: "counter") { SurveyAnswerFilter(counter: $0) }),
                Table(id: "survey-fields", title: t.text("survey_by_field", language), rows: rows(counts.fields, kind: "field") { SurveyAnswerFilter(field: $0) }),
                Table(id: "survey-below", title: t.text("survey_units_below", language), rows: below),
            ].filter { !$0.rows.isEmpty },
            bars: bars, chartHeight: keys.count * 44 + 8,
            workbookHref: SiteURL.surveysWorkbook(unit: unit, period: key).path, kiosksHref: SiteURL.surveyKiosks.path)
        return renderer.render("surveys/survey_results", titleKey: "survey_results_title", page: page, context: context, section: "surveys")
    }

    static func range(_ period: ReportPeriod) -> String {
        "\(VietnameseFormat.date(period.from)) – \(VietnameseFormat.date(period.to))"
    }

    private func workbook(_ selection: Selection, context: SignedInContext) async throws -> Response {
        let scope = context.scope, language = context.language
        let choiceLabel = try await choiceLabels(scope)
        let t = renderer.catalogue
        let counts = try await surveys.counts(scope, unitID: selection.unit.id, period: selection.period)
        let keys = Self.choiceKeys(counts)
        typealias Cell = XLSXWorkbook.Cell
        func cells(_ label: String, _ counts: [String: Int]) -> [Cell] {
            let values = keys.map { counts[$0] ?? 0 }
            let shares = SurveyRates.hundredths(values)
            return [Cell.text(label), .number(values.reduce(0, +))] + zip(values, shares).flatMap { [Cell.number($0.0), .percent(Double($0.1) / 10_000)] }
        }
        func section(_ title: String, _ groups: [SurveyCounts.Group], kind: String) -> [[Cell]] {
            groups.isEmpty ? [] : [[.heading(title)]] + groups.map { cells(groupLabel($0, kind: kind, language: language), $0.counts) }
        }
        var rows = [cells(t.text("survey_total", language), counts.total.counts)]
        rows += section(t.text("survey_by_month", language), counts.months, kind: "month")
        rows += section(t.text("survey_by_counter", language), counts.counters, kind: "counter")
        rows += section(t.text("survey_by_field", language), counts.fields, kind: "field")
        let below = try await surveys.countsBelow(scope, unitID: selection.unit.id, period: selection.period)
        if !below.isEmpty { rows += [[.heading(t.text("survey_units_below", language))]] + below.map { cells($0.unit.name, $0.counts) } }
        var columns = [OfficialSheet.Column(headings: [t.text("survey_group", language)], number: "A", width: 34),
                       OfficialSheet.Column(headings: [t.text("survey_answers", language)], number: "(1)", width: 12)]
        for (index, key) in keys.enumerated() {
            columns.append(OfficialSheet.Column(headings: [choiceLabel(key), t.text("survey_count", language)], number: "(\(2 * index + 2))", width: 11))
            columns.append(OfficialSheet.Column(headings: [choiceLabel(key), t.text("survey_rate", language)], number: "(\(2 * index + 3))", width: 11))
        }
        let sheet = OfficialSheet(name: t.text("survey_sheet", language), reportingBody: t.text("workbook_reporting_body", language, [selection.unit.name]),
                                  title: t.text("survey_results_title", language).uppercased(), subtitles: [Self.range(selection.period)],
                                  columns: columns, rows: rows, words: OfficialSheet.Words(catalogue: t, language: language))
        return try StatisticsController.download(XLSXWorkbook(sheets: [sheet.sheet]),
                                                 filename: StatisticsController.filename(["khao sat hai long", selection.unit.name, selection.key]))
    }

    private func answers(_ selection: Selection, filter: SurveyAnswerFilter, context: SignedInContext) async throws -> Response {
        let scope = context.scope, language = context.language
        let labels = try await surveys.labels(scope)
        let choiceLabel = { (key: String) in labels.choices[key] ?? key }
        let t = renderer.catalogue
        let rows = try await surveys.answers(scope, unitID: selection.unit.id, period: selection.period, filter: filter, limit: Self.answersLimit + 1)
        var heading = [t.text("survey_answers_title", language)]
        if let choice = filter.choice { heading.append(choiceLabel(choice)) }
        let lines = rows.prefix(Self.answersLimit).map { row in
            AnswerLine(time: VietnameseFormat.date(CivilDate(iso: row.answeredOn) ?? CivilDate.today(now: row.answeredAt)),
                       unitName: row.unitName, counter: row.kioskName ?? t.text("survey_channel_" + row.channel, language),
                       field: row.field.map { t.text("survey_field_" + $0, language) } ?? "",
                       choice: choiceLabel(row.choice),
                       reason: row.reason.map { labels.reasons[$0] ?? $0 } ?? "")
        }
        let page = AnswersPage(heading: heading.joined(separator: ": "), unitName: selection.unit.name, range: Self.range(selection.period),
                               answers: Array(lines), count: VietnameseFormat.integer(lines.count), limited: rows.count > Self.answersLimit,
                               backHref: SiteURL.surveysOf(unit: selection.unit.id, period: selection.key).path)
        return renderer.render("surveys/survey_answers", titleKey: "survey_answers_title", page: page, context: context, section: "surveys")
    }
}
