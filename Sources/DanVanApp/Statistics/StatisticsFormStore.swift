import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// A statistics form as stored: its text and the dates it is in force.
struct StoredForm: Sendable {
    var id: UUID
    var form: StatisticsForm
    var text: String
    var validTo: CivilDate?
    var createdBy: String

    func isInForce(on date: CivilDate) -> Bool {
        form.validFrom <= date && validTo.map { date <= $0 } ?? true
    }
}

/// The values of one form for a subtree over a period.
struct FormValues: Sendable {
    var form: StatisticsForm
    var unitID: UUID
    var period: ReportPeriod
    /// Column → value; nil for a column DanVan does not record.
    var values: [Int: Int?]
    var brokenRelations: [FormRelationBreak]
}

/// A row of `statistics_forms`: a Thanh tra form's text (biểu mẫu) and the days it is in force.
struct StatisticsFormRecord: Codable, Sendable {
    var id: UUID
    var code: String
    var title: String
    var source: String
    var validFrom: String
    var validTo: String?
    /// The form's text, as its administrator wrote it.
    var definition: String
    var createdBy: String
    var createdAt: Date
}

/// The Thanh tra forms as data (FORMS.md): stored, replaced from a date, and
/// filled from the records with the same figure conditions as the statistics
/// page, so each cell can be listed.
struct StatisticsFormStore: Sendable {
    let database: AppDatabase
    private var sql: any SQLDatabase { database.sql }

    /// The names a column may use, per kind of record.
    static let figureNames: [FormRecords: Set<String>] = [
        .letters: Set(LetterFigure.allCases.map(\.rawValue)),
        .visits: Set(VisitFigure.allCases.map(\.rawValue)),
        .people: Set(VisitFigure.allCases.map(\.rawValue)),
        .sessions: Set(VisitFigure.sessionFigures.map(\.rawValue)),
    ]
    /// Figures that say what a letter is but not what happened in the period.
    static let traits = Set(LetterFigure.allCases.filter { $0.section == "trait" }.map(\.rawValue))

    static func parse(_ text: String) -> Result<StatisticsForm, FormTextProblems> {
        StatisticsFormText.parse(text, figures: figureNames, periodless: traits)
    }

    private struct Row: Decodable {
        var id: UUID
        var definition: String
        var validTo: String?
        var createdBy: String
    }

