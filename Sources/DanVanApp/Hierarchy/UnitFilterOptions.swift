import DanVanDomain
import Foundation

extension UnitStore {
    /// The units a report's filter offers: the caller's own, the units directly below it (in
    /// force today, in Vietnamese order), and the chosen one when it is neither.
    func filterOptions(_ scope: Scope, selected: UnitSummary) async throws -> [FormOption] {
        let own = try await unit(scope, id: scope.unitID)
        let children = try await children(scope, of: scope.unitID, on: CivilDate.today(now: Date())).sortedVietnamese()
        var options = ([own] + children).map { FormOption(value: $0.id.uuidString.lowercased(), label: $0.name, selected: $0.id == selected.id) }
        if !options.contains(where: \.selected) { options.append(FormOption(value: selected.id.uuidString.lowercased(), label: selected.name, selected: true)) }
        return options
    }
}
