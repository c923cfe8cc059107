import Foundation
import Hummingbird

/// Every page address, in one place: routes are registered from these
/// patterns and links are built from these cases, so a link cannot point nowhere.
enum SiteURL: Sendable {
    case home
    case login(next: String?)
    case logout
    case password
    case apiTokens
    case accountEmail
    /// Ends one of the caller's own sessions.
    case sessionEnd(UUID)
    case language
    case units(query: String?)
    /// A search of units at a page.
    case unitsPage(query: String, offset: Int)
    case unit(UUID, date: String? = nil)
    case unitVillages(UUID)
    case unitOrganisations(UUID)
    case unitStandardOrganisations(UUID)
    case organisation(UUID)
    case organisationMerge(UUID)
    case organisationUsers(UUID)
    case users
    /// The users list, searched and at a page.
    case usersPage(search: String, offset: Int)
    case user(UUID)
    case userPassword(UUID)
    case audit
    /// The audit log with its filters, at a page.
    case auditPage(values: [String: String], offset: Int)
    case letters
    case letterNew(visit: UUID?)
    case letter(UUID)
    /// A case page after a step was saved: it says what was saved (`saved=accept`).
    case letterSaved(UUID, action: String)
    case letterActions(UUID)
    /// Giấy biên nhận: the printable receipt a citizen takes home.
    case letterReceipt(UUID)
    case letterAttachment(UUID, UUID)
    case reception
    case statistics
    /// The statistics of a unit over a period (and the links behind each figure).
    case statisticsOf(unit: UUID, period: String)
    case statisticsWorkbook(unit: UUID, period: String)
    case figureLettersWorkbook(figure: String, unit: UUID, period: String)
    case figureLetters(figure: String, unit: UUID, period: String)
    case figureVisits(figure: String, unit: UUID, period: String)
    /// A Thanh tra form filled for a unit over a period, and its workbook.
    case statisticsForm(code: String, unit: UUID, period: String)
    case statisticsFormWorkbook(code: String, unit: UUID, period: String)
    /// Every form and its definition.
    case statisticsForms
    case letterCase(UUID)
    case calendar
    case publicSend
    case publicTrack(code: String?)
    /// The confirmation of a letter just sent, by its tracking code (the answer to the form's post).
    case publicSent(code: String)
    // Reception and calendar pages.
    case receptionSession(UUID)
    case receptionSessionVisits(UUID)
    case receptionSchedules
    case receptionDuty(unit: UUID?, period: String?)
    case receptionRegister(unit: UUID?, period: String?)
    /// The sessions list, filtered and at a page.
    case receptionSessions(unit: UUID?, period: String?, offset: Int)
    case calendarYear(Int)
    case calendarOverrides
    case calendarOverridesDelete
    case calendarTet
    case calendarRules
    case stylesheet
    case script
    case favicon
    /// Switch the interface to a language.
    case languageChoice(Language)
    /// The home page with a notice (a catalogue key after `notice_`).
    case homeNotice(String)
    /// A work list of letters (`intake`, `due`, …), the open cases of one handling officer, or a filtered list (its query).
    case letterList(String)
    case lettersOfHandler(UUID)
    case letterFilters(query: String)
    /// The results of the satisfaction surveys, the default or of a unit and period.
    case surveys
    case surveysOf(unit: UUID, period: String)
    case surveysWorkbook(unit: UUID, period: String)
    /// The answers a count of the results stands for.
    case surveyAnswers(unit: UUID, period: String, filter: SurveyAnswerFilter)
    /// The kiosks of satisfaction surveys at the counters.
    case surveyKiosks
    /// Where an administrator's new survey is posted (its form is on the kiosks' page).
    case surveyNew
    /// The online survey of the public side, and its thanks.
    case publicSurvey
    case publicSurveySent
    case surveyKioskRevoke(UUID)
    case surveyClose(UUID)
    /// A kiosk's page, opened by its secret token (no login on the tablet).
    case kiosk(token: String)
    case kioskAnswers(token: String)
    case kioskScript
    // "Dân vận khéo" models.
    case models
    /// The models list with its filters, at a page; its export.
    case modelList(ModelFilter, offset: Int)
    case modelsWorkbook(ModelFilter)
    /// The registration form; with an origin, the adoption of that model (nhân rộng).
    case modelNew(origin: UUID?)
    case model(UUID)
    /// A model page after a step was saved (`saved=result`).
    case modelSaved(UUID, action: String)
    case modelEdit(UUID)
    case modelResults(UUID)
    case modelGoals(UUID)
    case modelEvaluations(UUID)
    case modelCommendations(UUID)
    case modelStop(UUID)
    case modelEvidence(UUID, UUID)
    case modelCarryOver
    /// The carry-over form of a year.
    case modelCarryOverYear(Int)
    case modelCoverage(unit: UUID, year: Int, kind: String?, registered: String?)
    case modelStatistics(unit: UUID, year: Int)
    /// The organisations a survey team visited in a subtree's year (coverage, narrowed).
    case modelVisited(unit: UUID, year: Int)
    case modelStatisticsWorkbook(unit: UUID, year: Int)
    case modelTemplate
    case modelImport
    case modelRatings
    case publicModels
    /// Follow-up items: the counts of a subtree and period and the list a filter selects.
    case followUps
    case followUpList(FollowUpListQuery)
    case followUpItem(UUID)
    case followUpActions(UUID)
    case followUpAttachment(UUID, UUID)
    /// Meetings and their opinions.
    case meetings(unit: UUID?, period: String?, offset: Int)
    case meetingNew
    case meetingCreate
    case meeting(UUID)
    case opinionRoute(UUID)
    case opinionMark(UUID)
    /// The caller's notification inbox.
    case inbox(offset: Int)
    case inboxRead
    /// The published answers to opinions (public side).
    case publicOpinions(offset: Int)
    /// Documents, their tasks and dissemination; coordination programmes.
    case documents(unit: UUID?, offset: Int = 0)
    case document(UUID)
    case documentTasks(UUID)
    case documentFile(UUID)
    case meetingOf(document: UUID, kind: String)
    /// Inspections and their remedies.
    case inspections(unit: UUID?)
    case inspection(UUID)
    case inspectionFindings(UUID)
    case inspectionRemedies(UUID)
    // Reporting: entry
    /// An organisation's reports (the caller's own when none is named).
    case reports(organisation: UUID?)
    /// The entry grid of an organisation's report of a form for a period, and where it is posted.
    case reportEntry(organisation: UUID, form: UUID, period: String)
    case reportEntrySave
    /// Where the grid's script saves one cell.
    case reportEntryCell
    /// Submit, approve, return, unlock.
    case reportAction
    /// The receiving body's page: who must report, who has submitted, who is missing.
    case reportsReceived(organisation: UUID, form: UUID, period: String)
    /// Completeness of a form for a unit and a period (`form`, `unit`, `period`, `list`).
    case reportCompleteness([(String, String?)])
    /// A report's form as a workbook to fill, and where a filled one is posted.
    case reportWorkbook(organisation: UUID, form: UUID, period: String)
    case reportImport
    /// A national administrator's indicators and forms.
    case reportIndicators
    case reportForms
    case reportFormVersions
    /// A report by its id (a notification's link): sent on to its grid.
    case reportOf(UUID)
    // Reporting: figures
    case reportFigures
    /// The pivot of a selection (its query pairs).
    case reportFiguresOf([(String, String?)])
    case reportFiguresWorkbook([(String, String?)])
    case apiReportFigures([(String, String?)])

