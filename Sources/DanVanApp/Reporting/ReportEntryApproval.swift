import DanVanDomain
import FluentKit
import Foundation
import SQLKit

private typealias R = ReportRecord
private typealias RA = ReportActionRecord

/// An action on a report as a form or the API names it.
enum ReportActionName: String, Sendable, CaseIterable {
    case submit, approve
    case sendBack = "return"
    case unlock

    func action(reason: String) -> ReportAction {
        switch self {
        case .submit: .submit
        case .approve: .approve
        case .sendBack: .sendBack(reason: reason)
        case .unlock: .unlock(reason: reason)
        }
    }
}

/// A report action of the changelog, as pages show it.
struct ReportActionLine: Sendable, Codable {
    var action: String
    var reason: String?
    var createdBy: String
    var createdAt: Date
}

extension ReportEntryStore {
    /// The states of the reports an approving body receives for the period (`.draft` for none).
    func receivedStates(_ approver: ReportingOrganisation, _ version: ReportFormVersion, _ period: ReportingPeriod)
        async throws -> [(organisation: ReportingOrganisation, report: ReportRecord?)] {
        try await reports(of: try await network.received(by: approver, version, period), version, period)
    }

    /// The reports of these organisations for the form and period (`db`: inside a transaction).
    func reports(of received: [ReportingOrganisation], _ version: ReportFormVersion, _ period: ReportingPeriod,
                 on db: (any SQLDatabase)? = nil) async throws -> [(organisation: ReportingOrganisation, report: ReportRecord?)] {
        guard !received.isEmpty else { return [] }
        let rows = try await (db ?? sql).raw("""
            SELECT \(unsafeRaw: RowColumns.select(R.self, from: "r")) FROM reports r
            WHERE r.\(\R.formID) = \(bind: version.form.id) AND r.\(\R.periodKey) = \(bind: period.key)
            AND r.\(\R.organisationID) IN (\(binds: received.map(\.id)))
            """).rows(R.self)
        let byOrganisation = Dictionary(rows.map { ($0.organisationID, $0) }, uniquingKeysWith: { first, _ in first })
        return received.map { ($0, byOrganisation[$0.id]) }
    }

