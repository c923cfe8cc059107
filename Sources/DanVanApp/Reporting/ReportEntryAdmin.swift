import DanVanDomain
import FluentKit
import Foundation
import SQLKit

private typealias IR = IndicatorRecord
private typealias V = ReportFormVersionRecord

/// Why an indicator or a form version was refused: a Vietnamese message by field. Nothing was saved.
struct ReportAdminProblems: Error, Sendable {
    var fields: [String: String]
}

/// What a national administrator types to change an indicator.
struct IndicatorInput: Sendable {
    var code: String
    var name: String
    var unit: String
    var fractionDigits: String
}

/// What a national administrator types for a form's new version. `items` is one line per
/// indicator code (`*` after it: required), a line starting with `#` opening a section.
struct FormVersionInput: Sendable {
    var form: String
    var validFrom: String
    var frequency: String
    var cutOffDay: String
    var cutOffMonth: String
    var opensAfter: String
    var closesAfter: String
    var organisationKinds: [String]
    var levels: [String]
    var approverKinds: [String]
    var rules: String
    var items: String
}

/// The settings of the whole country for reporting: indicators and the versions of forms, for a
/// national administrator, each change audited.
struct ReportFormAdmin: Sendable {
    let database: AppDatabase
    var sql: any SQLDatabase { database.sql }
    var catalogue: ReportFormCatalogue { ReportFormCatalogue(database: database) }