    var path: String {
        typealias P = Pattern
        return switch self {
        case .home: P.home.link()
        case .login(let next): P.login.link() + Self.query([("next", next)])
        case .logout: P.logout.link()
        case .password: P.password.link()
        case .apiTokens: P.apiTokens.link()
        case .accountEmail: P.accountEmail.link()
        case .sessionEnd(let id): P.sessionEnd.link(id)
        case .language: P.language.link()
        case .units(let query): P.units.link() + Self.query([("q", query)])
        case .unitsPage(let query, let offset): P.units.link() + Self.query([("q", query), Self.offset(offset)])
        case .unit(let id, let date): P.unit.link(id) + (date.map { "?date=" + $0 } ?? "")
        case .unitVillages(let id): P.unitVillages.link(id)
        case .unitOrganisations(let id): P.unitOrganisations.link(id)
        case .unitStandardOrganisations(let id): P.unitStandardOrganisations.link(id)
        case .organisation(let id): P.organisation.link(id)
        case .organisationMerge(let id): P.organisationMerge.link(id)
        case .organisationUsers(let id): P.organisationUsers.link(id)
        case .users: P.users.link()
        case .usersPage(let search, let offset): P.users.link() + Self.query([("q", search.nilIfEmpty), Self.offset(offset)])
        case .user(let id): P.user.link(id)
        case .userPassword(let id): P.userPassword.link(id)
        case .audit: P.audit.link()
        case .auditPage(let values, let offset):
            P.audit.link() + Self.query(["user", "record", "from", "to"].map { ($0, values[$0]?.nilIfEmpty) } + [Self.offset(offset)])
        case .letters: P.letters.link()
        case .letterNew(let visit): P.letterNew.link() + (visit.map { "?visit=" + Self.text($0) } ?? "")
        case .letter(let id), .letterCase(let id): P.letter.link(id)
        case .letterActions(let id): P.letterActions.link(id)
        case .letterAttachment(let id, let attachment): P.letterAttachment.link(id, attachment)
        case .letterReceipt(let id): P.letterReceipt.link(id)
        case .reception: P.reception.link()
        case .statistics: P.statistics.link()
        case .statisticsOf(let unit, let period): P.statistics.link() + "?" + Self.unitPeriod(unit, period)
        case .statisticsWorkbook(let unit, let period): P.statisticsWorkbook.link() + "?" + Self.unitPeriod(unit, period)
        case .figureLettersWorkbook(let figure, let unit, let period): P.figureLettersWorkbook.link() + "?" + Self.figureQuery(figure, unit, period)
        case .figureLetters(let figure, let unit, let period): P.letters.link() + "?" + Self.figureQuery(figure, unit, period)
        case .figureVisits(let figure, let unit, let period): P.figureVisits.link() + "?" + Self.figureQuery(figure, unit, period)
        case .statisticsForm(let code, let unit, let period): P.statisticsForm.link() + "?code=" + Self.encode(code) + "&" + Self.unitPeriod(unit, period)
        case .statisticsFormWorkbook(let code, let unit, let period):
            P.statisticsFormWorkbook.link() + "?code=" + Self.encode(code) + "&" + Self.unitPeriod(unit, period)
        case .statisticsForms: P.statisticsForms.link()
        case .calendar: P.calendar.link()
        case .publicSend: P.publicSend.link()
        case .publicTrack(let code): P.publicTrack.link() + Self.query([("code", code)])
        case .publicSent(let code): P.publicSent.link() + Self.query([("code", code)])
        case .receptionSession(let id): P.receptionSession.link(id)
        case .receptionSessionVisits(let id): P.receptionSessionVisits.link(id)
        case .receptionSchedules: P.receptionSchedules.link()
        case .receptionDuty(let unit, let period): P.receptionDuty.link() + Self.query([("unit", unit.map(Self.text)), ("period", period)])
        case .receptionRegister(let unit, let period): P.receptionRegister.link() + Self.query([("unit", unit.map(Self.text)), ("period", period)])
        case .receptionSessions(let unit, let period, let offset):
            P.reception.link() + Self.query([("unit", unit.map(Self.text)), ("period", period), Self.offset(offset)])
        case .calendarYear(let year): P.calendar.link() + "?year=\(year)"
        case .calendarOverrides: P.calendarOverrides.link()
        case .calendarOverridesDelete: P.calendarOverridesDelete.link()
        case .calendarTet: P.calendarTet.link()
        case .calendarRules: P.calendarRules.link()
        case .stylesheet: P.stylesheet.link()
        case .script: P.script.link()
        case .favicon: P.favicon.link()
        case .languageChoice(let language): P.language.link() + "?to=" + language.rawValue
        case .homeNotice(let notice): P.home.link() + Self.query([("notice", notice)])
        case .letterList(let list): P.letters.link() + Self.query([("list", list)])
        case .letterSaved(let id, let action): P.letter.link(id) + Self.query([("saved", action)])
        case .lettersOfHandler(let id): P.letters.link() + "?list=all&open=1&handler=" + Self.text(id)
        case .letterFilters(let query): P.letters.link() + "?" + query
        case .surveys: P.surveys.link()
        case .surveysOf(let unit, let period): P.surveys.link() + "?" + Self.unitPeriod(unit, period)
        case .surveysWorkbook(let unit, let period): P.surveysWorkbook.link() + "?" + Self.unitPeriod(unit, period)
        case .surveyAnswers(let unit, let period, let filter):
            P.surveyAnswers.link() + Self.query([("unit", Self.text(unit)), ("period", period), ("choice", filter.choice), ("month", filter.month),
                                                 ("counter", filter.counter), ("field", filter.field)])
        case .surveyKiosks: P.surveyKiosks.link()
        case .surveyNew: P.surveyNew.link()
        case .publicSurvey: P.publicSurvey.link()
        case .publicSurveySent: P.publicSurvey.link() + "?sent=1"
        case .surveyKioskRevoke(let id): P.surveyKioskRevoke.link(id)
        case .surveyClose(let id): P.surveyClose.link(id)
        case .kiosk(let token): P.kioskPrefix + Self.encode(token)
        case .kioskAnswers(let token): P.kioskPrefix + Self.encode(token) + "/answers"
        case .kioskScript: P.kioskScript.link()
        case .models: P.models.link()
        case .modelList(let filter, let offset): P.models.link() + Self.query(filter.pairs + [Self.offset(offset)])
        case .modelsWorkbook(let filter): P.modelsWorkbook.link() + Self.query(filter.pairs)
        case .modelNew(let origin): P.modelNew.link() + Self.query([("origin", origin.map(Self.text))])
        case .model(let id): P.model.link(id)
        case .modelSaved(let id, let action): P.model.link(id) + Self.query([("saved", action)])
        case .modelEdit(let id): P.modelEdit.link(id)
        case .modelResults(let id): P.modelResults.link(id)
        case .modelGoals(let id): P.modelGoals.link(id)
        case .modelEvaluations(let id): P.modelEvaluations.link(id)
        case .modelCommendations(let id): P.modelCommendations.link(id)
        case .modelStop(let id): P.modelStop.link(id)
        case .modelEvidence(let id, let file): P.modelEvidence.link(id, file)
        case .modelCarryOver: P.modelCarryOver.link()
        case .modelCarryOverYear(let year): P.modelCarryOver.link() + "?year=\(year)"
        case .modelCoverage(let unit, let year, let kind, let registered):
            P.modelCoverage.link() + Self.query([("unit", Self.text(unit)), ("year", String(year)), ("kind", kind), ("registered", registered)])
        case .modelVisited(let unit, let year): P.modelCoverage.link() + Self.query([("unit", Self.text(unit)), ("year", String(year)), ("visited", "yes")])
        case .modelStatistics(let unit, let year): P.modelStatistics.link() + Self.query([("unit", Self.text(unit)), ("year", String(year))])
        case .modelStatisticsWorkbook(let unit, let year): P.modelStatisticsWorkbook.link() + Self.query([("unit", Self.text(unit)), ("year", String(year))])
        case .modelTemplate: P.modelTemplate.link()
        case .modelImport: P.modelImport.link()
        case .modelRatings: P.modelRatings.link()
        case .publicModels: P.publicModels.link()
        case .followUps: P.followUps.link()
        case .followUpList(let q):
            P.followUps.link() + Self.query([("unit", Self.text(q.unit)), ("period", q.period), ("status", q.status), ("due", q.due), ("source", q.source),
                                             ("side", q.side), ("level", q.level), ("organisation", q.organisation.map(Self.text)), Self.offset(q.offset)])
        case .followUpItem(let id): P.followUpItem.link(id)
        case .followUpActions(let id): P.followUpActions.link(id)
        case .followUpAttachment(let id, let attachment): P.followUpAttachment.link(id, attachment)
        case .meetings(let unit, let period, let offset): P.meetings.link() + Self.query([("unit", unit.map(Self.text)), ("period", period), Self.offset(offset)])
        case .meetingNew: P.meetingNew.link()
        case .meetingCreate: P.meetings.link()
        case .meeting(let id): P.meeting.link(id)
        case .opinionRoute(let id): P.opinionRoute.link(id)
        case .opinionMark(let id): P.opinionMark.link(id)
        case .inbox(let offset): P.inbox.link() + Self.query([Self.offset(offset)])
        case .inboxRead: P.inboxRead.link()
        case .publicOpinions(let offset): P.publicOpinions.link() + Self.query([Self.offset(offset)])
        case .documents(let unit, let offset): P.documents.link() + Self.query([("unit", unit.map(Self.text)), Self.offset(offset)])
        case .document(let id): P.document.link(id)
        case .documentTasks(let id): P.documentTasks.link(id)
        case .documentFile(let id): P.documentFile.link(id)
        case .meetingOf(let document, let kind): P.meetingNew.link() + Self.query([("document", Self.text(document)), ("kind", kind)])
        case .inspections(let unit): P.inspections.link() + Self.query([("unit", unit.map(Self.text))])
        case .inspection(let id): P.inspection.link(id)
        case .inspectionFindings(let id): P.inspectionFindings.link(id)
        case .inspectionRemedies(let id): P.inspectionRemedies.link(id)
        // Reporting: entry
        case .reports(let organisation): P.reports.link() + Self.query([("organisation", organisation.map(Self.text))])
        case .reportEntry(let organisation, let form, let period):
            P.reportEntry.link() + Self.query([("organisation", Self.text(organisation)), ("form", Self.text(form)), ("period", period)])
        case .reportEntrySave: P.reportEntry.link()
        case .reportEntryCell: P.reportEntryCell.link()
        case .reportOf(let id): P.report.link(id)
        case .reportWorkbook(let organisation, let form, let period):
            P.reportWorkbook.link() + Self.query([("organisation", Self.text(organisation)), ("form", Self.text(form)), ("period", period)])
        case .reportImport: P.reportImport.link()
        case .reportIndicators: P.reportIndicators.link()
        case .reportForms: P.reportForms.link()
        case .reportFormVersions: P.reportFormVersions.link()
        case .reportAction: P.reportAction.link()
        case .reportsReceived(let organisation, let form, let period):
            P.reportsReceived.link() + Self.query([("organisation", Self.text(organisation)), ("form", Self.text(form)), ("period", period)])
        case .reportCompleteness(let pairs): P.reportCompleteness.link() + Self.query(pairs)
        // Reporting: figures
        case .reportFigures: P.reportFigures.link()
        case .reportFiguresOf(let pairs): P.reportFigures.link() + Self.query(pairs)
        case .reportFiguresWorkbook(let pairs): P.reportFiguresWorkbook.link() + Self.query(pairs)
        case .apiReportFigures(let pairs): P.apiReportFigures.link() + Self.query(pairs)
        }
    }

