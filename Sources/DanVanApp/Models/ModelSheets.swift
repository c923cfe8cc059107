import DanVanDomain
import Foundation
import Hummingbird

/// The workbooks of models: a filtered list, the statistics of a subtree's year, and the
/// registration template a district sends out (its columns are the import's).
struct ModelSheets: Sendable {
    let models: ModelStore
    let renderer: PageRenderer

    typealias Cell = XLSXWorkbook.Cell

    static let exportLimit = 20_000

    /// The models a filter finds (at most ``exportLimit``), one row each.
    func list(_ filter: ModelFilter, context: SignedInContext) async throws -> Response {
        let t = renderer.catalogue, language = context.language
        let (rows, _) = try await models.list(context.scope, filter: filter, offset: 0, limit: Self.exportLimit)
        let unit = try await UnitStore(database: models.database).unit(context.scope, id: filter.unitID)
        let columns = ["model_name", "model_organisation", "model_unit", "model_kind", "model_person", "model_field", "model_status", "model_started_on"].enumerated().map { index, key in
            OfficialSheet.Column(headings: [t.text(key, language)], number: index < 7 ? "\(["A", "B", "C", "D", "E", "F", "G"][index])" : "H", width: index == 0 ? 48 : 22)
        }
        let cells: [[Cell]] = rows.map { row in
            [.text(row.name), .text(row.organisationName), .text(row.unitName), .text(t.text("model_kind_" + row.kind, language)), .text(row.personName ?? ""),
             .text(t.text("model_field_" + row.field, language)), .text(t.text("model_status_" + (row.stoppedOn == nil ? row.status : "stopped"), language)),
             CivilDate(iso: row.startedOn).map { Cell.date($0) } ?? .text("")]
        }
        let sheet = OfficialSheet(name: t.text("model_sheet", language), reportingBody: t.text("workbook_reporting_body", language, [unit.name]),
                                  title: t.text("model_list_title", language).uppercased(), subtitles: [String(filter.year)], columns: columns, rows: cells,
                                  words: OfficialSheet.Words(catalogue: t, language: language))
        return try StatisticsController.download(XLSXWorkbook(sheets: [sheet.sheet]), filename: StatisticsController.filename(["mo hinh dan van kheo", unit.name, String(filter.year)]))
    }

    /// The statistics of a subtree's year beside last year's.
    func statistics(_ sections: [ModelFiguresController.Section], unitName: String, year: Int, context: SignedInContext) throws -> Response {
        let t = renderer.catalogue, language = context.language
        var rows: [[Cell]] = []
        for section in sections {
            rows.append([.heading(section.title)])
            rows += section.figures.map { [.text($0.label), .number($0.value), .number($0.lastValue)] }
        }
        let sheet = OfficialSheet(
            name: t.text("model_sheet", language), reportingBody: t.text("workbook_reporting_body", language, [unitName]),
            title: t.text("model_statistics_title", language).uppercased(), subtitles: [String(year)],
            columns: [OfficialSheet.Column(headings: [t.text("model_figure", language)], number: "A", width: 40),
                      OfficialSheet.Column(headings: [t.text("model_year", language, [String(year)])], number: "(1)", width: 14),
                      OfficialSheet.Column(headings: [t.text("model_year", language, [String(year - 1)])], number: "(2)", width: 14)],
            rows: rows, words: OfficialSheet.Words(catalogue: t, language: language))
        return try StatisticsController.download(XLSXWorkbook(sheets: [sheet.sheet]), filename: StatisticsController.filename(["thong ke mo hinh", unitName, String(year)]))
    }

    /// The columns of the registration template and of the import, in order: the catalogue key of
    /// each heading and the form field it fills.
    static let templateColumns: [(heading: String, field: String)] = [
        ("model_col_organisation", "organisation_id"), ("model_col_name", "name"), ("model_col_kind", "kind"), ("model_col_person", "person_name"),
        ("model_col_position", "person_position"), ("model_col_field", "field"), ("model_col_topics", "topics"), ("model_col_situation", "situation"),
        ("model_col_targets", "targets"), ("model_col_beneficiaries", "beneficiaries"), ("model_col_method", "method"),
        ("model_col_goal", "goal_1_description"), ("model_col_indicator", "goal_1_indicator"), ("model_col_measure", "goal_1_measure"), ("model_col_target", "goal_1_target"),
        ("model_col_money", "resource_money"), ("model_col_labour", "resource_labour"), ("model_col_in_kind", "resource_in_kind"),
        ("model_col_started_on", "started_on"), ("model_col_evaluation_on", "evaluation_on"), ("model_col_unit_code", "unit_code"),
        ("model_col_coordinating", "partners_coordinating"), ("model_col_participating", "partners_participating"),
    ]

    /// The columns a sheet may leave out: the unit code is needed only when two organisations the
    /// importer registers for share a name; the partners, when a model has any.
    static let optionalColumns: Set<String> = ["unit_code", "partners_coordinating", "partners_participating"]

    /// The template: the headings, one example row, and a sheet of the codes (organisation codes
    /// are the organisations' names as the caller's list shows them; kinds and fields their words).
    func template(context: SignedInContext) throws -> Response {
        let t = renderer.catalogue, language = context.language
        let headings = Self.templateColumns.map { Cell.heading(t.text($0.heading, language)) }
        let example: [Cell] = ["Chi bộ Trung tâm Trợ giúp pháp lý", "Trợ giúp pháp lý miễn phí cho người nghèo", t.text("model_kind_collective", language), "", "",
                               t.text("model_field_politics", language), "an sinh xã hội", "Người nghèo khó tiếp cận dịch vụ pháp lý", "Người nghèo, người có công",
                               "Người nghèo, trẻ em, người khuyết tật", "Tư vấn tại chỗ, trợ giúp lưu động", "Trợ giúp pháp lý miễn phí", "Số người được trợ giúp",
                               "người", "800", "", "", "", "01/04/2017", "31/12/2017", "", "", ""].map { Cell.text($0) }
        let codes: [[Cell]] = [[.heading(t.text("model_col_kind", language))]] + ModelKind.allCases.map { [.text(t.text("model_kind_" + $0.rawValue, language))] }
            + [[.heading(t.text("model_col_field", language))]] + ModelField.allCases.map { [.text(t.text("model_field_" + $0.rawValue, language))] }
        let workbook = XLSXWorkbook(sheets: [
            XLSXWorkbook.Sheet(name: t.text("model_sheet", language), rows: [headings, example], widths: Self.templateColumns.map { _ in 24 }, frozenRows: 1),
            XLSXWorkbook.Sheet(name: t.text("model_codes_sheet", language), rows: codes, widths: [40]),
        ])
        return try StatisticsController.download(workbook, filename: "mau-dang-ky-mo-hinh-dan-van-kheo.xlsx")
    }
}
