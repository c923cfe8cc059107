import FluentKit

/// The file a document carries (its text as issued), one per document.
struct CreateDocumentFiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("document_files")
            .id()
            .field("document_id", .uuid, .required, .references("documents", "id"))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("data", .data, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "document_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("document_files").delete()
    }
}
