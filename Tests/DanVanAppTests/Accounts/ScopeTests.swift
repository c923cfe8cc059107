import DanVanDomain
import FluentKit
import Foundation
import Hummingbird
import Testing
@testable import DanVanApp

/// A commune user of Xã Ia Le must not read or change anything of Xã Ia Hrú,
/// its sibling, through any route: every answer is 404 and shows nothing of it.
/// An organisation-only user of Ia Le's Women's Union must not reach the records of
/// Ia Le's People's Committee, nor the sibling commune.
@Suite("Scope: nothing outside the caller's subtree, through any route")
struct ScopeTests {
    /// The kind of record a route takes by id.
    enum Target: Sendable { case unit, organisation, user, session, letter, kiosk, survey, model, meeting, opinion, followUp, document, inspection, report }
    /// What a route takes from outside the caller's reach, and so what the test sends it.
    enum Reachable: Sendable {
        /// A record id in the path (`:id`): out of reach is 404.
        case path(Target)
        /// A unit (or a visit) in the query: `{unit}` and `{visit}` are replaced; out of reach is 404.
        case query(String)
        /// An organisation in a posted form (`{organisation}`): refused, nothing stored.
        case body(String)
        /// The same, as a multipart form (with attachments).
        case multipart(String)
        /// A list or search over the caller's reach: it shows nothing out of reach.
        case list(String)
        /// No record of anyone's: the caller's own account, public pages, files, national settings
        /// (who may change those is a matter of roles and levels, not of reach).
        case none
    }

