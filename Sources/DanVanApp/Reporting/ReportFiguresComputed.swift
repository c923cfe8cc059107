import DanVanDomain
import Foundation
import SQLKit

/// Where a figure is read: the subtree of a unit in reach (history included: a 2025 province
/// holds the records of the legacy districts that flow into it), counted for the unit itself and
/// for each of `below` (the units whose subtrees are compared), or one organisation alone.
struct FigureTarget: Sendable {
    /// A unit the caller reaches (checked before: 404 otherwise).
    var root: UUID
    /// Units whose subtrees are counted apart, besides the root (its children for a pivot).
    var below: [UUID] = []
    /// One organisation's records alone (its unit is `root`).
    var organisationID: UUID? = nil

    /// The units counted: the root first, then those below it.
    var groups: [UUID] { [root] + below.filter { $0 != root } }
}

/// Figures by unit counted (``FigureTarget/groups``), then by period, then by indicator code.
typealias FigureGrid = [UUID: [ReportingPeriod: IndicatorValues]]

/// A table of a module whose rows a computed indicator counts: how its rows lie in a subtree and
/// the caller's reach (the module's own condition), which organisation a row is of, and which
/// rows may count in a span of days (a superset of every figure's rows, so the index does the work).
struct FigureRecords: Sendable {
    /// The rows of one name are read by one query for all the indicators and periods asked.
    var name: String
    /// `letters l`, with its joins.
    var from: SQLQueryString
    /// The column of the row's unit (what subtrees are compared by).
    var unit: SQLQueryString
    var organisation: SQLQueryString
    /// The rows of the root's subtree (history included) in the caller's reach.
    var within: @Sendable (Scope, UUID) -> SQLQueryString
    /// The rows that may count in the days from the first period's start to the last one's end.
    var during: @Sendable (ReportPeriod) -> SQLQueryString
}

/// An indicator counted from a module's records (``Indicator/Source/records``), defined once here
/// by its `computation` key with the module's own figure conditions, so its value equals the
/// module's statistic and the list its link opens. Never stored: read on every request.
struct ComputedIndicator: Sendable {
    /// One count (or sum) over one table; an indicator is the sum of its parts (surveys count the
    /// whole months from their monthly counts and the days around them from the answers).
    struct Part: Sendable {
        var records: FigureRecords
        /// The rows of the figure in a period's days; `today` bounds what is overdue.
        var condition: @Sendable (ReportPeriod, CivilDate) -> SQLQueryString
        /// What a row adds: 1 (a count) or a column.
        var value: SQLQueryString = "1"
    }

    /// The `computation` key of `indicators` (`letters.received`).
    var key: String
    var parts: [Part]
    /// The module's list of what it counts, for a unit's subtree and a period's days.
    var list: @Sendable (UUID, ReportPeriod) -> SiteURL

    /// Every definition, by key: the keys the default catalogue uses.
    static let all: [String: ComputedIndicator] = Dictionary(uniqueKeysWithValues: definitions.map { ($0.key, $0) })

