import FluentKit
import SQLKit

/// The statistics of a subtree read every column a ``LetterFigure`` condition
/// uses; an index that holds them all lets the statistics read the index alone
/// instead of letters scattered over the table. Measured on PostgreSQL at
/// 1,000,000 letters (with the table vacuumed): province-year statistics
/// p95 444 → 66 ms.
struct AddLetterFigureIndex: AsyncMigration {
    static let figureColumns = ["processed_on", "accepted_on", "resolved_on", "withdrawn_on", "answer_received_on", "disposition", "kind",
                                "field", "outcome", "resolution_due_on"]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE INDEX letters_figures ON letters (unit_id, received_on) INCLUDE (\(unsafeRaw: Self.figureColumns.joined(separator: ", ")))
                """).run()
        } else {
            var index = sql.create(index: "letters_figures").on("letters").column("unit_id").column("received_on")
            for column in Self.figureColumns { index = index.column(column) }
            try await index.run()
        }
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "letters_figures").run()
    }
}