    /// Route patterns, as the router reads them.
    enum Pattern {
        static let home: RouterPath = "/"
        static let login: RouterPath = "/login"
        static let logout: RouterPath = "/logout"
        static let password: RouterPath = "/account/password"
        static let apiTokens: RouterPath = "/account/tokens"
        static let accountEmail: RouterPath = "/account/email"
        static let sessionEnd: RouterPath = "/account/sessions/:id/end"
        static let language: RouterPath = "/language"
        static let units: RouterPath = "/units"
        static let unit: RouterPath = "/units/:id"
        static let unitVillages: RouterPath = "/units/:id/villages"
        static let unitOrganisations: RouterPath = "/units/:id/organisations"
        static let unitStandardOrganisations: RouterPath = "/units/:id/standard-organisations"
        static let organisation: RouterPath = "/organisations/:id"
        static let organisationMerge: RouterPath = "/organisations/:id/merge"
        static let organisationUsers: RouterPath = "/organisations/:id/users"
        static let users: RouterPath = "/users"
        static let user: RouterPath = "/users/:id"
        static let userPassword: RouterPath = "/users/:id/password"
        static let audit: RouterPath = "/audit"
        static let letters: RouterPath = "/letters"
        static let letterNew: RouterPath = "/letters/new"
        static let letter: RouterPath = "/letters/:id"
        static let letterActions: RouterPath = "/letters/:id/actions"
        static let letterReceipt: RouterPath = "/letters/:id/receipt"
        static let letterAttachment: RouterPath = "/letters/:id/attachments/:aid"
        static let surveys: RouterPath = "/surveys"
        static let surveysWorkbook: RouterPath = "/surveys.xlsx"
        static let surveyAnswers: RouterPath = "/surveys/answers"
        static let surveyKiosks: RouterPath = "/surveys/kiosks"
        static let surveyNew: RouterPath = "/surveys/new"
        static let surveyKioskRevoke: RouterPath = "/surveys/kiosks/:id/revoke"
        static let surveyClose: RouterPath = "/surveys/:id/close"
        /// The kiosks' own pages, where the secret token in the path is the credential.
        static let kioskPrefix = "/kiosk/"

