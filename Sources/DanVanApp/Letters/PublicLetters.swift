import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// What a citizen types on the public page.
struct PublicSubmission: Sendable {
    var communeID: UUID?
    var kind: String
    var field: String
    var subject: String
    var content: String
    var name: String
    var address: String
    var contact: String
}

/// What the public status page shows: steps and the published answer, no personal data.
struct PublicStatus: Sendable {
    var trackingCode: String
    var code: String
    var receivedOn: String
    var kind: String
    var status: String
    var organisationName: String
    var steps: [(action: String, date: String)]
    var dueOn: String?
    var publicAnswer: String?
}

/// A commune in force on a day, where the public side sends (a letter, an online answer).
struct PublicCommune: Sendable, Decodable {
    var id: UUID
    var name: String
    var type: String

    /// The commune of this id in force on the day; nil for none, for another level, or for a unit not in force then.
    static func find(_ id: UUID?, on day: CivilDate, in database: AppDatabase) async throws -> PublicCommune? {
        guard let id else { return nil }
        return try await database.sql.raw("""
            SELECT u.id, u.name, u.type FROM organisation_units u WHERE u.id = \(bind: id) AND u.level = 3 AND \(UnitStore.validOn(day))
            """).row(PublicCommune.self)
    }
}

extension LetterStore {
    /// A kiến nghị or phản ánh sent from the public page to a commune in force today.
    /// The commune's People's Committee receives it (created when the commune has none yet).
    func submitPublic(_ input: PublicSubmission, address: String, today: CivilDate = .today(now: Date())) async throws -> ReceivedLetter {
        var problems: [String: String] = [:]
        if !["petition", "report"].contains(input.kind) { problems["kind"] = "error_required" }
        let commune = try await PublicCommune.find(input.communeID, on: today, in: database)
        if commune == nil { problems["commune_id"] = "error_commune" }
        let letterInput = LetterInput(organisationID: nil, receivedOn: today.iso, channel: LetterChannel.online.rawValue, kind: input.kind, field: input.field,
                                      subject: input.subject, content: input.content,
                                      sender: SenderIdentity(name: input.name, address: input.address, contact: input.contact, idNumber: ""),
                                      peopleCount: "1", isRepeat: false, visitID: nil)
        var checked: CheckedLetter?
        do { checked = try Self.validate(letterInput, attachments: [], today: today) } catch let error as ValidationError {
            problems.merge(error.fields) { first, _ in first }
        }
        if input.contact.isEmpty { problems["sender_contact"] = "error_required" }
        if !problems.isEmpty { throw ValidationError(problems) }
        let organisationID = try await peoplesCommittee(of: commune!.id, name: commune!.name, type: commune!.type, address: address)
        return try await insert(checked!, sender: letterInput.sender, organisation: (organisationID, commune!.id), attachments: [],
                                actor: (nil, "cổng công khai"), address: address, visitID: nil, sourceLetterID: nil)
    }

    /// The People's Committee of a commune, created when the commune has none yet (the public side sends there).
    func peoplesCommittee(of unitID: UUID, name: String, type: String, address: String) async throws -> UUID {
        if let id = try await existingPeoplesCommittee(of: unitID) { return id }
        let title = OrganisationNaming.name(prefix: "Ủy ban nhân dân", unitName: name, unitType: type)
        let organisation = Organisation(unitID: unitID, kind: "peoples_committee", name: title, searchName: VietnameseText.folded(title))
        try await database.db.transaction { tx in
            try await organisation.create(on: tx)
            try await AuditLog.record(on: tx, userID: nil, username: "cổng công khai", address: address, action: .create, recordType: "organisation",
                                      recordID: organisation.id, summary: title, after: organisation.auditSnapshot)
        }
        return organisation.id!
    }

    /// The People's Committee of a commune, when it has one.
    func existingPeoplesCommittee(of unitID: UUID) async throws -> UUID? {
        try await Organisation.query(on: database.db).filter(\.$unitID == unitID).filter(\.$kind == "peoples_committee").sort(\.$validFrom).first()?.id
    }

    /// The status of a letter by its tracking code; not found for an unknown or malformed code.
    func track(_ code: String) async throws -> PublicStatus {
        guard let normalized = TrackingCode.normalized(code) else { throw AppError(.notFound, code: "tracking_not_found") }
        struct Row: Decodable { var id: UUID; var code: String; var receivedOn: String; var kind: String; var status: String; var name: String; var dueOn: String?; var publicAnswer: String?; var trackingCode: String }
        guard let row = try await sql.raw("""
            SELECT l.id, l.code, l.\(\L.receivedOn), l.kind, l.status, o.name, l.\(\L.dueOn), l.\(\L.publicAnswer), l.\(\L.trackingCode)
            FROM letters l JOIN organisations o ON o.id = l.\(\L.organisationID) WHERE l.\(\L.trackingCode) = \(bind: normalized)
            """).row(Row.self)
        else { throw AppError(.notFound, code: "tracking_not_found") }
        struct Step: Decodable { var action: String; var onDate: String }
        let steps = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(Step.self, from: "e")) FROM letter_events e WHERE e.\(\LetterEventRow.letterID) = \(bind: row.id) ORDER BY e.at
            """)
            .rows(Step.self)
            .filter { ![LetterAction.assign.rawValue, LetterAction.classify.rawValue].contains($0.action) }
        return PublicStatus(trackingCode: row.trackingCode, code: row.code, receivedOn: row.receivedOn, kind: row.kind, status: row.status,
                            organisationName: row.name, steps: steps.map { ($0.action, $0.onDate) }, dueOn: row.dueOn, publicAnswer: row.publicAnswer)
    }
}
