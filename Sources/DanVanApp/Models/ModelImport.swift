import DanVanDomain
import Foundation
import SQLKit

/// The import of a registration sheet (the template's columns): every row checked first, each
/// problem named by row and column in the reader's language; then all rows written in one
/// transaction, or none.
struct ModelImport: Sendable {
    let models: ModelStore
    let catalogue: StringCatalogue

    static let maxRows = 2_000

    /// An organisation the importer registers for, with the code of its unit.
    struct Organisation: Sendable {
        var summary: OrganisationSummary
        var unitCode: String
    }

    struct Report: Sendable {
        var rows = 0
        var problems: [String] = []
        var written: Int?
    }

    /// Checks (and with `write`, writes) a sheet for a year. `organisations` are those the caller
    /// registers for: a row names one by its name (folded), and by its unit's code too when two
    /// share the name (a row naming such a name without the code is refused, never guessed).
    func run(_ scope: Scope, data: Data, year: String, write: Bool, organisations: [Organisation], language: Language, now: Date = Date()) async throws -> Report {
        func t(_ key: String, _ arguments: [String] = []) -> String { catalogue.text(key, language, arguments) }
        var report = Report()
        let rows: [Int: [Int: XLSXReader.Cell]]
        do { rows = try XLSXReader.rows(data) } catch {
            report.problems = [t(error == .tooLarge ? "model_import_too_large" : "model_import_not_xlsx")]
            return report
        }
        // The heading row: the first row; each template column must be there (in any order).
        let headingRow = rows.keys.min() ?? 1
        let headings = rows[headingRow] ?? [:]
        var columns: [String: Int] = [:]
        for column in ModelSheets.templateColumns {
            let heading = t(column.heading)
            if let index = headings.first(where: { VietnameseText.folded($0.value.text) == VietnameseText.folded(heading) })?.key { columns[column.field] = index }
            else if !ModelSheets.optionalColumns.contains(column.field) { report.problems.append(t("model_import_missing_column", [heading])) }
        }
        let body = rows.keys.filter { $0 > headingRow && !(rows[$0] ?? [:]).isEmpty }.sorted()
        report.rows = body.count
        if body.count > Self.maxRows { report.problems.append(t("model_import_too_many_rows", [VietnameseFormat.integer(body.count), VietnameseFormat.integer(Self.maxRows)])) }
        if body.isEmpty && report.problems.isEmpty { report.problems.append(t("model_import_empty")) }
        guard report.problems.isEmpty else { return report }

        let byName = Dictionary(grouping: organisations) { VietnameseText.folded($0.summary.name) }
        func word<T: RawRepresentable & CaseIterable>(_ type: T.Type, prefix: String, _ text: String) -> String? where T.RawValue == String {
            T.allCases.first { VietnameseText.folded(t(prefix + $0.rawValue)) == VietnameseText.folded(text) || $0.rawValue == text }?.rawValue
        }
        var checked: [ModelStore.Checked] = []
        /// The models of the sheet so far, by organisation and folded name (a repeated row adds a goal).
        struct ModelKey: Hashable { var organisationID: UUID; var name: String }
        var seen: [ModelKey: Int] = [:]
        var summaries: [UUID: OrganisationSummary] = [:]
        let organisationStore = OrganisationStore(database: models.database)
        for number in body {
            let cells = rows[number] ?? [:]
            var values: [String: String] = [:]
            var numbers = Set<String>()
            for (field, index) in columns {
                values[field] = VietnameseText.normalized(cells[index]?.text ?? "")
                if cells[index]?.isNumber == true { numbers.insert(field) }
            }
            /// A number cell in the form's Vietnamese writing; a text cell as typed ("800.000").
            func numberCell(_ field: String) -> String { numbers.contains(field) ? Self.number(values[field] ?? "") : values[field] ?? "" }
            /// A date cell from its serial; a text cell as typed (dd/mm/yyyy).
            func dayCell(_ field: String) -> String { numbers.contains(field) ? Self.day(values[field] ?? "") : values[field] ?? "" }
            func problem(_ field: String, _ message: String) {
                let index = columns[field] ?? columns["name"]!
                let heading = t(ModelSheets.templateColumns.first { $0.field == field }?.heading ?? "model_col_name")
                report.problems.append(t("model_import_row", [String(number), XLSXWorkbook.columnName(index), heading, message]))
            }
            /// The organisation a name (and a unit code, when given) names among those the importer
            /// registers for; a problem under `field` when none or several.
            func organisation(_ name: String, unitCode: String, field: String, partner: Bool) -> UUID? {
                let named = byName[VietnameseText.folded(name)] ?? []
                let matching = unitCode.isEmpty ? named : named.filter { Self.sameUnitCode($0.unitCode, unitCode) }
                if matching.count == 1 { return matching[0].summary.id }
                if matching.count > 1 {
                    let places = matching.map { t("model_import_organisation_place", [$0.summary.unitName, $0.unitCode]) }.joined(separator: "; ")
                    problem(field, partner ? t("model_import_ambiguous_partner", [VietnameseFormat.integer(matching.count), name, places, matching[0].unitCode])
                                           : t("model_import_ambiguous_organisation", [VietnameseFormat.integer(matching.count), name, places, t("model_col_unit_code")]))
                } else if unitCode.isEmpty || named.isEmpty {
                    problem(field, t("model_import_unknown_organisation", [name]))
                } else {
                    problem(partner ? field : "unit_code", t("model_import_unknown_organisation_in_unit", [name, unitCode]))
                }
                return nil
            }
            let organisationName = values["organisation_id"] ?? ""
            var organisationID: UUID?
            if organisationName.isEmpty { problem("organisation_id", t("error_required")) }
            else { organisationID = organisation(organisationName, unitCode: values["unit_code"] ?? "", field: "organisation_id", partner: false) }
            // Coordinating and participating organisations: names separated by ";", each with its unit code in brackets when two share the name.
            var partners: [(organisationID: UUID?, role: String)] = []
            for role in [ModelPartnerRole.coordinating, .participating] {
                let field = "partners_" + role.rawValue
                for entry in (values[field] ?? "").split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
                    var name = entry, code = ""
                    if let open = entry.lastIndex(of: "("), entry.hasSuffix(")"), case let inside = entry[entry.index(after: open)..<entry.index(before: entry.endIndex)],
                       !inside.isEmpty, inside.allSatisfy(\.isNumber) {
                        name = entry[..<open].trimmingCharacters(in: .whitespaces)
                        code = String(inside)
                    }
                    if let id = organisation(name, unitCode: code, field: field, partner: true) { partners.append((id, role.rawValue)) }
                }
            }
            let goal = ModelInput.GoalInput(description: values["goal_1_description"] ?? "", indicator: values["goal_1_indicator"] ?? "",
                                            measure: values["goal_1_measure"] ?? "", target: numberCell("goal_1_target"))
            func goalProblems(_ problems: [String: String]) {
                for (field, key) in problems.sorted(by: { $0.key < $1.key }) {
                    problem(field != "goals" ? field : key == "error_model_goal_target" ? "goal_1_target" : "goal_1_indicator", t(key))
                }
            }
            // A row repeating a model's name and organisation adds a goal (and partners) to that model; its other columns are not read.
            if let organisationID, let index = seen[ModelKey(organisationID: organisationID, name: VietnameseText.folded(values["name"] ?? ""))] {
                var problems: [String: String] = [:]
                var model = checked[index]
                model.goals += ModelStore.goals([goal], modelID: model.model.id, after: model.goals.count, into: &problems)
                for partner in partners where !model.partners.contains(where: { $0.organisationID == partner.organisationID }) {
                    model.partners.append(ModelPartnerRecord(id: UUID(), modelID: model.model.id, organisationID: partner.organisationID!, role: partner.role))
                }
                model.model.searchText = ModelStore.searchText(name: model.model.name, situation: model.model.situation, method: model.model.method, goals: model.goals)
                checked[index] = model
                goalProblems(problems)
                continue
            }
            let kind = word(ModelKind.self, prefix: "model_kind_", values["kind"] ?? "")
            if kind == nil { problem("kind", t("model_import_unknown_value", [values["kind"] ?? ""])) }
            let field = word(ModelField.self, prefix: "model_field_", values["field"] ?? "")
            if field == nil { problem("field", t("model_import_unknown_value", [values["field"] ?? ""])) }
            guard let organisationID, let kind, let field else { continue }
            if summaries[organisationID] == nil { summaries[organisationID] = try await organisationStore.organisation(scope, id: organisationID) }
            let input = ModelInput(
                organisationID: organisationID, year: year, name: values["name"] ?? "", kind: kind, personName: values["person_name"] ?? "",
                personPosition: values["person_position"] ?? "", field: field, topics: values["topics"] ?? "", situation: values["situation"] ?? "",
                targets: values["targets"] ?? "", beneficiaries: values["beneficiaries"] ?? "", method: values["method"] ?? "",
                resourceMoney: numberCell("resource_money"), resourceLabour: numberCell("resource_labour"),
                resourceInKind: values["resource_in_kind"] ?? "", startedOn: dayCell("started_on"), evaluationOn: dayCell("evaluation_on"),
                goals: [goal], partners: partners)
            do {
                checked.append(try ModelStore.check(input, organisation: summaries[organisationID]!, id: UUID(), createdBy: scope.username, now: now))
                seen[ModelKey(organisationID: organisationID, name: VietnameseText.folded(input.name))] = checked.count - 1
            } catch let error as ValidationError {
                goalProblems(error.fields)
            }
        }
        guard report.problems.isEmpty, write else { return report }
        try await models.insertAll(scope, checked, now: now)
        report.written = checked.count
        return report
    }

    /// A number cell as the sheet stores it ("1200", "1200.5") in the Vietnamese form the form takes.
    /// Two administrative unit codes are the same with or without their leading zeros: a code
    /// typed into a General cell is stored by Excel as a number ("00004" becomes 4).
    static func sameUnitCode(_ a: String, _ b: String) -> Bool {
        func digits(_ code: String) -> Substring {
            let trimmed = code.trimmingCharacters(in: .whitespaces)
            let whole = trimmed.hasSuffix(".0") ? trimmed.dropLast(2) : Substring(trimmed)
            let significant = whole.drop { $0 == "0" }
            return significant.isEmpty ? "0" : significant
        }
        return digits(a) == digits(b)
    }

    static func number(_ text: String) -> String {
        guard let value = Double(text) else { return text }
        return value == value.rounded() && abs(value) < 1e15 ? VietnameseFormat.integer(Int(value))
            : VietnameseFormat.decimal(value, fractionDigits: 2)
    }

    /// A date cell's serial (what a spreadsheet stores) as an ISO day.
    static func day(_ text: String) -> String {
        guard let serial = Double(text), serial > 0, serial < 100_000 else { return text }
        return CivilDate(dayNumber: Int(serial) - 25_569).iso
    }
}
