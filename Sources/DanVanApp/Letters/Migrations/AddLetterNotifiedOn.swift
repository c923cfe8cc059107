import FluentKit

/// Thông báo thụ lý tố cáo: the day the denouncer was told of the acceptance
/// (Luật Tố cáo 2018 Đ29), whose due date the case page shows.
struct AddLetterNotifiedOn: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("letters").field("notified_on", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("letters").deleteField("notified_on").update()
    }
}