    /// Every stored form. The texts were checked when saved; a text that no
    /// longer reads (a figure renamed) is left out, so a migration that renames
    /// a figure must rewrite the texts that use it.
    func all() async throws -> [StoredForm] {
        try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(Row.self, from: "f")) FROM statistics_forms f ORDER BY f.\(\StatisticsFormRecord.validFrom) DESC, f.code
            """)
            .rows(Row.self).compactMap { row in
                guard case .success(let form) = Self.parse(row.definition) else { return nil }
                return StoredForm(id: row.id, form: form, text: row.definition, validTo: row.validTo.flatMap { CivilDate(iso: $0) }, createdBy: row.createdBy)
            }
    }

    /// The forms in force on a date (a report uses those in force on its last day).
    func forms(on date: CivilDate) async throws -> [StoredForm] {
        try await all().filter { $0.isInForce(on: date) }.sorted { Self.order($0.form.code) < Self.order($1.form.code) }
    }

    func form(code: String, on date: CivilDate) async throws -> StoredForm {
        guard let form = try await forms(on: date).first(where: { $0.form.code == code }) else { throw AppError.notFound }
        return form
    }

    /// "01/TCD" before "01/XLD" before "01/KQGQ": reception, processing, resolution.
    static func order(_ code: String) -> String {
        let part = code.split(separator: "/").last.map(String.init) ?? code
        let rank = ["TCD": "1", "XLD": "2", "KQGQ": "3"][part] ?? "9"
        return rank + part + code
    }

    /// Adds a form from its text; forms of the same code, or that it replaces,
    /// end the day before it takes effect, and it ends the day before a later
    /// form of its code. Checked completely first: every bad line is named and
    /// nothing is saved.
    @discardableResult
    func add(_ scope: Scope, text: String) async throws -> StoredForm {
        try scope.requireNationalAdministrator()
        let form: StatisticsForm
        switch Self.parse(text) {
        case .success(let parsed): form = parsed
        case .failure(let problems): throw problems
        }
        let existing = try await all()
        if existing.contains(where: { $0.form.code == form.code && $0.form.validFrom == form.validFrom }) {
            throw FormTextProblems(problems: [FormTextProblem(line: 0, kind: .duplicateForm, detail: form.code)])
        }
        let id = UUID()
        let replaced = existing.filter { ($0.form.code == form.code || form.replaces.contains($0.form.code)) && $0.form.validFrom < form.validFrom
            && ($0.validTo.map { $0 >= form.validFrom } ?? true) }
        let dayBefore = form.validFrom.adding(days: -1).iso
        let validTo = existing.filter { $0.form.code == form.code && $0.form.validFrom > form.validFrom }.map(\.form.validFrom).min()?.adding(days: -1)
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await Self.insert(sql, id: id, form: form, text: text, validTo: validTo, createdBy: scope.username)
            for old in replaced {
                try await sql.update("statistics_forms").set(\StatisticsFormRecord.validTo, to: dayBefore).where("id", .equal, old.id).run()
                let column = ColumnName.of(\StatisticsFormRecord.validTo)
                try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "statistics_form", recordID: old.id,
                                          summary: "\(old.form.code) hết hiệu lực từ \(form.validFrom.iso)", before: [column: old.validTo?.iso ?? ""],
                                          after: [column: dayBefore])
            }
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "statistics_form", recordID: id,
                                      summary: "\(form.code) từ \(form.validFrom.iso)", after: ["code": form.code, "source": form.source])
        }
        return StoredForm(id: id, form: form, text: text, validTo: validTo, createdBy: scope.username)
    }

    static func insert(_ sql: any SQLDatabase, id: UUID, form: StatisticsForm, text: String, validTo: CivilDate? = nil, createdBy: String) async throws {
        try await sql.insert(into: "statistics_forms").values(of: StatisticsFormRecord(
            id: id, code: form.code, title: form.title, source: form.source, validFrom: form.validFrom.iso, validTo: validTo?.iso,
            definition: text, createdBy: createdBy, createdAt: Date())).run()
    }

    // MARK: Values

    /// Fills a form for a unit's subtree (history included) over a period with
    /// the statistics' own queries: one over letters, one over visits, one over sessions.
    func values(_ scope: Scope, form: StatisticsForm, unitID: UUID, period: ReportPeriod, today: CivilDate = .today(now: Date())) async throws -> FormValues {
        var columns: [FormRecords: [StatisticsStore.CountColumn]] = [:]
        for column in form.columns {
            guard case .count(let records, let names) = column.definition else { continue }
            let condition = records == .letters
                ? names.compactMap(LetterFigure.init(rawValue:)).map { $0.condition(period, today: today) }.allTrue
                : names.compactMap(VisitFigure.init(rawValue:)).map(\.condition).allTrue
            columns[records, default: []].append(.init(alias: "c\(column.number)", condition: condition, value: records == .people ? "v.people" : "1"))
        }
        let statistics = StatisticsStore(database: database)
        var sums = try await statistics.letters(scope, unitID: unitID, period: period, columns[.letters] ?? [])
        sums.merge(try await statistics.visits(scope, unitID: unitID, period: period, (columns[.visits] ?? []) + (columns[.people] ?? []))) { $1 }
        sums.merge(try await statistics.sessions(scope, unitID: unitID, period: period, columns[.sessions] ?? [])) { $1 }
        let counts = Dictionary(uniqueKeysWithValues: sums.compactMap { alias, value in Int(alias.dropFirst()).map { ($0, value) } })
        let values = form.values(counts: counts)
        return FormValues(form: form, unitID: unitID, period: period, values: values, brokenRelations: form.brokenRelations(values))
    }
}
