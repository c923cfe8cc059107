import DanVanDomain
import Foundation
import Hummingbird

/// Citizen reception (tiếp công dân): sessions, their visits, schedules and the heads' duty.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /reception | sessions in scope, filter by unit and period; form to record one |
/// | POST | /reception | record a session |
/// | GET | /reception/sessions/:id | a session and its visits |
/// | POST | /reception/sessions/:id/visits | add a visit |
/// | GET, POST | /reception/schedules | reception schedules (lịch tiếp công dân) |
/// | GET | /reception/duty | heads who fell short of their legal frequency |
/// | GET | /reception/register | the reception register (sổ tiếp công dân) of a unit and period, printable |
struct ReceptionController: Sendable {
    let reception: ReceptionStore
    let calendars: CalendarStore
    let units: UnitStore
    let organisations: OrganisationStore
    let renderer: PageRenderer

    static let sessionFields = ["organisation_id", "date", "place", "receiver_kind", "holder", "receiver_name", "note"]
    static let visitFields = ["people", "is_group", "is_repeat", "content", "citizen_name", "citizen_address"]
    static let scheduleFields = ["organisation_id", "holder", "person_name", "days", "valid_from"]

    struct SessionRow: Sendable, Encodable {
        var href: String
        var date: String
        var organisationName: String
        var unitName: String
        var place: String
        var receiverKind: String
        var holder: String?
        var receiverName: String
        var note: String
        var visits: String
        var people: String
    }

    struct VisitRow: Sendable, Encodable {
        var people: String
        var isGroup: Bool
        var isRepeat: Bool
        var kindLabel: String
        var content: String
        /// Who came and where from, as recorded; the redaction notice for a denouncer.
        var citizen: String?
        var letterHref: String?
        var newLetterHref: String?
    }

    struct Filter: Sendable, Encodable {
        var units: [FormOption]
        /// The periods to choose from (none typed as a code), the chosen one selected.
        var periodGroups: [PeriodGroup]
        var anyPeriod: Bool
        var periodError: String?
    }

    struct IndexPage: Sendable, Encodable {
        var filter: Filter
        var sessions: [SessionRow]
        var pager: Pager
        var form: FormState
        var organisations: [FormOption]
        var receiverKinds: [FormOption]
        var holders: [FormOption]
        var canRecord: Bool
        var today: String
        var schedulesHref: String
        var dutyHref: String
        var registerHref: String
    }

    struct SessionPage: Sendable, Encodable {
        var session: SessionRow
        var visits: [VisitRow]
        var form: FormState
        var canRecord: Bool
        var action: String
        var indexHref: String
    }

    struct ScheduleRow: Sendable, Encodable {
        var organisationName: String
        var unitName: String
        var holder: String
        var personName: String
        var days: String
        var validFrom: String
        var createdBy: String
    }

    struct SchedulesPage: Sendable, Encodable {
        var schedules: [ScheduleRow]
        var form: FormState
        var organisations: [FormOption]
        var holders: [FormOption]
        var canEdit: Bool
        var indexHref: String
    }

    struct ShortfallRow: Sendable, Encodable {
        var period: String
        var required: Int
        var held: Int
    }

    struct DutyRow: Sendable, Encodable {
        var organisationName: String
        var unitName: String
        var holder: String
        var rule: String
        var source: String
        var effective: String
        var shortfalls: [ShortfallRow]
    }

    struct DutyPage: Sendable, Encodable {
        var filter: Filter
        var periodLabel: String
        /// False when the period asked for could not be read: no result is shown.
        var checked: Bool
        var rows: [DutyRow]
        var indexHref: String
    }

    /// A line of the printed register, numbered.
    struct RegisterRow: Sendable, Encodable {
        var number: String
        var date: String
        var citizen: String?
        var people: String
        var content: String
        var kind: String
        var receiver: String
        var handling: String
        var letterHref: String?
    }