    /// Every route of the application. A route added without a row fails `tableCoversEveryRoute`.
    static let routes: [(method: HTTPRequest.Method, path: String, reach: Reachable)] = [
        (.get, "/", .none),
        (.get, "/healthz", .none),
        (.get, "/metrics", .none),
        (.get, "/static/app.css", .none),
        (.get, "/static/app.js", .none),
        (.get, "/static/kiosk.js", .none),
        (.get, "/static/favicon.svg", .none),
        (.get, "/favicon.ico", .none),
        (.get, "/api/openapi.json", .none),
        (.get, "/login", .none),
        (.post, "/login", .none),
        (.post, "/logout", .none),
        (.get, "/language", .none),
        (.get, "/account/password", .none),
        (.post, "/account/password", .none),
        (.post, "/account/tokens", .none),
        (.post, "/account/email", .none),
        (.post, "/account/sessions/:id/end", .none),
        (.get, "/public/send", .none),
        (.post, "/public/send", .none),
        (.get, "/public/track", .none),
        (.get, "/public/sent", .none),
        (.get, "/public/survey", .none),
        (.post, "/public/survey", .none),
        (.get, "/calendar", .none),
        (.post, "/calendar/overrides", .none),
        (.post, "/calendar/overrides/delete", .none),
        (.post, "/calendar/tet", .none),
        (.get, "/calendar/rules", .none),
        (.post, "/calendar/rules", .none),
        (.get, "/statistics/forms", .none),
        (.post, "/statistics/forms", .none),
        (.get, "/units", .list("/units?q={marker}")),
        (.get, "/units/:id", .path(.unit)),
        (.post, "/units/:id/villages", .path(.unit)),
        (.post, "/units/:id/organisations", .path(.unit)),
        (.post, "/units/:id/standard-organisations", .path(.unit)),
        (.get, "/organisations/:id", .path(.organisation)),
        (.post, "/organisations/:id", .path(.organisation)),
        (.post, "/organisations/:id/merge", .path(.organisation)),
        (.post, "/organisations/:id/users", .path(.organisation)),
        (.get, "/users", .list("/users")),
        (.get, "/users/:id", .path(.user)),
        (.post, "/users/:id", .path(.user)),
        (.post, "/users/:id/password", .path(.user)),
        (.get, "/audit", .list("/audit")),
        (.get, "/api/v1/units", .list("/api/v1/units?q={marker}")),
        (.get, "/api/v1/units/:id", .path(.unit)),
        (.get, "/api/v1/units/:id/children", .path(.unit)),
        (.get, "/api/v1/units/:id/history", .path(.unit)),
        (.get, "/api/v1/units/:id/organisations", .path(.unit)),
        (.get, "/api/v1/organisations", .list("/api/v1/organisations?q={marker}")),
        (.get, "/api/v1/organisations/:id", .path(.organisation)),
        (.get, "/reception", .query("/reception?unit={unit}")),
        (.post, "/reception", .body("organisation_id={organisation}&date=2025-09-03&place=X&receiver_kind=regular&receiver_name=Y")),
        (.get, "/reception/sessions/:id", .path(.session)),
        (.post, "/reception/sessions/:id/visits", .path(.session)),
        (.get, "/reception/schedules", .list("/reception/schedules")),
        (.post, "/reception/schedules", .body("organisation_id={organisation}&holder=head&person_name=X&days=1&valid_from=2025-09-01")),
        (.get, "/reception/duty", .query("/reception/duty?unit={unit}&period=2025-q3")),
        (.get, "/reception/register", .query("/reception/register?unit={unit}&period=2025-q3")),
        (.get, "/reception/visits", .query("/reception/visits?figure=visits&unit={unit}&period=2025")),
        (.get, "/letters", .query("/letters?list=all&unit={unit}")),
        (.get, "/letters/new", .query("/letters/new?visit={visit}")),
        (.post, "/letters", .multipart("organisation={organisation}&received_on=2025-09-03&channel=post&kind=complaint&field=land&subject=X&content=Y&sender_name=Z&people_count=1")),
        (.get, "/letters/:id", .path(.letter)),
        (.post, "/letters/:id/actions", .path(.letter)),
        (.get, "/letters/:id/attachments/:aid", .path(.letter)),
        (.get, "/letters/:id/receipt", .path(.letter)),
        (.get, "/api/v1/letters", .query("/api/v1/letters?figure=received&unit={unit}&period=2025")),
        (.get, "/api/v1/letters/:id", .path(.letter)),
        (.get, "/statistics", .query("/statistics?unit={unit}&period=2025")),
        (.get, "/statistics.xlsx", .query("/statistics.xlsx?unit={unit}&period=2025")),
        (.get, "/statistics/letters.xlsx", .query("/statistics/letters.xlsx?figure=received&unit={unit}&period=2025")),
        (.get, "/statistics/form", .query("/statistics/form?code=01%2FXLD&unit={unit}&period=2025")),
        (.get, "/statistics/form.xlsx", .query("/statistics/form.xlsx?code=01%2FXLD&unit={unit}&period=2025")),
        (.get, "/surveys", .query("/surveys?unit={unit}&period=2025")),
        (.get, "/surveys.xlsx", .query("/surveys.xlsx?unit={unit}&period=2025")),
        (.get, "/surveys/answers", .query("/surveys/answers?unit={unit}&period=2025&choice=satisfied")),
        (.get, "/surveys/kiosks", .list("/surveys/kiosks")),
        (.post, "/surveys/kiosks", .body("organisation_id={organisation}&name=Quầy X")),
        (.post, "/surveys/kiosks/:id/revoke", .path(.kiosk)),
        (.post, "/surveys/:id/close", .path(.survey)),
        (.post, "/surveys/new", .body("organisation_id={organisation}&title=X&question=Y&choices=Tốt\nChưa tốt&valid_from=01/01/2027")),
        (.get, "/follow-up", .query("/follow-up?unit={unit}")),
        (.get, "/follow-up/items/:id", .path(.followUp)),
        (.post, "/follow-up/items/:id/actions", .path(.followUp)),
        (.get, "/follow-up/items/:id/attachments/:aid", .path(.followUp)),
        (.get, "/meetings", .query("/meetings?unit={unit}")),
        (.post, "/meetings", .body("organisation_id={organisation}&kind=voter_contact&held_on=01/09/2025&participants=10&opinion_text_0=X")),
        (.get, "/meetings/new", .list("/meetings/new")),
        (.get, "/meetings/:id", .path(.meeting)),
        (.post, "/opinions/:id/route", .path(.opinion)),
        (.post, "/opinions/:id/mark", .path(.opinion)),
        (.get, "/inbox", .list("/inbox")),
        (.post, "/inbox/read", .none),
        (.get, "/public/opinions", .none),
        (.get, "/api/v1/follow-up/counts", .query("/api/v1/follow-up/counts?unit={unit}")),
        (.get, "/api/v1/meetings", .query("/api/v1/meetings?unit={unit}")),
        (.get, "/api/v1/meetings/:id", .path(.meeting)),
        (.get, "/documents", .query("/documents?unit={unit}")),
        (.post, "/documents", .body("organisation_id={organisation}&kind=plan&issued_on=01/09/2025&summary=X")),
        (.get, "/documents/:id", .path(.document)),
        (.post, "/documents/:id/tasks", .path(.document)),
        (.get, "/documents/:id/file", .path(.document)),
        (.post, "/documents/:id/file", .path(.document)),
        (.get, "/inspections", .query("/inspections?unit={unit}")),
        (.post, "/inspections", .body("organisation_id={organisation}&team=X&targets=X&subject=X&scheduled_quarter=2025-q3")),
        (.get, "/inspections/:id", .path(.inspection)),
        (.post, "/inspections/:id/findings", .path(.inspection)),
        (.post, "/inspections/:id/remedies", .path(.inspection)),
        (.get, "/api/v1/documents", .query("/api/v1/documents?unit={unit}")),
        (.get, "/api/v1/documents/:id/tasks", .path(.document)),
        (.get, "/api/v1/inspections", .query("/api/v1/inspections?unit={unit}")),
        // A kiosk's token is its credential: no session, and no record of anyone's without it (KioskTests).
        (.get, "/kiosk/:token", .none),
        (.post, "/kiosk/:token/answers", .none),
        // "Dân vận khéo" models.
        (.get, "/models", .query("/models?unit={unit}&year=2026")),
        (.get, "/models.xlsx", .query("/models.xlsx?unit={unit}&year=2026")),
        (.get, "/models/new", .query("/models/new?origin={model}")),
        (.post, "/models", .body("organisation_id={organisation}&year=2026&name=Mô hình X&kind=collective&field=economy&started_on=01/01/2026")),
        (.get, "/models/carry-over", .list("/models/carry-over?year=2026")),
        (.post, "/models/carry-over", .body("ids={model}&year=2026")),
        (.get, "/models/:id", .path(.model)),
        (.get, "/models/:id/edit", .path(.model)),
        (.post, "/models/:id/edit", .path(.model)),
        (.post, "/models/:id/results", .path(.model)),
        (.post, "/models/:id/goals", .path(.model)),
        (.post, "/models/:id/evaluations", .path(.model)),
        (.post, "/models/:id/commendations", .path(.model)),
        (.post, "/models/:id/stop", .path(.model)),
        (.get, "/models/:id/evidence/:aid", .path(.model)),
        (.get, "/models/coverage", .query("/models/coverage?unit={unit}&year=2026")),
        (.get, "/models/statistics", .query("/models/statistics?unit={unit}&year=2026")),
        (.get, "/models/statistics.xlsx", .query("/models/statistics.xlsx?unit={unit}&year=2026")),
        (.get, "/models/template.xlsx", .none),
        (.get, "/models/import", .none),
        // The sheet names organisations; only those in reach are matched (ModelImportTests).
        (.post, "/models/import", .none),
        (.get, "/public/models", .none),
        (.get, "/api/v1/models", .query("/api/v1/models?unit={unit}")),
        (.get, "/api/v1/models/:id", .path(.model)),
        (.get, "/api/v1/models/statistics", .query("/api/v1/models/statistics?unit={unit}")),
        // Reporting: entry (an organisation out of reach is 404 before its form and period are read).
        (.get, "/reporting/reports", .query("/reporting/reports?organisation={organisation}")),
        (.get, "/reporting/reports/:id", .path(.report)),
        (.get, "/reporting/entry", .query("/reporting/entry?organisation={organisation}&form={form}&period=2025-09")),
        (.post, "/reporting/entry", .body("organisation={organisation}&form={form}&period=2025-09&value_TIN_BAI=3")),
        (.post, "/reporting/entry/cell", .body("organisation={organisation}&form={form}&period=2025-09&code=TIN_BAI&value=3")),
        (.post, "/reporting/actions", .body("organisation={organisation}&form={form}&period=2025-09&action=submit")),
        (.get, "/reporting/received", .query("/reporting/received?organisation={organisation}&form={form}&period=2025-09")),
        (.get, "/reporting/completeness", .query("/reporting/completeness?form={form}&unit={unit}&period=2025-09")),
        (.get, "/reporting/entry.xlsx", .query("/reporting/entry.xlsx?organisation={organisation}&form={form}&period=2025-09")),
        (.post, "/reporting/entry/import", .multipart("organisation={organisation}&form={form}&period=2025-09&mode=write")),
        // Settings of the whole country (AuthorisationTests: national administrators only).
        (.get, "/reporting/indicators", .none),
        (.post, "/reporting/indicators", .none),
        (.get, "/reporting/forms", .none),
        (.post, "/reporting/forms/versions", .none),
        (.get, "/models/ratings", .none),
        (.post, "/models/ratings", .none),
        (.get, "/api/v1/reporting/data-values", .query("/api/v1/reporting/data-values?form=DV_THANG&organisation={organisation}&period=2025-09")),
        // A JSON body (ReportEntryAPITests: an organisation out of reach is 404, nothing saved).
        (.post, "/api/v1/reporting/data-values", .none),
        (.get, "/api/v1/reporting/completeness", .query("/api/v1/reporting/completeness?form=DV_THANG&unit={unit}&period=2025-09")),
        // Reporting: figures
        (.get, "/reporting/figures", .query("/reporting/figures?unit={unit}&period=2025")),
        (.get, "/reporting/figures.xlsx", .query("/reporting/figures.xlsx?unit={unit}&period=2025")),
        (.get, "/api/v1/reporting/figures", .query("/api/v1/reporting/figures?unit={unit}&period=2025")),
    ]

