import Foundation

/// The part of the hierarchy a caller acts for, and who the caller is.
///
/// Every store function that reads or writes records takes a `Scope`: there is
/// no unscoped path. A record outside the scope is answered as not found.
public struct Scope: Sendable {
    public let userID: UUID?
    public let username: String
    /// The organisation the caller acts for.
    public let organisationID: UUID
    /// The unit of that organisation: the root of what the caller reaches.
    public let unitID: UUID
    public let mode: ScopeMode
    public let roles: Set<Role>
    /// Where the request came from, for the audit log.
    public let address: String

    init(userID: UUID?, username: String, organisationID: UUID, unitID: UUID, mode: ScopeMode, roles: Set<Role>, address: String) {
        self.userID = userID
        self.username = username
        self.organisationID = organisationID
        self.unitID = unitID
        self.mode = mode
        self.roles = roles
        self.address = address
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }

    /// Throws unless the caller has the role.
    func require(_ role: Role) throws(AppError) {
        guard has(role) else { throw AppError.forbidden }
    }
}
