import DanVanDomain
import Foundation
import Hummingbird

/// Statistics of citizen reception and letters (the Thanh tra forms 01/TCD,
/// 01/XLD, 01/KQGQ): every figure links to the records it counts.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /statistics?unit=&period= | the figures of a unit's subtree (history included) over a period |
/// | GET | /statistics.xlsx?unit=&period= | the same figures as a workbook |
/// | GET | /statistics/letters.xlsx?figure=&unit=&period= | the letters behind one letter figure as a workbook |
/// | GET | /reception/visits?figure=&unit=&period= | the visits (or sessions) behind one reception figure |
///
/// The Thanh tra forms themselves are in ``StatisticsController/addFormRoutes(to:)``.
///
/// Anyone with a scope may read them: figures carry no identity. A unit outside the scope is 404.
struct StatisticsController: Sendable {
    let statistics: StatisticsStore
    let forms: StatisticsFormStore
    let reception: ReceptionStore
    let letters: LetterStore
    let units: UnitStore
    let renderer: PageRenderer

    /// The two reception figures that count sessions rather than visits.
    static let sessionFigures = ["sessions", "head_sessions"]

    // MARK: Page models

    /// One figure and the link to its records.
    struct FigureCell: Sendable, Encodable {
        var id: String
        var label: String
        var value: String
        var count: Int
        var href: String
        var people: String?
        var peopleHref: String?
        var workbookHref: String?
    }

    struct StatisticsPage: Sendable, Encodable {
        var unitName: String
        var range: String
        var periodLabel: String
        var periodInvalid: Bool
        var reception: [FigureCell]
        var letters: [FigureCell]
        var resolution: [FigureCell]
        var rate: String
        var unitOptions: [FormOption]
        var periodGroups: [PeriodGroup]
        var search: String
        var searchResults: [UnitLink]
        var searched: Bool
        var workbookHref: String
        /// The Thanh tra forms in force on the period's last day (value: the link).
        var forms: [FormOption]
        var formsHref: String
    }

    struct UnitLink: Sendable, Encodable {
        var name: String
        var code: String
        var href: String
        var validity: String?
    }

    struct VisitsPage: Sendable, Encodable {
        var heading: String
        var unitName: String
        var range: String
        var backHref: String
        var visits: [VisitLine]
        var sessions: [SessionLine]
        var showsSessions: Bool
        var count: Int
    }

    struct VisitLine: Sendable, Encodable {
        var date: String
        var unitName: String
        var people: Int
        var group: Bool
        var repeatLabel: String
        var content: String
        var letterHref: String?
    }

    struct SessionLine: Sendable, Encodable {
        var date: String
        var unitName: String
        var organisationName: String
        var place: String
        var receiverKind: String
        var receiverName: String
        var visits: Int
        var people: Int
    }

    /// The unit and period a request asks for.
    struct Selection: Sendable {
        var scope: Scope
        var unit: UnitSummary
        var period: ReportPeriod
        var key: String
        var periodInvalid: Bool
    }

