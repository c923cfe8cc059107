import Foundation

/// The authenticated caller of a request: who they are and for which organisation they act.
public struct Identity: Sendable {
    public var userID: UUID
    public var username: String
    public var fullName: String
    public var organisationID: UUID
    public var organisationName: String
    public var unitID: UUID
    public var unitName: String
    /// The level (cấp) of that unit: 0 for the nation.
    public var unitLevel: Int
    public var roles: Set<Role>
    public var scopeMode: ScopeMode
    public var mustChangePassword: Bool
    /// The session's CSRF token; nil for API-token callers, who send no forms.
    public var csrfToken: String?
    /// The session row, to end it on logout.
    public var sessionID: UUID?
    /// Unread notifications of the inbox, as the layout shows them.
    public var unread: Int = 0

    /// The scope every store call of this request goes through.
    public func scope(address: String) -> Scope {
        Scope(userID: userID, username: username, organisationID: organisationID, unitID: unitID, mode: scopeMode, roles: roles, address: address,
              unitLevel: unitLevel)
    }
}
