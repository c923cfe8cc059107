import Foundation
import Testing
@testable import DanVanApp

/// A column is named once, by a row property or a Fluent field; queries name it by its key path.
@Suite("Typed column keys")
struct ColumnKeyTests {
    @Test("a row property's key path names its column by the one convention, in debug and release builds alike")
    func rowProperties() {
        #expect(ColumnName.of(\UnitPath.descendantID) == "descendant_id")
        #expect(ColumnName.of(\UnitPath.viaHistory) == "via_history")
        #expect(ColumnName.of(\LetterDetail.answerReceivedOn) == "answer_received_on")
        #expect(ColumnName.of(\Validity.validFrom) == "valid_from")
        // The same key twice reads the cache.
        #expect(ColumnName.of(\UnitPath.descendantID) == "descendant_id")
    }

    @Test("a Fluent model's field key path names the key it was declared with")
    func fluentFields() {
        #expect(ColumnName.of(\OrganisationUnit.$parentID) == "parent_id")
        #expect(ColumnName.of(\Organisation.$danVanLeaderTitle) == "dan_van_leader_title")
        #expect(ColumnName.of(\AuditEntry.$createdBy) == "created_by")
    }

    @Test("a select list comes from the row type, with the joined columns' expressions")
    func selectList() {
        #expect(RowColumns.select(UnitPath.self, from: "p") == "p.ancestor_id, p.descendant_id, p.depth, p.via_history")
        #expect(RowColumns.select(OrganisationSummary.self, from: "o", joined: [\.unitName: "u.name"]).hasPrefix("o.id, o.unit_id, u.name AS unit_name, o.kind"))
    }
}