        /// Whether a request's path is one of a pattern's (a captured segment, `:id`, matching any one segment).
        static func matches(_ pattern: RouterPath, _ path: String) -> Bool {
            let expected = pattern.components.map(\.description), given = path.split(separator: "/")
            return expected.count == given.count && zip(expected, given).allSatisfy { ($0.hasPrefix("{") && $0.hasSuffix("}")) || $0 == $1 }
        }
        static let kiosk: RouterPath = "/kiosk/:token"
        static let kioskAnswers: RouterPath = "/kiosk/:token/answers"
        static let reception: RouterPath = "/reception"
        static let statistics: RouterPath = "/statistics"
        static let statisticsWorkbook: RouterPath = "/statistics.xlsx"
        static let figureLettersWorkbook: RouterPath = "/statistics/letters.xlsx"
        static let figureVisits: RouterPath = "/reception/visits"
        static let statisticsForm: RouterPath = "/statistics/form"
        static let statisticsFormWorkbook: RouterPath = "/statistics/form.xlsx"
        static let statisticsForms: RouterPath = "/statistics/forms"
        static let calendar: RouterPath = "/calendar"
        static let publicSend: RouterPath = "/public/send"
        static let publicTrack: RouterPath = "/public/track"
        static let publicSent: RouterPath = "/public/sent"
        static let publicSurvey: RouterPath = "/public/survey"
        static let receptionSession: RouterPath = "/reception/sessions/:id"
        static let receptionSessionVisits: RouterPath = "/reception/sessions/:id/visits"
        static let receptionSchedules: RouterPath = "/reception/schedules"
        static let receptionDuty: RouterPath = "/reception/duty"
        static let receptionRegister: RouterPath = "/reception/register"
        static let calendarOverrides: RouterPath = "/calendar/overrides"
        static let calendarOverridesDelete: RouterPath = "/calendar/overrides/delete"
        static let calendarTet: RouterPath = "/calendar/tet"
        static let calendarRules: RouterPath = "/calendar/rules"
        static let stylesheet: RouterPath = "/static/app.css"
        static let script: RouterPath = "/static/app.js"
        static let kioskScript: RouterPath = "/static/kiosk.js"
        static let favicon: RouterPath = "/static/favicon.svg"
        /// Where browsers look for an icon by themselves: sent on to ``favicon``.
        static let faviconDefault: RouterPath = "/favicon.ico"
        static let healthz: RouterPath = "/healthz"
        static let metrics: RouterPath = "/metrics"
        // The JSON API (`/api/v1`) and its OpenAPI document.
        static let apiPrefix = "/api/"
        static let openAPI: RouterPath = "/api/openapi.json"
        static let apiUnits: RouterPath = "/api/v1/units"
        static let apiUnit: RouterPath = "/api/v1/units/:id"
        static let apiUnitChildren: RouterPath = "/api/v1/units/:id/children"
        static let apiUnitHistory: RouterPath = "/api/v1/units/:id/history"
        static let apiUnitOrganisations: RouterPath = "/api/v1/units/:id/organisations"
        static let apiOrganisations: RouterPath = "/api/v1/organisations"
        static let apiOrganisation: RouterPath = "/api/v1/organisations/:id"
        static let apiLetters: RouterPath = "/api/v1/letters"
        static let apiLetter: RouterPath = "/api/v1/letters/:id"
        static let models: RouterPath = "/models"
        static let modelsWorkbook: RouterPath = "/models.xlsx"
        static let modelNew: RouterPath = "/models/new"
        static let model: RouterPath = "/models/:id"
        static let modelEdit: RouterPath = "/models/:id/edit"
        static let modelResults: RouterPath = "/models/:id/results"
        static let modelGoals: RouterPath = "/models/:id/goals"
        static let modelEvaluations: RouterPath = "/models/:id/evaluations"
        static let modelCommendations: RouterPath = "/models/:id/commendations"
        static let modelStop: RouterPath = "/models/:id/stop"
        static let modelEvidence: RouterPath = "/models/:id/evidence/:aid"
        static let modelCarryOver: RouterPath = "/models/carry-over"
        static let modelCoverage: RouterPath = "/models/coverage"
        static let modelStatistics: RouterPath = "/models/statistics"
        static let modelStatisticsWorkbook: RouterPath = "/models/statistics.xlsx"
        static let modelTemplate: RouterPath = "/models/template.xlsx"
        static let modelImport: RouterPath = "/models/import"
        static let modelRatings: RouterPath = "/models/ratings"
        static let publicModels: RouterPath = "/public/models"
        static let apiModels: RouterPath = "/api/v1/models"
        static let apiModel: RouterPath = "/api/v1/models/:id"
        static let apiModelStatistics: RouterPath = "/api/v1/models/statistics"
        static let followUps: RouterPath = "/follow-up"
        static let followUpItem: RouterPath = "/follow-up/items/:id"
        static let followUpActions: RouterPath = "/follow-up/items/:id/actions"
        static let followUpAttachment: RouterPath = "/follow-up/items/:id/attachments/:aid"
        static let meetings: RouterPath = "/meetings"
        static let meetingNew: RouterPath = "/meetings/new"
        static let meeting: RouterPath = "/meetings/:id"
        static let opinionRoute: RouterPath = "/opinions/:id/route"
        static let opinionMark: RouterPath = "/opinions/:id/mark"
        static let inbox: RouterPath = "/inbox"
        static let inboxRead: RouterPath = "/inbox/read"
        static let publicOpinions: RouterPath = "/public/opinions"
        static let apiFollowUpCounts: RouterPath = "/api/v1/follow-up/counts"
        static let apiMeetings: RouterPath = "/api/v1/meetings"
        static let apiMeeting: RouterPath = "/api/v1/meetings/:id"
        static let documents: RouterPath = "/documents"
        static let document: RouterPath = "/documents/:id"
        static let documentTasks: RouterPath = "/documents/:id/tasks"
        static let documentFile: RouterPath = "/documents/:id/file"
        static let inspections: RouterPath = "/inspections"
        static let inspection: RouterPath = "/inspections/:id"
        // Reporting: figures
        static let reportFigures: RouterPath = "/reporting/figures"
        static let reportFiguresWorkbook: RouterPath = "/reporting/figures.xlsx"
        static let apiReportFigures: RouterPath = "/api/v1/reporting/figures"
        static let inspectionFindings: RouterPath = "/inspections/:id/findings"
        static let inspectionRemedies: RouterPath = "/inspections/:id/remedies"
        static let apiDocuments: RouterPath = "/api/v1/documents"
        static let apiDocumentTasks: RouterPath = "/api/v1/documents/:id/tasks"
        static let apiInspections: RouterPath = "/api/v1/inspections"
        // Reporting: entry
        static let reports: RouterPath = "/reporting/reports"
        static let reportEntry: RouterPath = "/reporting/entry"
        static let reportEntryCell: RouterPath = "/reporting/entry/cell"
        static let reportAction: RouterPath = "/reporting/actions"
        static let reportsReceived: RouterPath = "/reporting/received"
        static let reportCompleteness: RouterPath = "/reporting/completeness"
        static let report: RouterPath = "/reporting/reports/:id"
        static let reportWorkbook: RouterPath = "/reporting/entry.xlsx"
        static let reportImport: RouterPath = "/reporting/entry/import"
        static let reportIndicators: RouterPath = "/reporting/indicators"
        static let reportForms: RouterPath = "/reporting/forms"
        static let reportFormVersions: RouterPath = "/reporting/forms/versions"
        static let apiDataValues: RouterPath = "/api/v1/reporting/data-values"
        static let apiReportingCompleteness: RouterPath = "/api/v1/reporting/completeness"
    }

