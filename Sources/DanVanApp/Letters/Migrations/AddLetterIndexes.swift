import FluentKit
import SQLKit

/// Indexes for the work lists over a subtree: open cases of a unit by due date
/// (the overdue and due-soon lists), found per unit of the subtree.
struct AddLetterIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "letters_unit_status_due").on("letters").column("unit_id").column("status").column("due_on").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "letters_unit_status_due").run()
    }
}
