import FluentKit

/// Who came to a visit (công dân đến, or the group's representative) and where they
/// live: what the reception register (sổ tiếp công dân) records for each visit, and what a
/// letter started from the visit takes as its sender.
struct AddVisitCitizen: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds one column per ALTER TABLE.
        try await database.schema("reception_visits").field("citizen_name", .string).update()
        try await database.schema("reception_visits").field("citizen_address", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reception_visits").deleteField("citizen_address").update()
        try await database.schema("reception_visits").deleteField("citizen_name").update()
    }
}