    static let definitions: [ComputedIndicator] = [
        letters("letters.received", .received),
        letters("letters.competent", .toResolve),
        letters("letters.resolved", .resolved),
        ComputedIndicator(key: "reception.visits", parts: [Part(records: .visits) { period, _ in
            "(\(Self.visitedIn(period)) AND \(VisitFigure.visits.condition))"
        }]) { unit, period in
            .figureVisits(figure: VisitFigure.visits.rawValue, unit: unit, period: period.description)
        },
        ComputedIndicator(key: "models.registered", parts: [Part(records: .modelYears) { period, _ in Self.registeredFor(period) }]) { unit, period in
            .modelList(ModelFilter(unitID: unit, year: period.to.year), offset: 0)
        },
        ComputedIndicator(key: "meetings.held", parts: [Part(records: .meetings) { period, _ in Self.heldIn(period) }], list: meetingList),
        ComputedIndicator(key: "opinions.received", parts: [Part(records: .opinions) { period, _ in Self.heldIn(period) }], list: meetingList),
        ComputedIndicator(key: "opinions.answered", parts: [Part(records: .opinions) { period, _ in
            "(\(Self.heldIn(period)) AND EXISTS (SELECT 1 FROM follow_up_items f WHERE f.id = op.\(\OpinionRecord.itemID) AND f.status = \(bind: FollowUpStatus.done.rawValue)))"
        }], list: meetingList),
        ComputedIndicator(key: "followup.done", parts: [Part(records: .followUps) { period, _ in
            "(\(Self.openedIn(period)) AND f.status = \(bind: FollowUpStatus.done.rawValue))"
        }]) { unit, period in
            .followUpList(FollowUpListQuery(unit: unit, period: period.description, status: FollowUpStatus.done.rawValue))
        },
        ComputedIndicator(key: "followup.overdue", parts: [Part(records: .followUps) { period, today in
            "(\(Self.openedIn(period)) AND \(FollowUpStore.pending) AND f.\(\FollowUpItemRecord.dueOn) < \(bind: today.iso))"
        }]) { unit, period in
            .followUpList(FollowUpListQuery(unit: unit, period: period.description, due: FollowUpDueState.overdue.rawValue))
        },
        surveys("surveys.answers", choices: nil),
        surveys("surveys.satisfied", choices: ["very_satisfied", "satisfied"]),
    ]

    /// The meetings (with their opinions) of a subtree in a period.
    private static let meetingList: @Sendable (UUID, ReportPeriod) -> SiteURL = { unit, period in
        .meetings(unit: unit, period: period.description, offset: 0)
    }

    /// A letter figure of the statistics page, over the letters the page reads.
    private static func letters(_ key: String, _ figure: LetterFigure) -> ComputedIndicator {
        ComputedIndicator(key: key, parts: [Part(records: .letters) { period, today in figure.condition(period, today: today) }]) { unit, period in
            .figureLetters(figure: figure.rawValue, unit: unit, period: period.description)
        }
    }

    /// Survey answers (of some choices): the whole months from the monthly counts, the days around them from the answers.
    private static func surveys(_ key: String, choices: [String]?) -> ComputedIndicator {
        @Sendable func chosen(_ alias: String) -> SQLQueryString {
            choices.map { " AND \(unsafeRaw: alias).choice IN (\(binds: $0))" } ?? ""
        }
        return ComputedIndicator(key: key, parts: [
            Part(records: .surveyCounts, condition: { period, _ in
                guard let months = period.monthsAndDays.months else { return "1 = 0" }
                return "(c.month >= \(bind: months.lowerBound) AND c.month <= \(bind: months.upperBound)\(chosen("c")))"
            }, value: "c.n"),
            Part(records: .surveyAnswers) { period, _ in
                let days = period.monthsAndDays.days
                guard !days.isEmpty else { return "1 = 0" }
                let ranges = days.map { "(a.\(\SurveyAnswerRecord.answeredOn) >= \(bind: $0.from.iso) AND a.\(\SurveyAnswerRecord.answeredOn) <= \(bind: $0.to.iso))" as SQLQueryString }
                return "((" + ranges.joined(" OR ") + ")\(chosen("a")))"
            },
        ]) { unit, period in
            .surveysOf(unit: unit, period: period.description)
        }
    }

    /// A model registered for a year counts on the year's first day: the year's figure is the
    /// models statistics' total, and a month, quarter or half counts it in the one holding 1 January.
    static func registeredFor(_ period: ReportPeriod) -> SQLQueryString {
        let first = period.from.month == 1 && period.from.day == 1 ? period.from.year : period.from.year + 1
        return "(y.year >= \(bind: first) AND y.year <= \(bind: period.to.year))"
    }

    /// Visits in the period (what the reception statistics count).
    static func visitedIn(_ period: ReportPeriod) -> SQLQueryString {
        "(v.date >= \(bind: period.from.iso) AND v.date <= \(bind: period.to.iso))"
    }