    @Test("the table covers every route of the application")
    func tableCoversEveryRoute() async throws {
        try await TestApp.run(units: false) { app in
            let registered = Set(buildRouter(app.services).routes.map {
                "\($0.method) " + $0.path.description.replacingOccurrences(of: "{id}", with: ":id").replacingOccurrences(of: "{aid}", with: ":aid")
                    .replacingOccurrences(of: "{token}", with: ":token")
            })
            let listed = Self.routes.map { "\($0.method) \($0.path)" }
            #expect(Set(listed).count == listed.count, "a route is listed twice")
            #expect(registered.subtracting(listed).sorted() == [], "routes without a row in ScopeTests.routes")
            #expect(Set(listed).subtracting(registered).sorted() == [], "rows of routes that do not exist")
        }
    }

    /// The routes a visitor without a session may use; every other route is registered
    /// for signed-in callers only (`router.signedIn()`).
    static let publicRoutes: Set<String> = [
        "GET /healthz", "GET /metrics", "GET /static/app.css", "GET /static/app.js", "GET /static/favicon.svg", "GET /favicon.ico", "GET /api/openapi.json",
        "GET /login", "POST /login", "POST /logout", "GET /language", "GET /public/send", "POST /public/send", "GET /public/track", "GET /public/sent",
        "GET /public/survey", "POST /public/survey", "GET /public/opinions",
        "GET /static/kiosk.js", "GET /kiosk/:token", "POST /kiosk/:token/answers",
        "GET /public/models",
    ]

