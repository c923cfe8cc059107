import DanVanDomain
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// A database left at any point of the migration list, with records in it, upgrades to
/// the end and keeps every record (issue: data safety, "upgrades tested from every earlier
/// schema"). The records are written as the schema of their time had them: each stage's
/// statements use the column names its migration created, never today's.
@Suite("Upgrades from every earlier schema keep the records")
struct UpgradeTests {
    static let unit = UUID(), organisation = UUID(), user = UUID(), audit = UUID(), override = UUID()
    static let session = UUID(), visit = UUID(), letter = UUID(), event = UUID()

    /// Records written right after the migration that created their tables, in that schema.
    struct Stage: Sendable {
        var after: String
        var write: @Sendable (any SQLDatabase) async throws -> Void
    }

    static let stages: [Stage] = [
        Stage(after: "DanVanApp.CreateHierarchy") { sql in
            try await sql.raw("""
                INSERT INTO organisation_units (id, code, name, search_name, type, level, parent_id, valid_from, valid_to)
                VALUES (\(bind: unit), '99', 'Tỉnh Thử Nghiệm', 'tinh thu nghiem', 'province', 1, NULL, NULL, NULL)
                """).run()
            try await sql.raw("INSERT INTO unit_paths (ancestor_id, descendant_id, depth, via_history) VALUES (\(bind: unit), \(bind: unit), 0, \(bind: false))").run()
        },
        Stage(after: "DanVanApp.CreateOrganisations") { sql in
            try await sql.raw("""
                INSERT INTO organisations (id, unit_id, kind, name, search_name, parent_organisation_id, valid_from, valid_to, dan_van_leader,
                dan_van_leader_title, created_at, updated_at)
                VALUES (\(bind: organisation), \(bind: unit), 'party_committee', 'Tỉnh ủy Thử Nghiệm', 'tinh uy thu nghiem', NULL, NULL, NULL,
                'Nguyễn Văn An', 'Trưởng ban', \(bind: Date()), \(bind: Date()))
                """).run()
        },
        Stage(after: "DanVanApp.CreateAccounts") { sql in
            try await sql.raw("""
                INSERT INTO users (id, username, full_name, password_hash, organisation_id, roles, scope_mode, must_change_password, active, created_at)
                VALUES (\(bind: user), 'canbo.cu', 'Trần Thị Bình', 'x', \(bind: organisation), 'reception_officer', 'subtree', \(bind: false), \(bind: true), \(bind: Date()))
                """).run()
        },
        Stage(after: "DanVanApp.CreateAuditLog") { sql in
            try await sql.raw("""
                INSERT INTO audit_entries (id, at, user_id, username, action, record_type, record_id, summary, before, after, address)
                VALUES (\(bind: audit), \(bind: Date()), \(bind: user), 'canbo.cu', 'create', 'user', \(bind: user.uuidString), 'Tạo tài khoản', '', '', 'test')
                """).run()
        },
        Stage(after: "DanVanApp.CreateCalendarAndRules") { sql in
            try await sql.raw("""
                INSERT INTO calendar_overrides (id, date, kind, note, set_by, set_at)
                VALUES (\(bind: override), '2027-03-03', 'day_off', 'Nghỉ bù', 'quantri.cu', \(bind: Date()))
                """).run()
        },
        Stage(after: "DanVanApp.CreateReception") { sql in
            try await sql.raw("""
                INSERT INTO reception_sessions (id, unit_id, organisation_id, date, place, receiver_kind, holder, receiver_name, note, created_by, created_at)
                VALUES (\(bind: session), \(bind: unit), \(bind: organisation), '2025-03-10', 'Trụ sở tiếp công dân', 'officer', NULL, 'Trần Thị Bình', '',
                'canbo.cu', \(bind: Date()))
                """).run()
            try await sql.raw("""
                INSERT INTO reception_visits (id, session_id, unit_id, date, people, is_group, is_repeat, content, letter_id, created_at)
                VALUES (\(bind: visit), \(bind: session), \(bind: unit), '2025-03-10', 6, \(bind: true), \(bind: false), 'Đền bù giải phóng mặt bằng', NULL, \(bind: Date()))
                """).run()
        },
        Stage(after: "DanVanApp.CreateLetters") { sql in
            try await sql.raw("""
                INSERT INTO letters (id, code, unit_id, organisation_id, received_on, channel, kind, field, competence, is_repeat, subject, content,
                search_text, sender_label, people_count, status, variant, due_on, due_rule, created_by, created_at, updated_at)
                VALUES (\(bind: letter), 'KN-2025-0001', \(bind: unit), \(bind: organisation), '2025-03-10', 'in_person', 'complaint', 'land', 'own',
                \(bind: false), 'Khiếu nại về bồi thường', 'Nội dung', 'kn-2025-0001 khieu nai', 'Lê Văn Cường', 1, 'received', 'standard',
                '2025-03-20', 'letter_process', 'canbo.cu', \(bind: Date()), \(bind: Date()))
                """).run()
            try await sql.raw("""
                INSERT INTO letter_senders (letter_id, name, folded_name, address, contact, id_number)
                VALUES (\(bind: letter), 'Lê Văn Cường', 'le van cuong', 'Thôn 1', '', '')
                """).run()
            try await sql.raw("""
                INSERT INTO letter_events (id, letter_id, action, on_date, at, actor_id, actor_name, reason, detail, due_on, rule_key)
                VALUES (\(bind: event), \(bind: letter), 'receive', '2025-03-10', \(bind: Date()), \(bind: user), 'canbo.cu', '', 'KN-2025-0001',
                '2025-03-20', 'letter_process')
                """).run()
        },
    ]

