import FluentKit
import SQLKit

/// The document that replaces another is found through this index (the document list and page).
struct AddDocumentReplacesIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).create(index: "documents_replaces").on("documents").column("replaces_id").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "documents_replaces").run()
    }
}
