import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// A user as pages and the API show it.
public struct UserSummary: Sendable, Codable, Equatable {
    public var id: UUID
    public var username: String
    public var fullName: String
    public var organisationID: UUID
    public var organisationName: String
    public var roles: String
    public var scopeMode: String
    public var active: Bool
    public var mustChangePassword: Bool
    public var email: String?

    var roleSet: Set<Role> { Role.decode(roles) }
}

/// What a form submits to create or change a user.
struct UserInput: Sendable {
    var username: String
    var fullName: String
    var organisationID: UUID?
    var roles: [Role]
    var scopeMode: ScopeMode
    var active: Bool = true
    /// An e-mail address, or empty for none.
    var email: String = ""
}

/// Users, passwords, sessions and API tokens.
struct AccountStore: Sendable {
    let database: AppDatabase
    let bcryptCost: Int
    let sessionHours: Int
    private var sql: any SQLDatabase { database.sql }

    static let minimumPasswordLength = 8

    // MARK: Authentication (no scope yet: these establish it)

    /// The user with this name and password, or nil.
    func verify(username: String, password: String) async throws -> User? {
        let name = username.lowercased()
        guard let user = try await User.query(on: database.db).filter(\.$username == name).first(), user.active else {
            // Spend the time of a real check so a missing account does not answer faster.
            _ = try await Secrets.hashPassword(password, cost: bcryptCost)
            return nil
        }
        return try await Secrets.verifyPassword(password, hash: user.passwordHash) ? user : nil
    }

    /// Opens a session; returns the cookie token (only its hash is stored).
    func startSession(for user: User, address: String) async throws -> String {
        let token = Secrets.token()
        let now = Date()
        let session = Session(tokenHash: Secrets.hash(token: token), userID: user.id!, csrfToken: Secrets.token(bytes: 24),
                              createdAt: now, expiresAt: now.addingTimeInterval(TimeInterval(sessionHours) * 3600))
        let scope = try await systemScope(for: user, address: address)
        try await database.db.transaction { tx in
            try await session.create(on: tx)
            user.lastLoginAt = now
            try await user.update(on: tx)
            try await AuditLog.record(on: tx, scope: scope, action: .login, recordType: "user",
                                      recordID: user.id, summary: user.username)
        }
        return token
    }

    /// The caller behind a session cookie, when the session is alive.
    /// Read at most once a second per session (``DatabaseCaches/identities``).
    func identity(sessionToken: String) async throws -> Identity? {
        let hash = Secrets.hash(token: sessionToken)
        return try await database.caches.identities.value(hash) {
            try await identity(where: "s.\(\Session.$tokenHash) = \(bind: hash) AND s.\(\Session.$expiresAt) > \(bind: Date())",
                               from: "sessions s JOIN users us ON us.id = s.\(\Session.$userID)", session: true)
        }
    }

    /// The caller behind an API bearer token.
    func identity(apiToken: String) async throws -> Identity? {
        try await identity(where: "t.\(\APIToken.$tokenHash) = \(bind: Secrets.hash(token: apiToken))",
                           from: "api_tokens t JOIN users us ON us.id = t.\(\APIToken.$userID)", session: false)
    }

