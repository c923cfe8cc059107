import DanVanDomain
import Foundation
import Hummingbird

/// "Dân vận khéo" models: the list with its filters and folded search, registration and
/// adoption, carry-over, a model's page with its results, evaluations and commendations.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /models?unit=&year=&field=&status=&kind=&flag=&rating=&level=&evaluated=&organisation=&q=&offset= | the list |
/// | GET | /models.xlsx?(the same filters) | the list as a workbook |
/// | GET, POST | /models/new?origin=, /models | register (adopt) a model |
/// | GET, POST | /models/carry-over?year= | carry a selection over to the next year |
/// | GET | /models/:id | a model |
/// | GET, POST | /models/:id/edit | edit what a model says of itself |
/// | POST | /models/:id/results (multipart), /evaluations, /commendations, /stop | its steps |
/// | GET | /models/:id/evidence/:aid | an evidence file |
struct ModelController: Sendable {
    let models: ModelStore
    let organisations: OrganisationStore
    let units: UnitStore
    let renderer: PageRenderer

    static let pageSize = 50

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.models) { request, context in try await index(FormData.query(of: request), context: context) }
        signedIn.get(SiteURL.Pattern.modelsWorkbook) { request, context in
            try await ModelSheets(models: models, renderer: renderer).list(try await filter(FormData.query(of: request), context: context), context: context)
        }
        signedIn.get(SiteURL.Pattern.modelNew) { request, context in
            try await newForm(FormState(values: ["origin": FormData.query(of: request)["origin"], "year": String(Self.thisYear)]), context: context)
        }
        signedIn.post(SiteURL.Pattern.models) { request, context in try await register(try await FormData.from(request, context: context), context: context) }
        signedIn.get(SiteURL.Pattern.modelCarryOver) { request, context in
            try await carryOverForm(year: Int(FormData.query(of: request)["year"]) ?? Self.thisYear - 1, state: FormState(), context: context)
        }
        signedIn.post(SiteURL.Pattern.modelCarryOver) { request, context in try await carryOver(try await FormData.from(request, context: context), context: context) }
        signedIn.get(SiteURL.Pattern.model) { request, context in
            try await show(id: try UUID.parse(context.parameters.get("id")), saved: FormData.query(of: request).optional("saved"), context: context)
        }
        signedIn.get(SiteURL.Pattern.modelEdit) { _, context in try await editForm(id: try UUID.parse(context.parameters.get("id")), state: nil, context: context) }
        signedIn.post(SiteURL.Pattern.modelEdit) { request, context in
            try await edit(id: try UUID.parse(context.parameters.get("id")), try await FormData.from(request, context: context), context: context)
        }
        signedIn.post(SiteURL.Pattern.modelResults) { request, context in try await reportResult(request, context: context) }
        signedIn.post(SiteURL.Pattern.modelGoals) { request, context in
            let form = try await FormData.from(request, context: context)
            return try await step(form, fields: Self.goalFields, form: "goal", context: context) { scope, id in
                try await models.addGoal(scope, id: id, input: ModelInput.GoalInput(description: form["description"], indicator: form["indicator"],
                                                                                    measure: form["measure"], target: form["target"]))
            }
        }
        signedIn.post(SiteURL.Pattern.modelEvaluations) { request, context in
            let form = try await FormData.from(request, context: context)
            return try await step(form, fields: Self.evaluationFields, form: "evaluation", context: context) { scope, id in
                _ = try await models.evaluate(scope, id: id, input: EvaluationInput(method: form["method"], team: form["team"], members: form.text("members"),
                                                                                   evaluatedOn: form["evaluated_on"], rating: form["rating"], findings: form.text("findings"),
                                                                                   year: form["year"]))
            }
        }
        signedIn.post(SiteURL.Pattern.modelCommendations) { request, context in
            let form = try await FormData.from(request, context: context)
            return try await step(form, fields: Self.commendationFields, form: "commendation", context: context) { scope, id in
                _ = try await models.commend(scope, id: id, input: CommendationInput(level: form["level"], form: form["form"], decisionNumber: form["decision_number"],
                                                                                   decidedOn: form["decided_on"], decidedBy: form["decided_by"], year: form["year"]))
            }
        }
        signedIn.post(SiteURL.Pattern.modelStop) { request, context in
            let form = try await FormData.from(request, context: context)
            return try await step(form, fields: ["stopped_on"], form: "stop", context: context) { scope, id in
                try await models.stop(scope, id: id, on: form["stopped_on"])
            }
        }
        signedIn.get(SiteURL.Pattern.modelImport) { _, context in try await importPage(nil, year: String(Self.thisYear), context: context) }
        signedIn.post(SiteURL.Pattern.modelImport) { request, context in
            try context.scope.requireAny(ModelStore.writers)
            let form = try await MultipartForm.from(request, limit: context.maxUploadSize)
            let file = form.files.first { $0.field == "file" }
            let year = form.fields["year"]
            let report = try await ModelImport(models: models, catalogue: renderer.catalogue).run(
                context.scope, data: Data(file?.data ?? []), year: year, write: form.fields["mode"] == "write",
                organisations: try await registrable(scope: context.scope), language: context.language)
            return try await importPage(report, year: year, context: context, status: report.problems.isEmpty ? .ok : .unprocessableContent)
        }
        signedIn.get(SiteURL.Pattern.modelEvidence) { _, context in
            let file = try await models.evidence(context.scope, modelID: try UUID.parse(context.parameters.get("id")), id: try UUID.parse(context.parameters.get("aid")))
            return Response.download([UInt8](file.data), filename: file.filename)
        }
    }

    static var thisYear: Int { CivilDate.today(now: Date()).year }

    func text(_ key: String, _ context: some PageContext, _ arguments: [String] = []) -> String {
        renderer.catalogue.text(key, context.language, arguments)
    }

    func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, prefix: String, selected: String?, context: some PageContext, empty: String? = nil) -> [FormOption]
    where T.RawValue == String {
        (empty.map { [FormOption(value: "", label: $0, selected: (selected ?? "").isEmpty)] } ?? [])
            + T.allCases.map { FormOption(value: $0.rawValue, label: text(prefix + $0.rawValue, context), selected: $0.rawValue == selected) }
    }

    // MARK: The list

    /// The filter a query asks for: the unit in reach (the caller's by default), this year by default.
    func filter(_ query: FormData, context: SignedInContext) async throws -> ModelFilter {
        let unit = try await units.unit(context.scope, id: UUID(uuidString: query["unit"]) ?? context.scope.unitID)
        // A level of the scale, retired or not (its evaluations keep it).
        var rating: String?
        if !query["rating"].isEmpty { rating = try await models.ratingLevels().first { $0.key == query["rating"] }?.key }
        func key<T: RawRepresentable>(_ type: T.Type, _ name: String) -> String? where T.RawValue == String { T(rawValue: query[name]).map { _ in query[name] } }
        return ModelFilter(
            unitID: unit.id, year: Int(query["year"]).flatMap { (1990...2100).contains($0) ? $0 : nil } ?? Self.thisYear,
            field: key(ModelField.self, "field"), status: query["status"] == "stopped" ? "stopped" : key(ModelYearStatus.self, "status"),
            kind: key(ModelKind.self, "kind"), flag: ModelFlag(rawValue: query["flag"]), rating: rating,
            level: key(ModelCommendationLevel.self, "level"), evaluated: key(ModelEvaluationMethod.self, "evaluated"),
            organisationID: UUID(uuidString: query["organisation"]), search: query.optional("q").map { String($0.prefix(InputLimits.searchMaxLength)) })
    }

    struct IndexPage: Sendable, Encodable {
        struct Row: Sendable, Encodable {
            var href: String, name: String, organisation: String, unit: String, kind: String, field: String, status: String
            var flags: [FlagLink]
        }
        var units: [FormOption]
        var years: [FormOption]
        var fields: [FormOption]
        var statuses: [FormOption]
        var kinds: [FormOption]
        var flags: [FormOption]
        var search: String
        var heading: String
        var rows: [Row]
        var total: String
        var pager: Pager
        var hidden: [FormOption]
        var newHref: String
        var carryOverHref: String
        var coverageHref: String
        var statisticsHref: String
        var workbookHref: String
        var templateHref: String
        var importHref = SiteURL.modelImport.path
    }

    struct FlagLink: Sendable, Encodable { var label: String; var href: String }

    private func index(_ query: FormData, context: SignedInContext) async throws -> Response {
        let scope = context.scope
        let filter = try await filter(query, context: context)
        let offset = Pager.offset(query["offset"])
        let (rows, total) = try await models.list(scope, filter: filter, offset: offset, limit: Self.pageSize)
        let flags = rows.isEmpty ? [:] : try await models.flags(scope, unitID: filter.unitID, year: filter.year, only: rows.map(\.id))
        let unit = try await units.unit(scope, id: filter.unitID)
        let page = IndexPage(
            units: try await unitOptions(scope: scope, selected: unit), years: yearOptions(selected: filter.year),
            fields: options(ModelField.self, prefix: "model_field_", selected: filter.field, context: context, empty: text("model_all", context)),
            statuses: [FormOption(value: "", label: text("model_all", context), selected: filter.status == nil)]
                + (ModelYearStatus.allCases.map(\.rawValue) + ["stopped"]).map { FormOption(value: $0, label: text("model_status_" + $0, context), selected: $0 == filter.status) },
            kinds: options(ModelKind.self, prefix: "model_kind_", selected: filter.kind, context: context, empty: text("model_all", context)),
            flags: options(ModelFlag.self, prefix: "model_flag_", selected: filter.flag?.rawValue, context: context, empty: text("model_all", context)),
            search: filter.search ?? "", heading: "\(unit.name) · \(filter.year)",
            rows: rows.map { row in
                IndexPage.Row(href: SiteURL.model(row.id).path, name: row.name, organisation: row.organisationName, unit: row.unitName,
                              kind: text("model_kind_" + row.kind, context) + (row.personName.map { ": " + $0 } ?? ""), field: text("model_field_" + row.field, context),
                              status: text("model_status_" + (row.stoppedOn == nil ? row.status : "stopped"), context),
                              flags: (flags[row.id] ?? []).map { FlagLink(label: text("model_flag_" + $0.flag.rawValue, context), href: SiteURL.model(row.id).path + "#flags") })
            },
            total: VietnameseFormat.integer(total),
            pager: Pager(offset: offset, size: Self.pageSize, shown: rows.count, total: total, catalogue: renderer.catalogue, language: context.language) {
                SiteURL.modelList(filter, offset: $0).path
            },
            hidden: [filter.rating.map { FormOption(value: $0, label: "rating", selected: true) }, filter.level.map { FormOption(value: $0, label: "level", selected: true) },
                     filter.evaluated.map { FormOption(value: $0, label: "evaluated", selected: true) },
                     filter.organisationID.map { FormOption(value: $0.uuidString.lowercased(), label: "organisation", selected: true) }].compactMap { $0 },
            newHref: SiteURL.modelNew(origin: nil).path, carryOverHref: SiteURL.modelCarryOverYear(filter.year).path,
            coverageHref: SiteURL.modelCoverage(unit: filter.unitID, year: filter.year, kind: nil, registered: nil).path,
            statisticsHref: SiteURL.modelStatistics(unit: filter.unitID, year: filter.year).path, workbookHref: SiteURL.modelsWorkbook(filter).path,
            templateHref: SiteURL.modelTemplate.path)
        return renderer.render("models/models_index", titleKey: "model_list_title", page: page, context: context, section: "models")
    }

    func unitOptions(scope: Scope, selected: UnitSummary) async throws -> [FormOption] {
        try await units.filterOptions(scope, selected: selected)
    }

    func yearOptions(selected: Int) -> [FormOption] {
        var years = Array((Self.thisYear - 9)...(Self.thisYear + 1)).reversed().map { $0 }
        if !years.contains(selected) { years.append(selected) }
        return years.map { FormOption(value: String($0), label: String($0), selected: $0 == selected) }
    }

    // MARK: Registration

    static let goalRows = 3
    static let partnerRows = 3
    static let modelFields = ["organisation_id", "year", "name", "kind", "person_name", "person_position", "field", "topics", "situation", "targets", "beneficiaries",
                              "method", "resource_money", "resource_labour", "resource_in_kind", "started_on", "evaluation_on", "origin"]
        + (1...goalRows).flatMap { n in ["description", "indicator", "measure", "target"].map { "goal_\(n)_\($0)" } }
        + (1...partnerRows).flatMap { n in ["organisation", "role"].map { "partner_\(n)_\($0)" } }

    /// The most goals a model has (the edit form shows every one, and a blank row).
    static let goalLimit = 20
    static let editFields = ["name", "kind", "person_name", "person_position", "field", "topics", "situation", "targets", "beneficiaries", "method",
                             "resource_money", "resource_labour", "resource_in_kind", "started_on", "evaluation_on"]
        + (1...goalLimit + 1).flatMap { n in ["description", "indicator", "measure", "target"].map { "goal_\(n)_\($0)" } }

    static func input(_ form: FormData) -> ModelInput {
        ModelInput(
            organisationID: UUID(uuidString: form["organisation_id"]), year: form["year"], name: form["name"], kind: form["kind"], personName: form["person_name"],
            personPosition: form["person_position"], field: form["field"], topics: form["topics"], situation: form.text("situation"), targets: form.text("targets"),
            beneficiaries: form.text("beneficiaries"), method: form.text("method"), resourceMoney: form["resource_money"], resourceLabour: form["resource_labour"],
            resourceInKind: form["resource_in_kind"], startedOn: form["started_on"], evaluationOn: form["evaluation_on"],
            // The goal rows the form sent (the registration's three, or the edit's every goal and a blank).
            goals: (1...max(goalRows, (1...goalLimit + 1).last { form.values["goal_\($0)_indicator"] != nil } ?? 0)).map { n in
                ModelInput.GoalInput(description: form["goal_\(n)_description"], indicator: form["goal_\(n)_indicator"], measure: form["goal_\(n)_measure"],
                                     target: form["goal_\(n)_target"])
            },
            partners: (1...partnerRows).map { n in (UUID(uuidString: form["partner_\(n)_organisation"]), form["partner_\(n)_role"]) },
            originModelID: UUID(uuidString: form["origin"]))
    }

    struct NewPage: Sendable, Encodable {
        struct Goal: Sendable, Encodable { var n: Int; var description: String; var indicator: String; var measure: String; var target: String }
        struct Partner: Sendable, Encodable { var n: Int; var organisations: [FormOption]; var roles: [FormOption] }
        var form: FormState
        var organisations: [FormOption]
        var kinds: [FormOption]
        var fields: [FormOption]
        var goals: [Goal]
        var partners: [Partner]
        var origin: String?
        var action: String
        /// Editing a model: its organisation, year and partners stay as registered.
        var editing = false
        var cancelHref: String?
    }

    /// The organisations a caller registers for: their own, then those of their unit and the units
    /// below it, each with its unit's code (what tells two organisations of the same name apart in a sheet).
    func registrable(scope: Scope) async throws -> [ModelImport.Organisation] {
        if scope.mode == .organisation {
            let own = try await organisations.organisation(scope, id: scope.organisationID)
            return [.init(summary: own, unitCode: try await units.unit(scope, id: own.unitID).code)]
        }
        let unit = try await units.unit(scope, id: scope.unitID)
        var list = try await organisations.organisations(scope, unitID: unit.id).map { ModelImport.Organisation(summary: $0, unitCode: unit.code) }
        for child in try await units.children(scope, of: scope.unitID, on: CivilDate.today(now: Date())).sortedVietnamese() {
            list += try await organisations.organisations(scope, unitID: child.id).map { ModelImport.Organisation(summary: $0, unitCode: child.code) }
        }
        return list
    }

    /// The choices of the organisation a model is registered for (see ``registrable(scope:)``).
    func organisationOptions(scope: Scope, selected: String) async throws -> [FormOption] {
        let chosen = selected.isEmpty ? scope.organisationID.uuidString.lowercased() : selected.lowercased()
        return try await registrable(scope: scope).map(\.summary).map {
            FormOption(value: $0.id.uuidString.lowercased(), label: $0.name, selected: $0.id.uuidString.lowercased() == chosen)
        }
    }

    private func newForm(_ state: FormState, context: SignedInContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        try await modelForm(state, editing: nil, context: context, status: status)
    }

    /// The registration form, or with `editing` the edit form of that model (its organisation,
    /// year and partners left out; every goal shown, and a blank row to add one).
    private func modelForm(_ state: FormState, editing: ModelRecord?, goalRows: Int = goalRows, context: SignedInContext,
                           status: HTTPResponse.Status = .ok) async throws -> Response {
        let scope = context.scope
        var state = state
        var origin: String?
        if let originID = UUID(uuidString: state.values["origin"] ?? "") {
            let model = try await models.record(scope, id: originID)
            origin = model.name
            if state.values["name"] == nil { state.values.merge(["name": model.name, "field": model.field, "kind": model.kind, "situation": model.situation,
                                                                  "method": model.method, "targets": model.targets, "beneficiaries": model.beneficiaries]) { $1 } }
        }
        let values = state.values
        let organisationList = editing != nil ? [] : try await organisationOptions(scope: scope, selected: values["organisation_id"] ?? "")
        let page = NewPage(
            form: state, organisations: organisationList,
            kinds: options(ModelKind.self, prefix: "model_kind_", selected: values["kind"] ?? ModelKind.collective.rawValue, context: context),
            fields: options(ModelField.self, prefix: "model_field_", selected: values["field"], context: context, empty: ""),
            goals: (1...goalRows).map { n in
                NewPage.Goal(n: n, description: values["goal_\(n)_description"] ?? "", indicator: values["goal_\(n)_indicator"] ?? "",
                             measure: values["goal_\(n)_measure"] ?? "", target: values["goal_\(n)_target"] ?? "")
            },
            partners: (1...Self.partnerRows).map { n in
                let chosen = values["partner_\(n)_organisation"] ?? ""
                return NewPage.Partner(n: n, organisations: [FormOption(value: "", label: "", selected: chosen.isEmpty)]
                                        + organisationList.map { FormOption(value: $0.value, label: $0.label, selected: $0.value == chosen) },
                                       roles: options(ModelPartnerRole.self, prefix: "model_role_", selected: values["partner_\(n)_role"] ?? "participating", context: context))
            },
            origin: origin, action: editing.map { SiteURL.modelEdit($0.id).path } ?? SiteURL.models.path, editing: editing != nil,
            cancelHref: editing.map { SiteURL.model($0.id).path })
        return renderer.render("models/model_new", titleKey: editing == nil ? "model_new_title" : "model_edit_title", page: page, context: context, status: status,
                               section: "models")
    }

    // MARK: Editing

    /// The edit form of a model in reach, filled with what it says (dates and numbers as typed).
    private func editForm(id: UUID, state: FormState?, context: SignedInContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let model = try await models.record(context.scope, id: id)
        try context.scope.requireAny(ModelStore.writers)
        let goals = try await models.goalRecords(of: id)
        var state = state ?? FormState()
        if state.values.isEmpty {
            state.values = ["name": model.name, "kind": model.kind, "person_name": model.personName ?? "", "person_position": model.personPosition ?? "",
                            "field": model.field, "topics": model.topics, "situation": model.situation, "targets": model.targets,
                            "beneficiaries": model.beneficiaries, "method": model.method,
                            "resource_money": model.resourceMoney.map { VietnameseFormat.integer(Int($0)) } ?? "",
                            "resource_labour": model.resourceLabour.map { VietnameseFormat.integer($0) } ?? "", "resource_in_kind": model.resourceInKind,
                            "started_on": Self.day(model.startedOn), "evaluation_on": Self.day(model.evaluationOn)]
            for (index, goal) in goals.enumerated() {
                state.values.merge(["goal_\(index + 1)_description": goal.description, "goal_\(index + 1)_indicator": goal.indicator,
                                    "goal_\(index + 1)_measure": goal.measure, "goal_\(index + 1)_target": Self.number(goal.target)]) { $1 }
            }
        }
        let rows = min(Self.goalLimit + 1, max(Self.goalRows, goals.count + 1, (1...Self.goalLimit + 1).last { state.values["goal_\($0)_indicator"] != nil } ?? 0))
        return try await modelForm(state, editing: model, goalRows: rows, context: context, status: status)
    }

    private func edit(id: UUID, _ form: FormData, context: SignedInContext) async throws -> Response {
        try await renderer.submit(keeping: FormState(form, fields: Self.editFields), context: context) {
            try await models.update(context.scope, id: id, input: Self.input(form))
            return Response.redirect(to: SiteURL.modelSaved(id, action: "edit").path)
        } showAgain: { state in
            try await editForm(id: id, state: state, context: context, status: .unprocessableContent)
        }
    }

    private func register(_ form: FormData, context: SignedInContext) async throws -> Response {
        try await renderer.submit(keeping: FormState(form, fields: Self.modelFields), context: context) {
            let id = try await models.register(context.scope, input: Self.input(form))
            return Response.redirect(to: SiteURL.modelSaved(id, action: "register").path)
        } showAgain: { state in
            try await newForm(state, context: context, status: .unprocessableContent)
        }
    }

    // MARK: Import

    struct ImportPage: Sendable, Encodable {
        var year: String
        var action: String
        var templateHref: String
        var problems: [String]
        var summary: String?
        var written: String?
    }

    private func importPage(_ report: ModelImport.Report?, year: String, context: SignedInContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let page = ImportPage(
            year: year, action: SiteURL.modelImport.path, templateHref: SiteURL.modelTemplate.path, problems: report?.problems ?? [],
            summary: report.map { report in
                report.written != nil ? nil : text(report.problems.isEmpty ? "model_import_ok" : "model_import_nothing_written", context, [VietnameseFormat.integer(report.rows)])
            } ?? nil,
            written: report?.written.map { text("model_import_written", context, [VietnameseFormat.integer($0)]) })
        return renderer.render("models/model_import", titleKey: "model_import_title", page: page, context: context, status: status, section: "models")
    }

    // MARK: Carry-over

    struct CarryOverPage: Sendable, Encodable {
        struct Row: Sendable, Encodable { var id: String; var name: String; var organisation: String; var href: String }
        var year: Int
        var next: Int
        var years: [FormOption]
        var rows: [Row]
        var form: FormState
        var action: String
        var done: String?
    }

    private func carryOverForm(year: Int, state: FormState, done: String? = nil, context: SignedInContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let rows = try await models.registered(context.scope, year: year)
        let page = CarryOverPage(year: year, next: year + 1, years: yearOptions(selected: year),
                                 rows: rows.map { .init(id: $0.id.uuidString.lowercased(), name: $0.name, organisation: $0.organisationName, href: SiteURL.model($0.id).path) },
                                 form: state, action: SiteURL.modelCarryOver.path, done: done)
        return renderer.render("models/model_carry_over", titleKey: "model_carry_over_title", page: page, context: context, status: status, section: "models")
    }

    private func carryOver(_ form: FormData, context: SignedInContext) async throws -> Response {
        let year = Int(form["year"]) ?? Self.thisYear - 1
        return try await renderer.submit(keeping: FormState(), context: context) {
            let count = try await models.carryOver(context.scope, ids: form.all("ids").compactMap(UUID.init(uuidString:)), from: year)
            return try await carryOverForm(year: year, state: FormState(), done: text("model_carried", context, [VietnameseFormat.integer(count), String(year + 1)]),
                                           context: context)
        } showAgain: { state in
            try await carryOverForm(year: year, state: state, context: context, status: .unprocessableContent)
        }
    }

    // MARK: A model

    static let resultFields = ["goal_id", "reported_on", "value", "note"]
    static let goalFields = ["description", "indicator", "measure", "target"]
    static let evaluationFields = ["method", "team", "members", "evaluated_on", "rating", "findings", "year"]
    static let commendationFields = ["level", "form", "decision_number", "decided_on", "decided_by", "year"]

    /// A step's form on the model page: shown again beside the model with its messages when refused.
    private func step(_ form: FormData, fields: [String], form name: String, context: SignedInContext, _ action: (Scope, UUID) async throws -> Void) async throws -> Response {
        let id = try UUID.parse(context.parameters.get("id"))
        return try await renderer.submit(keeping: FormState(form, fields: fields), context: context) {
            try await action(context.scope, id)
            return Response.redirect(to: SiteURL.modelSaved(id, action: name).path)
        } showAgain: { state in
            try await show(id: id, saved: nil, forms: [name: state], context: context, status: .unprocessableContent)
        }
    }

    private func reportResult(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try UUID.parse(context.parameters.get("id"))
        _ = try await models.record(context.scope, id: id)
        let form: MultipartForm
        do { form = try await MultipartForm.from(request, limit: UploadLimits.letterBody) } catch where UploadLimits.isTooLarge(error) {
            throw UploadLimits.tooLarge(request)
        }
        let files = form.files.filter { $0.field == "evidence" && !($0.filename.isEmpty && $0.data.isEmpty) }
            .map { AttachmentInput(filename: $0.filename, data: $0.data, identifying: false) }
        let fields = form.fields
        return try await renderer.submit(keeping: FormState(fields, fields: Self.resultFields), context: context) {
            _ = try await models.reportResult(context.scope, id: id, input: ResultInput(goalID: UUID(uuidString: fields["goal_id"]), reportedOn: fields["reported_on"],
                                                                                       value: fields["value"], note: fields.text("note")), files: files)
            return Response.redirect(to: SiteURL.modelSaved(id, action: "result").path)
        } showAgain: { state in
            try await show(id: id, saved: nil, forms: ["result": state], context: context, status: .unprocessableContent)
        }
    }
}
