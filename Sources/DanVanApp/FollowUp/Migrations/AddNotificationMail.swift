import FluentKit

/// E-mail of the inbox: a user's address, and when a notification went out in a digest.
struct AddNotificationMail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("email", .string).update()
        try await database.schema("notifications").field("mailed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notifications").deleteField("mailed_at").update()
        try await database.schema("users").deleteField("email").update()
    }
}
