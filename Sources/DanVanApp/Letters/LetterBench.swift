import DanVanDomain
import FluentKit
import Foundation
import Logging
import SQLKit

/// `danvan bench letters`: generates a national load of letters over every
/// commune (legacy and current, each in its validity period) and measures the
/// work-list, statistics and search queries over provinces. Prints one line per figure.
public enum LetterBench {
    public struct Options: Sendable {
        public var letters: Int
        public var years: Int
        public var rounds: Int
        public init(letters: Int = 1_000_000, years: Int = 5, rounds: Int = 3) {
            self.letters = letters
            self.years = years
            self.rounds = rounds
        }
    }

    /// Marks the generated rows (created_by), so a second run measures without generating again.
    static let marker = "bench"

    public static func run(configuration: AppConfiguration, options: Options, print emit: @Sendable (String) -> Void) async throws {
        try await BenchDatabase.with(configuration, print: emit) { database, services in
            let today = CivilDate.today(now: Date())
            try await generate(database: database, options: options, today: today, emit: emit)
            if database.isPostgres {
                // After a bulk load, what autovacuum would do: statistics for the planner and
                // the visibility map that index-only scans (the figures index) need.
                try await database.sql.raw("VACUUM ANALYZE letters").run()
            }
            try await measure(services: services, options: options, today: today, emit: emit)
        }
    }

    // MARK: Generation

    /// A commune a letter can go to: its organisation and the days it was in force.
    struct Commune: Sendable {
        var unitID: UUID
        var code: String
        var name: String
        var organisationID: UUID
        var validFrom: String?
        var validTo: String?
    }

    /// One People's Committee per commune (created without audit rows when missing).
    static func communes(_ database: AppDatabase) async throws -> [Commune] {
        struct Row: Decodable { var id: UUID; var code: String; var name: String; var type: String; var validFrom: String?; var validTo: String?; var organisationID: UUID? }
        let rows = try await database.sql.raw("""
            SELECT u.id, u.code, u.name, u.type, u.\(\Validity.validFrom), u.\(\Validity.validTo),
            (SELECT o.id FROM organisations o WHERE o.\(\Organisation.$unitID) = u.id AND o.kind = 'peoples_committee' LIMIT 1) AS \(\Commune.organisationID)
            FROM organisation_units u WHERE u.level = 3
            """).rows(Row.self)
        let missing = rows.filter { $0.organisationID == nil }
        var created: [UUID: UUID] = [:]
        for chunk in missing.chunked(500) {
            let organisations = chunk.map { row in
                let name = "Ủy ban nhân dân \(row.name)"
                return Organisation(unitID: row.id, kind: "peoples_committee", name: name, searchName: VietnameseText.folded(name),
                                    validFrom: row.validFrom, validTo: row.validTo)
            }
            try await organisations.create(on: database.db)
            for organisation in organisations { created[organisation.unitID] = organisation.id }
        }
        return rows.map { Commune(unitID: $0.id, code: $0.code, name: $0.name, organisationID: $0.organisationID ?? created[$0.id]!,
                                  validFrom: $0.validFrom, validTo: $0.validTo) }
    }

    static let subjects: [(LetterKind, LetterField, String)] = [
        (.complaint, .land, "Khiếu nại quyết định thu hồi đất đai nông nghiệp"),
        (.complaint, .compensation, "Khiếu nại mức bồi thường, hỗ trợ tái định cư"),
        (.denunciation, .officials, "Tố cáo cán bộ xã nhận tiền không đúng quy định"),
        (.denunciation, .land, "Tố cáo hành vi lấn chiếm đất công"),
        (.petition, .land, "Kiến nghị cấp giấy chứng nhận quyền sử dụng đất đai"),
        (.petition, .policy, "Kiến nghị xét chế độ hộ nghèo, người có công"),
        (.report, .other, "Phản ánh đường giao thông nông thôn xuống cấp"),
        (.report, .policy, "Phản ánh chậm chi trả trợ cấp xã hội"),
        (.complaint, .dispute, "Khiếu nại kết quả hòa giải tranh chấp đất đai"),
        (.petition, .justice, "Kiến nghị xem xét lại bản án dân sự"),
        (.report, .other, "Phản ánh ô nhiễm môi trường từ cơ sở sản xuất"),
        (.denunciation, .corruption, "Tố cáo sai phạm trong xây dựng công trình"),
    ]
    static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Ksor", "Rơ Mah", "Siu"]
    static let givenNames = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Văn Hùng", "Thị Lan", "Minh Tuấn", "Thị Hoa", "Quốc Bảo", "Thị Mai", "Hlim", "H'Blin"]