    /// Meetings (and their opinions) held in the period.
    static func heldIn(_ period: ReportPeriod) -> SQLQueryString {
        "(m.\(\MeetingRecord.heldOn) >= \(bind: period.from.iso) AND m.\(\MeetingRecord.heldOn) <= \(bind: period.to.iso))"
    }

    /// Follow-up items set in the period (what the follow-up counts take a period as).
    static func openedIn(_ period: ReportPeriod) -> SQLQueryString {
        "(f.\(\FollowUpItemRecord.openedOn) >= \(bind: period.from.iso) AND f.\(\FollowUpItemRecord.openedOn) <= \(bind: period.to.iso))"
    }
}

extension FigureRecords {
    /// The letters the statistics page reads (``StatisticsStore/letters``).
    static let letters = FigureRecords(
        name: "letters", from: "letters l", unit: "l.\(\L.unitID)", organisation: "l.\(\L.organisationID)",
        within: { scope, root in LetterStore.inScope(scope, subtree: root) },
        during: { days in "l.\(\L.receivedOn) <= \(bind: days.to.iso) AND \(StatisticsStore.mayCount(days))" })

    /// The visits the reception statistics read (``StatisticsStore/visits``), of their session's organisation.
    static let visits = FigureRecords(
        name: "visits", from: "reception_visits v JOIN reception_sessions s ON s.id = v.\(\ReceptionVisitRecord.sessionID)",
        unit: "v.\(\ReceptionVisitRecord.unitID)", organisation: "s.\(\ReceptionSessionRecord.organisationID)",
        within: { scope, root in ReceptionStore.inScope(scope) + " AND " + Reach.subtree("v.\(\ReceptionVisitRecord.unitID)", of: root) },
        during: { days in ComputedIndicator.visitedIn(days) })

    /// The year rows the models statistics count (``ModelStore/yearCondition``).
    static let modelYears = FigureRecords(
        name: "model_years", from: "model_years y", unit: "y.\(\MY.unitID)", organisation: "y.\(\MY.organisationID)",
        within: { scope, root in ModelStore.within(scope, unit: "y.\(\MY.unitID)", organisation: "y.\(\MY.organisationID)", unitID: root) },
        during: { days in ComputedIndicator.registeredFor(days) })

    /// Meetings of a subtree in reach (``MeetingStore/meetings``).
    static let meetings = FigureRecords(
        name: "meetings", from: "meetings m", unit: "m.\(\MeetingRecord.unitID)", organisation: "m.\(\MeetingRecord.organisationID)",
        within: { scope, root in Reach.condition(scope, unit: "m.\(\MeetingRecord.unitID)", organisation: "m.\(\MeetingRecord.organisationID)", within: root) },
        during: { days in ComputedIndicator.heldIn(days) })

    /// Opinions raised at the meetings of a subtree in reach (an opinion's unit and host are its meeting's).
    static let opinions = FigureRecords(
        name: "opinions", from: "opinions op JOIN meetings m ON m.id = op.\(\OpinionRecord.meetingID)",
        unit: "op.\(\OpinionRecord.unitID)", organisation: "op.\(\OpinionRecord.organisationID)",
        within: { scope, root in Reach.condition(scope, unit: "op.\(\OpinionRecord.unitID)", organisation: "op.\(\OpinionRecord.organisationID)", within: root) },
        during: { days in ComputedIndicator.heldIn(days) })

    /// The items the organisations of a subtree hold (the follow-up counts' `held` side).
    static let followUps = FigureRecords(
        name: "follow_up_items", from: "follow_up_items f", unit: "f.\(\FollowUpItemRecord.unitID)", organisation: "f.\(\FollowUpItemRecord.organisationID)",
        within: { scope, root in Reach.condition(scope, unit: "f.\(\FollowUpItemRecord.unitID)", organisation: "f.\(\FollowUpItemRecord.organisationID)", within: root) },
        during: { days in ComputedIndicator.openedIn(days) })