    /// Submits, approves, returns or unlocks a report, all or nothing, with its action row and
    /// audit entry. The organisation's own side submits; the receiving body (the approver, in the
    /// caller's reach) approves, returns and unlocks. Returns the new state.
    @discardableResult
    func act(_ scope: Scope, organisationID: UUID, formID: UUID, period: ReportingPeriod, action name: ReportActionName, reason: String = "",
             today: CivilDate = CivilDate.today(now: Date()), now: Date = Date()) async throws -> ReportState {
        let context = try await self.context(scope, organisationID: organisationID, formID: formID, period: period)
        let version = context.version, organisation = context.organisation
        let approver = try await network.approver(of: organisation, version, period)
        switch name {
        case .submit:
            guard Self.mayEnter(scope) else { throw AppError.forbidden }
            // An approving body submits its consolidated report only when one above receives it.
            guard approver != nil else { throw AppError.notFound }
            // A draft is submitted within its entry window only: after it, the receiving body unlocks it first.
            if context.state == .draft, let lock = Self.lock(context, on: today) { throw ReportEntryRefusal(message: lock.message) }
            let required = version.items.filter { $0.required && $0.indicator.isEntered }
            if !required.isEmpty, try await network.isReporter(organisation, version, period) {
                let stored = try await values(context)
                let missing = required.filter { stored[$0.indicator.code]?.value == nil }
                if !missing.isEmpty {
                    throw ReportEntryRefusal(cells: Dictionary(missing.map { ($0.indicator.code, "Chỉ tiêu bắt buộc: cần nhập trước khi nộp.") }, uniquingKeysWith: { a, _ in a }),
                                             message: "Còn \(VietnameseFormat.integer(missing.count)) chỉ tiêu bắt buộc chưa nhập.")
                }
            }
        case .approve, .sendBack, .unlock:
            guard let approver, try await reaches(scope, approver.id) else { throw AppError.notFound }
            guard Self.mayApprove(scope, for: approver) else { throw AppError.forbidden }
        }
        let trimmed = VietnameseText.normalized(reason)
        if trimmed.count > Self.maxComment { throw ReportEntryRefusal(message: "Lý do dài quá \(VietnameseFormat.integer(Self.maxComment)) ký tự.") }
        // Who sends reports to this one (read before the transaction; their states inside it).
        let received = network.isApprover(organisation, version) ? try await network.received(by: organisation, version, period) : []
        return try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            // Rows are taken top down (the level above, then this report), so two actions on one chain wait for each other
            // instead of deadlocking; each state is read after its row is taken, and this report's changes only from the state read.
            var upper: ReportState?
            if let approver {
                try await Self.take(formID: formID, organisationID: approver.id, period: period, on: sql)
                upper = try await self.report(formID: formID, organisationID: approver.id, period: period, on: sql).flatMap { ReportState(rawValue: $0.state) }
            }
            try await Self.take(formID: formID, organisationID: organisationID, period: period, on: sql)
            let report = try await self.report(formID: formID, organisationID: organisationID, period: period, on: sql)
            let state = report.flatMap { ReportState(rawValue: $0.state) } ?? .draft
            let lower = try await reports(of: received, version, period, on: sql).map { $0.report.flatMap { ReportState(rawValue: $0.state) } ?? .draft }
            let closed = today > version.entryDates(period).to
            if name == .submit, state == .draft, let lock = ReportApproval.lock(state, period: period, cutOff: version.cutOff, window: version.window, on: today) {
                throw ReportEntryRefusal(message: lock.message)
            }
            let next: ReportState
            switch ReportApproval.apply(name.action(reason: trimmed), to: state, lower: lower, upper: upper, periodClosed: closed) {
            case .success(let state): next = state
            case .failure(let problem): throw ReportEntryRefusal(message: problem.message)
            }
            if name == .approve, let report, try await lastSubmitter(reportID: report.id, on: sql) == scope.username {
                throw ReportEntryRefusal(message: Self.selfApproval)
            }
            let id = report?.id ?? UUID()
            let submittedOn = name == .submit ? today.iso : report?.submittedOn
            let returnReason: String? = (name == .sendBack || name == .unlock) ? trimmed : nil
            let changed: [any SQLRow]
            if report != nil {
                changed = try await sql.update("reports").set(\R.state, to: next.rawValue).set(\R.submittedOn, to: submittedOn).set(\R.returnReason, to: returnReason)
                    .set(\R.updatedBy, to: scope.username).set(\R.updatedAt, to: now).where("id", .equal, id).where(SQLIdentifier(ColumnName.of(\R.state)), .equal, state.rawValue)
                    .returning("id").all()
            } else {
                changed = try await sql.insert(into: "reports").values(of: R(
                    id: id, formID: formID, organisationID: organisation.id, unitID: organisation.unitID, periodKey: period.key, state: next.rawValue,
                    submittedOn: submittedOn, returnReason: returnReason, updatedBy: scope.username, updatedAt: now)).ignoringConflicts().returning("id").all()
            }
            // Someone else acted on it meanwhile: nothing is done twice.
            guard !changed.isEmpty else { throw ReportEntryRefusal(message: Self.changedMeanwhile) }
            try await sql.insert(into: "report_actions").values(of: RA(
                id: UUID(), reportID: id, action: name.rawValue, reason: trimmed.isEmpty ? nil : trimmed, createdBy: scope.username, createdAt: now)).run()
            var after = ["state": next.rawValue, "action": name.rawValue]
            if !trimmed.isEmpty { after["reason"] = trimmed }
            if name == .sendBack || name == .unlock {
                // The organisation hears of it in its inbox, with the reason.
                try await Inbox.notify(on: sql, organisationID: organisation.id, kind: .reportReturned, subjectID: id, subjectType: "report",
                                       occasion: now.timeIntervalSince1970.description,
                                       title: "\(version.form.name) — \(period.label): \(trimmed)", now: now)
            }
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "report", recordID: id,
                                      summary: "\(organisation.name): \(version.form.code) \(period.label)", before: ["state": state.rawValue], after: after)
            return next
        }
    }

    static let changedMeanwhile = "Báo cáo vừa được người khác thay đổi; hãy tải lại trang rồi làm lại."
    static let selfApproval = "Người đã nộp báo cáo không tự duyệt báo cáo đó; một người khác của cơ quan nhận báo cáo duyệt."

    /// Whether the caller acts for the receiving body: one of its own users, Ban Dân vận staff
    /// or its administrator (a body above does not approve in its place).
    static func mayApprove(_ scope: Scope, for approver: ReportingOrganisation) -> Bool {
        scope.organisationID == approver.id && approvers.contains(where: scope.has)
    }

    /// Takes a report's row for the transaction (PostgreSQL makes a concurrent writer wait; nothing changes).
    static func take(formID: UUID, organisationID: UUID, period: ReportingPeriod, on sql: any SQLDatabase) async throws {
        try await sql.update("reports").set(SQLIdentifier(ColumnName.of(\R.state)), to: SQLIdentifier(ColumnName.of(\R.state)))
            .where(SQLIdentifier(ColumnName.of(\R.formID)), .equal, formID).where(SQLIdentifier(ColumnName.of(\R.organisationID)), .equal, organisationID)
            .where(SQLIdentifier(ColumnName.of(\R.periodKey)), .equal, period.key).run()
    }

    /// Who submitted the report last.
    private func lastSubmitter(reportID: UUID, on sql: any SQLDatabase) async throws -> String? {
        struct Submitter: Decodable { var createdBy: String }
        return try await sql.raw("""
            SELECT a.\(\RA.createdBy) AS created_by FROM report_actions a
            WHERE a.\(\RA.reportID) = \(bind: reportID) AND a.\(\RA.action) = \(bind: ReportActionName.submit.rawValue)
            ORDER BY a.\(\RA.createdAt) DESC LIMIT 1
            """).row(Submitter.self)?.createdBy
    }

    /// A report in the caller's reach, by id (404 otherwise).
    func report(_ scope: Scope, id: UUID) async throws -> ReportRecord {
        guard let row = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(R.self, from: "r")) FROM reports r
            WHERE r.id = \(bind: id) AND \(Reach.condition(scope, unit: "r.\(\R.unitID)", organisation: "r.\(\R.organisationID)", shape: .probe))
            """).row(R.self) else { throw AppError.notFound }
        return row
    }

    /// The actions of a report, the oldest first.
    func actions(reportID: UUID) async throws -> [ReportActionLine] {
        try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(ReportActionLine.self, from: "a")) FROM report_actions a
            WHERE a.\(\RA.reportID) = \(bind: reportID) ORDER BY a.\(\RA.createdAt)
            """).rows(ReportActionLine.self)
    }
}
