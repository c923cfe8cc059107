import DanVanDomain
import Foundation
import Hummingbird

/// Coverage and statistics of "Dân vận khéo" models for a unit's subtree and a year, each figure
/// linked to its list, last year's beside it; a bar chart by field and a workbook.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /models/coverage?unit=&year=&kind=&registered=&visited= | organisations with and without a model (visited: those a survey team visited) |
/// | GET | /models/statistics?unit=&year= | the figures |
/// | GET | /models/statistics.xlsx?unit=&year= | the same as a workbook |
struct ModelFiguresController: Sendable {
    let models: ModelStore
    let pages: ModelController
    var renderer: PageRenderer { pages.renderer }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.modelCoverage) { request, context in try await coverage(FormData.query(of: request), context: context) }
        signedIn.get(SiteURL.Pattern.modelStatistics) { request, context in
            let filter = try await pages.filter(FormData.query(of: request), context: context)
            return try await statistics(filter, context: context)
        }
        signedIn.get(SiteURL.Pattern.modelStatisticsWorkbook) { request, context in
            let filter = try await pages.filter(FormData.query(of: request), context: context)
            return try await ModelSheets(models: models, renderer: renderer).statistics(table(filter, context: context), unitName: try await pages.units.unit(context.scope, id: filter.unitID).name,
                                                                                     year: filter.year, context: context)
        }
    }

    // MARK: Coverage

    struct CoveragePage: Sendable, Encodable {
        struct Kind: Sendable, Encodable { var name: String; var total: String; var totalHref: String; var with: String; var withHref: String; var without: String; var withoutHref: String; var rate: String }
        struct Row: Sendable, Encodable { var name: String; var kind: String; var unit: String; var models: String; var href: String? }
        var units: [FormOption]
        var years: [FormOption]
        var heading: String
        var kinds: [Kind]
        var rows: [Row]
        var listHeading: String?
        var statisticsHref: String
        var action = SiteURL.Pattern.modelCoverage.link()
    }

    private func coverage(_ query: FormData, context: SignedInContext) async throws -> Response {
        let filter = try await pages.filter(query, context: context)
        let unit = try await pages.units.unit(context.scope, id: filter.unitID)
        let rows = try await models.coverage(context.scope, unitID: unit.id, year: filter.year)
        let kind = query.optional("kind"), registered = query.optional("registered"), visited = query.optional("visited") == "yes"
        func link(_ kind: String?, _ registered: String?) -> String { SiteURL.modelCoverage(unit: unit.id, year: filter.year, kind: kind, registered: registered).path }
        func line(_ name: String, _ group: [CoverageRow], kind: String?) -> CoveragePage.Kind {
            let with = group.filter { $0.models > 0 }.count
            return .init(name: name, total: VietnameseFormat.integer(group.count), totalHref: link(kind, nil), with: VietnameseFormat.integer(with), withHref: link(kind, "yes"),
                         without: VietnameseFormat.integer(group.count - with), withoutHref: link(kind, "no"),
                         rate: VietnameseFormat.percent(numerator: with, denominator: group.count) ?? "—")
        }
        var kinds = [line(pages.text("model_total", context), rows, kind: nil)]
        var seen: [String] = []
        for row in rows where !seen.contains(row.kind) { seen.append(row.kind) }
        kinds += seen.map { key in line(rows.first { $0.kind == key }!.kindName, rows.filter { $0.kind == key }, kind: key) }
        let listed = rows.filter { (kind == nil || $0.kind == kind) && (registered == nil || ($0.models > 0) == (registered == "yes")) && (!visited || $0.visited > 0) }
        let narrowed = kind != nil || registered != nil || visited
        let page = CoveragePage(
            units: try await pages.unitOptions(scope: context.scope, selected: unit), years: pages.yearOptions(selected: filter.year),
            heading: "\(unit.name) · \(filter.year)", kinds: kinds,
            rows: (narrowed ? listed : []).map { row in
                var list = ModelFilter(unitID: unit.id, year: filter.year); list.organisationID = row.id
                return .init(name: row.name, kind: row.kindName, unit: row.unitName, models: VietnameseFormat.integer(row.models),
                             href: row.models > 0 ? SiteURL.modelList(list, offset: 0).path : nil)
            },
            listHeading: !narrowed ? nil : [kind.flatMap { k in rows.first { $0.kind == k }?.kindName },
                                            registered.map { pages.text("model_coverage_" + ($0 == "yes" ? "with" : "without"), context) },
                                            visited ? pages.text("model_visited", context) : nil]
                .compactMap { $0 }.joined(separator: " · "),
            statisticsHref: SiteURL.modelStatistics(unit: unit.id, year: filter.year).path)
        return renderer.render("models/model_coverage", titleKey: "model_coverage_title", page: page, context: context, section: "models")
    }

    // MARK: Statistics

    /// One figure: this year's and last year's count, each linking to its list.
    struct Figure: Sendable, Encodable {
        var label: String
        var count: String
        var href: String
        var last: String
        var lastHref: String
        /// For the workbook.
        var value: Int
        var lastValue: Int
    }

    struct Section: Sendable, Encodable {
        var id: String
        var title: String
        var figures: [Figure]
    }

    /// The figures of a subtree's year, with last year's, in sections.
    func table(_ filter: ModelFilter, context: SignedInContext) async throws -> [Section] {
        let scope = context.scope
        let now = try await models.figures(scope, unitID: filter.unitID, year: filter.year)
        let before = try await models.figures(scope, unitID: filter.unitID, year: filter.year - 1)
        func figure(_ label: String, _ value: (ModelFigures) -> Int, _ narrow: (inout ModelFilter) -> Void) -> Figure {
            var list = ModelFilter(unitID: filter.unitID, year: filter.year); narrow(&list)
            var last = list; last.year -= 1
            return Figure(label: label, count: VietnameseFormat.integer(value(now)), href: SiteURL.modelList(list, offset: 0).path,
                          last: VietnameseFormat.integer(value(before)), lastHref: SiteURL.modelList(last, offset: 0).path, value: value(now), lastValue: value(before))
        }
        func section<T: RawRepresentable & CaseIterable>(_ id: String, _ type: T.Type, prefix: String, _ counts: KeyPath<ModelFigures, [String: Int]>,
                                                         _ narrow: @escaping (inout ModelFilter, String) -> Void) -> Section where T.RawValue == String {
            Section(id: "model-" + id, title: pages.text("model_by_" + id, context), figures: T.allCases.map { key in
                figure(pages.text(prefix + key.rawValue, context), { $0[keyPath: counts][key.rawValue] ?? 0 }) { narrow(&$0, key.rawValue) }
            })
        }
        // The organisations the survey teams visited: the coverage list narrowed to them.
        let visited = Figure(label: pages.text("model_visited", context), count: VietnameseFormat.integer(now.visited),
                             href: SiteURL.modelVisited(unit: filter.unitID, year: filter.year).path, last: VietnameseFormat.integer(before.visited),
                             lastHref: SiteURL.modelVisited(unit: filter.unitID, year: filter.year - 1).path, value: now.visited, lastValue: before.visited)
        let levels = try await models.ratingLevels()
        return [
            Section(id: "model-total", title: pages.text("model_total", context), figures: [figure(pages.text("model_total", context), \.total) { _ in }]),
            section("status", ModelYearStatus.self, prefix: "model_status_", \.byStatus) { $0.status = $1 },
            section("kind", ModelKind.self, prefix: "model_kind_", \.byKind) { $0.kind = $1 },
            section("field", ModelField.self, prefix: "model_field_", \.byField) { $0.field = $1 },
            { var s = section("method", ModelEvaluationMethod.self, prefix: "model_method_", \.byMethod) { $0.evaluated = $1 }; s.figures.append(visited); return s }(),
            // The scale's levels in use, and a retired one while the year or the year before has evaluations rated on it.
            Section(id: "model-rating", title: pages.text("model_by_rating", context), figures: levels
                .filter { $0.retiredOn == nil || now.byRating[$0.key] != nil || before.byRating[$0.key] != nil }
                .map { level in figure(level.label, { $0.byRating[level.key] ?? 0 }) { $0.rating = level.key } }),
            section("level", ModelCommendationLevel.self, prefix: "model_level_", \.byLevel) { $0.level = $1 },
        ]
    }

    /// A bar of the chart by field (its figure links to its list in the table below).
    struct Bar: Sendable, Encodable { var label: String; var count: String; var y: Int; var width: String; var textY: Int }

    struct StatisticsPage: Sendable, Encodable {
        var units: [FormOption]
        var years: [FormOption]
        var heading: String
        var year: String
        var lastYear: String
        var sections: [Section]
        var bars: [Bar]
        var chartHeight: Int
        var workbookHref: String
        var coverageHref: String
        var coverage: String
        /// The rating scale's page, for national administrators.
        var ratingsHref: String?
        var action = SiteURL.Pattern.modelStatistics.link()
    }

    private func statistics(_ filter: ModelFilter, context: SignedInContext) async throws -> Response {
        let unit = try await pages.units.unit(context.scope, id: filter.unitID)
        let sections = try await table(filter, context: context)
        let fields = sections.first { $0.id == "model-field" }?.figures ?? []
        let most = max(fields.map(\.value).max() ?? 0, 1)
        let coverage = try await models.coverage(context.scope, unitID: unit.id, year: filter.year)
        let page = StatisticsPage(
            units: try await pages.unitOptions(scope: context.scope, selected: unit), years: pages.yearOptions(selected: filter.year),
            heading: unit.name, year: String(filter.year), lastYear: String(filter.year - 1), sections: sections,
            bars: fields.enumerated().map { index, figure in
                Bar(label: figure.label, count: figure.count, y: index * 44 + 4, width: String(format: "%.2f", Double(figure.value) * 100 / Double(most)),
                    textY: index * 44 + 40)
            },
            chartHeight: fields.count * 44 + 8,
            workbookHref: SiteURL.modelStatisticsWorkbook(unit: unit.id, year: filter.year).path,
            coverageHref: SiteURL.modelCoverage(unit: unit.id, year: filter.year, kind: nil, registered: nil).path,
            coverage: pages.text("model_coverage_line", context, [VietnameseFormat.integer(coverage.filter { $0.models > 0 }.count), VietnameseFormat.integer(coverage.count)]),
            ratingsHref: context.scope.has(.administrator) && context.scope.isNational ? SiteURL.modelRatings.path : nil)
        return renderer.render("models/model_statistics", titleKey: "model_statistics_title", page: page, context: context, section: "models")
    }
}
