import DanVanDomain
import Foundation

extension ReportingCapability {
    static func keyFigures(_ context: WaitingContext) async throws -> [KeyFigure] {
        try await ReportFiguresHome(store: ReportFiguresStore(database: context.services.database), catalogue: context.services.catalogue).figures(context)
    }
}

/// The key indicators on the home page: the signed-in person's reach (its subtree, or its
/// organisation alone) this month under the first form's cut-off, beside the month before, in
/// one consolidation read; each links to its pivot.
struct ReportFiguresHome: Sendable {
    let store: ReportFiguresStore
    let catalogue: StringCatalogue

    /// The indicators shown, in order: reception, letters and their resolution, propaganda, satisfaction.
    static let codes = ["TIEP_DAN_LUOT", "DON_TIEP_NHAN", "DON_TY_LE_GIAI_QUYET", "TUYEN_TRUYEN_BUOI", "KHAO_SAT_TY_LE_HAI_LONG"]

    func figures(_ context: WaitingContext) async throws -> [KeyFigure] {
        let all = try await store.indicators()
        let indicators = Self.codes.compactMap { code in all.first { $0.code == code } }
        guard !indicators.isEmpty, let form = try await store.forms().first else { return [] }
        let cutOff = ReportFiguresStore.cutOff(try await store.version(formID: form.id, on: context.today))
        guard let current = cutOff.period(containing: context.today, .month), let previous = current.previous else { return [] }
        let scope = context.scope
        let target = scope.mode == .organisation ? FigureTarget(root: scope.unitID, organisationID: scope.organisationID) : FigureTarget(root: scope.unitID)
        let grid = try await store.consolidate(scope, target: target, periods: [current, previous], cutOff: cutOff, indicators: indicators, catalogue: all, today: context.today)
        let now = grid[scope.unitID]?[current] ?? [:], before = grid[scope.unitID]?[previous] ?? [:]
        let pairs: [(String, String?)] = [("unit", scope.unitID.uuidString.lowercased()), ("period", current.key), ("form", form.code),
                                          ("indicators", Self.codes.joined(separator: ","))]
        return indicators.map { indicator in
            let value = now[indicator.code], earlier = before[indicator.code]
            let trend: String? = if let value, let earlier {
                catalogue.text("report_figures_trend", context.language,
                               [FigureChange(value, from: earlier).text(percentagePoints: indicator.isRatio), previous.label(context.language)])
            } else { nil }
            return KeyFigure(label: "\(indicator.name) (\(indicator.unit))", value: ReportFiguresController.text(value, indicator), period: current.label(context.language),
                             trend: trend, href: SiteURL.reportFiguresOf(pairs).path)
        }
    }
}