    /// Changes an indicator's name, unit and number of decimals.
    func updateIndicator(_ scope: Scope, input: IndicatorInput, now: Date = Date()) async throws {
        try scope.requireNationalAdministrator()
        guard let indicator = try await catalogue.indicators().first(where: { $0.code == input.code }) else { throw AppError.notFound }
        var problems: [String: String] = [:]
        let name = VietnameseText.normalized(input.name), unit = VietnameseText.normalized(input.unit)
        if name.isEmpty || name.count > 300 { problems["name"] = "Cần tên chỉ tiêu (tối đa 300 ký tự)." }
        if unit.isEmpty || unit.count > 50 { problems["unit"] = "Cần đơn vị tính (tối đa 50 ký tự)." }
        let digits = Int(input.fractionDigits)
        if digits.map({ !(0...6).contains($0) }) ?? true { problems["fraction_digits"] = "Số chữ số thập phân là một số từ 0 đến 6." }
        guard problems.isEmpty, let digits else { throw ReportAdminProblems(fields: problems) }
        guard name != indicator.name || unit != indicator.unit || digits != indicator.fractionDigits else { return }
        try await database.db.transaction { tx in
            try await (tx as! any SQLDatabase).update("indicators").set(\IR.name, to: name).set(\IR.unit, to: unit).set(\IR.fractionDigits, to: digits)
                .set(\IR.updatedAt, to: now).where("id", .equal, indicator.id).run()
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "indicator", recordID: indicator.id, summary: indicator.code,
                                      before: ["name": indicator.name, "unit": indicator.unit, "fraction_digits": String(indicator.fractionDigits)],
                                      after: ["name": name, "unit": unit, "fraction_digits": String(digits)])
        }
    }

    /// The kinds of organisation, by key, for the form's choices and checks.
    func kinds() async throws -> [(key: String, name: String)] {
        try await OrganisationKind.query(on: database.db).sort(\.$sortOrder).all().compactMap { kind in kind.id.map { (key: $0, name: kind.name) } }
    }

    /// Adds a version of a form that applies from a day: who reports, how often, when, to whom,
    /// its indicators in sections and its rules, all checked together.
    @discardableResult
    func addVersion(_ scope: Scope, input: FormVersionInput, today: CivilDate = CivilDate.today(now: Date()), now: Date = Date()) async throws -> UUID {
        try scope.requireNationalAdministrator()
        let form = try await catalogue.form(code: input.form)
        var problems: [String: String] = [:]
        let validFrom = CivilDate(entered: input.validFrom) ?? CivilDate(iso: input.validFrom)
        if validFrom == nil { problems["valid_from"] = "Ngày áp dụng dạng dd/mm/yyyy." }
        let existing = try await catalogue.versions(of: form)
        if let validFrom, existing.contains(where: { $0.validFrom == validFrom.iso }) { problems["valid_from"] = "Biểu mẫu đã có phiên bản áp dụng từ ngày này." }
        let frequency = ReportingFrequency(rawValue: input.frequency)
        if frequency == nil { problems["frequency"] = "Chọn tần suất báo cáo." }
        let cutOffMonth = input.cutOffMonth.isEmpty ? nil : Int(input.cutOffMonth)
        let cutOff = Int(input.cutOffDay).flatMap { CutOff(day: $0, month: cutOffMonth) }
        if cutOff == nil || (!input.cutOffMonth.isEmpty && cutOffMonth == nil) { problems["cut_off_day"] = "Ngày chốt số liệu từ 1 đến 31 (tháng chốt, nếu có, từ 1 đến 12)." }
        // A form's versions keep its frequency and cut-off (a day in no period or in two otherwise): a different one is a new form.
        if let latest = existing.first, let frequency, let cutOff, latest.frequency != frequency.rawValue || latest.cutOffDay != cutOff.day || latest.cutOffMonth != cutOff.month {
            problems["frequency"] = "Các phiên bản của một biểu mẫu giữ nguyên tần suất và ngày chốt số liệu; muốn đổi, hãy tạo biểu mẫu mới."
        }
        // Nor does it change periods already submitted or open for entry now.
        if let validFrom, let latest = existing.first, let held = try await heldPeriod(form, latest, today: today), validFrom <= held.firstDay {
            problems["valid_from"] = "Kỳ \(held.label) đã có báo cáo nộp hoặc đang mở nhập: ngày áp dụng phải sau ngày \(VietnameseFormat.date(held.firstDay))."
        }
        let window = Int(input.opensAfter).flatMap { opens in Int(input.closesAfter).flatMap { EntryWindow(opens: opens, closes: $0) } }
        if window == nil { problems["opens_after"] = "Hạn nhập: số ngày sau ngày chốt, ngày đóng không trước ngày mở, trong vòng \(EntryWindow.reach) ngày." }
        let known = Set(try await kinds().map(\.key))
        if input.organisationKinds.isEmpty || !Set(input.organisationKinds).isSubset(of: known) { problems["organisation_kinds"] = "Chọn loại tổ chức báo cáo." }
        let levels = input.levels.compactMap(Int.init)
        if levels.isEmpty || levels.count != input.levels.count || !levels.allSatisfy({ (0...4).contains($0) }) { problems["levels"] = "Chọn cấp báo cáo." }
        if input.approverKinds.isEmpty || !Set(input.approverKinds).isSubset(of: known) { problems["approver_kinds"] = "Chọn loại cơ quan nhận và duyệt báo cáo." }
        // The sections and indicators.
        let indicators = Dictionary(try await catalogue.indicators().map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var section = ""
        var items: [(section: String, code: String, required: Bool)] = []
        var itemProblems: [String] = []
        for (number, raw) in input.items.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = VietnameseText.normalized(String(raw))
            if line.isEmpty { continue }
            if line.hasPrefix("#") { section = VietnameseText.normalized(String(line.dropFirst())); continue }
            let required = line.hasSuffix("*")
            let code = VietnameseText.normalized(required ? String(line.dropLast()) : line)
            if indicators[code] == nil { itemProblems.append("Dòng \(number + 1): mã chỉ tiêu “\(code)” không có trong danh mục.") }
            else if items.contains(where: { $0.code == code }) { itemProblems.append("Dòng \(number + 1): chỉ tiêu “\(code)” lặp lại.") }
            else if section.isEmpty { itemProblems.append("Dòng \(number + 1): chỉ tiêu “\(code)” chưa thuộc mục nào (dòng “# Tên mục” trước nó).") }
            else { items.append((section, code, required)) }
        }
        if items.isEmpty && itemProblems.isEmpty { itemProblems.append("Biểu mẫu cần ít nhất một chỉ tiêu.") }
        var rules: [ValidationRule] = []
        var ruleProblems: [String] = []
        for raw in input.rules.split(whereSeparator: \.isNewline) {
            let line = VietnameseText.normalized(String(raw))
            guard !line.isEmpty else { continue }
            if let rule = ValidationRule(line) { rules.append(rule) } else { ruleProblems.append("Quy tắc “\(line)” không đúng dạng (ví dụ A <= B, A + B = C).") }
        }
        // The indicators of the form and those its ratios and rules name hold together.
        let onForm = items.compactMap { indicators[$0.code] }
        let named = Set(onForm.flatMap { [$0.numeratorCode, $0.denominatorCode].compactMap { $0 } })
        let checked = onForm + named.subtracting(onForm.map(\.code)).compactMap { indicators[$0] }
        ruleProblems += IndicatorCatalogue.problems(checked.map(\.domainIndicator), rules: rules)
        if !itemProblems.isEmpty { problems["items"] = itemProblems.joined(separator: " ") }
        if !ruleProblems.isEmpty { problems["rules"] = ruleProblems.joined(separator: " ") }
        guard problems.isEmpty, let validFrom, let frequency, let cutOff, let window else { throw ReportAdminProblems(fields: problems) }
        let version = V(id: UUID(), formID: form.id, validFrom: validFrom.iso, frequency: frequency.rawValue, cutOffDay: cutOff.day, cutOffMonth: cutOff.month,
                        opensAfter: window.opens, closesAfter: window.closes, organisationKinds: input.organisationKinds.joined(separator: ","),
                        levels: levels.map(String.init).joined(separator: ","), approverKinds: input.approverKinds.joined(separator: ","),
                        validationRules: rules.map(\.description).joined(separator: "\n"), createdBy: scope.username, createdAt: now)
        let records = items.enumerated().map { index, item in
            ReportFormItemRecord(id: UUID(), versionID: version.id, section: item.section, position: index + 1, indicatorID: indicators[item.code]!.id,
                                 required: item.required)
        }
        let codes = items.map { $0.code + ($0.required ? "*" : "") }.joined(separator: ",")
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.insert(into: "report_form_versions").values(of: version).run()
            try await sql.insert(into: "report_form_items").values(ofAll: records).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "report_form_version", recordID: version.id,
                                      summary: "\(form.code) từ \(VietnameseFormat.date(validFrom))",
                                      after: ["frequency": version.frequency, "cut_off": "\(cutOff.day)" + (cutOff.month.map { "/\($0)" } ?? ""),
                                              "window": "\(window.opens)…\(window.closes)", "organisation_kinds": version.organisationKinds,
                                              "levels": version.levels, "approver_kinds": version.approverKinds, "validation_rules": version.validationRules,
                                              "items": codes])
        }
        return version.id
    }

    /// The latest period of the form that a report has been submitted or approved for, or that is open for entry on `today`.
    private func heldPeriod(_ form: ReportFormRecord, _ latest: ReportFormVersionRecord, today: CivilDate) async throws -> ReportingPeriod? {
        struct Key: Decodable { var periodKey: String }
        let keys = try await sql.raw("""
            SELECT DISTINCT r.\(\ReportRecord.periodKey) AS period_key FROM reports r WHERE r.\(\ReportRecord.formID) = \(bind: form.id)
            AND r.\(\ReportRecord.state) IN (\(binds: [ReportState.submitted.rawValue, ReportState.approved.rawValue]))
            """).rows(Key.self)
        var periods = keys.compactMap { ReportingPeriod(key: $0.periodKey) }
        if let frequency = ReportingFrequency(rawValue: latest.frequency), let cutOff = CutOff(day: latest.cutOffDay, month: latest.cutOffMonth),
           let window = EntryWindow(opens: latest.opensAfter, closes: latest.closesAfter) {
            periods += window.openPeriods(on: today, frequency, cutOff)
        }
        return periods.max { $0.firstDay < $1.firstDay }
    }

    /// A version's sections and indicators as the form's text area writes them.
    static func itemsText(_ version: ReportFormVersion) -> String {
        var lines: [String] = []
        var section: String?
        for item in version.items {
            if item.section != section { lines.append("# " + item.section); section = item.section }
            lines.append(item.indicator.code + (item.required ? "*" : ""))
        }
        return lines.joined(separator: "\n")
    }
}
