import Crypto
import DanVanDomain
import Foundation
import SQLKit

private typealias D = DocumentRecord
private typealias X = InspectionRecord
private typealias I = FollowUpItemRecord

/// A document as lists and its page show it, with its tasks counted.
struct DocumentRow: Sendable, Codable {
    var id: UUID
    var kind: String
    var numberSymbol: String?
    var organisationID: UUID
    var organisationName: String
    var unitID: UUID
    var issuedOn: String
    var summary: String
    var replacesID: UUID?
    var replacesSymbol: String?
    var replacedByID: UUID?
    var replacedBySymbol: String?
    var periodFrom: String?
    var periodTo: String?
    var members: String
    var tasks: Int
    var tasksDone: Int
}

/// An inspection as the plan and its page show it, with its remedies counted.
struct InspectionRow: Sendable, Codable {
    var id: UUID
    var planID: UUID?
    var planSymbol: String?
    var organisationID: UUID
    var organisationName: String
    var unitID: UUID
    var targetUnitName: String
    var team: String
    var targets: String
    var subject: String
    var scheduledQuarter: String
    var heldOn: String?
    var findings: String
    var recommendations: String
    var remedies: Int
    var remediesDone: Int
}

struct DocumentInput: Sendable {
    /// The id the form was shown with: posted twice, stored once.
    var formID: UUID? = nil
    var kind: String
    var numberSymbol: String
    var organisationID: UUID?
    var issuedOn: String
    var summary: String
    var replaces: String = ""
    var periodFrom: String = ""
    var periodTo: String = ""
    var members: String = ""
}

struct InspectionInput: Sendable {
    var formID: UUID? = nil
    var planID: UUID?
    var organisationID: UUID?
    var targetUnitID: UUID?
    var team: String
    var targets: String
    var subject: String
    var scheduledQuarter: String
}

/// Documents (their tasks are follow-up items), coordination programmes, and inspections with
/// their remedies (follow-up items), through the caller's scope: a document or an inspection is
/// in reach by its issuer or inspecting body.
struct DocumentStore: Sendable {
    let database: AppDatabase
    var sql: any SQLDatabase { database.sql }

    static func documentInScope(_ scope: Scope, shape: Reach.Shape = .list) -> SQLQueryString {
        Reach.condition(scope, unit: "d.\(\D.unitID)", organisation: "d.\(\D.organisationID)", shape: shape)
    }

    static func inspectionInScope(_ scope: Scope, shape: Reach.Shape = .list) -> SQLQueryString {
        Reach.condition(scope, unit: "x.\(\X.unitID)", organisation: "x.\(\X.organisationID)", shape: shape)
    }

    /// Done and all items of a source, as columns of a select over `alias`.
    static func progress(_ alias: String, source: FollowUpSource) -> (all: String, done: String) {
        let base = "SELECT COUNT(*) FROM follow_up_items f WHERE f.\(ColumnName.of(\I.sourceID)) = \(alias).id AND f.source = '\(source.rawValue)' AND f.status <> 'cancelled'"
        return ("(\(base))", "(\(base) AND f.status = 'done')")
    }

    /// A document with the one it replaces and the one that replaces it, each only when in the
    /// caller's reach (another issuer's symbol is not told), found by `documents_replaces`.
    static func documentSelect(_ scope: Scope) -> SQLQueryString {
        let (all, done) = progress("d", source: .task)
        return """
            SELECT \(unsafeRaw: RowColumns.select(DocumentRow.self, from: "d", joined: [
                \.organisationName: "o.name", \.replacesSymbol: "r.\(ColumnName.of(\D.numberSymbol))", \.replacesID: "r.id",
                \.replacedByID: "n.id", \.replacedBySymbol: "n.\(ColumnName.of(\D.numberSymbol))",
                \.tasks: all, \.tasksDone: done]))
            FROM documents d JOIN organisations o ON o.id = d.\(\D.organisationID)
            LEFT JOIN documents r ON r.id = d.\(\D.replacesID) AND \(Reach.condition(scope, unit: "r.\(\D.unitID)", organisation: "r.\(\D.organisationID)", shape: .probe))
            LEFT JOIN documents n ON n.id = (SELECT m.id FROM documents m WHERE m.\(\D.replacesID) = d.id
              AND \(Reach.condition(scope, unit: "m.\(\D.unitID)", organisation: "m.\(\D.organisationID)", shape: .probe)) ORDER BY m.id LIMIT 1)
            """
    }

