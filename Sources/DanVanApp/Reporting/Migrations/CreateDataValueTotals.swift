import FluentKit
import SQLKit

/// The totals of entered values by top-level unit and span of months (`DataValueTotalRecord`),
/// made from the values already stored. The key's order serves consolidation: a unit, then its
/// months (a province-year is one range of the index), then the indicators.
struct CreateDataValueTotals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("data_value_totals")
            .field("unit_id", .uuid, .required, .references("organisation_units", "id"))
            .field("first_month", .int, .required)
            .field("last_month", .int, .required)
            .field("indicator_id", .uuid, .required, .references("indicators", "id"))
            .field("total", .double, .required)
            .field("n", .int, .required)
            .unique(on: "unit_id", "first_month", "last_month", "indicator_id")
            .create()
        try await DataValueTotals.rebuild(on: database as! any SQLDatabase)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("data_value_totals").delete()
    }
}