    @Test("without a session every route but the public ones sends to the login form (pages) or answers 401 (API)")
    func everyOtherRouteNeedsASession() async throws {
        try await TestApp.run(units: false) { app in
            let id = UUID().uuidString.lowercased()
            try await app.client { browser in
                _ = try await browser.get("/login")   // a visitor's form token, so a post is refused for the session, not the token
                for route in Self.routes where !Self.publicRoutes.contains("\(route.method) \(route.path)") {
                    let path = route.path.replacingOccurrences(of: ":id", with: id).replacingOccurrences(of: ":aid", with: id)
                    let page = route.method == .get ? try await browser.get(path) : try await browser.post(path, [])
                    if path.hasPrefix("/api/") {
                        #expect(page.status == .unauthorized, "\(route.method) \(route.path) answered \(page.status)")
                    } else {
                        #expect(page.status == .found && page.headers[.location]?.hasPrefix("/login") == true,
                                "\(route.method) \(route.path) answered \(page.status)")
                    }
                }
            }
        }
    }

    /// What lies outside the caller's reach, and the text that marks it on a page.
    struct OutOfReach: Sendable {
        var unit: UUID, organisation: UUID, user: UUID, session: UUID, letter: UUID, visit: UUID, kiosk: UUID, survey: UUID
        var model: UUID
        var meeting: UUID, opinion: UUID, followUp: UUID, document: UUID, inspection: UUID
        var report: UUID
        /// Written into every record out of reach; no page may show it.
        var marker: String
    }

    /// Records of an organisation (session with a visit, letter, survey kiosk), each marked.
    static func records(_ app: TestApp, organisation: UUID, marker: String)
        async throws -> (session: UUID, letter: UUID, visit: UUID, kiosk: UUID, survey: UUID, meeting: UUID, opinion: UUID, followUp: UUID, document: UUID, inspection: UUID) {
        let national = try await app.nationalScope()
        let session = try await app.services.reception.createSession(national, input: SessionInput(
            organisationID: organisation, date: "2025-09-03", place: "Trụ sở \(marker)", receiverKind: "regular", holder: "",
            receiverName: "Cán bộ", note: ""))
        let visit = try await app.services.reception.addVisit(national, sessionID: session, input: VisitInput(
            people: "1", isGroup: false, isRepeat: false, content: "Nội dung \(marker)"))
        let letter = try await app.services.letters.receive(national, input: LetterInput(
            organisationID: organisation, receivedOn: "2025-09-04", channel: "post", kind: "complaint", field: "land",
            subject: "Đơn \(marker)", content: "Nội dung \(marker)",
            sender: SenderIdentity(name: "Người \(marker)", address: "Xã", contact: "", idNumber: ""),
            peopleCount: "1", isRepeat: false, visitID: nil), today: CivilDate(iso: "2025-09-05")!)
        let kiosk = try await SurveyStore(database: app.database).registerKiosk(national, input: KioskInput(
            organisationID: organisation, name: "Quầy \(marker)", field: ""))
        let survey = try await SurveyStore(database: app.database).kiosk(national, id: kiosk.id).surveyID
        let meetings = MeetingStore(database: app.database)
        let meeting = try await meetings.record(national, input: MeetingInput(
            formID: nil, kind: "voter_contact", organisationID: organisation, coHosts: "", heldOn: "03/09/2025", participants: "10", minutes: "Biên bản \(marker)",
            opinions: [OpinionInput(text: "Ý kiến \(marker)", field: "land", level: "commune")]))
        let opinion = try await meetings.opinions(national, meetingID: meeting)[0].id
        let item = try await meetings.route(national, opinionID: opinion, input: FollowUpDueInput(organisationID: organisation, dueOn: "30/09/2025"))
        let documents = DocumentStore(database: app.database)
        let document = try await documents.record(national, input: DocumentInput(
            kind: "plan", numberSymbol: "", organisationID: organisation, issuedOn: "01/09/2025", summary: "Kế hoạch \(marker)"))
        let unit = try await app.services.organisations.organisation(national, id: organisation).unitID
        let inspection = try await documents.plan(national, input: InspectionInput(
            planID: document, organisationID: organisation, targetUnitID: unit, team: "Đoàn", targets: "Đảng ủy", subject: "Kiểm tra \(marker)",
            scheduledQuarter: "2025-q3"))
        return (session, letter.id, visit, kiosk.id, survey, meeting, opinion, item, document, inspection)
    }

    /// A "Dân vận khéo" model of an organisation, registered this year, with a result, marked.
    static func model(_ app: TestApp, organisation: UUID, marker: String) async throws -> UUID {
        let national = try await app.nationalScope()
        let store = ModelStore(database: app.database)
        let id = try await store.register(national, input: ModelInput(
            organisationID: organisation, year: "2026", name: "Mô hình \(marker)", kind: "collective", field: "economy", startedOn: "01/01/2026",
            goals: [.init(description: "", indicator: "Số hộ \(marker)", measure: "hộ", target: "10")]))
        _ = try await store.reportResult(national, id: id, input: ResultInput(goalID: nil, reportedOn: "02/01/2026", value: "", note: "Kết quả \(marker)"), files: [])
        return id
    }

    /// A report of the monthly form of an organisation (September 2025, submitted).
    static func report(_ app: TestApp, organisation: UUID) async throws -> UUID {
        let national = try await app.nationalScope()
        let unitID = try await app.services.organisations.organisation(national, id: organisation).unitID
        let form = try await ReportFormCatalogue(database: app.database).form(code: ReportingCatalogue.monthlyForm.code)
        let id = UUID()
        try await app.database.sql.insert(into: "reports").values(of: ReportRecord(
            id: id, formID: form.id, organisationID: organisation, unitID: unitID, periodKey: "2025-09", state: "submitted", submittedOn: "2025-10-16",
            returnReason: nil, updatedBy: "test", updatedAt: Date())).run()
        return id
    }

    /// Sends every route the out-of-reach records and checks each answer; then checks nothing was stored.
    static func checkEveryRoute(_ app: TestApp, username: String, password: String, own: UUID, outside: OutOfReach) async throws {
        let auditBefore = try await AuditEntry.query(on: app.database.db).count()
        // The real monthly form, of a period the organisations out of reach report: only the reach refuses.
        let form = try await ReportFormCatalogue(database: app.database).form(code: ReportingCatalogue.monthlyForm.code).id.uuidString.lowercased()
        try await app.client { browser in
            try await browser.login(username, password)
            _ = try await browser.post("/account/password", [("current_password", password), ("new_password", "mat-khau-moi-1"), ("confirmation", "mat-khau-moi-1")])
            for route in Self.routes {
                let label = "\(username): \(route.method) \(route.path)"
                switch route.reach {
                case .none:
                    continue
                case .path(let target):
                    let id = switch target {
                    case .unit: outside.unit
                    case .organisation: outside.organisation
                    case .user: outside.user
                    case .session: outside.session
                    case .letter: outside.letter
                    case .kiosk: outside.kiosk
                    case .survey: outside.survey
                    case .model: outside.model
                    case .meeting: outside.meeting
                    case .opinion: outside.opinion
                    case .followUp: outside.followUp
                    case .document: outside.document
                    case .inspection: outside.inspection
                    case .report: outside.report
                    }
                    let path = route.path.replacingOccurrences(of: ":id", with: id.uuidString.lowercased())
                        .replacingOccurrences(of: ":aid", with: UUID().uuidString.lowercased())
                    let page = route.method == .get ? try await browser.get(path)
                        : try await browser.post(path, [("name", "Thôn X"), ("kind", "other"), ("username", "x.y.z"), ("full_name", "X"),
                                                        ("roles", "leader"), ("with", outside.organisation.uuidString), ("effective", "2026-01-01"),
                                                        ("people", "1"), ("content", "Nội dung"), ("action", "forward")])
                    #expect(page.status == .notFound, "\(label) answered \(page.status)")
                    #expect(!page.body.contains(outside.marker), "\(label) showed a record out of reach")
                case .query(let template):
                    let path = template.replacingOccurrences(of: "{unit}", with: outside.unit.uuidString.lowercased())
                        .replacingOccurrences(of: "{visit}", with: outside.visit.uuidString.lowercased())
                        .replacingOccurrences(of: "{model}", with: outside.model.uuidString.lowercased())
                        .replacingOccurrences(of: "{form}", with: form)
                    let page = try await browser.get(path.replacingOccurrences(of: "{organisation}", with: outside.organisation.uuidString.lowercased()))
                    #expect(page.status == .notFound, "\(label) (\(path)) answered \(page.status)")
                    #expect(!page.body.contains(outside.marker), "\(label) showed a record out of reach")
                    // The control: the same address answers for the caller's own organisation, which reports the form.
                    if path.hasPrefix("/reporting/entry") {
                        let control = try await browser.get(path.replacingOccurrences(of: "{organisation}", with: own.uuidString.lowercased()))
                        #expect(control.status == .ok, "\(label) (\(path)) answered \(control.status) for the caller's own organisation")
                    }
                case .body(let template), .multipart(let template):
                    let fields = template.replacingOccurrences(of: "{organisation}", with: outside.organisation.uuidString).replacingOccurrences(of: "{form}", with: form)
                        .replacingOccurrences(of: "{model}", with: outside.model.uuidString).split(separator: "&").map {
                        let pair = $0.split(separator: "=", maxSplits: 1).map(String.init)
                        return (pair[0], pair.count > 1 ? pair[1] : "")
                    }
                    let page = if case .multipart = route.reach { try await browser.postMultipart(route.path, fields) }
                        else { try await browser.post(route.path, fields) }
                    #expect(page.status == .notFound, "\(label) answered \(page.status)")
                case .list(let template):
                    // The search is typed folded ("ia hru"), so the echo of the query is not the marker.
                    let page = try await browser.get(template.replacingOccurrences(of: "{marker}", with: Browser.encode(VietnameseText.folded(outside.marker))))
                    #expect(page.status == .ok, "\(label) answered \(page.status)")
                    #expect(!page.body.contains(outside.marker), "\(label) listed a record out of reach")
                    for id in [outside.unit, outside.organisation, outside.user, outside.letter, outside.session, outside.kiosk, outside.survey, outside.model,
                               outside.meeting, outside.opinion, outside.followUp, outside.document, outside.inspection] {
                        #expect(!page.body.lowercased().contains(id.uuidString.lowercased()), "\(label) linked to a record out of reach")
                    }
                }
            }
        }
        // Nothing was changed by the refused posts: only the login and the password change were logged.
        let actions = try await AuditEntry.query(on: app.database.db).all().dropFirst(auditBefore).map(\.action)
        #expect(try await AuditEntry.query(on: app.database.db).count() - auditBefore == 2, "\(actions)")
    }

    @Test("every route answers 404 to a subtree user for the records of a sibling commune, and to an organisation-only user for its unit's other organisations")
    func everyRouteKeepsItsReach() async throws {
        try await TestApp.run { app in
            // setup
            let iaLe = try await app.unit("23986", legacy: false)
            let iaHru = try await app.unit("23971", legacy: false)
            let (officer, password) = try await app.user("canbo.iale", roles: [.administrator, .reportingOfficer, .receptionOfficer, .leader],
                                                   kind: "peoples_committee", in: iaLe)
            let (union, unionPassword) = try await app.user("hoi.phunu", roles: [.administrator, .reportingOfficer, .receptionOfficer, .leader],
                                                        kind: "womens_union", in: iaLe, mode: .organisation)
            let (sibling, _) = try await app.user("canbo.iahru", roles: [.reportingOfficer], kind: "peoples_committee", in: iaHru)
            let (committee, _) = try await app.user("canbo.ubnd", roles: [.reportingOfficer], kind: "peoples_committee", in: iaLe)
            let siblingRecords = try await Self.records(app, organisation: sibling.organisationID, marker: "Ia Hrú")
            let committeeRecords = try await Self.records(app, organisation: committee.organisationID, marker: "UBNDIaLeRiêng")
            let siblingModel = try await Self.model(app, organisation: sibling.organisationID, marker: "Ia Hrú")
            let committeeModel = try await Self.model(app, organisation: committee.organisationID, marker: "UBNDIaLeRiêng")
            // MUT + validate
            try await Self.checkEveryRoute(app, username: "canbo.iale", password: password, own: officer.organisationID, outside: OutOfReach(
                unit: iaHru.id, organisation: sibling.organisationID, user: sibling.id, session: siblingRecords.session,
                letter: siblingRecords.letter, visit: siblingRecords.visit, kiosk: siblingRecords.kiosk, survey: siblingRecords.survey, model: siblingModel,
                meeting: siblingRecords.meeting, opinion: siblingRecords.opinion, followUp: siblingRecords.followUp,
                document: siblingRecords.document, inspection: siblingRecords.inspection,
                report: try await Self.report(app, organisation: sibling.organisationID), marker: "Ia Hrú"))
            try await Self.checkEveryRoute(app, username: "hoi.phunu", password: unionPassword, own: union.organisationID, outside: OutOfReach(
                unit: iaHru.id, organisation: committee.organisationID, user: committee.id, session: committeeRecords.session,
                letter: committeeRecords.letter, visit: committeeRecords.visit, kiosk: committeeRecords.kiosk, survey: committeeRecords.survey, model: committeeModel,
                meeting: committeeRecords.meeting, opinion: committeeRecords.opinion, followUp: committeeRecords.followUp,
                document: committeeRecords.document, inspection: committeeRecords.inspection,
                report: try await Self.report(app, organisation: committee.organisationID), marker: "UBNDIaLeRiêng"))
        }
    }

    @Test("an organisation-only user sees their organisation and not the rest of their unit")
    func organisationOnlyScope() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (user, _) = try await app.user("chi.tochuc", roles: [.reportingOfficer], kind: "womens_union", in: iaLe, mode: .organisation)
            let scope = Scope(userID: user.id, username: user.username, organisationID: user.organisationID, unitID: iaLe.id,
                              mode: .organisation, roles: [.reportingOfficer], address: "test")
            #expect(try await app.services.organisations.organisation(scope, id: user.organisationID).name.contains("Phụ nữ"))
            let others = try await app.services.organisations.organisations(try await app.nationalScope(), unitID: iaLe.id).filter { $0.id != user.organisationID }
            for other in others {
                await #expect(throws: AppError.self) { _ = try await app.services.organisations.organisation(scope, id: other.id) }
            }
        }
    }
}