    /// Inserts `options.letters` letters (with their senders and some events) in
    /// multi-row INSERTs of 500 rows, one transaction per 5,000 letters.
    static func generate(database: AppDatabase, options: Options, today: CivilDate, emit: @Sendable (String) -> Void) async throws {
        struct Count: Decodable { var n: Int }
        let sql = database.sql
        let existing = try await sql.raw("SELECT COUNT(*) AS n FROM letters WHERE \(\L.createdBy) = \(bind: marker)").row(Count.self)?.n ?? 0
        if existing > 0 {
            emit("generation: \(existing) generated letters already present (use a fresh database to time it)")
            return
        }
        let communes = try await communes(database)
        let first = today.adding(days: -365 * options.years)
        // Communes by validity period: a few groups (legacy until 30/6/2025, current since 1/7/2025).
        let groups = Dictionary(grouping: communes) { "\($0.validFrom ?? "")|\($0.validTo ?? "")" }.values.map(Array.init)
        func inForce(_ date: String) -> [[Commune]] {
            groups.filter { ($0[0].validFrom ?? "") <= date && ($0[0].validTo ?? "9999") >= date }
        }
        var generator = SystemRandomNumberGenerator()
        let span = first.days(to: today)
        let start = ContinuousClock.now
        var done = 0
        let batch = 500, perTransaction = 5_000
        while done < options.letters {
            let count = min(perTransaction, options.letters - done)
            var rows: [Generated] = []
            rows.reserveCapacity(count)
            for index in 0..<count {
                let received = first.adding(days: Int.random(in: 0...span, using: &generator))
                let candidates = inForce(received.iso)
                guard let group = candidates.randomElement(using: &generator), let commune = group.randomElement(using: &generator) else { continue }
                rows.append(Generated.make(number: done + index, commune: commune, received: received, today: today, using: &generator))
            }
            let ready = rows
            try await database.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                for chunk in ready.chunked(batch) { try await insert(sql, Array(chunk)) }
            }
            done += count
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if done % 50_000 == 0 || done == options.letters {
                emit(String(format: "generated %d / %d letters in %.1f s (%.0f letters/s)", done, options.letters, seconds, Double(done) / max(seconds, 0.001)))
            }
        }
    }

    /// One generated letter with its sender and events.
    struct Generated: Sendable {
        var id: UUID
        var code: String
        var commune: Commune
        var received: CivilDate
        var kind: LetterKind
        var field: LetterField
        var channel: LetterChannel
        var subject: String
        var content: String
        var sender: String
        var status: LetterStatus
        var disposition: String?
        var processedOn: String?
        var acceptedOn: String?
        var dueOn: String?
        var dueRule: String?
        var resolutionDueOn: String?
        var resolvedOn: String?
        var outcome: String?
        var withdrawnOn: String?

        static func make(number: Int, commune: Commune, received: CivilDate, today: CivilDate, using random: inout SystemRandomNumberGenerator) -> Generated {
            let (kind, field, subject) = subjects[Int.random(in: 0..<subjects.count, using: &random)]
            let sender = "\(familyNames.randomElement(using: &random)!) \(givenNames.randomElement(using: &random)!)"
            let content = "\(subject) tại \(commune.name). Đề nghị cơ quan có thẩm quyền xem xét, giải quyết theo quy định của pháp luật."
            var letter = Generated(
                id: UUID(), code: "\(commune.code)-\(received.year)-B\(number)", commune: commune, received: received, kind: kind, field: field,
                channel: [.inPerson, .post, .online, .forwarded][Int.random(in: 0..<4, using: &random)], subject: subject, content: content,
                sender: sender, status: .received)
            let age = received.days(to: today)
            let processingRule = LetterDeadlines.processingRule(kind: kind)
            if age < 14 {
                letter.dueOn = received.adding(days: 14).iso
                letter.dueRule = processingRule
                return letter
            }
            let roll = Int.random(in: 0..<100, using: &random)
            let processed = received.adding(days: Int.random(in: 2...12, using: &random))
            letter.processedOn = processed.iso
            if roll < 10 {
                let dispositions: [(LetterStatus, String)] = [(.returned, "return"), (.guided, "guide"), (.forwarded, "forward"), (.filed, "file")]
                letter.status = dispositions[roll % 4].0
                letter.disposition = dispositions[roll % 4].1
                return letter
            }
            letter.status = .accepted
            letter.disposition = "accept"
            letter.acceptedOn = processed.iso
            let resolutionRule = LetterDeadlines.resolutionRule(kind: kind, isRepeat: false)
            if let resolutionRule {
                letter.resolutionDueOn = processed.adding(days: 30).iso
                letter.dueOn = letter.resolutionDueOn
                letter.dueRule = resolutionRule
            }
            let settle = processed.adding(days: Int.random(in: 10...45, using: &random))
            // Older cases are mostly settled; some stay open past their due date (overdue).
            let settledShare = age > 120 ? 88 : 45
            if roll < 10 + settledShare * 90 / 100, settle <= today {
                if roll % 31 == 0 {
                    letter.status = .withdrawn
                    letter.withdrawnOn = settle.iso
                } else {
                    letter.status = [.resolved, .resultSent, .enforced][roll % 3]
                    letter.resolvedOn = settle.iso
                    let outcomes = LetterOutcome.allowed(for: kind)
                    letter.outcome = outcomes[roll % outcomes.count].rawValue
                }
                letter.dueOn = nil
                letter.dueRule = nil
            } else if roll % 2 == 0 {
                letter.status = .verifying
            }
            return letter
        }
    }

    static func insert(_ sql: any SQLDatabase, _ rows: [Generated]) async throws {
        let now = Date()
        let letters = rows.map { row in
            let isDenunciation = row.kind == .denunciation
            return LetterRecord(
                id: row.id, code: row.code, unitID: row.commune.unitID, organisationID: row.commune.organisationID, receivedOn: row.received.iso,
                channel: row.channel.rawValue, kind: row.kind.rawValue, field: row.field.rawValue, competence: Competence.own.rawValue, isRepeat: false,
                subject: row.subject, content: row.content,
                searchText: LetterStore.searchText(code: row.code, subject: row.subject, content: row.content, senderName: isDenunciation ? nil : row.sender),
                senderLabel: isDenunciation ? "" : row.sender, peopleCount: 1, status: row.status.rawValue, disposition: row.disposition,
                variant: DeadlineVariant.standard.rawValue, processedOn: row.processedOn, acceptedOn: row.acceptedOn, dueOn: row.dueOn, dueRule: row.dueRule,
                resolutionDueOn: row.resolutionDueOn, resolvedOn: row.resolvedOn, decisionNumber: row.resolvedOn == nil ? nil : "\(row.code)/QĐ",
                decisionDate: row.resolvedOn, outcome: row.outcome, withdrawnOn: row.withdrawnOn, createdBy: marker, createdAt: now, updatedAt: now)
        }
        let senders = rows.map {
            LetterSenderRecord(letterID: $0.id, name: $0.sender, foldedName: VietnameseText.folded($0.sender), address: $0.commune.name, contact: "", idNumber: "")
        }
        // Some events: the receipt of one letter in ten.
        let events = rows.filter { $0.code.hasSuffix("0") }.map {
            LetterEventRow(id: UUID(), letterID: $0.id, action: LetterAction.receive.rawValue, onDate: $0.received.iso, at: now, createdBy: marker,
                           reason: "", detail: $0.code, dueOn: $0.dueOn, ruleKey: $0.dueRule)
        }
        try await sql.insert(into: "letters").values(ofAll: letters).run()
        try await sql.insert(into: "letter_senders").values(ofAll: senders).run()
        if !events.isEmpty { try await sql.insert(into: "letter_events").values(ofAll: events).run() }
    }

    // MARK: Measures

    static func measure(services: AppServices, options: Options, today: CivilDate, emit: @Sendable (String) -> Void) async throws {
        let scope = try await services.accounts.commandLineScope()
        let provinces = try await OrganisationUnit.query(on: services.database.db).filter(\.$level == 1).all().compactMap(\.id)
        struct Count: Decodable { var n: Int }
        let total = try await services.database.sql.raw("SELECT COUNT(*) AS n FROM letters").row(Count.self)?.n ?? 0
        emit("letters: \(total), provinces: \(provinces.count), rounds: \(options.rounds)")
        var overdue = Timings(), statistics = Timings(), search = Timings(), form = Timings()
        let processing = try await services.forms.form(code: "01/XLD", on: today)
        let words = ["dat dai", "thu hoi", "boi thuong", "ho ngheo"]
        for round in 0..<options.rounds {
            let year = today.year - 1 - round % max(1, options.years - 1)
            for province in provinces {
                _ = try await overdue.measure {
                    try await services.letters.letters(scope, query: LetterQuery(unitID: province, overdueOn: today, limit: 50))
                }
                _ = try await statistics.measure {
                    try await services.statistics.statistics(scope, unitID: province, period: ReportPeriod.year(year)!, today: today)
                }
                _ = try await search.measure {
                    try await services.letters.letters(scope, query: LetterQuery(unitID: province, search: words[round % words.count], limit: 50))
                }
                _ = try await form.measure {
                    try await services.forms.values(scope, form: processing.form, unitID: province, period: ReportPeriod.year(year)!, today: today)
                }
            }
        }
        emit("(a) overdue list of a province (50 rows): \(overdue.summary) (target p95 < 50 ms)")
        emit("(b) statistics of a province-year: \(statistics.summary) (target p95 < 100 ms)")
        emit("(c) folded search in a province (50 rows): \(search.summary) (target p95 < 50 ms)")
        emit("(d) form 01/XLD of a province-year: \(form.summary)")
        // What an administrator waits for after setting a day off: every open case's due date computed again.
        let clock = ContinuousClock()
        var moved = 0
        let refresh = try await clock.measure { moved = try await services.letters.refreshDueDates(scope, reason: "bench") }
        emit("(e) due dates of open cases recomputed after a calendar change: \(moved) moved in \(refresh)")
    }
}
