import FluentKit
import SQLKit

/// Users, sessions and API tokens.
struct CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("username", .string, .required)
            .field("full_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("roles", .string, .required)
            .field("scope_mode", .string, .required)
            .field("must_change_password", .bool, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .field("last_login_at", .datetime)
            .unique(on: "username")
            .create()
        try await database.schema("sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema("api_tokens")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("name", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "users_organisation").on("users").column("organisation_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["api_tokens", "sessions", "users"] {
            try await database.schema(table).delete()
        }
    }
}
