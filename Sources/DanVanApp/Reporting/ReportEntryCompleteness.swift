import DanVanDomain
import Foundation
import SQLKit

private typealias R = ReportRecord

/// Completeness of one form for a unit's subtree and a period, with the organisations behind it.
struct ReportCompleteness: Sendable {
    var version: ReportFormVersion
    var period: ReportingPeriod
    var reporters: [ReportingOrganisation]
    var completeness: Completeness<UUID>
    /// Each reporter's report, when it has one.
    var reports: [UUID: ReportRecord]

    /// The organisations that have not submitted, in order.
    var missing: [ReportingOrganisation] {
        let missing = Set(completeness.missing)
        return reporters.filter { missing.contains($0.id) }
    }
}

extension ReportEntryStore {
    /// Expected, received and on time for a form, a unit in the caller's reach (404 otherwise) and
    /// a period: the organisations that must report under the unit, and the day each submitted.
    func completeness(_ scope: Scope, formID: UUID, unitID: UUID, period: ReportingPeriod) async throws -> ReportCompleteness {
        _ = try await UnitStore(database: database).unit(scope, id: unitID)
        let form = try await catalogue.form(id: formID)
        guard let version = try await catalogue.version(of: form, for: period), version.frequency == period.frequency else { throw AppError.notFound }
        // Only the reporters the caller reaches (an organisation's own user sees its own, not the whole unit's).
        let reporters = try await inReach(scope, try await network.reporters(version, period, under: unitID))
        var reports: [UUID: ReportRecord] = [:]
        for chunk in reporters.map(\.id).chunked(500) {
            let rows = try await sql.raw("""
                SELECT \(unsafeRaw: RowColumns.select(R.self, from: "r")) FROM reports r
                WHERE r.\(\R.formID) = \(bind: formID) AND r.\(\R.periodKey) = \(bind: period.key) AND r.\(\R.organisationID) IN (\(binds: Array(chunk)))
                """).rows(R.self)
            for row in rows { reports[row.organisationID] = row }
        }
        return ReportCompleteness(version: version, period: period, reporters: reporters,
                                  completeness: Self.completeness(reporters.map { ($0, reports[$0.id]) }, version, period), reports: reports)
    }

    /// A unit's completeness broken into the units below it on the period's last day (``UnitStore/below(_:of:on:)``:
    /// for a 2025 province in 2022, the legacy provinces), so every reporter of the unit's total is in exactly one row.
    /// Units with no reporter are left out.
    func completenessBelow(_ scope: Scope, formID: UUID, unit: UnitSummary, period: ReportingPeriod) async throws -> [(unit: UnitSummary, result: ReportCompleteness)] {
        var rows: [(unit: UnitSummary, result: ReportCompleteness)] = []
        for child in try await UnitStore(database: database).below(scope, of: unit, on: period.lastDay) {
            let part = try await completeness(scope, formID: formID, unitID: child.id, period: period)
            if part.completeness.expected > 0 { rows.append((child, part)) }
        }
        return rows
    }

    /// The day each reporter's report was last submitted, unless it is a draft again: what counts
    /// as received (the receiving body's page, the API and the demo's tests all count so).
    static func submittedDays(_ rows: [(organisation: ReportingOrganisation, report: ReportRecord?)]) -> [UUID: CivilDate] {
        var submitted: [UUID: CivilDate] = [:]
        for row in rows where row.report.map({ $0.state != ReportState.draft.rawValue }) == true {
            if let day = row.report?.submittedOn.flatMap(CivilDate.init(iso:)) { submitted[row.organisation.id] = day }
        }
        return submitted
    }

    /// Expected, received and on time over reporters and their reports (`submitted`: their ``submittedDays(_:)``).
    static func completeness(_ rows: [(organisation: ReportingOrganisation, report: ReportRecord?)], _ version: ReportFormVersion,
                             _ period: ReportingPeriod, submitted: [UUID: CivilDate]? = nil) -> Completeness<UUID> {
        Completeness(expected: rows.map(\.organisation.id), submitted: submitted ?? submittedDays(rows), period: period,
                     cutOff: version.cutOff, window: version.window)
    }

    /// The organisations of the list in the caller's reach, in the list's order.
    func inReach(_ scope: Scope, _ organisations: [ReportingOrganisation]) async throws -> [ReportingOrganisation] {
        struct ID: Decodable { var id: UUID }
        var reached = Set<UUID>()
        for chunk in organisations.map(\.id).chunked(500) {
            reached.formUnion(try await sql.raw("""
                SELECT o.id FROM organisations o WHERE o.id IN (\(binds: Array(chunk)))
                AND \(Reach.condition(scope, unit: "o.\(\Organisation.$unitID)", organisation: "o.id"))
                """).rows(ID.self).map(\.id))
        }
        return organisations.filter { reached.contains($0.id) }
    }

