import DanVanDomain
import Foundation
import Hummingbird

/// The legal calendar (lịch nghỉ lễ, tết) and the deadline rules.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /calendar?year= | days off, Tết days, overrides; a deadline calculator |
/// | POST | /calendar/overrides | set a day off or a working day (national administrators) |
/// | POST | /calendar/overrides/delete | remove an override (national administrators) |
/// | POST | /calendar/tet | set the year's five Tết days (national administrators) |
/// | GET | /calendar/rules | the deadline rules, every effective date |
/// | POST | /calendar/rules | add a rule superseding a key from a date (national administrators) |
struct CalendarController: Sendable {
    let calendars: CalendarStore
    /// A change of the calendar or of a rule moves the kept due dates of open cases.
    let letters: LetterStore
    let renderer: PageRenderer

    static let overrideFields = ["date", "kind", "note"]
    static let tetFields = ["year", "tet_1", "tet_2", "tet_3", "tet_4", "tet_5"]
    static let deadlineFields = ["rule", "from", "variant", "extensions"]
    static var ruleFields: [String] {
        ["key", "count", "source", "effective_from"]
            + DeadlineVariant.allCases.flatMap { ["days_\($0.rawValue)", "extensions_\($0.rawValue)", "extension_days_\($0.rawValue)"] }
    }

    struct DayRow: Sendable, Encodable {
        var date: String
        var weekday: String
        var reason: String
    }

    struct OverrideRow: Sendable, Encodable {
        var iso: String
        var date: String
        var weekday: String
        var kind: String
        var note: String
        var createdBy: String
        var createdAt: String
    }

    struct DeadlineResult: Sendable, Encodable {
        var due: String
        var weekday: String
        var ruleLabel: String
        var limit: String
        var source: String
        var effective: String
    }

    struct CalendarPage: Sendable, Encodable {
        var year: Int
        var previousHref: String
        var nextHref: String
        var days: [DayRow]
        var tetDays: String
        var tetIsSetting: Bool
        var overrides: [OverrideRow]
        var deadlineForm: FormState
        var rules: [FormOption]
        var variants: [FormOption]
        var result: DeadlineResult?
        var isAdmin: Bool
        var overrideForm: FormState
        var overrideKinds: [FormOption]
        var tetForm: FormState
        var rulesHref: String
    }

    struct LimitText: Sendable, Encodable {
        var variant: String
        var text: String
    }

    struct RuleRow: Sendable, Encodable {
        var key: String
        var label: String
        var step: String
        var limits: [LimitText]
        var count: String
        var source: String
        var effective: String
        var createdBy: String
    }

    struct VariantFields: Sendable, Encodable {
        var variant: String
        var label: String
        var days: String
        var extensions: String
        var extensionDays: String
        var daysError: String?
        var extensionsError: String?
    }