    /// Sổ tiếp công dân: every visit of a unit's subtree in a period, as the register is kept on paper.
    struct RegisterPage: Sendable, Encodable {
        var filter: Filter
        var issuer: String
        var unitName: String
        var periodLabel: String
        var placeDate: String
        var rows: [RegisterRow]
        var count: String
        /// More visits than one printed register holds: the period should be narrowed.
        var truncated: Bool
        var action: String
        var indexHref: String
    }

    static let registerLimit = 5_000
    /// Sessions on a page of the list.
    static let pageSize = 25

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.reception) { request, context in
            try await index(query: FormData.query(of: request), context: context)
        }
        signedIn.post(SiteURL.Pattern.reception) { request, context in
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: Self.sessionFields), context: context) {
                let id = try await reception.createSession(context.scope, input: SessionInput(
                    organisationID: UUID(uuidString: form["organisation_id"]), date: form["date"], place: form["place"],
                    receiverKind: form["receiver_kind"], holder: form["holder"], receiverName: form["receiver_name"], note: form["note"]))
                return Response.redirect(to: SiteURL.receptionSession(id).path)
            } showAgain: { state in
                try await index(query: FormData(""), context: context, form: state)
            }
        }
        signedIn.get(SiteURL.Pattern.receptionSession) { _, context in
            try await session(id: try UUID.parse(context.parameters.get("id")), context: context)
        }
        signedIn.post(SiteURL.Pattern.receptionSessionVisits) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: Self.visitFields), context: context) {
                _ = try await reception.addVisit(context.scope, sessionID: id, input: VisitInput(
                    people: form["people"], isGroup: !form["is_group"].isEmpty, isRepeat: !form["is_repeat"].isEmpty, content: form["content"],
                    citizenName: form["citizen_name"], citizenAddress: form["citizen_address"]))
                return Response.redirect(to: SiteURL.receptionSession(id).path)
            } showAgain: { state in
                try await session(id: id, context: context, form: state)
            }
        }
        signedIn.get(SiteURL.Pattern.receptionSchedules) { _, context in
            try await schedules(context: context)
        }
        signedIn.post(SiteURL.Pattern.receptionSchedules) { request, context in
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: Self.scheduleFields), context: context) {
                _ = try await reception.addSchedule(context.scope, input: ScheduleInput(
                    organisationID: UUID(uuidString: form["organisation_id"]), holder: form["holder"], personName: form["person_name"],
                    days: form["days"], validFrom: form["valid_from"]))
                return Response.redirect(to: SiteURL.receptionSchedules.path)
            } showAgain: { state in
                try await schedules(context: context, form: state)
            }
        }
        signedIn.get(SiteURL.Pattern.receptionDuty) { request, context in
            try await duty(query: FormData.query(of: request), context: context)
        }
        signedIn.get(SiteURL.Pattern.receptionRegister) { request, context in
            try await register(query: FormData.query(of: request), context: context)
        }
    }

    // MARK: Pages

    private func index(query: FormData, context: SignedInContext, form: FormState? = nil) async throws -> Response {
        let scope = context.scope
        let language = context.language
        let unitID = UUID(uuidString: query["unit"])
        if let unitID { _ = try await units.unit(scope, id: unitID) }
        let period = query["period"].isEmpty ? nil : ReportPeriod.parse(query["period"])
        var filter = try await filter(scope: scope, unitID: unitID, period: period, language: language)
        if !query["period"].isEmpty && period == nil { filter.periodError = renderer.catalogue.text("reception_error_period", language) }
        let offset = Pager.offset(query["offset"])
        let sessions = try await reception.sessions(scope, unitID: unitID, period: period, limit: Self.pageSize, offset: offset)
        let total = try await reception.sessionCount(scope, unitID: unitID, period: period)
        let today = CivilDate.today(now: Date())
        let form = form ?? FormState(values: ["organisation_id": scope.organisationID.uuidString, "date": today.iso, "receiver_kind": ReceiverKind.regular.rawValue])
        let page = IndexPage(
            filter: filter, sessions: sessions.map { sessionRow($0, language: language) },
            pager: Pager(offset: offset, size: Self.pageSize, shown: sessions.count, total: total, catalogue: renderer.catalogue, language: language) {
                SiteURL.receptionSessions(unit: unitID, period: period?.key, offset: $0).path
            },
            form: form,
            organisations: try await organisationOptions(scope: scope, unitID: unitID, selected: form.values["organisation_id"] ?? ""),
            receiverKinds: ReceiverKind.allCases.map { option($0.rawValue, "receiver_kind_", selected: form.values["receiver_kind"], language) },
            holders: holderOptions(selected: form.values["holder"], language: language),
            canRecord: scope.has(.receptionOfficer) || scope.has(.leader), today: today.iso,
            schedulesHref: SiteURL.receptionSchedules.path, dutyHref: SiteURL.receptionDuty(unit: nil, period: nil).path,
            registerHref: SiteURL.receptionRegister(unit: unitID, period: period?.key).path)
        return renderer.render("reception/reception_index", titleKey: "reception_title", page: page, context: context,
                               status: form.hasErrors ? .unprocessableContent : .ok, section: "reception")
    }

    private func session(id: UUID, context: SignedInContext, form: FormState? = nil) async throws -> Response {
        let scope = context.scope
        let language = context.language
        let row = try await reception.session(scope, id: id)
        let visits = try await reception.visits(scope, sessionID: id)
        let page = SessionPage(
            session: sessionRow(row, language: language),
            visits: visits.map { visit in
                let t = renderer.catalogue
                let kind = [t.text(visit.isGroup ? "reception_group" : "reception_individual", language),
                            t.text(visit.isRepeat ? "reception_repeat" : "reception_first", language)].joined(separator: ", ")
                return VisitRow(people: VietnameseFormat.integer(visit.people), isGroup: visit.isGroup, isRepeat: visit.isRepeat, kindLabel: kind,
                                content: visit.content, citizen: citizen(visit, language: language),
                                letterHref: visit.letterID.map { SiteURL.letter($0).path },
                                newLetterHref: visit.letterID == nil ? SiteURL.letterNew(visit: visit.id).path : nil)
            },
            form: form ?? FormState(values: ["people": "1"]), canRecord: scope.has(.receptionOfficer) || scope.has(.leader),
            action: SiteURL.receptionSessionVisits(id).path, indexHref: SiteURL.reception.path)
        return renderer.render("reception/reception_session", titleKey: "reception_session_title", page: page, context: context,
                               status: (form?.hasErrors ?? false) ? .unprocessableContent : .ok, section: "reception")
    }

    private func schedules(context: SignedInContext, form: FormState? = nil) async throws -> Response {
        let scope = context.scope
        let language = context.language
        let form = form ?? FormState(values: ["organisation_id": scope.organisationID.uuidString, "valid_from": CivilDate.today(now: Date()).iso])
        let rows = try await reception.schedules(scope)
        let page = SchedulesPage(
            schedules: rows.map { row in
                ScheduleRow(organisationName: row.organisationName, unitName: row.unitName,
                            holder: renderer.catalogue.text("holder_\(row.holder)", language), personName: row.personName, days: row.days,
                            validFrom: CivilDate(iso: row.validFrom).map(VietnameseFormat.date) ?? row.validFrom, createdBy: row.createdBy)
            },
            form: form, organisations: try await organisationOptions(scope: scope, unitID: nil, selected: form.values["organisation_id"] ?? ""),
            holders: holderOptions(selected: form.values["holder"], language: language),
            canEdit: scope.has(.receptionOfficer) || scope.has(.leader) || scope.has(.administrator), indexHref: SiteURL.reception.path)
        return renderer.render("reception/reception_schedules", titleKey: "reception_schedules_title", page: page, context: context,
                               status: form.hasErrors ? .unprocessableContent : .ok, section: "reception")
    }

    private func duty(query: FormData, context: SignedInContext) async throws -> Response {
        let scope = context.scope
        let language = context.language
        let t = renderer.catalogue
        let unitID = UUID(uuidString: query["unit"]) ?? scope.unitID
        let parsed = query["period"].isEmpty ? nil : ReportPeriod.parse(query["period"])
        let period = parsed ?? Self.lastFullQuarter(before: CivilDate.today(now: Date()))
        var filter = try await filter(scope: scope, unitID: unitID, period: period, language: language, includeAll: false)
        // A period that cannot be read is said, and nothing is claimed about another one.
        let unreadable = !query["period"].isEmpty && parsed == nil
        if unreadable { filter.periodError = t.text("reception_error_period", language) }
        let rows = unreadable ? [] : try await reception.dutyCompliance(scope, unitID: unitID, period: period, rules: try await reception.dutyRules())
        let page = DutyPage(
            filter: filter,
            periodLabel: "\(VietnameseFormat.date(period.from)) – \(VietnameseFormat.date(period.to))", checked: !unreadable,
            rows: rows.map { row in
                DutyRow(organisationName: row.organisationName, unitName: row.unitName, holder: t.text("holder_\(row.holder.rawValue)", language),
                        rule: t.text("reception_duty_per_\(row.rule.per.rawValue)", language, ["\(row.rule.days)"]),
                        source: row.rule.source, effective: VietnameseFormat.date(row.rule.effectiveFrom),
                        shortfalls: row.shortfalls.map {
                            ShortfallRow(period: "\(VietnameseFormat.date($0.periodStart)) – \(VietnameseFormat.date($0.periodEnd))",
                                         required: $0.required, held: $0.held)
                        })
            },
            indexHref: SiteURL.reception.path)
        return renderer.render("reception/reception_duty", titleKey: "reception_duty_title", page: page, context: context, section: "reception")
    }

    private func register(query: FormData, context: SignedInContext) async throws -> Response {
        let scope = context.scope
        let language = context.language
        let t = renderer.catalogue
        let unit = try await units.unit(scope, id: UUID(uuidString: query["unit"]) ?? scope.unitID)
        let today = CivilDate.today(now: Date())
        let parsed = query["period"].isEmpty ? nil : ReportPeriod.parse(query["period"])
        let period = parsed ?? ReportPeriod.month(today.year, today.month)!
        var filter = try await filter(scope: scope, unitID: unit.id, period: period, language: language, includeAll: false)
        // A period that cannot be read is said, and no other period's register is printed in its place.
        let unreadable = !query["period"].isEmpty && parsed == nil
        if unreadable { filter.periodError = t.text("reception_error_period", language) }
        let lines = unreadable ? [] : try await reception.register(scope, unitID: unit.id, period: period, limit: Self.registerLimit + 1)
        let issuer = try await organisations.organisation(scope, id: scope.organisationID)
        let page = RegisterPage(
            filter: filter, issuer: issuer.name, unitName: unit.name,
            periodLabel: t.text("reception_register_period", language, [VietnameseFormat.date(period.from), VietnameseFormat.date(period.to)]),
            placeDate: VietnameseFormat.placeDate(place: issuer.unitName, today),
            rows: lines.prefix(Self.registerLimit).enumerated().map { index, line in
                let visit = line.visit
                let kind = [t.text(visit.isGroup ? "reception_group" : "reception_individual", language),
                            t.text(visit.isRepeat ? "reception_repeat" : "reception_first", language)].joined(separator: ", ")
                let handling = line.letterCode.map { code in
                    t.text("reception_register_letter", language, [code, t.text("status_\(line.letterStatus ?? "")", language)])
                } ?? t.text("reception_register_no_letter", language)
                return RegisterRow(number: VietnameseFormat.integer(index + 1), date: CivilDate(iso: visit.date).map(VietnameseFormat.date) ?? visit.date,
                                   citizen: citizen(visit, language: language), people: VietnameseFormat.integer(visit.people), content: visit.content,
                                   kind: kind, receiver: line.receiverName + " (" + line.organisationName + ")", handling: handling,
                                   letterHref: visit.letterID.map { SiteURL.letter($0).path })
            },
            count: VietnameseFormat.integer(min(lines.count, Self.registerLimit)), truncated: lines.count > Self.registerLimit,
            action: SiteURL.receptionRegister(unit: nil, period: nil).path, indexHref: SiteURL.reception.path)
        return renderer.render("reception/reception_register", titleKey: "reception_register_title", page: page, context: context, section: "reception")
    }

    // MARK: Parts

    /// The quarter before the one `today` falls in.
    static func lastFullQuarter(before today: CivilDate) -> ReportPeriod {
        let quarter = (today.month - 1) / 3 + 1
        return quarter == 1 ? ReportPeriod.quarter(today.year - 1, 4)! : ReportPeriod.quarter(today.year, quarter - 1)!
    }

    private func filter(scope: Scope, unitID: UUID?, period: ReportPeriod?, language: Language, includeAll: Bool = true) async throws -> Filter {
        let own = try await units.unit(scope, id: scope.unitID)
        let children = try await units.children(scope, of: scope.unitID, on: CivilDate.today(now: Date())).sortedVietnamese()
        var options = includeAll ? [FormOption(value: "", label: renderer.catalogue.text("reception_all_units", language), selected: unitID == nil)] : []
        options += ([own] + children).map { FormOption(value: $0.id.uuidString.lowercased(), label: $0.name, selected: $0.id == unitID) }
        if let unitID, !options.contains(where: { $0.selected }) {
            let unit = try await units.unit(scope, id: unitID)
            options.append(FormOption(value: unit.id.uuidString.lowercased(), label: unit.name, selected: true))
        }
        return Filter(units: options, periodGroups: renderer.periodGroups(selected: period, language: language), anyPeriod: period == nil, periodError: nil)
    }

    private func organisationOptions(scope: Scope, unitID: UUID?, selected: String) async throws -> [FormOption] {
        var list = try await organisations.organisations(scope, unitID: unitID ?? scope.unitID).filter { $0.validTo == nil }
        if scope.mode == .organisation { list = list.filter { $0.id == scope.organisationID } }
        return list.map { FormOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString.lowercased() == selected.lowercased()) }
    }

    /// Who came to a visit, "name, address", as a list or the register shows it; a denouncer's
    /// name stays with the letter (the redaction notice here); nil when nobody was recorded.
    func citizen(_ visit: ReceptionVisitRow, language: Language) -> String? {
        if visit.citizenIsConfidential { return renderer.catalogue.text("sender_redacted", language) }
        return [visit.citizenName, visit.citizenAddress].compactMap { $0?.nilIfEmpty }.joined(separator: ", ").nilIfEmpty
    }

    private func holderOptions(selected: String?, language: Language) -> [FormOption] {
        [FormOption(value: "", label: "—", selected: (selected ?? "").isEmpty)]
            + DutyHolder.allCases.map { option($0.rawValue, "holder_", selected: selected, language) }
    }

    private func option(_ value: String, _ prefix: String, selected: String?, _ language: Language) -> FormOption {
        FormOption(value: value, label: renderer.catalogue.text(prefix + value, language), selected: value == selected)
    }

    private func sessionRow(_ row: ReceptionSessionRow, language: Language) -> SessionRow {
        let t = renderer.catalogue
        return SessionRow(
            href: SiteURL.receptionSession(row.id).path, date: CivilDate(iso: row.date).map(VietnameseFormat.date) ?? row.date,
            organisationName: row.organisationName, unitName: row.unitName, place: row.place,
            receiverKind: t.text("receiver_kind_\(row.receiverKind)", language), holder: row.holder.map { t.text("holder_\($0)", language) },
            receiverName: row.receiverName, note: row.note, visits: VietnameseFormat.integer(row.visits), people: VietnameseFormat.integer(row.people))
    }
}