    /// The monthly counts of survey answers (``SurveyAnswerCountRecord``).
    static let surveyCounts = FigureRecords(
        name: "survey_answer_counts", from: "survey_answer_counts c", unit: "c.\(\SurveyAnswerCountRecord.unitID)",
        organisation: "c.\(\SurveyAnswerCountRecord.organisationID)",
        within: { scope, root in
            Reach.condition(scope, unit: "c.\(\SurveyAnswerCountRecord.unitID)", organisation: "c.\(\SurveyAnswerCountRecord.organisationID)", within: root)
        },
        during: { days in "c.month >= \(bind: String(days.from.iso.prefix(7))) AND c.month <= \(bind: String(days.to.iso.prefix(7)))" })

    /// The survey answers themselves, for the days outside whole months.
    static let surveyAnswers = FigureRecords(
        name: "survey_answers", from: "survey_answers a", unit: "a.\(\SurveyAnswerRecord.unitID)", organisation: "a.\(\SurveyAnswerRecord.organisationID)",
        within: { scope, root in Reach.condition(scope, unit: "a.\(\SurveyAnswerRecord.unitID)", organisation: "a.\(\SurveyAnswerRecord.organisationID)", within: root) },
        during: { days in "a.\(\SurveyAnswerRecord.answeredOn) >= \(bind: days.from.iso) AND a.\(\SurveyAnswerRecord.answeredOn) <= \(bind: days.to.iso)" })
}

/// Reads computed indicators: for each table, one query that counts every indicator and period
/// asked over the root and each unit below it (or one organisation).
struct ComputedFigures: Sendable {
    let database: AppDatabase

    /// The values of `keys` (``ComputedIndicator/key``) for each period (its days given), under
    /// each group of the target. Unknown keys are left out; a count over no rows is 0.
    func values(_ scope: Scope, target: FigureTarget, periods: [(period: ReportingPeriod, days: ReportPeriod)], keys: [String],
                today: CivilDate = .today(now: Date())) async throws -> [UUID: [ReportingPeriod: [String: Double]]] {
        let indicators = keys.compactMap { ComputedIndicator.all[$0] }
        guard !indicators.isEmpty, !periods.isEmpty,
              let span = ReportPeriod(from: periods.map(\.days.from).min()!, to: periods.map(\.days.to).max()!) else { return [:] }
        var result: [UUID: [ReportingPeriod: [String: Double]]] = [:]
        for group in target.groups {
            for (period, _) in periods { for indicator in indicators { result[group, default: [:]][period, default: [:]][indicator.key] = 0 } }
        }
        // The parts over one table, read together.
        var byTable: [String: (records: FigureRecords, columns: [(alias: String, key: String, period: ReportingPeriod, sum: SQLQueryString)])] = [:]
        for indicator in indicators {
            for part in indicator.parts {
                for (period, days) in periods {
                    var entry = byTable[part.records.name] ?? (part.records, [])
                    entry.columns.append(("v\(entry.columns.count)", indicator.key, period,
                                          "CAST(SUM(CASE WHEN \(part.condition(days, today)) THEN \(part.value) ELSE 0 END) AS BIGINT)"))
                    byTable[part.records.name] = entry
                }
            }
        }
        for (_, entry) in byTable.sorted(by: { $0.key < $1.key }) {
            let records = entry.records
            var query: SQLQueryString = "SELECT \(Reach.container("fc")) AS unit_id, "
            query += entry.columns.map { "\($0.sum) AS \(unsafeRaw: $0.alias)" as SQLQueryString }.joined(", ")
            query += " FROM \(records.from)" + Reach.join(under: target.groups, column: records.unit, as: "fc")
            query += " WHERE \(records.within(scope, target.root)) AND \(records.during(span))"
            if let organisation = target.organisationID { query += " AND \(records.organisation) = \(bind: organisation)" }
            query += " GROUP BY \(Reach.container("fc"))"
            for row in try await database.sql.raw(query).all() {
                let unit = try row.decode(column: "unit_id", as: UUID.self)
                for column in entry.columns {
                    let value = try row.decode(column: column.alias, as: Int?.self) ?? 0
                    result[unit, default: [:]][column.period, default: [:]][column.key, default: 0] += Double(value)
                }
            }
        }
        return result
    }
}
