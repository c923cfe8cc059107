import Testing
@testable import DanVanApp

@Suite("Row columns: a query selects what its row type holds")
struct LetterColumnsTests {
    static func normalised(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    @Test("the letter list and case selects are the row types' properties, joined names from their tables")
    func selects() {
        #expect(Self.normalised(LetterStore.listColumns) == [
            "l.id", "l.code", "l.unit_id", "u.name AS unit_name", "l.organisation_id", "o.name AS organisation_name", "l.received_on", "l.channel",
            "l.kind", "l.field", "l.status", "l.subject", "l.sender_label", "l.handler_id", "l.handler_name", "l.due_on", "l.due_rule", "l.is_repeat",
            "l.duplicate_of",
        ])
        let detail = Self.normalised(LetterStore.detailColumns)
        #expect(Set(detail).count == detail.count && detail.count > 40)
        #expect(detail.contains("o.kind AS organisation_kind") && detail.contains("l.notified_on") && detail.contains("l.created_by"))
        #expect(RowColumns.of(LetterEventRow.self).first == "id" && RowColumns.of(LetterEventRow.self).contains("user_id"))
    }
}