    struct RulesPage: Sendable, Encodable {
        var rules: [RuleRow]
        var isAdmin: Bool
        var form: FormState
        var keys: [FormOption]
        var counts: [FormOption]
        var variants: [VariantFields]
        var calendarHref: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        // Settings of the whole country: national administrators only (the store checks it again).
        let administrators = router.nationalAdministrators()
        signedIn.get(SiteURL.Pattern.calendar) { request, context in
            let query = FormData.query(of: request)
            let year = Int(query["year"]) ?? CivilDate.today(now: Date()).year
            return try await show(year: (1...9999).contains(year) ? year : CivilDate.today(now: Date()).year, query: query, context: context)
        }
        administrators.post(SiteURL.Pattern.calendarOverrides) { request, context in
            let scope = context.scope
            let form = try await FormData.from(request, context: context)
            let date = CivilDate(entered: form["date"])
            return try await renderer.submit(keeping: FormState(form, fields: Self.overrideFields), context: context) {
                var problems: [String: String] = [:]
                if date == nil { problems["date"] = form["date"].isEmpty ? "error_required" : "error_bad_date" }
                let kind = CalendarOverride.Kind(rawValue: form["kind"])
                if kind == nil { problems["kind"] = "error_required" }
                if form["note"].isEmpty { problems["note"] = "error_required" }
                if !problems.isEmpty { throw ValidationError(problems) }
                try await calendars.setOverride(scope, date: date!, kind: kind!, note: form["note"])
                try await letters.refreshDueDates(scope, reason: "Điều chỉnh lịch ngày \(date!.iso)")
                return Response.redirect(to: SiteURL.calendarYear(date!.year).path)
            } showAgain: { state in
                try await show(year: date?.year ?? CivilDate.today(now: Date()).year, query: FormData(""), context: context, overrideForm: state)
            }
        }
        administrators.post(SiteURL.Pattern.calendarOverridesDelete) { request, context in
            let scope = context.scope
            let form = try await FormData.from(request, context: context)
            guard let date = CivilDate(entered: form["date"]) else { throw AppError.badID }
            try await calendars.removeOverride(scope, date: date)
            try await letters.refreshDueDates(scope, reason: "Bỏ điều chỉnh lịch ngày \(date.iso)")
            return Response.redirect(to: SiteURL.calendarYear(date.year).path)
        }
        administrators.post(SiteURL.Pattern.calendarTet) { request, context in
            let scope = context.scope
            let form = try await FormData.from(request, context: context)
            let year = Int(form["year"])
            return try await renderer.submit(keeping: FormState(form, fields: Self.tetFields), context: context) {
                guard let year, (1...9999).contains(year) else { throw ValidationError(["year": "calendar_error_year"]) }
                let days = (1...5).compactMap { CivilDate(entered: form["tet_\($0)"]) }
                if days.count != 5 || Set(days).count != 5 { throw ValidationError(["tet_days": "error_tet_days"]) }
                try await calendars.setTetDays(scope, year: year, days: days)
                try await letters.refreshDueDates(scope, reason: "Đặt ngày nghỉ Tết năm \(year)")
                return Response.redirect(to: SiteURL.calendarYear(year).path)
            } showAgain: { state in
                try await show(year: year.flatMap { (1...9999).contains($0) ? $0 : nil } ?? CivilDate.today(now: Date()).year,
                                  query: FormData(""), context: context, tetForm: state)
            }
        }
        signedIn.get(SiteURL.Pattern.calendarRules) { _, context in
            try await rules(context: context)
        }
        administrators.post(SiteURL.Pattern.calendarRules) { request, context in
            let scope = context.scope
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: Self.ruleFields), context: context) {
                let rule = try Self.rule(from: form, book: try await calendars.deadlineRules())
                try await calendars.addDeadlineRule(scope, rule)
                try await letters.refreshDueDates(scope, reason: "Quy tắc thời hạn \(rule.key) từ \(rule.effectiveFrom.iso)")
                return Response.redirect(to: SiteURL.calendarRules.path)
            } showAgain: { state in
                try await rules(context: context, form: state)
            }
        }
    }

    /// Reads and checks a new rule from the form; the step is the key's.
    static func rule(from form: FormData, book: DeadlineRuleBook) throws -> DeadlineRule {
        var problems: [String: String] = [:]
        let key = form["key"]
        let existing = book.keys.contains(key) ? book.rule(key, on: CivilDate(year: 9999, month: 12, day: 31)!) : nil
        if existing == nil { problems["key"] = key.isEmpty ? "error_required" : "calendar_error_rule_key" }
        let count = DayCount(rawValue: form["count"])
        if count == nil { problems["count"] = "error_required" }
        let source = form["source"]
        if source.isEmpty { problems["source"] = "error_required" }
        else if VietnameseText.validationProblem(source) != nil { problems["source"] = "error_text_encoding" }
        let from = CivilDate(entered: form["effective_from"])
        if from == nil { problems["effective_from"] = form["effective_from"].isEmpty ? "error_required" : "error_bad_date" }
        var limits: [DeadlineVariant: DeadlineLimit] = [:]
        for variant in DeadlineVariant.allCases {
            let name = variant.rawValue
            let daysText = form["days_\(name)"]
            if daysText.isEmpty {
                if variant == .standard { problems["days_\(name)"] = "calendar_error_standard_days" }
                continue
            }
            guard let days = Int(daysText), days > 0, days <= 3650 else { problems["days_\(name)"] = "error_days"; continue }
            let extensions = form["extensions_\(name)"].isEmpty ? 0 : Int(form["extensions_\(name)"])
            let extensionDays = form["extension_days_\(name)"].isEmpty ? 0 : Int(form["extension_days_\(name)"])
            guard let extensions, let extensionDays, (0...10).contains(extensions), (0...3650).contains(extensionDays),
                  (extensions == 0) == (extensionDays == 0)
            else { problems["extensions_\(name)"] = "calendar_error_extensions"; continue }
            limits[variant] = DeadlineLimit(days: days, extensions: extensions, extensionDays: extensionDays)
        }
        if !problems.isEmpty { throw ValidationError(problems) }
        return DeadlineRule(key: key, step: existing!.step, count: count!, limits: limits, source: source, effectiveFrom: from!)
    }

    // MARK: Pages

    private func show(year: Int, query: FormData, context: SignedInContext, overrideForm: FormState = FormState(),
                      tetForm: FormState? = nil) async throws -> Response {
        let scope = context.scope
        let language = context.language
        let t = renderer.catalogue
        let calendar = try await calendars.calendar()
        let book = try await calendars.deadlineRules()
        let tet = calendar.settings[year]?.tetDays ?? WorkingCalendar.defaultTetDays(year)
        var deadlineForm = FormState(query, fields: Self.deadlineFields)
        if deadlineForm.values["variant", default: ""].isEmpty { deadlineForm.values["variant"] = DeadlineVariant.standard.rawValue }
        var result: DeadlineResult?
        if !query["rule"].isEmpty || !query["from"].isEmpty {
            switch compute(deadlineForm.values, book: book, calendar: calendar) {
            case .success(let due):
                result = DeadlineResult(
                    due: VietnameseFormat.date(due.date), weekday: due.date.weekday.vietnameseName,
                    ruleLabel: t.text("rule_\(due.rule.key)", language),
                    limit: "\(due.totalDays) \(t.text("count_\(due.rule.count.rawValue)", language))",
                    source: due.rule.source, effective: VietnameseFormat.date(due.rule.effectiveFrom))
            case .failure(let error):
                deadlineForm.add(error, catalogue: t, language: language)
            }
        }
        let tetForm = tetForm ?? FormState(values: Dictionary(uniqueKeysWithValues:
            [("year", "\(year)")] + tet.prefix(5).enumerated().map { ("tet_\($0.offset + 1)", $0.element.iso) }))
        let overrideForm = overrideForm.values.isEmpty ? FormState(values: ["kind": CalendarOverride.Kind.dayOff.rawValue]) : overrideForm
        let page = CalendarPage(
            year: year, previousHref: SiteURL.calendarYear(year - 1).path, nextHref: SiteURL.calendarYear(year + 1).path,
            days: calendar.holidays(in: year).map {
                DayRow(date: VietnameseFormat.date($0.date), weekday: $0.date.weekday.vietnameseName,
                       reason: CalendarText.reason($0, catalogue: t, language: language))
            },
            tetDays: tet.map(VietnameseFormat.date).joined(separator: ", "), tetIsSetting: calendar.settings[year]?.tetDays != nil,
            overrides: try await calendars.overrides(year: year).map { row in
                let date = CivilDate(iso: row.date)
                return OverrideRow(iso: row.date, date: date.map(VietnameseFormat.date) ?? row.date, weekday: date?.weekday.vietnameseName ?? "",
                                   kind: t.text("calendar_override_\(row.kind)", language), note: row.note, createdBy: row.createdBy,
                                   createdAt: VietnameseFormat.date(CivilDate.today(now: row.createdAt)))
            },
            deadlineForm: deadlineForm,
            rules: book.keys.map { FormOption(value: $0, label: t.text("rule_\($0)", language), selected: $0 == deadlineForm.values["rule"]) },
            variants: DeadlineVariant.allCases.map {
                FormOption(value: $0.rawValue, label: t.text("variant_\($0.rawValue)", language), selected: $0.rawValue == deadlineForm.values["variant"])
            },
            result: result, isAdmin: scope.has(.administrator) && scope.isNational, overrideForm: overrideForm,
            overrideKinds: [CalendarOverride.Kind.dayOff, .workingDay].map {
                FormOption(value: $0.rawValue, label: t.text("calendar_override_\($0.rawValue)", language), selected: $0.rawValue == overrideForm.values["kind"])
            },
            tetForm: tetForm, rulesHref: SiteURL.calendarRules.path)
        let status: HTTPResponse.Status = overrideForm.hasErrors || tetForm.hasErrors ? .unprocessableContent : .ok
        return renderer.render("calendar/calendar_index", titleKey: "calendar_title", page: page, context: context, status: status, section: "calendar")
    }

    private func compute(_ values: [String: String], book: DeadlineRuleBook, calendar: WorkingCalendar) -> Result<DueDate, ValidationError> {
        var problems: [String: String] = [:]
        let key = values["rule"] ?? ""
        if !book.keys.contains(key) { problems["rule"] = key.isEmpty ? "error_required" : "calendar_error_rule_key" }
        let from = CivilDate(entered: values["from"] ?? "")
        if from == nil { problems["from"] = (values["from"] ?? "").isEmpty ? "error_required" : "error_bad_date" }
        let variant = DeadlineVariant(rawValue: values["variant"] ?? "")
        if variant == nil { problems["variant"] = "error_variant_not_allowed" }
        let extensions = CalendarText.extensions(values["extensions"] ?? "")
        if extensions == nil { problems["extensions"] = "error_days" }
        if !problems.isEmpty { return .failure(ValidationError(problems)) }
        do {
            return .success(try book.due(key, variant: variant!, from: from!, extensions: extensions!, calendar: calendar))
        } catch {
            let field = switch error { case .unknownRule: "from"; case .variantNotAllowed: "variant"; default: "extensions" }
            return .failure(ValidationError([field: error.messageKey]))
        }
    }

    private func rules(context: SignedInContext, form: FormState? = nil) async throws -> Response {
        let scope = context.scope
        let language = context.language
        let t = renderer.catalogue
        let rows = try await calendars.deadlineRuleRows()
        let form = form ?? FormState(values: ["count": DayCount.workingDays.rawValue])
        let keys = Array(Set(rows.map(\.key))).sorted()
        let page = RulesPage(
            rules: rows.compactMap { row in
                guard let rule = row.rule else { return nil }
                return RuleRow(
                    key: rule.key, label: t.text("rule_\(rule.key)", language), step: t.text("step_\(rule.step)", language),
                    limits: DeadlineVariant.allCases.compactMap { variant in
                        rule.limit(variant).map {
                            LimitText(variant: t.text("variant_\(variant.rawValue)", language),
                                      text: CalendarText.limit($0, count: rule.count, catalogue: t, language: language))
                        }
                    },
                    count: t.text("count_\(rule.count.rawValue)", language), source: rule.source,
                    effective: VietnameseFormat.date(rule.effectiveFrom), createdBy: row.createdBy)
            },
            isAdmin: scope.has(.administrator) && scope.isNational, form: form,
            keys: keys.map { FormOption(value: $0, label: t.text("rule_\($0)", language), selected: $0 == form.values["key"]) },
            counts: [DayCount.workingDays, .calendarDays].map {
                FormOption(value: $0.rawValue, label: t.text("count_\($0.rawValue)", language), selected: $0.rawValue == form.values["count"])
            },
            variants: DeadlineVariant.allCases.map { variant in
                let name = variant.rawValue
                return VariantFields(variant: name, label: t.text("variant_\(name)", language), days: form.values["days_\(name)"] ?? "",
                                     extensions: form.values["extensions_\(name)"] ?? "", extensionDays: form.values["extension_days_\(name)"] ?? "",
                                     daysError: form.errors["days_\(name)"], extensionsError: form.errors["extensions_\(name)"])
            },
            calendarHref: SiteURL.calendar.path)
        return renderer.render("calendar/calendar_rules", titleKey: "calendar_rules_title", page: page, context: context,
                               status: form.hasErrors ? .unprocessableContent : .ok, section: "calendar")
    }
}
