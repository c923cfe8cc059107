import DanVanDomain
import Foundation
import Hummingbird

/// A model's page: what it is, its goals and who implements it, its years, results with their
/// evidence, evaluations, commendations, where it came from and where it spread, its flags
/// with their reasons, and the forms of its steps.
extension ModelController {
    struct ShowPage: Sendable, Encodable {
        struct Fact: Sendable, Encodable { var label: String; var value: String }
        struct Goal: Sendable, Encodable { var description: String; var indicator: String; var target: String; var reached: String }
        struct Line: Sendable, Encodable { var cells: [String]; var files: [FileLink] }
        struct FileLink: Sendable, Encodable { var href: String; var filename: String }
        struct Flag: Sendable, Encodable { var label: String; var reason: String; var href: String? }
        struct Link: Sendable, Encodable { var href: String; var label: String }
        var name: String
        var saved: String?
        var facts: [Fact]
        var goals: [Goal]
        var partners: [Fact]
        var years: [Fact]
        var results: [Line]
        var evaluations: [Line]
        var commendations: [Line]
        var flags: [Flag]
        var origin: Link?
        var adopters: [Link]
        var stopped: Bool
        /// Rate as a survey team and commend (those above the organisation).
        var mayJudge: Bool
        /// Record an evaluation (a self-assessment at least).
        var mayAssess: Bool
        var goalOptions: [FormOption]
        var methods: [FormOption]
        var ratings: [FormOption]
        var levels: [FormOption]
        var forms: [FormOption]
        /// The registration years an evaluation or a commendation may count for.
        var evaluationRounds: [FormOption]
        var commendationRounds: [FormOption]
        var result: FormState
        var evaluation: FormState
        var commendation: FormState
        var stop: FormState
        var goal: FormState
        var goalAction: String
        var resultAction: String
        var evaluationAction: String
        var commendationAction: String
        var stopAction: String
        var adoptHref: String
        var listHref: String
        /// The edit form, for its writers.
        var editHref: String?
    }

