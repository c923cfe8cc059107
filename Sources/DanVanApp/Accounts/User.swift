import FluentKit
import Foundation

/// A person with an account. Acts for exactly one organisation.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    /// Lower-case login name, unique.
    @Field(key: "username") var username: String
    @Field(key: "full_name") var fullName: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "organisation_id") var organisationID: UUID
    /// Comma-separated ``Role`` keys.
    @Field(key: "roles") var roles: String
    /// ``ScopeMode`` raw value.
    @Field(key: "scope_mode") var scopeMode: String
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @Field(key: "active") var active: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?
    /// Where the inbox's digests go when e-mail is on (`danvan followup notify --mail`); none, no mail.
    @OptionalField(key: "email") var email: String?

    init() {}

    init(id: UUID = UUID(), username: String, fullName: String, passwordHash: String, organisationID: UUID, roles: [Role], scopeMode: ScopeMode, mustChangePassword: Bool) {
        self.id = id
        self.username = username
        self.fullName = fullName
        self.passwordHash = passwordHash
        self.organisationID = organisationID
        self.roles = Role.encode(roles)
        self.scopeMode = scopeMode.rawValue
        self.mustChangePassword = mustChangePassword
        self.active = true
    }

    var roleSet: Set<Role> { Role.decode(roles) }

    /// What the audit log keeps of a user: never the password hash.
    var auditSnapshot: [String: String] {
        [
            "username": username, ColumnName.of(\User.$fullName): fullName, ColumnName.of(\User.$organisationID): organisationID.uuidString,
            "roles": roles, ColumnName.of(\User.$scopeMode): scopeMode, "active": String(active), "email": email ?? "",
        ]
    }
}

/// A login session; the cookie carries a random token, the table its SHA-256.
final class Session: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "user_id") var userID: UUID
    /// The CSRF token every form of this session carries.
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(tokenHash: String, userID: UUID, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.id = UUID()
        self.tokenHash = tokenHash
        self.userID = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A bearer token for the JSON API, stored as its SHA-256.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "user_id") var userID: UUID
    @Field(key: "name") var name: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(tokenHash: String, userID: UUID, name: String) {
        self.id = UUID()
        self.tokenHash = tokenHash
        self.userID = userID
        self.name = name
    }
}