    /// An id as it stands in a path.
    private static func text(_ id: UUID) -> String { id.uuidString.lowercased() }

    /// "?a=1&b=2" of the pairs that have a value, or "".
    /// The offset of a paged list as a query pair: none for the first page.
    private static func offset(_ offset: Int) -> (String, String?) {
        ("offset", offset > 0 ? String(offset) : nil)
    }

    private static func query(_ pairs: [(String, String?)]) -> String {
        let parts = pairs.compactMap { key, value in value.map { "\(key)=" + encode($0) } }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    /// A query value, percent-encoded except for the characters a URL never needs to encode
    /// (RFC 3986's unreserved ones), so identifiers, figure keys and period keys
    /// ("to_resolve", "2025-q1") stay readable.
    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }

    private static func figureQuery(_ figure: String, _ unit: UUID, _ period: String) -> String {
        "figure=" + encode(figure) + "&" + unitPeriod(unit, period)
    }

    private static func unitPeriod(_ unit: UUID, _ period: String) -> String {
        "unit=" + text(unit) + "&period=" + encode(period)
    }

    /// Only local paths are followed after login, never another site.
    static func isSafeRedirect(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.contains("\\")
    }
}

extension RouterPath {
    /// The path with its captures (`:id`, `:aid`) filled in order: the one place a
    /// link is made from the pattern the router registers.
    func link(_ ids: UUID...) -> String {
        var values = ids.map { $0.uuidString.lowercased() }.makeIterator()
        let parts = components.map { component -> String in
            let text = component.description
            return text.hasPrefix("{") && text.hasSuffix("}") ? (values.next() ?? "") : text
        }
        return "/" + parts.joined(separator: "/")
    }
}

extension UUID {
    /// Parses an id from a path; a malformed id is answered as not found.
    static func parse(_ text: String?) throws(AppError) -> UUID {
        guard let text, let id = UUID(uuidString: text) else { throw AppError.badID }
        return id
    }
}