    private func identity(where condition: SQLQueryString, from source: SQLQueryString, session: Bool) async throws -> Identity? {
        struct Row: Decodable {
            var id: UUID, username: String, fullName: String, roles: String, scopeMode: String, mustChangePassword: Bool
            var organisationID: UUID, organisationName: String, unitID: UUID, unitName: String, unitLevel: Int
            var csrfToken: String?, sessionID: UUID?
            var unread: Int
        }
        let columns = RowColumns.select(Row.self, from: "us", joined: [
            \.organisationID: "o.id", \.organisationName: "o.name", \.unitID: "u.id", \.unitName: "u.name", \.unitLevel: "u.level",
            \.csrfToken: session ? "s." + ColumnName.of(\Session.$csrfToken) : "NULL", \.sessionID: session ? "s.id" : "NULL",
            // The layout's count: API calls have no layout.
            \.unread: session ? Inbox.unreadColumn : "0",
        ])
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: columns)
            FROM \(source) JOIN organisations o ON o.id = us.\(\User.$organisationID) JOIN organisation_units u ON u.id = o.\(\Organisation.$unitID)
            WHERE \(condition) AND us.active = \(bind: true)
            """).rows(Row.self)
        guard let row = rows.first else { return nil }
        return Identity(userID: row.id, username: row.username, fullName: row.fullName, organisationID: row.organisationID,
                        organisationName: row.organisationName, unitID: row.unitID, unitName: row.unitName, unitLevel: row.unitLevel,
                        roles: Role.decode(row.roles), scopeMode: ScopeMode(rawValue: row.scopeMode) ?? .organisation,
                        mustChangePassword: row.mustChangePassword, csrfToken: row.csrfToken, sessionID: row.sessionID,
                        unread: row.unread)
    }

    /// The caller's own sessions that have not expired, newest first.
    func sessions(_ identity: Identity) async throws -> [Session] {
        try await Session.query(on: database.db).filter(\.$userID == identity.userID).filter(\.$expiresAt > Date())
            .sort(\.$createdAt, .descending).all()
    }

    /// Ends one of the caller's own sessions (another machine left signed in); not found for anyone else's.
    func endSession(_ identity: Identity, id: UUID, address: String) async throws {
        guard let session = try await Session.query(on: database.db).filter(\.$id == id).filter(\.$userID == identity.userID).first() else {
            throw AppError.notFound
        }
        try await database.db.transaction { tx in
            try await session.delete(on: tx)
            try await AuditLog.record(on: tx, scope: identity.scope(address: address), action: .logout, recordType: "user",
                                      recordID: identity.userID, summary: "\(identity.username): kết thúc một phiên khác")
        }
        database.caches.identities.clear()
    }

    func endSession(_ identity: Identity, address: String) async throws {
        guard let sessionID = identity.sessionID else { return }
        try await database.db.transaction { tx in
            try await Session.query(on: tx).filter(\.$id == sessionID).delete()
            try await AuditLog.record(on: tx, scope: identity.scope(address: address), action: .logout, recordType: "user",
                                      recordID: identity.userID, summary: identity.username)
        }
        database.caches.identities.clear()
    }

    /// Notes a failed login in the audit log (the name tried, never the password).
    func recordFailedLogin(username: String, address: String) async throws {
        let name = String(username.prefix(100))
        try await AuditLog.record(on: database.db, userID: nil, username: name, address: address, action: .loginFailed,
                                  recordType: "user", recordID: nil, summary: name)
    }

    /// Changes the caller's own password after checking the current one.
    func changePassword(_ identity: Identity, current: String, new: String, confirmation: String, address: String) async throws {
        var problems: [String: String] = [:]
        if new.count < Self.minimumPasswordLength { problems["new_password"] = "error_password_short" }
        if new != confirmation { problems["confirmation"] = "error_password_mismatch" }
        guard let user = try await User.find(identity.userID, on: database.db) else { throw AppError.notFound }
        if try await !Secrets.verifyPassword(current, hash: user.passwordHash) { problems["current_password"] = "error_password_wrong" }
        if new == current, problems["new_password"] == nil { problems["new_password"] = "error_password_same" }
        if !problems.isEmpty { throw ValidationError(problems) }
        user.passwordHash = try await Secrets.hashPassword(new, cost: bcryptCost)
        user.mustChangePassword = false
        try await database.db.transaction { tx in
            try await user.update(on: tx)
            // Every other session of the user ends (one opened with the old password, on another machine); API tokens stay.
            var others = Session.query(on: tx).filter(\.$userID == identity.userID)
            if let current = identity.sessionID { others = others.filter(\.$id != current) }
            try await others.delete()
            try await AuditLog.record(on: tx, scope: identity.scope(address: address), action: .update, recordType: "user",
                                      recordID: user.id, summary: "\(user.username): đổi mật khẩu", before: ["password": "***"], after: ["password": "***"])
        }
        database.caches.identities.clear()
    }

    /// Sets (or, empty, removes) the caller's own e-mail address.
    func changeEmail(_ identity: Identity, email: String, address: String) async throws {
        guard EmailAddress.isValid(email) else { throw ValidationError(["email": "error_email_format"]) }
        try await database.db.transaction { tx in
            guard let user = try await User.find(identity.userID, on: tx) else { throw AppError.notFound }
            let before = user.email ?? ""
            user.email = EmailAddress.normalised(email)
            guard (user.email ?? "") != before else { return }
            try await user.update(on: tx)
            try await AuditLog.record(on: tx, scope: identity.scope(address: address), action: .update, recordType: "user", recordID: user.id,
                                      summary: "\(user.username): đổi địa chỉ thư điện tử", before: ["email": before], after: ["email": user.email ?? ""])
        }
    }

    /// The caller's own e-mail address, empty for none.
    func email(_ identity: Identity) async throws -> String {
        try await User.find(identity.userID, on: database.db)?.email ?? ""
    }

    // MARK: Users, through the caller's scope

    private static let selectUsers: SQLQueryString = """
        SELECT \(unsafeRaw: RowColumns.select(UserSummary.self, from: "us", joined: [\.organisationName: "o.name"]))
        FROM users us JOIN organisations o ON o.id = us.\(\User.$organisationID)
        """

    private func inScope(_ scope: Scope) -> SQLQueryString {
        Reach.condition(scope, unit: "o.\(\Organisation.$unitID)", organisation: "o.id", shape: .probe)
    }

    func users(_ scope: Scope, organisationID: UUID? = nil) async throws -> [UserSummary] {
        try await users(scope, organisationID: organisationID, search: "", offset: 0, limit: 1_000).users
    }

    /// A page of the users in scope whose name or user name contains `search` (folded: "nguyen
    /// thi lan" finds Nguyễn Thị Lan), in the order of Vietnamese names (by given name), with how
    /// many there are in all. The names are read and ordered here, then the page's rows.
    func users(_ scope: Scope, organisationID: UUID? = nil, search: String, offset: Int, limit: Int) async throws -> (users: [UserSummary], total: Int) {
        try scope.require(.administrator)
        var condition: SQLQueryString = "\(inScope(scope))"
        if let organisationID { condition += " AND us.\(\User.$organisationID) = \(bind: organisationID)" }
        struct Name: Decodable { var id: UUID; var fullName: String; var username: String }
        var names = try await sql.raw("""
            SELECT us.id, us.\(\User.$fullName), us.username FROM users us JOIN organisations o ON o.id = us.\(\User.$organisationID)
            WHERE \(condition)
            """).rows(Name.self)
        let folded = VietnameseText.folded(search)
        if !folded.isEmpty { names = names.filter { VietnameseText.folded($0.fullName).contains(folded) || $0.username.contains(folded) } }
        // Vietnamese order of names; the same name (a common thing) ordered by user name, so that
        // each person is on exactly one page.
        names.sort { VietnameseText.comparePersons($0.fullName, $1.fullName)
            || (!VietnameseText.comparePersons($1.fullName, $0.fullName) && $0.username < $1.username) }
        let page = Array(names.dropFirst(offset).prefix(limit)).map(\.id)
        guard !page.isEmpty else { return ([], names.count) }
        let rows = try await sql.raw("\(Self.selectUsers) WHERE us.id IN (\(binds: page))").rows(UserSummary.self)
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
        return (page.compactMap { byID[$0] }, names.count)
    }

    /// A user in scope, for administrators; anyone else is answered as for a user out of
    /// reach (404), their own record included.
    func user(_ scope: Scope, id: UUID) async throws -> UserSummary {
        guard scope.has(.administrator), let user = try await sql.raw("\(Self.selectUsers) WHERE us.id = \(bind: id) AND \(inScope(scope))")
            .rows(UserSummary.self).first else { throw AppError.notFound }
        return user
    }

    /// Creates a user for an organisation in scope; returns the one-time password to hand over.
    func createUser(_ scope: Scope, input: UserInput) async throws -> (user: UserSummary, password: String) {
        guard let organisationID = input.organisationID else { throw ValidationError(["organisation_id": "error_required"]) }
        _ = try await OrganisationStore(database: database).organisation(scope, id: organisationID)
        try scope.require(.administrator)
        try await validate(input, existingID: nil)
        let password = Secrets.oneTimePassword()
        let user = User(username: input.username.lowercased(), fullName: input.fullName, passwordHash: try await Secrets.hashPassword(password, cost: bcryptCost),
                        organisationID: organisationID, roles: input.roles, scopeMode: input.scopeMode, mustChangePassword: true)
        user.email = EmailAddress.normalised(input.email)
        try await database.db.transaction { tx in
            try await user.create(on: tx)
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "user", recordID: user.id, summary: user.username, after: user.auditSnapshot)
        }
        return (try await self.user(scope, id: user.id!), password)
    }

    /// Changes a user's name, roles, scope and whether the account is active.
    func updateUser(_ scope: Scope, id: UUID, input: UserInput) async throws -> UserSummary {
        _ = try await user(scope, id: id)
        try await validate(input, existingID: id)
        try await database.db.transaction { tx in
            guard let user = try await User.find(id, on: tx) else { throw AppError.notFound }
            let before = user.auditSnapshot
            user.fullName = input.fullName
            user.roles = Role.encode(input.roles)
            user.scopeMode = input.scopeMode.rawValue
            user.active = input.active
            user.email = EmailAddress.normalised(input.email)
            let changes = AuditLog.changes(before: before, after: user.auditSnapshot)
            guard !changes.before.isEmpty || !changes.after.isEmpty else { return }
            try await user.update(on: tx)
            if !input.active { try await Session.query(on: tx).filter(\.$userID == id).delete() }
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "user", recordID: id, summary: user.username,
                                      before: changes.before, after: changes.after)
        }
        database.caches.identities.clear()
        return try await user(scope, id: id)
    }

    /// Gives a user a new one-time password and ends their sessions.
    func resetPassword(_ scope: Scope, id: UUID) async throws -> String {
        _ = try await user(scope, id: id)
        let password = Secrets.oneTimePassword()
        let hash = try await Secrets.hashPassword(password, cost: bcryptCost)
        try await database.db.transaction { tx in
            guard let user = try await User.find(id, on: tx) else { throw AppError.notFound }
            user.passwordHash = hash
            user.mustChangePassword = true
            try await user.update(on: tx)
            try await Session.query(on: tx).filter(\.$userID == id).delete()
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "user", recordID: id,
                                      summary: "\(user.username): cấp lại mật khẩu", before: ["password": "***"], after: ["password": "***"])
        }
        database.caches.identities.clear()
        return password
    }

    /// Issues an API token for the caller; only its hash is kept.
    func createAPIToken(_ identity: Identity, name: String, address: String) async throws -> String {
        let token = "dv_" + Secrets.token()
        let record = APIToken(tokenHash: Secrets.hash(token: token), userID: identity.userID, name: name.isEmpty ? "API" : name)
        try await database.db.transaction { tx in
            try await record.create(on: tx)
            try await AuditLog.record(on: tx, scope: identity.scope(address: address), action: .create, recordType: "api_token",
                                      recordID: record.id, summary: record.name)
        }
        return token
    }

    private func validate(_ input: UserInput, existingID: UUID?) async throws {
        var problems: [String: String] = [:]
        let username = input.username.lowercased()
        if existingID == nil {
            if username.count < 3 || username.count > 50 || !username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) {
                problems["username"] = "error_username_format"
            } else if try await User.query(on: database.db).filter(\.$username == username).count() > 0 {
                problems["username"] = "error_username_taken"
            }
        }
        if input.fullName.isEmpty { problems["full_name"] = "error_required" } else if input.fullName.count > 200 { problems["full_name"] = "error_too_long" }
        else if VietnameseText.validationProblem(input.fullName) != nil { problems["full_name"] = "error_text_encoding" }
        if input.roles.isEmpty { problems["roles"] = "error_roles_required" }
        if !EmailAddress.isValid(input.email) { problems["email"] = "error_email_format" }
        if !problems.isEmpty { throw ValidationError(problems) }
    }

    // MARK: First start

    /// Creates the first administrator when there is no user at all: acting for
    /// the national system-administration body, with a one-time password.
    /// Returns the password, or nil when users already exist.
    func createFirstAdministrator(username: String = "admin") async throws -> String? {
        guard try await User.query(on: database.db).count() == 0 else { return nil }
        let organisation = try await nationalAdministration()
        let password = Secrets.oneTimePassword()
        let user = User(username: username, fullName: "Quản trị hệ thống", passwordHash: try await Secrets.hashPassword(password, cost: bcryptCost),
                        organisationID: organisation.id!, roles: [.administrator], scopeMode: .subtree, mustChangePassword: true)
        let scope = try await commandLineScope(organisation: organisation)
        try await database.db.transaction { tx in
            try await user.create(on: tx)
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "user",
                                      recordID: user.id, summary: user.username, after: user.auditSnapshot)
        }
        return password
    }

    /// The national body administrators act for, created on first need.
    func nationalAdministration() async throws -> Organisation {
        guard let nation = try await OrganisationUnit.query(on: database.db).filter(\.$level == 0).first() else {
            throw AppError(.internalServerError, code: "units_missing", messageKey: "error_units_missing")
        }
        if let existing = try await Organisation.query(on: database.db).filter(\.$unitID == nation.id!).filter(\.$kind == "central_body").first() {
            return existing
        }
        let name = "Ban Quản trị hệ thống DanVan"
        let organisation = Organisation(unitID: nation.id!, kind: "central_body", name: name, searchName: VietnameseText.folded(name))
        try await organisation.create(on: database.db)
        return organisation
    }

    /// The scope of the `danvan` command line: the national administration, every role.
    func commandLineScope(organisation: Organisation? = nil) async throws -> Scope {
        var acting = organisation
        if acting == nil { acting = try await nationalAdministration() }
        guard let acting else { throw AppError.notFound }
        return Scope(userID: nil, username: "danvan-cli", organisationID: acting.id!, unitID: acting.unitID,
                     mode: .subtree, roles: Set(Role.allCases), address: "local", unitLevel: try await level(of: acting.unitID))
    }

    /// The scope of the public pages: no roles, the whole nation, for reading
    /// the administrative units a citizen picks from.
    func publicScope(address: String) async throws -> Scope {
        let national = try await nationalAdministration()
        return Scope(userID: nil, username: "cổng công khai", organisationID: national.id!, unitID: national.unitID,
                     mode: .subtree, roles: [], address: address, unitLevel: 0)
    }

    /// The scope of events that precede a session:
    /// a user acting for their own organisation.
    func systemScope(for user: User, address: String) async throws -> Scope {
        guard let organisation = try await Organisation.find(user.organisationID, on: database.db) else { throw AppError.notFound }
        return Scope(userID: user.id, username: user.username, organisationID: organisation.id!, unitID: organisation.unitID,
                     mode: ScopeMode(rawValue: user.scopeMode) ?? .organisation, roles: user.roleSet, address: address,
                     unitLevel: try await level(of: organisation.unitID))
    }

    private func level(of unitID: UUID) async throws -> Int? {
        try await OrganisationUnit.find(unitID, on: database.db)?.level
    }
}
