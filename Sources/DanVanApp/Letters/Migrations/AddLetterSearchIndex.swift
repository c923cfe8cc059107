import FluentKit
import SQLKit

/// The folded search of the work lists within a subtree.
///
/// SQLite: an index of (unit, search text, due date, receipt, id) covers the
/// search and the default order, so a search reads index entries instead of
/// every letter of a province (87 → 16 ms for Tỉnh Gia Lai's 38,000 letters).
/// PostgreSQL gets its index later, once search texts are cut to fit a b-tree
/// entry (``AddLetterSearchCover``). A trigram index (pg_trgm) was measured
/// slower for searches within a province (p95 133 → 325 ms at 1,000,000
/// letters): the planner reads every match of a common word in the nation
/// before keeping the province's.
struct AddLetterSearchIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name != "postgresql" else { return }
        try await sql.create(index: "letters_search_cover").on("letters")
            .column("unit_id").column("search_text").column("due_on").column("received_on").column("id").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name != "postgresql" else { return }
        try await sql.drop(index: "letters_search_cover").run()
    }
}
