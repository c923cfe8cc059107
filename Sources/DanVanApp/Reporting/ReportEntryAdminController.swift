import DanVanDomain
import Foundation
import Hummingbird

/// The pages of a national administrator: the indicators (name, unit, decimals) and the forms'
/// versions, a new version applying from a day.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET, POST | /reporting/indicators | the indicators; one changed |
/// | GET | /reporting/forms | the forms, their versions, a new version's form |
/// | POST | /reporting/forms/versions | a new version |
struct ReportEntryAdminController: Sendable {
    let admin: ReportFormAdmin
    let renderer: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        let administrators = router.nationalAdministrators()
        administrators.get(SiteURL.Pattern.reportIndicators) { _, context in
            try await indicators(context: context)
        }
        administrators.post(SiteURL.Pattern.reportIndicators) { request, context in
            let form = try await FormData.from(request, context: context)
            let input = IndicatorInput(code: form["code"], name: form["name"], unit: form["unit"], fractionDigits: form["fraction_digits"])
            do {
                try await admin.updateIndicator(context.scope, input: input)
            } catch let problems as ReportAdminProblems {
                return try await indicators(context: context, failed: (input, problems))
            }
            return Response.redirect(to: SiteURL.reportIndicators.path)
        }
        administrators.get(SiteURL.Pattern.reportForms) { _, context in
            try await forms(context: context)
        }
        administrators.post(SiteURL.Pattern.reportFormVersions) { request, context in
            let form = try await FormData.from(request, context: context)
            let input = FormVersionInput(
                form: form["form"], validFrom: form["valid_from"], frequency: form["frequency"], cutOffDay: form["cut_off_day"],
                cutOffMonth: form["cut_off_month"], opensAfter: form["opens_after"], closesAfter: form["closes_after"],
                organisationKinds: form.all("organisation_kinds"), levels: form.all("levels"), approverKinds: form.all("approver_kinds"),
                rules: form.text("rules"), items: form.text("items"))
            do {
                try await admin.addVersion(context.scope, input: input)
            } catch let problems as ReportAdminProblems {
                return try await forms(context: context, failed: (input, problems))
            }
            return Response.redirect(to: SiteURL.reportForms.path)
        }
    }

    struct IndicatorLine: Sendable, Encodable {
        var code: String
        var name: String
        var unit: String
        var fractionDigits: String
        var source: String
        var aggregation: String
        var errors: [String: String]
        var id: String
    }

    struct IndicatorsPage: Sendable, Encodable {
        var lines: [IndicatorLine]
        var action: String
    }

    private func indicators(context: SignedInContext, failed: (IndicatorInput, ReportAdminProblems)? = nil) async throws -> Response {
        let t = renderer.catalogue, language = context.language
        let lines = try await admin.catalogue.indicators().map { indicator in
            let typed = failed?.0.code == indicator.code ? failed?.0 : nil
            return IndicatorLine(code: indicator.code, name: typed?.name ?? indicator.name, unit: typed?.unit ?? indicator.unit,
                                 fractionDigits: typed?.fractionDigits ?? String(indicator.fractionDigits),
                                 source: t.text("reporting_source_" + indicator.source, language), aggregation: t.text("reporting_aggregation_" + indicator.aggregation, language),
                                 errors: typed == nil ? [:] : failed?.1.fields ?? [:], id: "indicator-" + indicator.code.replacingOccurrences(of: ".", with: "-"))
        }
        return renderer.render("reporting/indicators", titleKey: "reporting_indicators_title", page: IndicatorsPage(lines: lines, action: SiteURL.reportIndicators.path),
                               context: context, status: failed == nil ? .ok : .unprocessableContent, section: "reporting")
    }

    struct Choice: Sendable, Encodable {
        var value: String
        var label: String
        var checked: Bool
        var id: String
    }

    struct VersionLine: Sendable, Encodable {
        var validFrom: String
        var frequency: String
        var who: String
        var approvers: String
        var items: String
        var createdBy: String
    }

    struct FormBlock: Sendable, Encodable {
        var code: String
        var name: String
        var versions: [VersionLine]
        var validFrom: String
        var frequencies: [FormOption]
        var cutOffDay: String
        var cutOffMonth: String
        var opensAfter: String
        var closesAfter: String
        var kinds: [Choice]
        var levels: [Choice]
        var approverKinds: [Choice]
        var rules: String
        var items: String
        var errors: [String: String]
        var open: Bool
    }

    struct FormsPage: Sendable, Encodable {
        var forms: [FormBlock]
        var action: String
    }

    private func forms(context: SignedInContext, failed: (FormVersionInput, ReportAdminProblems)? = nil) async throws -> Response {
        let t = renderer.catalogue, language = context.language
        let kinds = try await admin.kinds()
        let kindNames = Dictionary(kinds.map { ($0.key, $0.name) }, uniquingKeysWith: { first, _ in first })
        let levelNames = [0: "Trung ương", 1: "Tỉnh", 2: "Huyện", 3: "Xã", 4: "Thôn"]
        var blocks: [FormBlock] = []
        for form in try await admin.catalogue.forms() {
            let records = try await admin.catalogue.versions(of: form)
            var versions: [VersionLine] = []
            for record in records {
                let version = try await admin.catalogue.version(form, record)
                versions.append(VersionLine(
                    validFrom: CivilDate(iso: record.validFrom).map(VietnameseFormat.date) ?? record.validFrom,
                    frequency: t.text("reporting_frequency_" + record.frequency, language),
                    who: version.kinds.map { kindNames[$0] ?? $0 }.joined(separator: ", ") + " — " + version.levels.map { levelNames[$0] ?? String($0) }.joined(separator: ", "),
                    approvers: version.approverKinds.map { kindNames[$0] ?? $0 }.joined(separator: ", "),
                    items: VietnameseFormat.integer(version.items.count), createdBy: record.createdBy))
            }
            var latest: ReportFormVersion?
            if let first = records.first { latest = try await admin.catalogue.version(form, first) }
            let typed = failed?.0.form == form.code ? failed?.0 : nil
            let selectedKinds = Set(typed?.organisationKinds ?? latest?.kinds ?? [])
            let selectedLevels = Set(typed?.levels ?? latest?.levels.map(String.init) ?? [])
            let selectedApprovers = Set(typed?.approverKinds ?? latest?.approverKinds ?? [])
            let frequency = typed?.frequency ?? latest?.frequency.rawValue ?? ReportingFrequency.month.rawValue
            blocks.append(FormBlock(
                code: form.code, name: form.name, versions: versions,
                validFrom: typed?.validFrom ?? "",
                frequencies: ReportingFrequency.allCases.map { FormOption(value: $0.rawValue, label: t.text("reporting_frequency_" + $0.rawValue, language), selected: $0.rawValue == frequency) },
                cutOffDay: typed?.cutOffDay ?? latest.map { String($0.cutOff.day) } ?? "",
                cutOffMonth: typed?.cutOffMonth ?? latest?.cutOff.month.map(String.init) ?? "",
                opensAfter: typed?.opensAfter ?? latest.map { String($0.window.opens) } ?? "", closesAfter: typed?.closesAfter ?? latest.map { String($0.window.closes) } ?? "",
                kinds: kinds.map { Choice(value: $0.key, label: $0.name, checked: selectedKinds.contains($0.key), id: "kind-\(form.code)-\($0.key)") },
                levels: (1...4).map { Choice(value: String($0), label: levelNames[$0] ?? String($0), checked: selectedLevels.contains(String($0)), id: "level-\(form.code)-\($0)") },
                approverKinds: kinds.map { Choice(value: $0.key, label: $0.name, checked: selectedApprovers.contains($0.key), id: "approver-\(form.code)-\($0.key)") },
                rules: typed?.rules ?? latest.map { $0.rules.map(\.description).joined(separator: "\n") } ?? "",
                items: typed?.items ?? latest.map(ReportFormAdmin.itemsText) ?? "",
                errors: typed == nil ? [:] : failed?.1.fields ?? [:], open: typed != nil))
        }
        return renderer.render("reporting/forms", titleKey: "reporting_forms_title", page: FormsPage(forms: blocks, action: SiteURL.reportFormVersions.path),
                               context: context, status: failed == nil ? .ok : .unprocessableContent, section: "reporting")
    }
}
