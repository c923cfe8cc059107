import DanVanDomain
import Foundation
import Hummingbird

/// The completeness page (tình hình nộp báo cáo): for a form, a period and a unit in the caller's
/// reach, how many organisations must report, have submitted, on time and late, for the unit and
/// each unit below it; who is missing, by name; each figure opens its list of organisations.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /reporting/completeness?form=&unit=&period=&list= | the figures by unit, one list of organisations |
struct ReportCompletenessController: Sendable {
    let store: ReportEntryStore
    let units: UnitStore
    let renderer: PageRenderer

    /// The lists a figure opens (every organisation that must report, when none is named).
    enum List: String, CaseIterable, Sendable {
        case expected, received, onTime = "on_time", late, missing

        func contains(_ id: UUID, _ result: ReportCompleteness) -> Bool {
            let submitted = result.completeness.missing.contains(id) == false
            switch self {
            case .expected: return true
            case .received: return submitted
            case .onTime: return submitted && !result.completeness.late.contains(id)
            case .late: return result.completeness.late.contains(id)
            case .missing: return !submitted
            }
        }

        var titleKey: String { "reporting_completeness_list_" + rawValue }
    }

    /// How many periods before the current one the picker offers.
    static let periodsOffered = 24

    struct Figure: Sendable, Encodable {
        var text: String
        var href: String
        var name: String
    }

    struct Row: Sendable, Encodable {
        var unitName: String
        /// The unit's own page of completeness (a unit below).
        var href: String?
        var total: Bool
        var figures: [Figure]
        var receivedRate: String
        var onTimeRate: String
    }

    struct OrganisationLine: Sendable, Encodable {
        var name: String
        var unitName: String
        var stateLabel: String
        var submittedOn: String
        var timeliness: String
        var href: String
    }

    struct Page: Sendable, Encodable {
        var action: String
        var forms: [FormOption]
        var periods: [FormOption]
        var units: [FormOption]
        var formName: String
        var periodLabel: String
        var unitName: String
        var entryDates: String
        var headings: [String]
        var rows: [Row]
        var listTitle: String
        var lines: [OrganisationLine]
        var missing: [OrganisationLine]
        var reportsHref: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.signedIn().get(SiteURL.Pattern.reportCompleteness) { request, context in
            try await page(FormData.query(of: request), context: context)
        }
    }

    /// The link of the page for a form, unit, period and list.
    static func href(form: UUID, unit: UUID, period: ReportingPeriod, list: List?) -> String {
        SiteURL.reportCompleteness([("form", form.uuidString.lowercased()), ("unit", unit.uuidString.lowercased()), ("period", period.key),
                                    ("list", list?.rawValue)]).path
    }

