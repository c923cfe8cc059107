import DanVanDomain
import FluentKit
import Foundation
import SQLKit

private typealias D = DataValueRecord
private typealias C = DataValueChangeRecord
private typealias R = ReportRecord
private typealias RA = ReportActionRecord

/// Why a save or an action was refused, in Vietnamese: a message per cell (by indicator code) and
/// one for the whole report (its lock, an action that cannot follow its state). Nothing was saved.
struct ReportEntryRefusal: Error, Sendable {
    var cells: [String: String] = [:]
    var message: String?
    /// The report is locked (or changed meanwhile): nothing could be saved whatever the cells.
    var locked = false
}

/// What a save did: how many values changed, and the rules the values now break, beside the cells.
struct ReportSaveResult: Sendable {
    var changed: Int
    /// Indicator code → the messages of the rules broken that name it.
    var warnings: [String: [String]]
}

/// One organisation's report of a form for a period, as entry and approval read it.
struct ReportEntryContext: Sendable {
    var organisation: ReportingOrganisation
    var version: ReportFormVersion
    var period: ReportingPeriod
    /// The report row; `nil` while nobody has touched it (a draft).
    var report: ReportRecord?
    var state: ReportState { report.flatMap { ReportState(rawValue: $0.state) } ?? .draft }
}

/// The one save path of reported values, and submission and approval, through the caller's scope.
struct ReportEntryStore: Sendable {
    let database: AppDatabase
    var sql: any SQLDatabase { database.sql }
    var catalogue: ReportFormCatalogue { ReportFormCatalogue(database: database) }
    var network: ReportNetwork { ReportNetwork(database: database) }

    /// The longest comment kept beside a value.
    static let maxComment = 1_000

    /// Who may type and submit an organisation's values (in reach of the organisation).
    static let enterers: [Role] = [.reportingOfficer, .danVanStaff, .leader, .administrator]
    /// Who may approve, return and unlock in the receiving body (in reach of it).
    static let approvers: [Role] = [.danVanStaff, .administrator]

    /// An organisation in the caller's reach (404 otherwise), as reporting reads it.
    func organisation(_ scope: Scope, id: UUID) async throws -> ReportingOrganisation {
        _ = try await OrganisationStore(database: database).organisation(scope, id: id)
        return try await network.organisation(id: id)
    }

    /// Whether the caller reaches an organisation, without throwing.
    func reaches(_ scope: Scope, _ organisationID: UUID) async throws -> Bool {
        (try? await OrganisationStore(database: database).organisation(scope, id: organisationID)) != nil
    }

    /// The report of an organisation in reach for a form and period: the version in force, and the
    /// organisation must report it (or receive it, for an approving body's consolidated report).
    func context(_ scope: Scope, organisationID: UUID, formID: UUID, period: ReportingPeriod) async throws -> ReportEntryContext {
        let organisation = try await self.organisation(scope, id: organisationID)
        return try await context(organisation, formID: formID, period: period)
    }

    /// The same without the reach (callers have checked it).
    func context(_ organisation: ReportingOrganisation, formID: UUID, period: ReportingPeriod) async throws -> ReportEntryContext {
        let form = try await catalogue.form(id: formID)
        guard let version = try await catalogue.version(of: form, for: period), version.frequency == period.frequency else { throw AppError.notFound }
        let reports = try await network.isReporter(organisation, version, period)
        guard reports || network.isApprover(organisation, version) else { throw AppError.notFound }
        return ReportEntryContext(organisation: organisation, version: version, period: period, report: try await report(formID: formID, organisationID: organisation.id, period: period))
    }

    func report(formID: UUID, organisationID: UUID, period: ReportingPeriod, on db: (any SQLDatabase)? = nil) async throws -> ReportRecord? {
        try await (db ?? sql).raw("""
            SELECT \(unsafeRaw: RowColumns.select(R.self, from: "r")) FROM reports r
            WHERE r.\(\R.formID) = \(bind: formID) AND r.\(\R.organisationID) = \(bind: organisationID) AND r.\(\R.periodKey) = \(bind: period.key)
            """).row(R.self)
    }

