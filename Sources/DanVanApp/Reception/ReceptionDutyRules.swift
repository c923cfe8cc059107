import DanVanDomain
import Foundation
import SQLKit

/// A reception-duty rule as the `reception_duty_rules` table keeps it.
struct DutyRuleRow: Codable, Sendable {
    var id: UUID
    var holder: String
    var level: Int
    var days: Int
    var per: String
    var source: String
    var effectiveFrom: String
    var createdBy: String

    init(_ rule: ReceptionDutyRule, createdBy: String) {
        id = UUID()
        holder = rule.holder.rawValue
        level = rule.level
        days = rule.days
        per = rule.per.rawValue
        source = rule.source
        effectiveFrom = rule.effectiveFrom.iso
        self.createdBy = createdBy
    }

    var rule: ReceptionDutyRule? {
        guard let holder = DutyHolder(rawValue: holder), let per = DutyPer(rawValue: per), let from = CivilDate(iso: effectiveFrom) else { return nil }
        return ReceptionDutyRule(holder: holder, level: level, days: days, per: per, source: source, effectiveFrom: from)
    }
}

extension ReceptionStore {
    /// The duty rules in force at any date (Luật Tiếp công dân Đ12–15, Quy định 11-QĐi/TW): the
    /// table the calendar's migration made, read here where the duty is computed.
    func dutyRules() async throws -> [ReceptionDutyRule] {
        try await database.sql.raw("SELECT \(unsafeRaw: RowColumns.select(DutyRuleRow.self, from: "r")) FROM reception_duty_rules r")
            .rows(DutyRuleRow.self).compactMap(\.rule)
    }
}