    static func day(_ iso: String?) -> String { iso.flatMap(CivilDate.init(iso:)).map(VietnameseFormat.date) ?? "" }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? VietnameseFormat.integer(Int(value)) : VietnameseFormat.decimal(value, fractionDigits: 2)
    }

    /// The reason of a raised flag, in words.
    func reason(_ hit: ModelFlagHit, names: [String: String], context: some PageContext) -> ShowPage.Flag {
        let label = text("model_flag_" + hit.flag.rawValue, context)
        switch hit.flag {
        case .noMeasurableGoal: return .init(label: label, reason: text("model_reason_no_goal", context))
        case .noResult: return .init(label: label, reason: text("model_reason_no_result", context, [hit.day.map(VietnameseFormat.date) ?? ""]))
        case .stale: return .init(label: label, reason: text("model_reason_stale", context, [hit.day.map(VietnameseFormat.date) ?? "", String(models.settings.staleMonths)]))
        case .nearDuplicate:
            return .init(label: label, reason: text("model_reason_duplicate", context, [names[hit.other ?? ""] ?? "", VietnameseFormat.percent(hit.similarity ?? 0, fractionDigits: 0)]),
                         href: hit.other.flatMap(UUID.init(uuidString:)).map { SiteURL.model($0).path })
        }
    }

    func show(id: UUID, saved: String?, forms: [String: FormState] = [:], context: SignedInContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let scope = context.scope
        let detail = try await models.detail(scope, id: id)
        let model = detail.model
        func t(_ key: String, _ arguments: [String] = []) -> String { text(key, context, arguments) }
        var facts: [ShowPage.Fact] = [
            .init(label: t("model_organisation"), value: "\(detail.organisationName) (\(detail.unitName))"),
            .init(label: t("model_kind"), value: t("model_kind_" + model.kind) + (model.personName.map { ": " + $0 + (model.personPosition.map { ", " + $0 } ?? "") } ?? "")),
            .init(label: t("model_field"), value: t("model_field_" + model.field) + (model.topics.isEmpty ? "" : " · " + model.topics)),
        ]
        for (key, value) in [("model_situation", model.situation), ("model_targets", model.targets), ("model_beneficiaries", model.beneficiaries), ("model_method", model.method)]
        where !value.isEmpty { facts.append(.init(label: t(key), value: value)) }
        let resources = [model.resourceMoney.map(VietnameseFormat.money), model.resourceLabour.map { t("model_workdays", [VietnameseFormat.integer($0)]) },
                         model.resourceInKind.nilIfEmpty].compactMap { $0 }
        if !resources.isEmpty { facts.append(.init(label: t("model_resources"), value: resources.joined(separator: "; "))) }
        facts.append(.init(label: t("model_started_on"), value: Self.day(model.startedOn)))
        if let evaluation = model.evaluationOn { facts.append(.init(label: t("model_evaluation_on"), value: Self.day(evaluation))) }
        if let stopped = model.stoppedOn { facts.append(.init(label: t("model_stopped_on"), value: Self.day(stopped))) }
        let reached = Dictionary(grouping: detail.results.filter { $0.goalID != nil && $0.value != nil }, by: { $0.goalID! })
        func rounds(_ form: String) -> [FormOption] {
            let chosen = forms[form]?.values["year"] ?? ""
            return [FormOption(value: "", label: t("model_round_by_day"), selected: chosen.isEmpty)]
                + detail.years.reversed().map { FormOption(value: String($0.year), label: String($0.year), selected: String($0.year) == chosen) }
        }
        /// A day, and the year it counts for when that is not the day's own.
        func day(_ iso: String, round: Int) -> String {
            Self.day(iso) + (CivilDate(iso: iso)?.year == round ? "" : " (" + t("model_round") + " " + String(round) + ")")
        }
        let goalNames = Dictionary(uniqueKeysWithValues: detail.goals.map { ($0.id, $0.indicator) })
        let levels = try await models.ratingLevels()
        let labels = Dictionary(levels.map { ($0.key, $0.label) }, uniquingKeysWith: { first, _ in first })
        let chosenRating = forms["evaluation"]?.values["rating"] ?? ""
        let page = ShowPage(
            name: model.name, saved: saved.map { t("model_saved_" + $0) }, facts: facts,
            goals: detail.goals.map { goal in
                .init(description: goal.description, indicator: goal.indicator, target: Self.number(goal.target) + (goal.measure.isEmpty ? "" : " " + goal.measure),
                      reached: reached[goal.id]?.last.flatMap(\.value).map { Self.number($0) + (goal.measure.isEmpty ? "" : " " + goal.measure) } ?? "")
            },
            partners: detail.partners.map { .init(label: t("model_role_" + $0.role), value: $0.name) },
            years: detail.years.map { .init(label: String($0.year), value: t("model_status_" + $0.status)) },
            results: detail.results.map { result in
                .init(cells: [Self.day(result.reportedOn), result.goalID.flatMap { goalNames[$0] } ?? "", result.value.map(Self.number) ?? "", result.note],
                      files: detail.evidence.filter { $0.resultID == result.id }.map { .init(href: SiteURL.modelEvidence(id, $0.id).path, filename: $0.filename) })
            },
            evaluations: detail.evaluations.map { e in
                .init(cells: [day(e.evaluatedOn, round: e.year), t("model_method_" + e.method) + (e.team.isEmpty ? "" : ": " + e.team), e.members, labels[e.rating] ?? e.rating, e.findings], files: [])
            },
            commendations: detail.commendations.map { c in
                .init(cells: [t("model_level_" + c.level), t("model_form_" + c.form), c.decisionNumber, day(c.decidedOn, round: c.year), c.decidedBy], files: [])
            },
            flags: detail.flags.map { reason($0, names: detail.flagNames, context: context) },
            origin: detail.origin.map { .init(href: SiteURL.model($0.id).path, label: "\($0.name) (\($0.organisationName))") },
            adopters: detail.adopters.map { .init(href: SiteURL.model($0.id).path, label: "\($0.organisationName) (\($0.unitName))") },
            stopped: model.stoppedOn != nil, mayJudge: ModelStore.mayJudge(scope, model), mayAssess: ModelStore.mayAssess(scope, model),
            goalOptions: [FormOption(value: "", label: t("model_result_no_goal"), selected: (forms["result"]?.values["goal_id"] ?? "").isEmpty)]
                + detail.goals.map { FormOption(value: $0.id.uuidString.lowercased(), label: $0.indicator, selected: forms["result"]?.values["goal_id"] == $0.id.uuidString.lowercased()) },
            methods: options(ModelEvaluationMethod.self, prefix: "model_method_", selected: forms["evaluation"]?.values["method"] ?? "team", context: context),
            ratings: [FormOption(value: "", label: "", selected: chosenRating.isEmpty)]
                + levels.filter { $0.retiredOn == nil }.map { FormOption(value: $0.key, label: $0.label, selected: $0.key == chosenRating) },
            levels: options(ModelCommendationLevel.self, prefix: "model_level_", selected: forms["commendation"]?.values["level"], context: context, empty: ""),
            forms: options(ModelCommendationForm.self, prefix: "model_form_", selected: forms["commendation"]?.values["form"], context: context, empty: ""),
            evaluationRounds: rounds("evaluation"), commendationRounds: rounds("commendation"),
            result: forms["result"] ?? FormState(), evaluation: forms["evaluation"] ?? FormState(), commendation: forms["commendation"] ?? FormState(),
            stop: forms["stop"] ?? FormState(), goal: forms["goal"] ?? FormState(), goalAction: SiteURL.modelGoals(id).path,
            resultAction: SiteURL.modelResults(id).path, evaluationAction: SiteURL.modelEvaluations(id).path,
            commendationAction: SiteURL.modelCommendations(id).path, stopAction: SiteURL.modelStop(id).path,
            adoptHref: SiteURL.modelNew(origin: id).path, listHref: SiteURL.models.path,
            editHref: ModelStore.writers.contains(where: scope.has) ? SiteURL.modelEdit(id).path : nil)
        return renderer.render("models/model_show", titleKey: "model_title", title: model.name, page: page, context: context, status: status, section: "models")
    }
}
