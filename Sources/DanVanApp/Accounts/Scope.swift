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
    /// The level (cấp) of the scope's unit: 0 for the nation; nil when not known, which
    /// is never national.
    public let unitLevel: Int?

    init(userID: UUID?, username: String, organisationID: UUID, unitID: UUID, mode: ScopeMode, roles: Set<Role>, address: String,
         unitLevel: Int? = nil) {
        self.userID = userID
        self.username = username
        self.organisationID = organisationID
        self.unitID = unitID
        self.mode = mode
        self.roles = roles
        self.address = address
        self.unitLevel = unitLevel
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }

    /// The caller acts for the whole country: a unit of level 0, reached as a subtree.
    public var isNational: Bool { unitLevel == 0 && mode == .subtree }

    /// Throws unless the caller has the role.
    func require(_ role: Role) throws(AppError) {
        guard has(role) else { throw AppError.forbidden }
    }

    /// Settings that apply to the whole country (the calendar, Tết, deadline and duty rules,
    /// the statistics forms): a national administrator only.
    func requireNationalAdministrator() throws(AppError) {
        guard has(.administrator), isNational else { throw AppError.forbidden }
    }
}
