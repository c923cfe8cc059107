import FluentKit
import SQLKit

/// The organisation a notification was given for (the user's at the time): the inbox and its
/// count show only those of the user's current organisation. Existing rows take the user's
/// organisation of today.
struct AddNotificationOrganisation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notifications").field("organisation_id", .uuid).update()
        let sql = database as! any SQLDatabase
        try await sql.raw("UPDATE notifications SET organisation_id = (SELECT users.organisation_id FROM users WHERE users.id = notifications.user_id)").run()
        // The unread count of a user reads this index alone.
        try await sql.drop(index: "notifications_user_unread").run()
        try await sql.create(index: "notifications_user_unread").on("notifications").column("user_id").column("read_at").column("organisation_id").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "notifications_user_unread").run()
        try await sql.create(index: "notifications_user_unread").on("notifications").column("user_id").column("read_at").run()
        try await database.schema("notifications").deleteField("organisation_id").update()
    }
}
