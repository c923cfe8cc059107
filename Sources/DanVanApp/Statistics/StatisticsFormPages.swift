import DanVanDomain
import Foundation
import Hummingbird

/// The Thanh tra forms (biểu mẫu) filled from the records, and their definitions.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /statistics/form?code=&unit=&period= | a form in force on the period's last day, filled for a unit's subtree |
/// | GET | /statistics/form.xlsx?code=&unit=&period= | the same, a row for the unit and one for each unit below it |
/// | GET | /statistics/forms | every form with its text and the dates it is in force |
/// | POST | /statistics/forms | add a form from its text, replacing others from its date (national administrators) |
extension StatisticsController {
    struct FormPage: Sendable, Encodable {
        var code: String
        var title: String
        var source: String
        var unitName: String
        var periodLabel: String
        var range: String
        var columns: [FormCell]
        var broken: [String]
        var workbookHref: String
        var backHref: String
    }

    struct FormCell: Sendable, Encodable {
        var number: Int
        var label: String
        var value: String
        var href: String?
        var relations: String?
    }

    struct FormsPage: Sendable, Encodable {
        var forms: [FormLine]
        var isAdmin: Bool
        var text: String
        var problems: [String]
        var figures: [FigureName]
        var example: String
    }

    struct FormLine: Sendable, Encodable {
        var code: String
        var title: String
        var source: String
        var validity: String
        var createdBy: String
        var text: String
    }

    struct FigureName: Sendable, Encodable {
        var records: String
        var name: String
        var label: String
    }