    /// The reports the caller's organisation has to fill now: open for entry today and not
    /// submitted, or returned to it.
    func toFill(_ scope: Scope, today: CivilDate) async throws -> Int {
        guard Self.mayEnter(scope), let organisation = try? await network.organisation(id: scope.organisationID) else { return 0 }
        var count = 0
        for form in try await catalogue.forms() {
            guard let latest = try await catalogue.versions(of: form).first, let frequency = ReportingFrequency(rawValue: latest.frequency),
                  let cutOff = CutOff(day: latest.cutOffDay, month: latest.cutOffMonth),
                  let window = EntryWindow(opens: latest.opensAfter, closes: latest.closesAfter) else { continue }
            for period in window.openPeriods(on: today, frequency, cutOff) {
                guard let version = try await catalogue.version(of: form, for: period), try await network.isReporter(organisation, version, period) else { continue }
                let state = try await report(formID: form.id, organisationID: organisation.id, period: period).flatMap { ReportState(rawValue: $0.state) } ?? .draft
                if state == .draft { count += 1 }
            }
        }
        struct Count: Decodable { var n: Int }
        count += try await sql.raw("""
            SELECT COUNT(*) AS n FROM reports r WHERE r.\(\R.organisationID) = \(bind: organisation.id) AND r.\(\R.state) = \(bind: ReportState.returned.rawValue)
            """).row(Count.self)?.n ?? 0
        return count
    }

    /// The submitted reports waiting for the caller's organisation to approve or return them.
    func toApprove(_ scope: Scope) async throws -> (count: Int, href: String?) {
        guard Self.approvers.contains(where: scope.has), let organisation = try? await network.organisation(id: scope.organisationID) else { return (0, nil) }
        struct Pending: Decodable { var formID: UUID; var periodKey: String }
        let pending = try await sql.raw("""
            SELECT DISTINCT r.\(\R.formID) AS form_id, r.\(\R.periodKey) AS period_key FROM reports r
            WHERE r.\(\R.state) = \(bind: ReportState.submitted.rawValue) AND \(Reach.subtree("r.\(\R.unitID)", of: organisation.unitID))
            """).rows(Pending.self)
        var count = 0
        var href: String?
        for row in pending {
            guard let period = ReportingPeriod(key: row.periodKey), let form = try? await catalogue.form(id: row.formID),
                  let version = try await catalogue.version(of: form, for: period), network.isApprover(organisation, version) else { continue }
            let waiting = try await receivedStates(organisation, version, period).filter { $0.report?.state == ReportState.submitted.rawValue }.count
            if waiting > 0 {
                count += waiting
                href = href ?? SiteURL.reportsReceived(organisation: organisation.id, form: form.id, period: period.key).path
            }
        }
        return (count, href)
    }

    /// Tells the users of every organisation that must report a form whose entry opens on `day`
    /// (once per form and period, through the inbox). Set-based: one `INSERT … SELECT` per form and
    /// period reaches the active users of every reporting organisation not yet told, so a second
    /// run tells no one. Returns how many organisations were told now.
    func remindEntryOpens(on day: CivilDate, now: Date = Date()) async throws -> Int {
        var told = 0
        for form in try await catalogue.forms() {
            for record in try await catalogue.versions(of: form) {
                let version = try await catalogue.version(form, record)
                for period in version.window.openPeriods(on: day, version.frequency, version.cutOff) where version.entryDates(period).from == day {
                    guard let inForce = try await catalogue.version(of: form, for: period), inForce.record.id == record.id else { continue }
                    told += try await remindEntryOpens(version, period, now: now)
                }
            }
        }
        return told
    }

    /// The reminder of one form and period to the active users of its reporters (their kind, at
    /// its levels, valid in the period) who have not had it; the organisations told.
    private func remindEntryOpens(_ version: ReportFormVersion, _ period: ReportingPeriod, now: Date) async throws -> Int {
        guard !version.kinds.isEmpty, !version.levels.isEmpty else { return 0 }
        typealias N = NotificationRecord
        let kind = NotificationKind.reportOpen.rawValue
        let title = String("\(version.form.name) — \(period.label): mở nhập đến ngày \(VietnameseFormat.date(version.entryDates(period).to))".prefix(300))
        // A new identifier per row: PostgreSQL's own; in SQLite, a version-4 UUID's text as Swift writes it (upper case).
        let newID: SQLQueryString = database.isPostgres ? "gen_random_uuid()" : """
            upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' \
            || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
            """
        struct Told: Decodable { var organisationID: UUID }
        let rows = try await sql.raw("""
            INSERT INTO notifications (id, \(\N.userID), kind, \(\N.subjectID), \(\N.subjectType), \(\N.occasion), title, \(\N.readAt), \(\N.createdAt), \(\N.organisationID))
            SELECT \(newID), us.id, \(bind: kind), \(bind: version.form.id), \(bind: "report_form"), \(bind: period.key), \(bind: title), NULL, \(bind: now), o.id
            FROM users us JOIN organisations o ON o.id = us.\(\User.$organisationID) JOIN organisation_units u ON u.id = o.\(\Organisation.$unitID)
            WHERE us.active = \(bind: true) AND o.kind IN (\(binds: version.kinds)) AND u.\(\OrganisationUnit.$level) IN (\(binds: version.levels))
            AND \(ReportNetwork.valid(in: period))
            AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.\(\N.userID) = us.id AND n.kind = \(bind: kind)
              AND n.\(\N.subjectID) = \(bind: version.form.id) AND n.\(\N.occasion) = \(bind: period.key))
            RETURNING \(\N.organisationID)
            """).all()   // a write: not through the prepared reads of `rows(_:)`
        return Set(try rows.map { try Told(from: RowDecoder(row: $0, textIdentifiers: !database.isPostgres)).organisationID }).count
    }
}
