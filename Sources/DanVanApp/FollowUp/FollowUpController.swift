import DanVanDomain
import Foundation
import Hummingbird

/// What a follow-up list is asked for in its address.
struct FollowUpListQuery: Sendable, Equatable {
    var unit: UUID
    var period: String? = nil
    var status: String? = nil
    var due: String? = nil
    var source: String? = nil
    /// "set" for the items the unit's organisations set; nil for those they hold.
    var side: String? = nil
    var level: String? = nil
    /// One organisation's items (held or set) within the unit.
    var organisation: UUID? = nil
    var offset = 0
}

/// Follow-up items: counts of a subtree and period (each a link to its list), the list, an item's page and its actions.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /follow-up?unit=&period=&status=&due=&source=&side=&level=&offset= | counts by status, overdue and due soon, and the list they link to; of the items held, or (side=set) of those set |
/// | GET | /follow-up/items/:id | an item: where it comes from, who holds it, its history, answer and files; the forms to act on it |
/// | POST | /follow-up/items/:id/actions | start, answer (with files), decline, re-assign, cancel |
/// | GET | /follow-up/items/:id/attachments/:aid | a file of an answer |
struct FollowUpController: Sendable {
    let items: FollowUpStore
    let meetings: MeetingStore
    let units: UnitStore
    let organisations: OrganisationStore
    let renderer: PageRenderer

    static let actionFields = ["action", "answer", "reason", "organisation_id", "due_on", "working_days", "assignment"]

    struct CountLink: Sendable, Encodable {
        var label: String
        var count: String
        var href: String
        var id: String
        var overdue = false
        /// Below a unit: how many of its items are overdue.
        var late: String? = nil
    }

    struct ItemLine: Sendable, Encodable {
        var title: String
        var href: String
        var organisationName: String
        var unitName: String
        var dueOn: String
        var dueClass: String?
        var status: String
        var source: String
    }