    /// The stored values of an organisation for a period, by indicator code.
    func values(organisationID: UUID, period: ReportingPeriod) async throws -> [String: DataValueRecord] {
        let codes = Dictionary(try await catalogue.indicators().map { ($0.id, $0.code) }, uniquingKeysWith: { first, _ in first })
        return try await values(organisationID: organisationID, period: period, codes: codes)
    }

    /// The stored values of a report's organisation for its period (or another), by the code of
    /// the form's indicators; `db`, a transaction's connection, reads them inside it.
    /// With `locking`, on PostgreSQL the rows stay locked until the transaction ends (in id order, as
    /// ``write(_:on:)`` locks them): a save of another form that asks the same indicators waits, so
    /// what this save keeps and records as the previous value is what is there.
    func values(_ report: ReportEntryContext, period: ReportingPeriod? = nil, on db: (any SQLDatabase)? = nil, locking: Bool = false) async throws -> [String: DataValueRecord] {
        let codes = Dictionary(report.version.items.map { ($0.indicator.id, $0.indicator.code) }, uniquingKeysWith: { first, _ in first })
        return try await values(organisationID: report.organisation.id, period: period ?? report.period, codes: codes, on: db, locking: locking)
    }

    private func values(organisationID: UUID, period: ReportingPeriod, codes: [UUID: String], on db: (any SQLDatabase)? = nil,
                        locking: Bool = false) async throws -> [String: DataValueRecord] {
        let sql = db ?? self.sql
        var query: SQLQueryString = """
            SELECT \(unsafeRaw: RowColumns.select(D.self, from: "d")) FROM data_values d
            WHERE d.\(\D.organisationID) = \(bind: organisationID) AND d.\(\D.periodKey) = \(bind: period.key)
            """
        if locking { query += Self.locked(on: sql) }
        let rows = try await sql.raw(query).rows(D.self)
        return Dictionary(rows.compactMap { row in codes[row.indicatorID].map { ($0, row) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Why the report's values cannot be changed on `day`; `nil` when they can.
    static func lock(_ context: ReportEntryContext, on day: CivilDate) -> ReportLock? {
        ReportApproval.lock(context.state, period: context.period, cutOff: context.version.cutOff, window: context.version.window, on: day)
    }

    /// Whether the caller may type and submit the organisation's values (its reach is checked apart).
    static func mayEnter(_ scope: Scope) -> Bool {
        enterers.contains(where: scope.has)
    }

    /// Saves typed cells (indicator code → text as typed) and comments (code → text) of an
    /// organisation's report, all or nothing: every cell is read with its indicator's value
    /// type, computed indicators are refused, the report must not be locked; then in one
    /// transaction the values are written, one change row per value that changed and one audit
    /// entry. Cells and comments not sent keep what they had (a cell sent empty clears its value); saving the same twice changes
    /// nothing the second time. The rules of the version are checked on the values saved
    /// (with `computed`, the values of the computed indicators): warnings, not refusals.
    func save(_ scope: Scope, organisationID: UUID, formID: UUID, period: ReportingPeriod, cells: [String: String], comments: [String: String] = [:],
              computed: IndicatorValues = [:], today: CivilDate = CivilDate.today(now: Date()), now: Date = Date()) async throws -> ReportSaveResult {
        let context = try await self.context(scope, organisationID: organisationID, formID: formID, period: period)
        guard Self.mayEnter(scope) else { throw AppError.forbidden }
        guard try await network.isReporter(context.organisation, context.version, period) else { throw AppError.notFound }
        let indicators = context.version.indicators
        var problems: [String: String] = [:]
        var typed: [String: Double?] = [:]
        for (code, text) in cells {
            guard let indicator = indicators[code] else { problems[code] = "Chỉ tiêu “\(code)” không có trong biểu mẫu."; continue }
            guard indicator.isEntered else { problems[code] = "Chỉ tiêu “\(indicator.name)” được tính tự động, không nhập."; continue }
            switch indicator.valueType.parse(text) {
            case .success(let value): typed[code] = value
            case .failure(let problem): problems[code] = problem.message
            }
        }
        var notes: [String: String?] = [:]
        for (code, text) in comments {
            guard let indicator = indicators[code], indicator.isEntered else { problems[code] = problems[code] ?? "Chỉ tiêu “\(code)” không nhận ghi chú."; continue }
            let comment = VietnameseText.normalized(text)
            if comment.count > Self.maxComment { problems[code] = "Ghi chú dài quá \(VietnameseFormat.integer(Self.maxComment)) ký tự." }
            notes[code] = comment.isEmpty ? nil : comment
        }
        if let lock = Self.lock(context, on: today) { throw ReportEntryRefusal(cells: problems, message: lock.message, locked: true) }
        if !problems.isEmpty { throw ReportEntryRefusal(cells: problems) }
        let organisation = context.organisation
        let (typedCells, typedNotes) = (typed, notes)
        let changed: Int = try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            // The report's row taken first (a draft row made when there is none), its state checked in the same
            // statement: a report submitted meanwhile is locked, and a submission waits for this save.
            try await sql.insert(into: "reports").values(of: R(
                id: UUID(), formID: formID, organisationID: organisation.id, unitID: organisation.unitID, periodKey: period.key, state: ReportState.draft.rawValue,
                submittedOn: nil, returnReason: nil, updatedBy: scope.username, updatedAt: now)).ignoringConflicts().run()
            let open = try await sql.update("reports").set(SQLIdentifier(ColumnName.of(\R.state)), to: SQLIdentifier(ColumnName.of(\R.state)))
                .where(SQLIdentifier(ColumnName.of(\R.formID)), .equal, formID).where(SQLIdentifier(ColumnName.of(\R.organisationID)), .equal, organisationID)
                .where(SQLIdentifier(ColumnName.of(\R.periodKey)), .equal, period.key)
                .where(SQLIdentifier(ColumnName.of(\R.state)), .notEqual, ReportState.submitted.rawValue)
                .where(SQLIdentifier(ColumnName.of(\R.state)), .notEqual, ReportState.approved.rawValue).returning("id").all()
            var current = context
            current.report = try await report(formID: formID, organisationID: organisationID, period: period, on: sql)
            if let lock = Self.lock(current, on: today) { throw ReportEntryRefusal(message: lock.message, locked: true) }
            if open.isEmpty { throw ReportEntryRefusal(message: ReportEntryStore.changedMeanwhile, locked: true) }
            let stored = try await values(current, on: sql, locking: true)
            var changes: [C] = []
            var written: [(stored: D?, value: D)] = []
            var before: [String: String] = [:], after: [String: String] = [:]
            for code in Set(typedCells.keys).union(typedNotes.keys).sorted() {
                let indicator = indicators[code]!
                let old = stored[code]
                let value = typedCells[code] ?? old?.value
                let comment = typedNotes[code] ?? old?.comment
                guard value != old?.value || comment != old?.comment else { continue }
                var row = old ?? D(id: UUID(), indicatorID: indicator.id, organisationID: organisation.id, unitID: organisation.unitID, periodKey: period.key,
                                   firstMonth: period.firstMonthNumber, lastMonth: period.lastMonthNumber, value: nil, comment: nil, updatedBy: scope.username, updatedAt: now)
                (row.value, row.comment, row.updatedBy, row.updatedAt) = (value, comment, scope.username, now)
                written.append((old, row))
                changes.append(C(id: UUID(), indicatorID: indicator.id, organisationID: organisation.id, unitID: organisation.unitID, periodKey: period.key,
                                 previousValue: old?.value, value: value, previousComment: old?.comment, comment: comment, createdBy: scope.username, createdAt: now))
                func text(_ value: Double?, _ comment: String?) -> String {
                    (value.map { indicator.valueType.text($0) } ?? "") + (comment.map { " (\($0))" } ?? "")
                }
                before[code] = text(old?.value, old?.comment)
                after[code] = text(value, comment)
            }
            guard !changes.isEmpty else { return 0 }
            try await sql.insert(into: "data_value_changes").values(ofAll: changes).run()
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "data_values", recordID: organisation.id,
                                      summary: "\(organisation.name): \(context.version.form.code) \(period.label)", before: before, after: after)
            // The values last: the totals above them are rows every save of the month shares, held until the commit.
            try await Self.write(written, on: sql)
            return changes.count
        }
        return ReportSaveResult(changed: changed, warnings: try await warnings(context, computed: computed))
    }

    /// Writes values in the caller's transaction, each a new row or a stored one changed (`stored`,
    /// as it was read in the same transaction), and adds what changed to the totals above their
    /// units (``DataValueTotals``): the one place values are written (entry, workbook, API, demo,
    /// bench), so a value saved is in every level's total on the next read.
    static func write(_ values: [(stored: DataValueRecord?, value: DataValueRecord)], on sql: any SQLDatabase) async throws {
        // What the totals lose is read again here, the rows locked until the commit: a save of another form that asks the
        // same indicator waits, and cannot make this write subtract a value that is no longer there.
        var before: [UUID: DataValueRecord] = [:]
        let ids = values.compactMap(\.stored?.id)
        for chunk in ids.chunked(500) {
            let query: SQLQueryString = "SELECT \(unsafeRaw: RowColumns.select(D.self, from: "d")) FROM data_values d WHERE d.id IN (\(binds: Array(chunk)))"
            for row in try await sql.raw(query + locked(on: sql)).rows(D.self) { before[row.id] = row }
        }
        var changes: [DataValueTotals.Change] = []
        for (stored, value) in values {
            if let stored, let old = before[stored.id] {
                try await sql.update("data_values").set(\D.value, to: value.value).set(\D.comment, to: value.comment).set(\D.updatedBy, to: value.updatedBy)
                    .set(\D.updatedAt, to: value.updatedAt).where("id", .equal, old.id).run()
                changes.append(DataValueTotals.Change(old, before: old.value, after: value.value))
            } else {
                changes.append(DataValueTotals.Change(value, before: nil, after: value.value))
            }
        }
        for chunk in values.filter({ $0.stored.map { before[$0.id] == nil } ?? true }).map(\.value).chunked(200) {
            try await sql.insert(into: "data_values").values(ofAll: Array(chunk)).run()
        }
        try await DataValueTotals.add(changes, on: sql)
    }

    /// Values read to be changed are locked until the commit on PostgreSQL, always in id order, so two saves
    /// that lock some of the same rows wait for each other instead of deadlocking (SQLite's writers take turns).
    static func locked(on sql: any SQLDatabase) -> SQLQueryString {
        sql.dialect.name == "postgresql" ? " ORDER BY d.id FOR UPDATE" : ""
    }

    /// The rules of the version the organisation's values break, beside each indicator they name.
    func warnings(_ context: ReportEntryContext, computed: IndicatorValues) async throws -> [String: [String]] {
        let stored = try await values(context)
        var values = computed
        for (code, row) in stored { if let value = row.value { values[code] = value } }
        values = context.version.consolidation.withRatios(values)
        var warnings: [String: [String]] = [:]
        for violation in ValidationRule.violations(context.version.rules, values, names: context.version.names) {
            for code in Set(violation.rule.codes) { warnings[code, default: []].append(violation.message) }
        }
        return warnings
    }
}