    static let inspectionSelect: SQLQueryString = {
        let (all, done) = progress("x", source: .remedy)
        return """
            SELECT \(unsafeRaw: RowColumns.select(InspectionRow.self, from: "x", joined: [
                \.organisationName: "o.name", \.targetUnitName: "t.name", \.planSymbol: "p.\(ColumnName.of(\D.numberSymbol))", \.remedies: all, \.remediesDone: done]))
            FROM inspections x JOIN organisations o ON o.id = x.\(\X.organisationID) JOIN organisation_units t ON t.id = x.\(\X.targetUnitID)
            LEFT JOIN documents p ON p.id = x.\(\X.planID)
            """
    }()

    /// A page of the documents of a subtree in reach, the newest first, and how many there are.
    func documents(_ scope: Scope, unitID: UUID, kind: DocumentKind? = nil, offset: Int = 0, limit: Int = 500) async throws -> (rows: [DocumentRow], total: Int) {
        _ = try await UnitStore(database: database).unit(scope, id: unitID)
        var condition = Reach.condition(scope, unit: "d.\(\D.unitID)", organisation: "d.\(\D.organisationID)", within: unitID)
        if let kind { condition = condition + " AND d.kind = \(bind: kind.rawValue)" }
        let rows = try await sql.raw("""
            \(Self.documentSelect(scope)) WHERE \(condition) ORDER BY d.\(\D.issuedOn) DESC, d.id
            LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """).rows(DocumentRow.self)
        struct Count: Decodable { var n: Int }
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM documents d WHERE \(condition)").row(Count.self)?.n ?? 0
        return (rows, total)
    }

    func document(_ scope: Scope, id: UUID) async throws -> DocumentRow {
        guard let row = try await sql.raw("\(Self.documentSelect(scope)) WHERE d.id = \(bind: id) AND \(Self.documentInScope(scope, shape: .probe))").row(DocumentRow.self)
        else { throw AppError.notFound }
        return row
    }

    /// A document of an issuer by its number-symbol, in reach (what "replaces" names). Each issuer
    /// numbers its own documents: every district's Huyện ủy has its "529-QĐ/HU".
    func document(_ scope: Scope, symbol: String, issuer: UUID) async throws -> DocumentRow? {
        try await sql.raw("""
            \(Self.documentSelect(scope)) WHERE d.\(\D.numberSymbol) = \(bind: symbol) AND d.\(\D.organisationID) = \(bind: issuer) AND \(Self.documentInScope(scope))
            """).row(DocumentRow.self)
    }