    private func page(_ query: FormData, context: SignedInContext) async throws -> Response {
        let scope = context.scope, language = context.language
        let t = renderer.catalogue
        // A unit or form named but unknown is 404, like one out of reach; none named is the caller's unit and the first form.
        guard let unitID = query["unit"].isEmpty ? scope.unitID : UUID(uuidString: query["unit"]) else { throw AppError.notFound }
        let unit = try await units.unit(scope, id: unitID)
        let forms = try await store.catalogue.forms()
        let named = UUID(uuidString: query["form"])
        guard query["form"].isEmpty || named != nil,
              let form = named.map({ id in forms.first { $0.id == id } }) ?? forms.first,
              case let versions = try await store.catalogue.versions(of: form), let latest = versions.first,
              let frequency = ReportingFrequency(rawValue: latest.frequency) else { throw AppError.notFound }
        let today = CivilDate.today(now: Date())
        let cutOff = CutOff(day: latest.cutOffDay, month: latest.cutOffMonth) ?? .calendarEnd
        let window = EntryWindow(opens: latest.opensAfter, closes: latest.closesAfter)
        // Only periods the form is asked for in its latest frequency: none before its first version, none of an
        // earlier version that had another frequency.
        func asked(_ period: ReportingPeriod) -> Bool {
            versions.first { $0.validFrom <= period.firstDay.iso }?.frequency == latest.frequency
        }
        // The latest period whose entry has opened, and those before it (a form not yet in force: its first period).
        var current = cutOff.period(containing: today, frequency) ?? ReportingPeriod.containing(today, frequency) ?? .year(today.year)!
        if let window, window.dates(of: current, cutOff).from > today, let previous = current.previous { current = previous }
        if !asked(current), let day = CivilDate(iso: latest.validFrom),
           let containing = cutOff.period(containing: day, frequency) ?? ReportingPeriod.containing(day, frequency) {
            current = asked(containing) ? containing : containing.next ?? containing
        }
        var offered = [current]
        while offered.count <= Self.periodsOffered, let previous = offered.last?.previous, asked(previous) { offered.append(previous) }
        let period = ReportingPeriod(key: query["period"]).flatMap { $0.frequency == frequency && asked($0) ? $0 : nil } ?? current
        if !offered.contains(period) { offered.insert(period, at: 0) }
        let list = List(rawValue: query["list"]) ?? .expected

        let result = try await store.completeness(scope, formID: form.id, unitID: unit.id, period: period)
        var rows = [row(unit, result, form: form, period: period, total: true, language: language)]
        for (child, part) in try await store.completenessBelow(scope, formID: form.id, unit: unit, period: period) {
            rows.append(row(child, part, form: form, period: period, total: false, language: language))
        }
        let version = result.version
        let submitted = ReportEntryStore.submittedDays(result.reporters.map { ($0, result.reports[$0.id]) })
        func line(_ organisation: ReportingOrganisation) -> OrganisationLine {
            let state = result.reports[organisation.id].flatMap { ReportState(rawValue: $0.state) } ?? .draft
            let day = submitted[organisation.id]
            return OrganisationLine(
                name: organisation.name, unitName: organisation.unitName, stateLabel: t.text("reporting_state_" + state.rawValue, language),
                submittedOn: day.map(VietnameseFormat.date) ?? "–",
                timeliness: day.map { t.text(version.window.isOnTime($0, for: period, version.cutOff) ? "reporting_on_time" : "reporting_late", language) }
                    ?? t.text("reporting_missing", language),
                href: SiteURL.reportEntry(organisation: organisation.id, form: form.id, period: period.key).path)
        }
        let page = Page(
            action: SiteURL.reportCompleteness([]).path,
            forms: forms.map { FormOption(value: $0.id.uuidString.lowercased(), label: $0.name, selected: $0.id == form.id) },
            periods: offered.map { FormOption(value: $0.key, label: $0.label(language), selected: $0 == period) },
            units: try await units.filterOptions(scope, selected: unit),
            formName: form.name, periodLabel: period.label(language), unitName: unit.name,
            entryDates: ReportEntryController.range(version.entryDates(period)),
            headings: List.allCases.map { t.text($0.titleKey, language) },
            rows: rows,
            listTitle: t.text(list.titleKey, language),
            lines: result.reporters.filter { list.contains($0.id, result) }.map(line),
            missing: result.missing.map(line),
            reportsHref: SiteURL.reports(organisation: nil).path)
        return renderer.render("reporting/completeness", titleKey: "reporting_completeness_title",
                               title: "\(t.text("reporting_completeness_title", language)): \(form.name) — \(period.label(language))",
                               page: page, context: context, section: "reporting")
    }

    private func row(_ unit: UnitSummary, _ result: ReportCompleteness, form: ReportFormRecord, period: ReportingPeriod, total: Bool,
                     language: Language) -> Row {
        let c = result.completeness
        let counts: [List: Int] = [.expected: c.expected, .received: c.received, .onTime: c.onTime, .late: c.late.count, .missing: c.missing.count]
        return Row(unitName: unit.name, href: total ? nil : Self.href(form: form.id, unit: unit.id, period: period, list: nil), total: total,
                   figures: List.allCases.map { list in
                       Figure(text: VietnameseFormat.integer(counts[list] ?? 0),
                              href: Self.href(form: form.id, unit: unit.id, period: period, list: list) + "#organisations", name: list.rawValue)
                   },
                   receivedRate: c.receivedRate ?? "–", onTimeRate: c.onTimeRate ?? "–")
    }
}
