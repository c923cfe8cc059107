import DanVanDomain
import Foundation
import Hummingbird

/// The values of an organisation's computed indicators for a period (the figures part computes
/// them from the module records), by code.
typealias ReportComputedValues = @Sendable (Scope, UUID, ReportingPeriod, [IndicatorRecord]) async throws -> [String: Double]

/// The pages of entry and approval: an organisation's reports, the entry grid (posted whole
/// without JavaScript, or a cell at a time by the grid's script), the actions on a report, and the
/// receiving body's page.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /reporting/reports?organisation=&year= | forms × periods with state, on time or late |
/// | GET, POST | /reporting/entry?organisation=&form=&period= | the grid; the whole form posted |
/// | POST | /reporting/entry/cell | one cell saved (JSON answer) |
/// | POST | /reporting/actions | submit, approve, return, unlock |
/// | GET | /reporting/received?organisation=&form=&period= | who must report, who submitted, who is missing |
struct ReportEntryController: Sendable {
    let store: ReportEntryStore
    let renderer: PageRenderer
    let computedValues: ReportComputedValues

    var catalogue: ReportFormCatalogue { store.catalogue }
    var network: ReportNetwork { store.network }

    /// How many periods before the current one the reports page lists.
    static let periodsShown = 6

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.reports) { request, context in
            let query = FormData.query(of: request)
            return try await reports(organisationID: UUID(uuidString: query["organisation"]) ?? context.scope.organisationID,
                                     year: Int(query["year"]), context: context)
        }
        signedIn.get(SiteURL.Pattern.reportEntry) { request, context in
            let query = FormData.query(of: request)
            let context2 = try await entryContext(query, context: context)
            return try await entry(context2, context: context, notice: query["saved"].isEmpty ? nil : renderer.catalogue.text("reporting_saved", context.language))
        }
        signedIn.post(SiteURL.Pattern.reportEntry) { request, context in
            let form = try await FormData.from(request, context: context)
            let report = try await entryContext(form, context: context)
            let codes = report.version.items.filter(\.indicator.isEntered).map(\.indicator.code)
            var cells: [String: String] = [:], comments: [String: String] = [:]
            for code in codes {
                if let value = form.values[Self.valueField(code)]?.first { cells[code] = value }
                if let comment = form.values[Self.commentField(code)]?.first { comments[code] = comment }
            }
            do {
                let computed = try await computed(report, scope: context.scope)
                _ = try await store.save(context.scope, organisationID: report.organisation.id, formID: report.version.form.id, period: report.period,
                                         cells: cells, comments: comments, computed: computed)
            } catch let refusal as ReportEntryRefusal {
                return try await entry(report, context: context, typed: cells, typedComments: comments, refusal: refusal)
            }
            return Response.redirect(to: SiteURL.reportEntry(organisation: report.organisation.id, form: report.version.form.id, period: report.period.key).path
                                     + "&saved=1")
        }
        signedIn.post(SiteURL.Pattern.reportEntryCell) { request, context in
            let form = try await FormData.from(request, context: context)
            let report = try await entryContext(form, context: context)
            let code = form["code"]
            var comments: [String: String] = [:]
            if let comment = form.values["comment"]?.first { comments[code] = comment }
            var cells: [String: String] = [:]
            if let value = form.values["value"]?.first { cells[code] = value }
            do {
                let result = try await store.save(context.scope, organisationID: report.organisation.id, formID: report.version.form.id, period: report.period,
                                                  cells: cells, comments: comments, computed: try await computed(report, scope: context.scope))
                let indicator = report.version.indicators[code]
                let stored = try await store.values(report)[code]?.value
                return JSONResponse.make(CellAnswer(saved: true, text: stored.flatMap { v in indicator.map { $0.valueType.text(v) } } ?? "",
                                                    message: nil, warnings: CellWarning.list(result.warnings)))
            } catch let refusal as ReportEntryRefusal {
                return JSONResponse.make(CellAnswer(saved: false, text: nil, message: refusal.cells[code] ?? refusal.message, warnings: []),
                                         status: .unprocessableContent)
            }
        }
        signedIn.post(SiteURL.Pattern.reportAction) { request, context in
            let form = try await FormData.from(request, context: context)
            let report = try await entryContext(form, context: context)
            guard let action = ReportActionName(rawValue: form["action"]) else { throw AppError.notFound }
            // Back to the receiving body's page only for a caller who reaches that body (its list is not the reporter's to read).
            var approver: ReportingOrganisation?
            if form["back"] == "received", let found = try await network.approver(of: report.organisation, report.version, report.period),
               try await store.reaches(context.scope, found.id) {
                approver = found
            }
            do {
                try await store.act(context.scope, organisationID: report.organisation.id, formID: report.version.form.id, period: report.period,
                                    action: action, reason: form.text("reason"))
            } catch let refusal as ReportEntryRefusal {
                if let approver {
                    let received = try await store.context(approver, formID: report.version.form.id, period: report.period)
                    return try await self.received(received, context: context, problem: (report.organisation.id, refusal.message ?? ""))
                }
                return try await entry(report, context: context, refusal: refusal)
            }
            if let approver {
                return Response.redirect(to: SiteURL.reportsReceived(organisation: approver.id, form: report.version.form.id, period: report.period.key).path)
            }
            return Response.redirect(to: SiteURL.reportEntry(organisation: report.organisation.id, form: report.version.form.id, period: report.period.key).path)
        }
        signedIn.get(SiteURL.Pattern.reportWorkbook) { request, context in
            let report = try await entryContext(FormData.query(of: request), context: context)
            let values = try await store.values(report)
            return try StatisticsController.download(ReportEntryWorkbook.blank(report, values: values), filename: StatisticsController.filename([
                "bao cao", report.version.form.code, report.organisation.name, report.period.key]))
        }
        signedIn.post(SiteURL.Pattern.reportImport) { request, context in
            let form = try await MultipartForm.from(request, limit: context.maxUploadSize)
            let report = try await entryContext(form.fields, context: context)
            let write = form.fields["mode"] == "write"
            let reading = ReportEntryWorkbook.read(Data(form.files.first { $0.field == "file" }?.data ?? []), report)
            let t = renderer.catalogue, language = context.language
            guard reading.problems.isEmpty else {
                return try await entry(report, context: context, imported: ImportOutcome(problems: reading.problems, summary: nil))
            }
            if !write {
                // A dry run: what would change, and whether the report may be changed now.
                let stored = try await store.values(report)
                var changes = 0
                for (code, text) in reading.cells {
                    let value = (try? report.version.indicators[code]!.valueType.parse(text).get()) ?? nil
                    let comment = reading.comments[code].flatMap { $0.isEmpty ? nil : $0 }
                    if value != stored[code]?.value || comment != stored[code]?.comment { changes += 1 }
                }
                guard ReportEntryStore.mayEnter(context.scope) else { throw AppError.forbidden }
                if let lock = ReportEntryStore.lock(report, on: CivilDate.today(now: Date())) {
                    return try await entry(report, context: context, imported: ImportOutcome(problems: [lock.message], summary: nil))
                }
                return try await entry(report, context: context, imported: ImportOutcome(problems: [], summary: t.text(
                    "reporting_import_checked", language, [VietnameseFormat.integer(reading.rows.count), VietnameseFormat.integer(changes)])))
            }
            do {
                let result = try await store.save(context.scope, organisationID: report.organisation.id, formID: report.version.form.id, period: report.period,
                                                  cells: reading.cells, comments: reading.comments, computed: try await computed(report, scope: context.scope))
                return try await entry(report, context: context, imported: ImportOutcome(problems: [], summary: t.text(
                    "reporting_import_saved", language, [VietnameseFormat.integer(reading.rows.count), VietnameseFormat.integer(result.changed)])))
            } catch let refusal as ReportEntryRefusal {
                let problems = refusal.cells.keys.sorted { (reading.rows[$0] ?? 0) < (reading.rows[$1] ?? 0) }.map { code in
                    "Dòng \(reading.rows[code].map(String.init) ?? "?"): \(refusal.cells[code]!)"
                }
                return try await entry(report, context: context, imported: ImportOutcome(problems: (refusal.message.map { [$0] } ?? []) + problems, summary: nil))
            }
        }
        signedIn.get(SiteURL.Pattern.report) { _, context in
            let report = try await store.report(context.scope, id: try UUID.parse(context.parameters.get("id")))
            return Response.redirect(to: SiteURL.reportEntry(organisation: report.organisationID, form: report.formID, period: report.periodKey).path)
        }
        signedIn.get(SiteURL.Pattern.reportsReceived) { request, context in
            try await received(try await entryContext(FormData.query(of: request), context: context), context: context)
        }
    }

    static func valueField(_ code: String) -> String { "value_" + code }
    static func commentField(_ code: String) -> String { "comment_" + code }

    /// What the grid's script is answered for one cell.
    struct CellAnswer: Sendable, Encodable {
        var saved: Bool
        /// The value as the grid shows it ("1.635").
        var text: String?
        var message: String?
        /// The rules broken, beside every cell they name (the codes are values, not keys: the
        /// API's keys are converted to snake_case).
        var warnings: [CellWarning]
    }

    struct CellWarning: Sendable, Encodable {
        var code: String
        var messages: [String]

        static func list(_ warnings: [String: [String]]) -> [CellWarning] {
            warnings.keys.sorted().map { CellWarning(code: $0, messages: warnings[$0] ?? []) }
        }
    }

    /// The organisation (in reach), form and period a request names.
    private func entryContext(_ form: FormData, context: SignedInContext) async throws -> ReportEntryContext {
        guard let organisationID = UUID(uuidString: form["organisation"]), let formID = UUID(uuidString: form["form"]),
              let period = ReportingPeriod(key: form["period"]) else { throw AppError.notFound }
        return try await store.context(context.scope, organisationID: organisationID, formID: formID, period: period)
    }

    private func computed(_ report: ReportEntryContext, scope: Scope) async throws -> [String: Double] {
        let computed = report.version.items.map(\.indicator).filter { $0.source == Indicator.Source.records.storedName }
        return try await computedValues(scope, report.organisation.id, report.period, computed)
    }

    // MARK: The grid

    struct Cell: Sendable, Encodable {
        var code: String
        var name: String
        var unit: String
        var inputID: String
        var valueField: String
        var commentField: String
        var value: String
        var comment: String
        var previous: String?
        var computed: Bool
        var recordsHref: String?
        var error: String?
        var warnings: [String]
        var invalid: Bool
        var required: Bool
        var describedBy: String
        /// The first cell to type in: it has the focus when the grid opens.
        var first: Bool
    }

    struct Section: Sendable, Encodable {
        var heading: String
        var cells: [Cell]
    }

    struct ActionForm: Sendable, Encodable {
        var action: String
        var label: String
        var needsReason: Bool
        var id: String
    }

    struct EntryPage: Sendable, Encodable {
        var organisationName: String
        var unitName: String
        var formName: String
        var periodLabel: String
        var previousLabel: String?
        var entryDates: String
        var state: String
        var stateLabel: String
        var returnReason: String?
        var lock: String?
        /// The receiving body, which returns, approves and unlocks.
        var unlockBy: String?
        var message: String?
        var editable: Bool
        var sections: [Section]
        var organisation: String
        var form: String
        var period: String
        var saveHref: String
        var cellHref: String
        var actionHref: String
        var actions: [ActionForm]
        var history: [HistoryLine]
        var reportsHref: String
        var workbookHref: String
        var importHref: String
        var imported: ImportOutcome?
        var receivedHref: String?
    }

    struct HistoryLine: Sendable, Encodable {
        var action: String
        var reason: String?
        var who: String
        var when: String
    }

    /// The catalogue word of a state.
    private func stateLabel(_ state: ReportState, _ language: Language) -> String {
        renderer.catalogue.text("reporting_state_" + state.rawValue, language)
    }

    /// The list of a computed indicator's records: its module's page.
    static func recordsHref(_ computation: String?) -> String? {
        switch computation?.split(separator: ".").first {
        case "reception": SiteURL.reception.path
        case "letters": SiteURL.letters.path
        case "models": SiteURL.models.path
        case "meetings", "opinions": SiteURL.meetings(unit: nil, period: nil, offset: 0).path
        case "followup": SiteURL.followUps.path
        case "surveys": SiteURL.surveys.path
        default: nil
        }
    }

    /// What importing a workbook did, or why nothing was taken.
    struct ImportOutcome: Sendable, Encodable {
        var problems: [String]
        var summary: String?
    }

    private func entry(_ report: ReportEntryContext, context: SignedInContext, typed: [String: String] = [:], typedComments: [String: String] = [:],
                       refusal: ReportEntryRefusal? = nil, notice: String? = nil, imported: ImportOutcome? = nil) async throws -> Response {
        let scope = context.scope, language = context.language
        let t = renderer.catalogue
        let today = CivilDate.today(now: Date())
        let stored = try await store.values(report)
        var previous: [String: DataValueRecord] = [:]
        if let before = report.period.previous { previous = try await store.values(report, period: before) }
        let computed = try await computed(report, scope: scope)
        let warnings = try await store.warnings(report, computed: computed)
        let lock = ReportEntryStore.lock(report, on: today)
        var unlockBy: String?
        if lock != nil { unlockBy = try await network.approver(of: report.organisation, report.version, report.period)?.name }
        let reporter = try await network.isReporter(report.organisation, report.version, report.period)
        let editable = lock == nil && reporter && ReportEntryStore.mayEnter(scope)
        var values = computed
        for (code, row) in stored { if let value = row.value { values[code] = value } }
        values = report.version.consolidation.withRatios(values)
        let sections = Dictionary(grouping: report.version.items, by: \.section)
        let firstEntered = report.version.items.first(where: \.indicator.isEntered)?.indicator.code
        let order = report.version.items.map(\.section).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let page = EntryPage(
            organisationName: report.organisation.name, unitName: report.organisation.unitName, formName: report.version.form.name,
            periodLabel: report.period.label(language), previousLabel: report.period.previous?.label(language),
            entryDates: Self.range(report.version.entryDates(report.period)),
            state: report.state.rawValue, stateLabel: stateLabel(report.state, language),
            returnReason: report.state == .returned ? report.report?.returnReason : nil,
            lock: lock?.message, unlockBy: unlockBy,
            message: refusal?.message ?? (refusal?.cells.isEmpty == false ? t.text("reporting_cells_refused", language) : nil),
            editable: editable,
            sections: order.map { heading in
                Section(heading: heading, cells: (sections[heading] ?? []).map { item in
                    let indicator = item.indicator, code = indicator.code
                    let entered = indicator.isEntered
                    let shown = values[code].map { indicator.valueType.text($0) } ?? ""
                    let error = refusal?.cells[code]
                    let id = "cell-" + code.replacingOccurrences(of: ".", with: "-")
                    return Cell(code: code, name: indicator.name, unit: indicator.unit, inputID: id,
                                valueField: Self.valueField(code), commentField: Self.commentField(code),
                                value: typed[code] ?? shown, comment: typedComments[code] ?? stored[code]?.comment ?? "",
                                previous: previous[code]?.value.map { indicator.valueType.text($0) },
                                computed: !entered, recordsHref: entered ? nil : Self.recordsHref(indicator.computation),
                                error: error, warnings: warnings[code] ?? [], invalid: error != nil, required: item.required,
                                describedBy: [id + "-name", error != nil ? id + "-error" : nil, (warnings[code] ?? []).isEmpty ? nil : id + "-warning"]
                                    .compactMap { $0 }.joined(separator: " "),
                                first: editable && code == firstEntered)
                })
            },
            organisation: report.organisation.id.uuidString.lowercased(), form: report.version.form.id.uuidString.lowercased(), period: report.period.key,
            saveHref: SiteURL.reportEntrySave.path, cellHref: SiteURL.reportEntryCell.path, actionHref: SiteURL.reportAction.path,
            actions: try await actions(report, scope: scope, language: language, reporter: reporter),
            history: try await history(report, language: language),
            reportsHref: SiteURL.reports(organisation: report.organisation.id).path,
            workbookHref: SiteURL.reportWorkbook(organisation: report.organisation.id, form: report.version.form.id, period: report.period.key).path,
            importHref: SiteURL.reportImport.path, imported: imported,
            receivedHref: network.isApprover(report.organisation, report.version)
                ? SiteURL.reportsReceived(organisation: report.organisation.id, form: report.version.form.id, period: report.period.key).path : nil)
        return renderer.render("reporting/report_entry", titleKey: "reporting_entry_title",
                               title: "\(report.version.form.name) — \(report.period.label(language))", page: page, context: context,
                               status: refusal == nil && (imported?.problems.isEmpty ?? true) ? .ok : .unprocessableContent, notice: notice, section: "reporting")
    }

    /// The actions the caller may take on the report now.
    private func actions(_ report: ReportEntryContext, scope: Scope, language: Language, reporter: Bool) async throws -> [ActionForm] {
        let t = renderer.catalogue
        var names: [ReportActionName] = []
        let approver = try await network.approver(of: report.organisation, report.version, report.period)
        // A draft whose entry window has closed is unlocked by the receiving body before it is submitted.
        let submittable = report.state == .returned || (report.state == .draft && ReportEntryStore.lock(report, on: CivilDate.today(now: Date())) == nil)
        if ReportEntryStore.mayEnter(scope), approver != nil, submittable { names.append(.submit) }
        if let approver, ReportEntryStore.mayApprove(scope, for: approver), try await store.reaches(scope, approver.id) {
            switch report.state {
            case .submitted: names += [.approve, .sendBack]
            case .approved: names.append(.unlock)
            case .draft where ReportEntryStore.lock(report, on: CivilDate.today(now: Date())) != nil: names.append(.unlock)
            default: break
            }
        }
        return names.map { ActionForm(action: $0.rawValue, label: t.text("reporting_action_" + $0.rawValue, language),
                                      needsReason: $0 == .sendBack || $0 == .unlock, id: "action-" + $0.rawValue) }
    }

    private func history(_ report: ReportEntryContext, language: Language) async throws -> [HistoryLine] {
        guard let id = report.report?.id else { return [] }
        return try await store.actions(reportID: id).map {
            HistoryLine(action: renderer.catalogue.text("reporting_action_" + $0.action, language), reason: $0.reason, who: $0.createdBy,
                        when: VietnameseFormat.date(CivilDate.today(now: $0.createdAt)))
        }
    }

    static func range(_ period: ReportPeriod) -> String {
        "\(VietnameseFormat.date(period.from)) – \(VietnameseFormat.date(period.to))"
    }

    // MARK: An organisation's reports

    struct ReportLine: Sendable, Encodable {
        var formName: String
        var periodLabel: String
        var entryDates: String
        var stateLabel: String
        var state: String
        var timeliness: String?
        var href: String
        var receivedHref: String?
    }

    struct ReportsPage: Sendable, Encodable {
        var organisationName: String
        var unitName: String
        var year: String
        var lines: [ReportLine]
        var organisation: String
        var reportsHref: String
        /// A national administrator's settings: the indicators and the forms.
        var indicatorsHref: String?
        var formsHref: String?
        /// Who has reported, under the organisation's unit.
        var completenessHref: String
    }

    private func reports(organisationID: UUID, year: Int?, context: SignedInContext) async throws -> Response {
        let language = context.language
        let t = renderer.catalogue
        let organisation = try await store.organisation(context.scope, id: organisationID)
        let today = CivilDate.today(now: Date())
        var lines: [ReportLine] = []
        for form in try await catalogue.forms() {
            guard let latest = try await catalogue.versions(of: form).first,
                  let frequency = ReportingFrequency(rawValue: latest.frequency) else { continue }
            let cutOff = CutOff(day: latest.cutOffDay, month: latest.cutOffMonth) ?? .calendarEnd
            var periods: [ReportingPeriod] = []
            if let year {
                periods = Array((1...frequency.periodsPerYear).compactMap { ReportingPeriod(frequency, year: year, index: $0) }.reversed())
            } else if var period = cutOff.period(containing: today, frequency) ?? ReportingPeriod.containing(today, frequency) {
                for _ in 0...Self.periodsShown {
                    periods.append(period)
                    guard let previous = period.previous else { break }
                    period = previous
                }
            }
            for period in periods {
                guard let report = try? await store.context(organisation, formID: form.id, period: period) else { continue }
                let approver = try await network.approver(of: organisation, report.version, period)
                let reporter = try await network.isReporter(organisation, report.version, period)
                guard reporter || approver != nil || network.isApprover(organisation, report.version) else { continue }
                let dates = report.version.entryDates(period)
                let timeliness = report.report?.submittedOn.flatMap(CivilDate.init(iso:)).map {
                    t.text(report.version.window.isOnTime($0, for: period, report.version.cutOff) ? "reporting_on_time" : "reporting_late", language)
                        + " (\(VietnameseFormat.date($0)))"
                } ?? (today > dates.to && report.state == .draft ? t.text("reporting_missing", language) : nil)
                lines.append(ReportLine(
                    formName: form.name, periodLabel: period.label(language), entryDates: Self.range(dates),
                    stateLabel: stateLabel(report.state, language), state: report.state.rawValue, timeliness: timeliness,
                    href: SiteURL.reportEntry(organisation: organisation.id, form: form.id, period: period.key).path,
                    receivedHref: network.isApprover(organisation, report.version)
                        ? SiteURL.reportsReceived(organisation: organisation.id, form: form.id, period: period.key).path : nil))
            }
        }
        let national = context.scope.isNational && context.scope.has(.administrator)
        let page = ReportsPage(organisationName: organisation.name, unitName: organisation.unitName, year: year.map(String.init) ?? "",
                               lines: lines, organisation: organisation.id.uuidString.lowercased(), reportsHref: SiteURL.reports(organisation: nil).path,
                               indicatorsHref: national ? SiteURL.reportIndicators.path : nil, formsHref: national ? SiteURL.reportForms.path : nil,
                               completenessHref: SiteURL.reportCompleteness([("unit", organisation.unitID.uuidString.lowercased())]).path)
        return renderer.render("reporting/reports", titleKey: "reporting_reports_title", page: page, context: context, section: "reporting")
    }

    // MARK: The receiving body's page

    struct ReceivedLine: Sendable, Encodable {
        var organisationName: String
        var unitName: String
        var stateLabel: String
        var state: String
        var timeliness: String?
        var returnReason: String?
        var href: String
        var organisation: String
        var actions: [ActionForm]
        var problem: String?
        var rowID: String
    }

    struct ReceivedPage: Sendable, Encodable {
        var organisationName: String
        var formName: String
        var periodLabel: String
        var entryDates: String
        var expected: String
        var received: String
        var onTime: String
        var missingCount: String
        var receivedRate: String?
        var lines: [ReceivedLine]
        var missing: [ReceivedLine]
        var form: String
        var period: String
        var actionHref: String
        var ownHref: String
        var reportsHref: String
        var completenessHref: String
    }

    private func received(_ report: ReportEntryContext, context: SignedInContext, problem: (UUID, String)? = nil) async throws -> Response {
        let scope = context.scope, language = context.language
        let t = renderer.catalogue
        guard network.isApprover(report.organisation, report.version) else { throw AppError.notFound }
        let rows = try await store.receivedStates(report.organisation, report.version, report.period)
        let version = report.version, period = report.period
        let submitted = ReportEntryStore.submittedDays(rows)
        let completeness = ReportEntryStore.completeness(rows, version, period, submitted: submitted)
        let mayApprove = ReportEntryStore.mayApprove(scope, for: report.organisation)
        let today = CivilDate.today(now: Date())
        func line(_ row: (organisation: ReportingOrganisation, report: ReportRecord?)) -> ReceivedLine {
            let state = row.report.flatMap { ReportState(rawValue: $0.state) } ?? .draft
            var names: [ReportActionName] = []
            if mayApprove {
                switch state {
                case .submitted: names = [.approve, .sendBack]
                case .approved: names = [.unlock]
                case .draft where today > version.entryDates(period).to: names = [.unlock]
                default: break
                }
            }
            let day = submitted[row.organisation.id]
            return ReceivedLine(
                organisationName: row.organisation.name, unitName: row.organisation.unitName, stateLabel: stateLabel(state, language), state: state.rawValue,
                timeliness: day.map { t.text(version.window.isOnTime($0, for: period, version.cutOff) ? "reporting_on_time" : "reporting_late", language)
                    + " (\(VietnameseFormat.date($0)))" },
                returnReason: state == .returned ? row.report?.returnReason : nil,
                href: SiteURL.reportEntry(organisation: row.organisation.id, form: version.form.id, period: period.key).path,
                organisation: row.organisation.id.uuidString.lowercased(),
                actions: names.map { ActionForm(action: $0.rawValue, label: t.text("reporting_action_" + $0.rawValue, language),
                                                needsReason: $0 == .sendBack || $0 == .unlock, id: "action-\($0.rawValue)-\(row.organisation.id.uuidString.lowercased())") },
                problem: problem?.0 == row.organisation.id ? problem?.1 : nil,
                rowID: "report-" + row.organisation.id.uuidString.lowercased())
        }
        let missing = Set(completeness.missing)
        let page = ReceivedPage(
            organisationName: report.organisation.name, formName: version.form.name, periodLabel: period.label(language),
            entryDates: Self.range(version.entryDates(period)),
            expected: VietnameseFormat.integer(completeness.expected), received: VietnameseFormat.integer(completeness.received),
            onTime: VietnameseFormat.integer(completeness.onTime), missingCount: VietnameseFormat.integer(completeness.missing.count),
            receivedRate: completeness.receivedRate,
            lines: rows.filter { !missing.contains($0.organisation.id) }.map(line),
            missing: rows.filter { missing.contains($0.organisation.id) }.map(line),
            form: version.form.id.uuidString.lowercased(), period: period.key, actionHref: SiteURL.reportAction.path,
            ownHref: SiteURL.reportEntry(organisation: report.organisation.id, form: version.form.id, period: period.key).path,
            reportsHref: SiteURL.reports(organisation: report.organisation.id).path,
            completenessHref: ReportCompletenessController.href(form: version.form.id, unit: report.organisation.unitID, period: period, list: nil))
        return renderer.render("reporting/reports_received", titleKey: "reporting_received_title",
                               title: "\(version.form.name) — \(period.label(language))", page: page, context: context,
                               status: problem == nil ? .ok : .unprocessableContent, section: "reporting")
    }
}