    struct OverviewPage: Sendable, Encodable {
        var unitName: String
        var periodLabel: String
        var periodGroups: [PeriodGroup]
        var unit: String
        /// The unit picker: the caller's own unit, those just below it, and the one chosen.
        var units: [FormOption]
        var counts: [CountLink]
        var total: CountLink
        var below: [CountLink]
        var filterLabel: String?
        var items: [ItemLine]
        var pager: Pager
        var meetingsHref: String
        var inboxHref: String
        var sides: [FormOption]
        var sources: [FormOption]
        var levels: [FormOption]
        var side: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.followUps) { request, context in
            try await overview(FormData.query(of: request), context: context)
        }
        signedIn.get(SiteURL.Pattern.followUpItem) { _, context in
            try await itemPage(try UUID.parse(context.parameters.get("id")), context: context)
        }
        signedIn.post(SiteURL.Pattern.followUpActions) { request, context in
            let id = try UUID.parse(context.parameters.get("id"))
            _ = try await items.item(context.scope, id: id)
            let form: MultipartForm
            do { form = try await MultipartForm.from(request, limit: UploadLimits.letterBody) } catch where UploadLimits.isTooLarge(error) {
                throw UploadLimits.tooLarge(request)
            }
            let fields = form.fields
            return try await renderer.submit(keeping: FormState(fields, fields: Self.actionFields), context: context) {
                try await items.act(context.scope, id: id, input: FollowUpActionInput(
                    action: fields["action"], assignmentID: UUID(uuidString: fields["assignment"]), answer: fields.text("answer"), reason: fields.text("reason"),
                    target: FollowUpDueInput(organisationID: UUID(uuidString: fields["organisation_id"]), dueOn: fields["due_on"], workingDays: fields["working_days"]),
                    attachments: form.files.filter { $0.field == "attachment" }.map { AttachmentInput(filename: $0.filename, data: $0.data, identifying: false) }))
                return Response.redirect(to: SiteURL.followUpItem(id).path)
            } showAgain: { state in
                try await itemPage(id, context: context, form: state)
            }
        }
        signedIn.get(SiteURL.Pattern.followUpAttachment) { _, context in
            let file = try await items.attachment(context.scope, id: try UUID.parse(context.parameters.get("id")),
                                                  attachmentID: try UUID.parse(context.parameters.get("aid")))
            return Response.download(Array(file.data), filename: file.filename)
        }
    }

    /// The unit (in reach, the caller's by default) and the period ("" for every day) a page is about.
    static func selection(_ query: FormData, scope: Scope, units: UnitStore) async throws -> (unit: UnitSummary, period: ReportPeriod?, key: String?) {
        let unit = try await units.unit(scope, id: UUID(uuidString: query["unit"]) ?? scope.unitID)
        let period = ReportPeriod.parse(query["period"])
        return (unit, period, period?.key ?? (period.map { _ in query["period"] }))
    }

    /// What a list's address asks for: its unit and period, and the filter of its items.
    static func filter(_ query: FormData, scope: Scope, units: UnitStore) async throws -> (unit: UnitSummary, period: ReportPeriod?, key: String?, filter: FollowUpFilter) {
        let (unit, period, key) = try await selection(query, scope: scope, units: units)
        let filter = FollowUpFilter(unitID: unit.id, period: period, status: FollowUpStatus(rawValue: query["status"]), due: FollowUpDueState(rawValue: query["due"]),
                                    source: FollowUpSource(rawValue: query["source"]), side: FollowUpSide(rawValue: query["side"]) ?? .held,
                                    level: OpinionLevel(rawValue: query["level"]), organisationID: UUID(uuidString: query["organisation"]))
        return (unit, period, key, filter)
    }

    private func overview(_ query: FormData, context: SignedInContext) async throws -> Response {
        let scope = context.scope, language = context.language, t = renderer.catalogue
        let (unit, period, key, filter) = try await Self.filter(query, scope: scope, units: units)
        let today = CivilDate.today(now: Date())
        let status = filter.status, due = filter.due, source = filter.source, side = filter.side, level = filter.level
        let base = FollowUpListQuery(unit: unit.id, period: key, source: source?.rawValue, side: side == .set ? side.rawValue : nil, level: level?.rawValue,
                                     organisation: filter.organisationID)
        func link(_ change: (inout FollowUpListQuery) -> Void) -> String { var q = base; change(&q); return SiteURL.followUpList(q).path }
        let counts = try await items.counts(scope, filter: filter, today: today)
        var lines = FollowUpStatus.allCases.map { s in
            CountLink(label: t.text("followup_status_" + s.rawValue, language), count: VietnameseFormat.integer(counts.byStatus[s] ?? 0),
                      href: link { $0.status = s.rawValue }, id: "count-" + s.rawValue)
        }
        lines.append(CountLink(label: t.text("followup_due_due_soon", language), count: VietnameseFormat.integer(counts.dueSoon),
                               href: link { $0.due = FollowUpDueState.dueSoon.rawValue }, id: "count-due-soon"))
        lines.append(CountLink(label: t.text("followup_due_overdue", language), count: VietnameseFormat.integer(counts.overdue),
                               href: link { $0.due = FollowUpDueState.overdue.rawValue }, id: "count-overdue", overdue: true))
        let children = try await units.children(scope, of: unit, on: today).sortedVietnamese()
        let belowCounts = try await items.countsBelow(scope, filter: filter, units: children.map(\.id), today: today)
        let below = children.map { child in
            let n = belowCounts[child.id] ?? (0, 0)
            return CountLink(label: child.name, count: VietnameseFormat.integer(n.total), href: link { $0.unit = child.id }, id: "unit-" + child.code,
                             overdue: n.overdue > 0, late: n.overdue > 0 ? VietnameseFormat.integer(n.overdue) : nil)
        }
        let offset = Pager.offset(query["offset"])
        let (rows, total) = try await items.list(scope, filter: filter, offset: offset, today: today)
        let calendar = try await items.calendars.recentCalendar()
        let page = OverviewPage(
            unitName: unit.name, periodLabel: period.map { renderer.periodLabel($0, language) } ?? t.text("followup_all_periods", language),
            periodGroups: renderer.periodGroups(selected: period, language: language), unit: unit.id.uuidString.lowercased(),
            units: try await units.filterOptions(scope, selected: unit),
            counts: lines,
            total: CountLink(label: t.text("followup_total", language), count: VietnameseFormat.integer(counts.total), href: link { _ in }, id: "count-total"),
            below: below,
            filterLabel: status.map { t.text("followup_status_" + $0.rawValue, language) } ?? due.map { t.text("followup_due_" + $0.rawValue, language) },
            items: rows.map { line($0, today: today, calendar: calendar, language: language) },
            pager: Pager(offset: offset, size: 50, shown: rows.count, total: total, catalogue: t, language: language) { o in
                link { $0.status = status?.rawValue; $0.due = due?.rawValue; $0.offset = o }
            },
            meetingsHref: SiteURL.meetings(unit: nil, period: nil, offset: 0).path, inboxHref: SiteURL.inbox(offset: 0).path,
            sides: FollowUpSide.allCases.map { FormOption(value: $0.rawValue, label: t.text("followup_side_" + $0.rawValue, language), selected: $0 == side) },
            sources: [FormOption(value: "", label: t.text("followup_all_sources", language), selected: source == nil)]
                + FollowUpSource.allCases.map { FormOption(value: $0.rawValue, label: t.text("followup_source_" + $0.rawValue, language), selected: $0 == source) },
            levels: [FormOption(value: "", label: t.text("followup_all_levels", language), selected: level == nil)]
                + OpinionLevel.allCases.map { FormOption(value: $0.rawValue, label: t.text("followup_level_" + $0.rawValue, language), selected: $0 == level) },
            side: side.rawValue)
        return renderer.render("followup/overview", titleKey: "followup_title", page: page, context: context, section: "followup")
    }

    func line(_ row: FollowUpRow, today: CivilDate, calendar: WorkingCalendar, language: Language) -> ItemLine {
        let t = renderer.catalogue
        let due = CivilDate(iso: row.dueOn)
        return ItemLine(title: row.title, href: SiteURL.followUpItem(row.id).path, organisationName: row.organisationName, unitName: row.unitName,
                        dueOn: due.map(VietnameseFormat.date) ?? row.dueOn,
                        dueClass: row.itemStatus.isPending ? due.map { FollowUpDue.state(due: $0, today: today, calendar: calendar).rawValue.replacingOccurrences(of: "_", with: "-") } : nil,
                        status: t.text("followup_status_" + row.status, language), source: t.text("followup_source_" + row.source, language))
    }

    struct HistoryLine: Sendable, Encodable {
        var organisationName: String
        var from: String
        var dueOn: String
        var reason: String
        var outcome: String?
        var outcomeReason: String?
        var by: String
    }

    struct ItemPage: Sendable, Encodable {
        var item: ItemLine
        var ownerName: String
        var dueRule: String?
        var answer: String?
        var answeredOn: String?
        var declineReason: String?
        var sourceHref: String?
        var attachments: [FormOption]
        var history: [HistoryLine]
        var action: String
        var assignment: String
        var canAnswer: Bool
        var canStart: Bool
        var canReassign: Bool
        var organisations: [FormOption]
        var form: FormState
    }

    private func itemPage(_ id: UUID, context: SignedInContext, form: FormState? = nil) async throws -> Response {
        let scope = context.scope, language = context.language, t = renderer.catalogue
        let row = try await items.item(scope, id: id)
        let today = CivilDate.today(now: Date())
        let calendar = try await items.calendars.recentCalendar()
        let (isAssignee, isOwner) = try await items.access(scope, id: id)
        let status = row.itemStatus
        let sourceHref: String? = switch FollowUpSource(rawValue: row.source) {
        case .opinion?: (try? await meetings.opinion(scope, id: row.sourceID)).map { SiteURL.meeting($0.meetingID).path }
        default: nil
        }
        let form = form ?? FormState()
        let canReassign = isOwner && (try? status.after(.reassign, reason: "x")) != nil
        let page = ItemPage(
            item: line(row, today: today, calendar: calendar, language: language), ownerName: row.ownerOrganisationName,
            dueRule: row.dueRule.flatMap { $0.split(separator: ":").last.map { t.text("followup_due_rule_working_days", language, [String($0)]) } },
            answer: row.answer, answeredOn: row.answeredOn.flatMap(CivilDate.init(iso:)).map(VietnameseFormat.date), declineReason: row.declineReason,
            sourceHref: sourceHref,
            attachments: try await items.attachments(scope, id: id).map {
                FormOption(value: SiteURL.followUpAttachment(id, $0.id).path, label: $0.filename, selected: false)
            },
            history: try await items.history(scope, id: id).map {
                HistoryLine(organisationName: $0.organisationName, from: VietnameseFormat.date(CivilDate.today(now: $0.createdAt)),
                            dueOn: CivilDate(iso: $0.dueOn).map(VietnameseFormat.date) ?? $0.dueOn, reason: $0.reason,
                            outcome: $0.outcome.map { t.text("followup_outcome_" + $0, language) }, outcomeReason: $0.outcomeReason, by: $0.createdBy)
            },
            action: SiteURL.followUpActions(id).path, assignment: row.assignmentID.uuidString.lowercased(),
            canAnswer: isAssignee && status.isPending, canStart: isAssignee && status == .open, canReassign: canReassign,
            organisations: canReassign ? try await routeChoices(scope, selected: form.values["organisation_id"], near: row.organisationID) : [],
            form: form)
        return renderer.render("followup/item", titleKey: "followup_item_title", page: page, context: context,
                               status: form.hasErrors ? .unprocessableContent : .ok, section: "followup")
    }

    /// The organisations an item may be routed to: the current ones of the caller's unit and (with
    /// `below`, for a subtree scope) of the units just below it — a district routes a commune-level
    /// opinion to the commune's People's Committee —, in reach.
    func routeChoices(_ scope: Scope, selected: String?, near: UUID? = nil, below: Bool = true) async throws -> [FormOption] {
        let today = CivilDate.today(now: Date())
        let current = { (o: OrganisationSummary) in OrganisationStore.isValid(from: o.validFrom, to: o.validTo, on: today) && o.id != near }
        var choices = try await organisations.organisations(scope, unitID: scope.unitID).filter(current).map { ($0, "") }
        if scope.mode == .organisation { choices = choices.filter { $0.0.id == scope.organisationID } }
        if below && scope.mode == .subtree {
            let children = try await units.children(scope, of: try await units.unit(scope, id: scope.unitID), on: today).sortedVietnamese()
            let held = Dictionary(grouping: try await organisations.organisations(scope, unitIDs: children.map(\.id)).filter(current), by: \.unitID)
            for unit in children {
                let folded = VietnameseText.folded(unit.name)
                choices += (held[unit.id] ?? []).map { ($0, VietnameseText.folded($0.name).contains(folded) ? "" : " — " + unit.name) }
            }
        }
        let chosen = (selected ?? "").lowercased()
        return [FormOption(value: "", label: "—", selected: chosen.isEmpty)]
            + choices.map { FormOption(value: $0.0.id.uuidString, label: $0.0.name + $0.1, selected: $0.0.id.uuidString.lowercased() == chosen) }
    }
}