    // MARK: Routes

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.statistics) { request, context in
            try await page(request, context: context)
        }
        signedIn.get(SiteURL.Pattern.statisticsWorkbook) { request, context in
            let selection = try await select(request, context: context, strict: true)
            let stats = try await statistics.statistics(selection.scope, unitID: selection.unit.id, period: selection.period)
            let workbook = figuresWorkbook(stats, selection: selection, language: context.language)
            return try Self.download(workbook, filename: Self.filename(["thong-ke", selection.unit.name, selection.key]))
        }
        signedIn.get(SiteURL.Pattern.figureLettersWorkbook) { request, context in
            let selection = try await select(request, context: context, strict: true)
            guard let figure = LetterFigure(rawValue: FormData.query(of: request)["figure"]) else { throw AppError.notFound }
            let rows = try await letters.letters(selection.scope, query: LetterQuery(unitID: selection.unit.id, figures: ([figure], selection.period),
                                                                                     sort: .receivedOldest, limit: 1_000_000))
            let workbook = lettersWorkbook(rows, figure: figure, selection: selection, language: context.language)
            return try Self.download(workbook, filename: Self.filename(["don", renderer.catalogue.text(figure.labelKey, .vi), selection.unit.name, selection.key]))
        }
        signedIn.get(SiteURL.Pattern.figureVisits) { request, context in
            try await visitsPage(request, context: context)
        }
        addFormRoutes(to: router)
    }

    // MARK: Selection

    func select(_ request: Request, context: SignedInContext, strict: Bool) async throws -> Selection {
        let scope = context.scope
        let query = FormData.query(of: request)
        let unitID = try UUID.parse(query.optional("unit") ?? scope.unitID.uuidString)
        let unit = try await units.unit(scope, id: unitID)
        let today = CivilDate.today(now: Date())
        let requested = query.optional("period")
        let parsed = requested.flatMap(ReportPeriod.parse)
        if strict && requested != nil && parsed == nil { throw AppError(.badRequest, code: "bad_period", messageKey: "statistics_period_invalid") }
        let period = parsed ?? ReportPeriod.year(today.year)!
        return Selection(scope: scope, unit: unit, period: period, key: period.key ?? String(today.year),
                         periodInvalid: requested != nil && parsed == nil)
    }

    func rangeText(_ period: ReportPeriod, _ language: Language) -> String {
        renderer.catalogue.text("statistics_range", language, [VietnameseFormat.date(period.from), VietnameseFormat.date(period.to)])
    }

    /// "Năm 2025", "Quý 1 năm 2025", "6 tháng năm 2025", "Tháng 03/2025".
    // MARK: Statistics page

    private func page(_ request: Request, context: SignedInContext) async throws -> Response {
        let selection = try await select(request, context: context, strict: false)
        let language = context.language
        let stats = try await statistics.statistics(selection.scope, unitID: selection.unit.id, period: selection.period)
        let scope = selection.scope
        var pickable = try await units.children(scope, of: scope.unitID)
        pickable.insert(try await units.unit(scope, id: scope.unitID), at: 0)
        if !pickable.contains(where: { $0.id == selection.unit.id }) { pickable.append(selection.unit) }
        let search = FormData.query(of: request).optional("q")
        var results: [UnitLink] = []
        if let search, VietnameseText.validationProblem(search) == nil {
            results = try await units.search(scope, folded: VietnameseText.folded(search), limit: 30).map {
                UnitLink(name: $0.name, code: $0.code, href: SiteURL.statisticsOf(unit: $0.id, period: selection.key).path,
                         validity: $0.validTo.map { renderer.catalogue.text("statistics_until", language, [CivilDate(iso: $0).map(VietnameseFormat.date) ?? $0]) })
            }
        }
        let cells = figureCells(stats, selection: selection, language: language)
        let page = StatisticsPage(
            unitName: selection.unit.name, range: rangeText(selection.period, language), periodLabel: renderer.periodLabel(selection.period, language),
            periodInvalid: selection.periodInvalid,
            reception: cells.reception, letters: cells.letters, resolution: cells.resolution,
            rate: stats.resolutionRate.map { VietnameseFormat.percent($0) } ?? "—",
            unitOptions: pickable.map { FormOption(value: $0.id.uuidString.lowercased(), label: $0.name, selected: $0.id == selection.unit.id) },
            periodGroups: renderer.periodGroups(selected: selection.period, language: language),
            search: search ?? "", searchResults: results, searched: search != nil,
            workbookHref: SiteURL.statisticsWorkbook(unit: selection.unit.id, period: selection.key).path,
            forms: try await formLinks(selection), formsHref: SiteURL.statisticsForms.path)
        return renderer.render("statistics/statistics", titleKey: "statistics_title", page: page, context: context, section: "statistics")
    }

    /// The figures of the three sections, each with the link to its records.
    func figureCells(_ stats: LetterStatistics, selection: Selection, language: Language) -> (reception: [FigureCell], letters: [FigureCell], resolution: [FigureCell]) {
        let catalogue = renderer.catalogue
        let unit = selection.unit.id, key = selection.key
        func sessionCell(_ figure: String, _ count: Int) -> FigureCell {
            let href = SiteURL.figureVisits(figure: figure, unit: unit, period: key).path
            return FigureCell(id: "visit-\(figure)", label: catalogue.text("statistics_\(figure)", language), value: VietnameseFormat.integer(count),
                              count: count, href: href)
        }
        var reception = [sessionCell("sessions", stats.sessions), sessionCell("head_sessions", stats.headSessions)]
        for figure in VisitFigure.allCases {
            let (visits, people) = stats.visits[figure] ?? (0, 0)
            let href = SiteURL.figureVisits(figure: figure.rawValue, unit: unit, period: key).path
            reception.append(FigureCell(id: "visit-\(figure.rawValue)", label: catalogue.text(figure.labelKey, language), value: VietnameseFormat.integer(visits),
                                        count: visits, href: href, people: VietnameseFormat.integer(people), peopleHref: href))
        }
        func letterCell(_ figure: LetterFigure) -> FigureCell {
            let count = stats.count(figure)
            return FigureCell(id: "letter-\(figure.rawValue)", label: catalogue.text(figure.labelKey, language), value: VietnameseFormat.integer(count),
                              count: count, href: SiteURL.figureLetters(figure: figure.rawValue, unit: unit, period: key).path,
                              workbookHref: SiteURL.figureLettersWorkbook(figure: figure.rawValue, unit: unit, period: key).path)
        }
        return (reception, LetterFigure.allCases.filter { $0.section == "letters" }.map(letterCell),
                LetterFigure.allCases.filter { $0.section == "resolution" }.map(letterCell))
    }

    // MARK: Visits behind a figure

    private func visitsPage(_ request: Request, context: SignedInContext) async throws -> Response {
        let selection = try await select(request, context: context, strict: true)
        let language = context.language
        let catalogue = renderer.catalogue
        let raw = FormData.query(of: request)["figure"]
        var page = VisitsPage(heading: "", unitName: selection.unit.name, range: rangeText(selection.period, language),
                              backHref: SiteURL.statisticsOf(unit: selection.unit.id, period: selection.key).path,
                              visits: [], sessions: [], showsSessions: false, count: 0)
        // "sessions", "head_sessions", or "sessions,head" (a form's column): sessions; otherwise visits meeting every figure.
        let names = raw.split(separator: ",").map(String.init)
        if Self.sessionFigures.contains(raw) || names.first == "sessions" {
            let receivers = raw == "head_sessions" ? [.head] : names.dropFirst().compactMap(VisitFigure.init(rawValue:))
            guard receivers.allSatisfy(VisitFigure.sessionFigures.contains), raw == "head_sessions" || receivers.count == names.count - 1 else {
                throw AppError.notFound
            }
            let sessions = try await reception.sessions(selection.scope, unitID: selection.unit.id, period: selection.period, receivers: receivers,
                                                        limit: 100_000)
            page.heading = raw == "head_sessions" ? catalogue.text("statistics_head_sessions", language)
                : ([catalogue.text("statistics_sessions", language)] + receivers.map { catalogue.text($0.labelKey, language) }).joined(separator: ", ")
            page.showsSessions = true
            page.sessions = sessions.map {
                SessionLine(date: Self.displayDate($0.date), unitName: $0.unitName, organisationName: $0.organisationName, place: $0.place,
                            receiverKind: catalogue.text("receiver_kind_\($0.receiverKind)", language), receiverName: $0.receiverName,
                            visits: $0.visits, people: $0.people)
            }
            page.count = sessions.count
        } else {
            let figures = names.compactMap(VisitFigure.init(rawValue:))
            guard !figures.isEmpty, figures.count == names.count else { throw AppError.notFound }
            let visits = try await reception.visits(selection.scope, unitID: selection.unit.id, period: selection.period, figures: figures, limit: 100_000)
            page.heading = figures.map { catalogue.text($0.labelKey, language) }.joined(separator: ", ")
            page.visits = visits.map {
                VisitLine(date: Self.displayDate($0.date), unitName: $0.unitName, people: $0.people, group: $0.isGroup,
                          repeatLabel: catalogue.text($0.isRepeat ? "visit_figure_repeat_cases" : "visit_figure_first_cases", language),
                          content: $0.content, letterHref: $0.letterID.map { SiteURL.letterCase($0).path })
            }
            page.count = visits.count
        }
        return renderer.render("statistics/statistics_visits", titleKey: "statistics_visits_title", title: page.heading, page: page, context: context,
                               section: "statistics")
    }

    static func displayDate(_ iso: String) -> String {
        CivilDate(iso: iso).map(VietnameseFormat.date) ?? iso
    }

    // MARK: Workbooks

    func figuresWorkbook(_ stats: LetterStatistics, selection: Selection, language: Language) -> XLSXWorkbook {
        let catalogue = renderer.catalogue
        let cells = figureCells(stats, selection: selection, language: language)
        var rows: [[XLSXWorkbook.Cell]] = []
        let sections = [("statistics_reception", cells.reception), ("statistics_letters", cells.letters), ("statistics_resolution", cells.resolution)]
        for (key, figures) in sections {
            let section = catalogue.text(key, language)
            for cell in figures {
                let people: XLSXWorkbook.Cell = cell.people == nil ? .empty : .number(peopleCount(stats, cell))
                rows.append([.text(section), .text(cell.label), .number(cell.count), people])
            }
        }
        rows.append([.text(catalogue.text("statistics_resolution", language)), .text(catalogue.text("statistics_rate", language)),
                     stats.resolutionRate.map { .percent($0) } ?? .text("—", Style(alignment: .right))])
        let columns = [("statistics_section", "A", 22.0), ("statistics_figure", "B", 46), ("statistics_count", "(1)", 14), ("statistics_people", "(2)", 14)]
            .map { OfficialSheet.Column(headings: [catalogue.text($0.0, language)], number: $0.1, width: $0.2) }
        return officialWorkbook(catalogue.text("statistics_sheet", language), title: catalogue.text("statistics_title", language), selection: selection,
                                columns: columns, rows: rows, language: language)
    }

    private func peopleCount(_ stats: LetterStatistics, _ cell: FigureCell) -> Int {
        guard let figure = VisitFigure(rawValue: String(cell.id.dropFirst("visit-".count))) else { return 0 }
        return stats.visits[figure]?.people ?? 0
    }

    /// The letters behind a figure. A denouncer is never named: the sender column
    /// of a denunciation carries the redaction notice.
    func lettersWorkbook(_ rows: [LetterRow], figure: LetterFigure, selection: Selection, language: Language) -> XLSXWorkbook {
        let catalogue = renderer.catalogue
        let sheet: [[XLSXWorkbook.Cell]] = rows.map { row in
            let sender = row.letterKind == .denunciation ? catalogue.text("sender_redacted", language) : row.senderLabel
            let received: XLSXWorkbook.Cell = CivilDate(iso: row.receivedOn).map { .date($0, Style(alignment: .center)) } ?? .text(row.receivedOn)
            return [.text(row.code), received, .text(catalogue.text("kind_\(row.kind)", language)),
                    .text(catalogue.text("field_\(row.field)", language)), .text(catalogue.text("status_\(row.status)", language)),
                    .text(row.subject), .text(row.organisationName), .text(sender)]
        }
        let keys = ["statistics_col_code", "statistics_col_received", "statistics_col_kind", "statistics_col_field", "statistics_col_status",
                    "statistics_col_subject", "statistics_col_organisation", "statistics_col_sender"]
        let columns = zip(keys, [18.0, 13, 14, 20, 16, 50, 30, 30]).enumerated().map { index, column in
            OfficialSheet.Column(headings: [catalogue.text(column.0, language)], number: "(\(index + 1))", width: column.1)
        }
        return officialWorkbook(catalogue.text("statistics_sheet_letters", language),
                                title: catalogue.text("workbook_letters_title", language, [catalogue.text(figure.labelKey, language)]),
                                selection: selection, columns: columns, rows: sheet, language: language)
    }

    typealias Style = XLSXWorkbook.Style

    /// A one-sheet workbook laid out as the forms are printed (``OfficialSheet``),
    /// reported by the selection's unit over its period.
    func officialWorkbook(_ name: String, formNumber: [String] = [], title: String, selection: Selection, columns: [OfficialSheet.Column],
                          rows: [[XLSXWorkbook.Cell]], language: Language) -> XLSXWorkbook {
        let catalogue = renderer.catalogue
        let words = OfficialSheet.Words(catalogue: catalogue, language: language)
        let sheet = OfficialSheet(name: name, formNumber: formNumber, reportingBody: catalogue.text("workbook_reporting_body", language, [selection.unit.name]),
                                  title: title, subtitles: [rangeText(selection.period, language)], columns: columns, rows: rows, words: words)
        return XLSXWorkbook(sheets: [sheet.sheet])
    }

    static func download(_ workbook: XLSXWorkbook, filename: String) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = XLSXWorkbook.contentType
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try workbook.data())))
    }

    /// A file name part with only ASCII letters, digits and dashes.
    /// A workbook's file name from words a person reads (the unit's name, the figure's label,
    /// the period), never internal keys: `thong-ke-huyen-chu-puh-2022.xlsx`.
    static func filename(_ parts: [String]) -> String {
        parts.map(ascii).joined(separator: "-").split(separator: "-").joined(separator: "-") + ".xlsx"
    }

    static func ascii(_ text: String) -> String {
        let folded = VietnameseText.folded(text)
        let kept = folded.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" }
        return String(kept)
    }
}
