import FluentKit
import SQLKit

/// Consolidation reads a subtree's values over a span of months: by unit first (the subtree is a
/// list of units), then the months, with the indicator and the value in the index so the sums
/// never read the table (`danvan bench reporting`).
struct AddReportFiguresIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).create(index: "data_values_subtree").on("data_values")
            .column("unit_id").column("first_month").column("last_month").column("indicator_id").column("value").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "data_values_subtree").run()
    }
}