    func addFormRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        // Settings of the whole country: national administrators only (the store checks it again).
        let administrators = router.nationalAdministrators()
        signedIn.get(SiteURL.Pattern.statisticsForm) { request, context in
            let (selection, stored, values) = try await filledForm(request, context: context)
            return renderer.render("statistics/statistics_form", titleKey: "forms_title", title: stored.form.code + " — " + stored.form.title,
                                   page: formPage(values, selection: selection, language: context.language), context: context, section: "statistics")
        }
        signedIn.get(SiteURL.Pattern.statisticsFormWorkbook) { request, context in
            let (selection, stored, values) = try await filledForm(request, context: context)
            let workbook = try await formWorkbook(stored.form, total: values, selection: selection, language: context.language)
            let code = Self.ascii(stored.form.code)
            return try Self.download(workbook, filename: Self.filename(["bieu", code, selection.unit.name, selection.key]))
        }
        signedIn.get(SiteURL.Pattern.statisticsForms) { _, context in
            try await formsPage(context: context)
        }
        administrators.post(SiteURL.Pattern.statisticsForms) { request, context in
            let scope = context.scope
            let text = try await FormData.from(request, context: context).text("text")
            do {
                try await forms.add(scope, text: text)
                return Response.redirect(to: SiteURL.statisticsForms.path)
            } catch let problems as FormTextProblems {
                return try await formsPage(context: context, text: text, problems: problems, status: .unprocessableContent)
            }
        }
    }

    /// The form a request names, in force on the last day of its period, filled for its unit.
    private func filledForm(_ request: Request, context: SignedInContext) async throws -> (Selection, StoredForm, FormValues) {
        let selection = try await select(request, context: context, strict: true)
        let stored = try await forms.form(code: FormData.query(of: request)["code"], on: selection.period.to)
        let values = try await forms.values(selection.scope, form: stored.form, unitID: selection.unit.id, period: selection.period)
        return (selection, stored, values)
    }

    /// The link behind a counted cell: the letters, visits or sessions it counts.
    static func href(_ definition: FormColumnDefinition, unit: UUID, period: String) -> String? {
        guard case .count(let records, let names) = definition else { return nil }
        switch records {
        case .letters: return SiteURL.figureLetters(figure: names.joined(separator: ","), unit: unit, period: period).path
        case .visits, .people:
            return SiteURL.figureVisits(figure: names.isEmpty ? VisitFigure.visits.rawValue : names.joined(separator: ","), unit: unit, period: period).path
        case .sessions: return SiteURL.figureVisits(figure: (["sessions"] + names).joined(separator: ","), unit: unit, period: period).path
        }
    }

    func formPage(_ values: FormValues, selection: Selection, language: Language) -> FormPage {
        let catalogue = renderer.catalogue
        let form = values.form
        let columns = form.columns.map { column in
            let value = values.values[column.number] ?? nil
            return FormCell(number: column.number, label: column.label,
                            value: value.map(VietnameseFormat.integer) ?? catalogue.text("forms_not_recorded", language),
                            href: Self.href(column.definition, unit: selection.unit.id, period: selection.key),
                            relations: column.relations.map(StatisticsFormText.sum).joined(separator: " ").nilIfEmpty)
        }
        let broken = values.brokenRelations.map {
            catalogue.text("forms_relation_broken", language, [String($0.column), StatisticsFormText.sum($0.parts), VietnameseFormat.integer($0.value),
                                                               VietnameseFormat.integer($0.sum)])
        }
        return FormPage(code: form.code, title: form.title, source: form.source, unitName: selection.unit.name,
                        periodLabel: renderer.periodLabel(selection.period, language), range: rangeText(selection.period, language),
                        columns: columns, broken: broken,
                        workbookHref: SiteURL.statisticsFormWorkbook(code: form.code, unit: selection.unit.id, period: selection.key).path,
                        backHref: SiteURL.statisticsOf(unit: selection.unit.id, period: selection.key).path)
    }

    /// The forms in force on the period's last day, as links for the statistics page.
    func formLinks(_ selection: Selection) async throws -> [FormOption] {
        try await forms.forms(on: selection.period.to).map {
            FormOption(value: SiteURL.statisticsForm(code: $0.form.code, unit: selection.unit.id, period: selection.key).path,
                       label: $0.form.code + " — " + $0.form.title, selected: false)
        }
    }

    /// The form as printed: a row for the unit (its whole subtree, history
    /// included), one for the level's own agencies (what the units below do not
    /// hold), and one for each unit directly below it on the period's last day,
    /// so the rows below the total add up to it; columns grouped and numbered as on the form.
    func formWorkbook(_ form: StatisticsForm, total: FormValues, selection: Selection, language: Language) async throws -> XLSXWorkbook {
        let catalogue = renderer.catalogue
        var day = selection.period.to
        if let from = selection.unit.validFrom.flatMap({ CivilDate(iso: $0) }), day < from { day = from }
        if let to = selection.unit.validTo.flatMap({ CivilDate(iso: $0) }), to < day { day = to }
        var children: [(name: String, values: [Int: Int?])] = []
        for child in try await units.children(selection.scope, of: selection.unit.id, on: day) {
            children.append((child.name, try await forms.values(selection.scope, form: form, unitID: child.id, period: selection.period).values))
        }
        func row(_ name: String, _ values: [Int: Int?], _ style: XLSXWorkbook.Style = .plain) -> [XLSXWorkbook.Cell] {
            [.text(name, style)] + form.columns.map { column in (values[column.number] ?? nil).map { .number($0, style) } ?? .empty }
        }
        var rows = [row(catalogue.text("forms_total", language, [selection.unit.name]), total.values, .bold)]
        if !children.isEmpty {
            rows.append(row(catalogue.text("forms_own_agencies_\(selection.unit.level)", language), Self.remainder(total.values, children.map(\.values))))
            rows += children.map { row($0.name, $0.values) }
        }
        let columns = [OfficialSheet.Column(headings: [catalogue.text("statistics_unit", language)], number: "A", width: 30)]
            + form.columns.map { OfficialSheet.Column(headings: $0.headings, number: "(\($0.number))", width: 10) }
        return officialWorkbook(form.code.replacingOccurrences(of: "/", with: "-"),
                                formNumber: [catalogue.text("workbook_form_number", language, [form.code]),
                                             catalogue.text("workbook_form_source", language, [form.source])],
                                title: form.title, selection: selection, columns: columns, rows: rows, language: language)
    }

    /// What a total holds beyond its parts, column by column (a column not recorded stays nil).
    static func remainder(_ total: [Int: Int?], _ parts: [[Int: Int?]]) -> [Int: Int?] {
        Dictionary(uniqueKeysWithValues: total.map { column, value in
            (column, value.map { $0 - parts.reduce(0) { sum, part in sum + ((part[column] ?? nil) ?? 0) } })
        })
    }

    private func formsPage(context: SignedInContext, text: String? = nil, problems: FormTextProblems? = nil,
                           status: HTTPResponse.Status = .ok) async throws -> Response {
        let scope = context.scope
        let language = context.language
        let catalogue = renderer.catalogue
        let all = try await forms.all()
        let lines = all.map { stored in
            let from = VietnameseFormat.date(stored.form.validFrom)
            let validity = stored.validTo.map { catalogue.text("forms_valid_between", language, [from, VietnameseFormat.date($0)]) }
                ?? catalogue.text("forms_valid_from", language, [from])
            return FormLine(code: stored.form.code, title: stored.form.title, source: stored.form.source, validity: validity,
                            createdBy: stored.createdBy, text: stored.text)
        }
        let messages = (problems?.problems ?? []).map { problem in
            let message = catalogue.text("forms_problem_" + problem.kind.rawValue, language, [problem.detail])
            return problem.line == 0 ? message : catalogue.text("forms_problem_line", language, [String(problem.line), message])
        }
        var figures = LetterFigure.allCases.map { FigureName(records: "đơn", name: $0.rawValue, label: catalogue.text($0.labelKey, language)) }
        figures += VisitFigure.allCases.map { FigureName(records: "lượt, người", name: $0.rawValue, label: catalogue.text($0.labelKey, language)) }
        figures += VisitFigure.sessionFigures.map { FigureName(records: "kỳ", name: $0.rawValue, label: catalogue.text($0.labelKey, language)) }
        let page = FormsPage(forms: lines, isAdmin: scope.has(.administrator) && scope.isNational, text: text ?? "", problems: messages, figures: figures,
                             example: all.first { $0.form.code == "01/XLD" }?.text ?? "")
        return renderer.render("statistics/statistics_forms", titleKey: "forms_list_title", page: page, context: context, status: status, section: "statistics")
    }
}