    /// Records a document of an issuer in reach: the number-symbol parsed (and agreeing with the
    /// kind), what it replaces found by its symbol, a programme's period in order.
    func record(_ scope: Scope, input: DocumentInput, now: Date = Date()) async throws -> UUID {
        let issuer = try await OrganisationStore(database: database).organisation(scope, id: input.organisationID ?? scope.organisationID)
        try scope.requireAny(FollowUpStore.actors)
        // Posted again: said as such before any other check.
        if let id = input.formID { try await FollowUpStore.refuseTwice(on: sql, table: "documents", id: id) }
        var problems: [String: String] = [:]
        let kind = DocumentKind(rawValue: input.kind)
        if kind == nil { problems["kind"] = "error_required" }
        var symbol: DocumentSymbol?
        if !input.numberSymbol.isEmpty {
            symbol = DocumentSymbol(input.numberSymbol)
            if symbol == nil { problems["number_symbol"] = "error_document_symbol" }
            else if let kind, let parsed = symbol?.kind, parsed != kind { problems["number_symbol"] = "error_document_symbol_kind" }
            else if let symbol, try await document(scope, symbol: symbol.text, issuer: issuer.id) != nil { problems["number_symbol"] = "error_document_symbol_taken" }
        }
        let issued = CivilDate(entered: input.issuedOn)
        if input.issuedOn.isEmpty { problems["issued_on"] = "error_required" } else if issued == nil { problems["issued_on"] = "error_bad_date" }
        let summary = input.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        problems.merge(FollowUpStore.textProblems([("summary", summary, FollowUpStore.maxText, true)])) { first, _ in first }
        var replaces: DocumentRow?
        if !input.replaces.isEmpty {
            if let symbol = DocumentSymbol(input.replaces) { replaces = try await document(scope, symbol: symbol.text, issuer: issuer.id) }
            if replaces == nil { problems["replaces"] = "error_document_replaces" }
        }
        let from = input.periodFrom.isEmpty ? nil : Int(input.periodFrom), to = input.periodTo.isEmpty ? nil : Int(input.periodTo)
        if (!input.periodFrom.isEmpty && (from == nil || !(1945...2100).contains(from!))) || (!input.periodTo.isEmpty && (to == nil || to! < (from ?? 0) || to! > 2100)) {
            problems["period_to"] = "error_document_period"
        }
        if input.members.count > 5_000 { problems["members"] = "error_too_long" }
        guard problems.isEmpty, let kind, let issued else { throw ValidationError(problems) }
        let row = D(id: input.formID ?? UUID(), kind: kind.rawValue, numberSymbol: symbol?.text, organisationID: issuer.id, unitID: issuer.unitID, issuedOn: issued.iso,
                    summary: summary, replacesID: replaces?.id, periodFrom: from.map { "\($0)-01-01" }, periodTo: to.map { "\($0)-12-31" },
                    members: input.members.trimmingCharacters(in: .whitespacesAndNewlines), createdBy: scope.username, createdAt: now)
        let replaced = replaces?.numberSymbol ?? ""
        try await database.db.transaction { tx in
            try await FollowUpStore.refuseTwice(on: tx as! any SQLDatabase, table: "documents", id: row.id)
            try await (tx as! any SQLDatabase).insert(into: "documents").values(of: row).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "document", recordID: row.id,
                                      summary: "\(row.numberSymbol ?? kind.rawValue) \(issuer.name)", after: ["replaces": replaced])
        }
        return row.id
    }

    // MARK: A document's file

    /// The name and size of a document's file, when it has one (the document in reach).
    func file(_ scope: Scope, documentID: UUID) async throws -> (filename: String, size: Int)? {
        _ = try await document(scope, id: documentID)
        struct Row: Decodable { var filename: String; var size: Int }
        return try await sql.raw("""
            SELECT f.filename, f.size FROM document_files f WHERE f.\(\DocumentFileRecord.documentID) = \(bind: documentID)
            """).row(Row.self).map { ($0.filename, $0.size) }
    }

    /// A document's file, for those who reach the document; none, or out of reach, is 404.
    func fileData(_ scope: Scope, documentID: UUID) async throws -> DocumentFileRecord {
        _ = try await document(scope, id: documentID)
        guard let file = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(DocumentFileRecord.self, from: "f")) FROM document_files f
            WHERE f.\(\DocumentFileRecord.documentID) = \(bind: documentID)
            """).row(DocumentFileRecord.self) else { throw AppError.notFound }
        return file
    }

    /// Gives a document in reach its file (or a new one in place of the old), checked as a letter's
    /// attachment is (size, and a kind of the allowlist read from the bytes), audited.
    func attachFile(_ scope: Scope, documentID: UUID, file: AttachmentInput?, now: Date = Date()) async throws {
        let document = try await document(scope, id: documentID)
        // The issuer's own people (or a leader above) give a document its official file.
        guard FollowUpStore.mayAct(scope, for: document.organisationID) else { throw AppError.forbidden }
        guard let file, !file.filename.isEmpty else { throw ValidationError(["file": "error_required"]) }
        if let problem = LetterStore.attachmentProblem(file) { throw ValidationError(["file": problem]) }
        let filename = String(file.filename.prefix(200))
        let record = DocumentFileRecord(id: UUID(), documentID: documentID, filename: filename,
                                        contentType: FileKind.of(file.data, filename: file.filename)?.mimeType ?? "application/octet-stream",
                                        size: file.data.count, data: Data(file.data), createdBy: scope.username, createdAt: now)
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            struct Old: Decodable { var filename: String }
            let old = try await sql.raw("SELECT f.filename FROM document_files f WHERE f.\(\DocumentFileRecord.documentID) = \(bind: documentID)").row(Old.self)
            try await sql.delete(from: "document_files").where(SQLIdentifier(ColumnName.of(\DocumentFileRecord.documentID)), .equal, documentID).run()
            try await sql.insert(into: "document_files").values(of: record).run()
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "document", recordID: documentID,
                                      summary: "\(document.numberSymbol ?? document.kind): tệp \(filename)",
                                      before: ["file": old?.filename ?? ""], after: ["file": filename, "size": String(record.size)])
        }
    }

    // MARK: Inspections

    /// The inspections of a subtree in reach, by scheduled quarter.
    func inspections(_ scope: Scope, unitID: UUID) async throws -> [InspectionRow] {
        _ = try await UnitStore(database: database).unit(scope, id: unitID)
        let condition = Reach.condition(scope, unit: "x.\(\X.unitID)", organisation: "x.\(\X.organisationID)", within: unitID)
        return try await sql.raw("\(Self.inspectionSelect) WHERE \(condition) ORDER BY x.\(\X.scheduledQuarter), t.name, x.id LIMIT 500").rows(InspectionRow.self)
    }

    func inspection(_ scope: Scope, id: UUID) async throws -> InspectionRow {
        guard let row = try await sql.raw("\(Self.inspectionSelect) WHERE x.id = \(bind: id) AND \(Self.inspectionInScope(scope, shape: .probe))").row(InspectionRow.self)
        else { throw AppError.notFound }
        return row
    }

    /// Plans an inspection by a body in reach, of a place in reach, in a quarter ("2023-q2").
    func plan(_ scope: Scope, input: InspectionInput, now: Date = Date()) async throws -> UUID {
        let body = try await OrganisationStore(database: database).organisation(scope, id: input.organisationID ?? scope.organisationID)
        try scope.requireAny(FollowUpStore.actors)
        guard let targetID = input.targetUnitID else { throw ValidationError(["target_unit_id": "error_required"]) }
        let target = try await UnitStore(database: database).unit(scope, id: targetID)
        if let plan = input.planID { _ = try await document(scope, id: plan) }
        var problems = FollowUpStore.textProblems([("team", input.team, 2_000, true), ("targets", input.targets, 2_000, true), ("subject", input.subject, 2_000, true)])
        let quarter = ReportPeriod.parse(input.scheduledQuarter)
        if quarter == nil || !input.scheduledQuarter.contains("-q") { problems["scheduled_quarter"] = "error_inspection_quarter" }
        guard problems.isEmpty else { throw ValidationError(problems) }
        let row = X(id: input.formID ?? UUID(), planID: input.planID, organisationID: body.id, unitID: body.unitID, targetUnitID: target.id, team: input.team, targets: input.targets,
                    subject: input.subject, scheduledQuarter: input.scheduledQuarter, heldOn: nil, findings: "", recommendations: "", createdBy: scope.username,
                    createdAt: now)
        try await database.db.transaction { tx in
            try await FollowUpStore.refuseTwice(on: tx as! any SQLDatabase, table: "inspections", id: row.id)
            try await (tx as! any SQLDatabase).insert(into: "inspections").values(of: row).run()
            try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "inspection", recordID: row.id, summary: "\(body.name) → \(target.name)")
        }
        return row.id
    }

    /// What the findings form was shown with (its hidden `findings_of`): the day, the findings and the
    /// recommendations as they stood. Posted again after it was saved (or after someone else saved
    /// theirs), the form no longer matches and is refused: nothing is changed twice.
    static func findingsToken(_ row: InspectionRow) -> String {
        Secrets.hex(SHA256.hash(data: Data([row.heldOn ?? "", row.findings, row.recommendations].joined(separator: "\u{0}").utf8)))
    }

    /// Records that an inspection was held: the day (not in the future), its findings and recommendations.
    /// `shown`, the form's ``findingsToken``: nil (the form does not say) records without the check.
    func recordFindings(_ scope: Scope, id: UUID, heldOn entered: String, findings: String, recommendations: String, shown: String? = nil,
                        today: CivilDate = CivilDate.today(now: Date())) async throws {
        let inspection = try await inspection(scope, id: id)
        try scope.requireAny(FollowUpStore.actors)
        if let shown, shown != Self.findingsToken(inspection) { throw ValidationError(["form": "error_inspection_findings_changed"]) }
        var problems = FollowUpStore.textProblems([("findings", findings, FollowUpStore.maxText, true), ("recommendations", recommendations, FollowUpStore.maxText, false)])
        let day = CivilDate(entered: entered)
        if entered.isEmpty { problems["held_on"] = "error_required" } else if day == nil { problems["held_on"] = "error_bad_date" }
        else if day! > today { problems["held_on"] = "error_followup_future_day" }
        guard problems.isEmpty, let day else { throw ValidationError(problems) }
        try await database.db.transaction { tx in
            // Only over what was read: two forms posted at once change it once.
            var update = (tx as! any SQLDatabase).update("inspections").set(\X.heldOn, to: day.iso).set(\X.findings, to: findings)
                .set(\X.recommendations, to: recommendations).where("id", .equal, id)
                .where(SQLIdentifier(ColumnName.of(\X.findings)), .equal, inspection.findings)
                .where(SQLIdentifier(ColumnName.of(\X.recommendations)), .equal, inspection.recommendations)
            update = if let held = inspection.heldOn { update.where(SQLIdentifier(ColumnName.of(\X.heldOn)), .equal, held) }
                else { update.where(SQLIdentifier(ColumnName.of(\X.heldOn)), .is, SQLLiteral.null) }
            let changed = try await update.returning("id").all()
            guard !changed.isEmpty else { throw ValidationError(["form": "error_inspection_findings_changed"]) }
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "inspection", recordID: id, summary: inspection.targetUnitName,
                                      before: ["held_on": inspection.heldOn ?? ""], after: ["held_on": day.iso])
        }
    }
}