    /// The first `point` migrations, each stage's records written right after its migration.
    static func build(_ database: AppDatabase, through point: Int) async throws {
        for (index, migration) in DanVanMigrations.all.prefix(point).enumerated() {
            try await database.migrate(through: index + 1)
            for stage in stages where stage.after == migration.name { try await stage.write(database.sql) }
        }
    }

    /// What the records say after the upgrade, read through today's stores and names.
    struct Found: Equatable {
        var unit: String?, organisation: String?, user: String?, audit: String?, override: String?
        var visitPeople: Int?, letter: String?, sender: String?, eventBy: String?
    }

    /// What each stage's records must read as, when the stage was written.
    static func expected(upTo point: Int) -> Found {
        let names = DanVanMigrations.all.prefix(point).map(\.name)
        let wrote = { (stage: String) in names.contains(stage) }
        return Found(unit: wrote("DanVanApp.CreateHierarchy") ? "Tỉnh Thử Nghiệm" : nil,
                     organisation: wrote("DanVanApp.CreateOrganisations") ? "Tỉnh ủy Thử Nghiệm" : nil,
                     user: wrote("DanVanApp.CreateAccounts") ? "Trần Thị Bình" : nil,
                     audit: wrote("DanVanApp.CreateAuditLog") ? "canbo.cu" : nil,
                     override: wrote("DanVanApp.CreateCalendarAndRules") ? "quantri.cu" : nil,
                     visitPeople: wrote("DanVanApp.CreateReception") ? 6 : nil,
                     letter: wrote("DanVanApp.CreateLetters") ? "KN-2025-0001" : nil,
                     sender: wrote("DanVanApp.CreateLetters") ? "Lê Văn Cường" : nil,
                     eventBy: wrote("DanVanApp.CreateLetters") ? "canbo.cu" : nil)
    }

    static func found(_ database: AppDatabase) async throws -> Found {
        struct Name: Decodable { var name: String }
        struct By: Decodable { var createdBy: String }
        let sql = database.sql
        let scope = Scope(userID: user, username: "canbo.cu", organisationID: organisation, unitID: unit, mode: .subtree,
                          roles: [.receptionOfficer], address: "test")
        let hasOrganisation = try await sql.raw("SELECT name FROM organisations WHERE id = \(bind: organisation)").row(Name.self) != nil
        let letters = LetterStore(database: database)
        let detail = hasOrganisation ? try? await letters.letter(scope, id: letter) : nil
        let visits = hasOrganisation ? (try? await ReceptionStore(database: database).visits(scope, sessionID: session)) ?? [] : []
        return Found(
            unit: try await sql.raw("SELECT name FROM organisation_units WHERE id = \(bind: unit)").row(Name.self)?.name,
            organisation: try await sql.raw("SELECT name FROM organisations WHERE id = \(bind: organisation)").row(Name.self)?.name,
            user: try await sql.raw("SELECT full_name AS name FROM users WHERE id = \(bind: user)").row(Name.self)?.name,
            audit: try await sql.raw("SELECT created_by FROM audit_entries WHERE id = \(bind: audit)").row(By.self)?.createdBy,
            override: try await CalendarStore(database: database).overrides().first { $0.id == override }?.createdBy,
            visitPeople: visits.first?.people,
            letter: detail?.code,
            sender: detail == nil ? nil : try await letters.sender(of: letter)?.name,
            eventBy: detail == nil ? nil : try await letters.events(scope, id: letter).first?.createdBy)
    }

    @Test("a database at each point of the migration list, with records, migrates to the end and keeps them")
    func upgradeFromEveryPoint() async throws {
        #expect(Set(Self.stages.map(\.after)).isSubset(of: DanVanMigrations.all.map(\.name)))
        let (clean, dropClean) = try await TestDatabase.empty()
        let expectedSchema = try await MigrationSafetyTests.schema(clean)
        await dropClean()
        let target = try await MigrationSafetyTests.Target.fresh()
        for point in 0..<DanVanMigrations.all.count {
            // setup
            try await target.reset()
            try await target.using { database in
                try await Self.build(database, through: point)
                // MUT: today's migrate
                try await database.migrate()
                // validate
                #expect(try await Self.found(database) == Self.expected(upTo: point), "from point \(point) (\(DanVanMigrations.all[point].name) next)")
                #expect(try await MigrationSafetyTests.schema(database) == expectedSchema, "from point \(point)")
            }
        }
        await target.drop()
    }
}
