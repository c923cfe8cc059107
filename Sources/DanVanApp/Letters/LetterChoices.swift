import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// A person or body an action form offers to choose.
struct LetterChoice: Sendable, Codable {
    var id: UUID
    var name: String
    /// For a body that has ended: its last day, which a choice list says.
    var endedOn: CivilDate? = nil
}

/// The small queries behind the choices of the letter forms, each through the scope.
extension LetterStore {
    /// Active handling officers of the organisation handling a case in scope (for "assign").
    func handlers(_ scope: Scope, letterID: UUID) async throws -> [LetterChoice] {
        let letter = try await letter(scope, id: letterID)
        let users = try await User.query(on: database.db).filter(\.$organisationID == letter.organisationID).filter(\.$active == true)
            .sort(\.$fullName).all()
        return users.filter { Role.decode($0.roles).contains(.handlingOfficer) }.compactMap { user in user.id.map { LetterChoice(id: $0, name: user.fullName) } }
    }

    /// Organisations a case in scope may be forwarded to: those of its unit and of the unit above
    /// that exist today or existed the day it was received (a case of a unit that has since ended
    /// is forwarded on its own dates), but the one handling it. The workflow checks the target
    /// against the day of the forwarding itself.
    func forwardTargets(_ scope: Scope, letterID: UUID, on day: CivilDate = .today(now: Date())) async throws -> [LetterChoice] {
        let letter = try await letter(scope, id: letterID)
        let received = CivilDate(iso: letter.receivedOn) ?? day
        struct Target: Decodable { var id: UUID; var name: String; var validTo: String? }
        let targets = try await sql.raw("""
            SELECT o.id, o.name, o.\(\Validity.validTo) FROM organisations o
            WHERE (o.\(\Organisation.$unitID) = \(bind: letter.unitID) OR o.\(\Organisation.$unitID) = (SELECT \(\OrganisationUnit.$parentID) FROM organisation_units WHERE id = \(bind: letter.unitID)))
            AND ((\(UnitStore.validOn(day, alias: "o"))) OR (\(UnitStore.validOn(received, alias: "o"))))
            AND o.id <> \(bind: letter.organisationID) ORDER BY o.name
            """).rows(Target.self)
        // One that has ended says until when: the forwarding must be dated before it.
        return targets.map { target in
            let end = target.validTo.flatMap(CivilDate.init(iso:))
            return LetterChoice(id: target.id, name: target.name, endedOn: end.flatMap { $0 < day ? $0 : nil })
        }
    }

    /// What a letter started from a reception visit takes from it: the day, what the
    /// citizen came about, how many came, whether it was repeated, and who came.
    struct VisitForLetter: Sendable, Decodable {
        var date: String
        var content: String
        var people: Int
        var isRepeat: Bool
        var citizenName: String?
        var citizenAddress: String?
    }

    /// A reception visit in scope that has not yet become a letter, to prefill the letter it leads
    /// to. A visit that already has its letter is not found: it takes no second one, and what it
    /// recorded of the citizen (a denouncer, perhaps) is not shown again outside that letter.
    func visit(_ scope: Scope, visitID: UUID) async throws -> VisitForLetter {
        guard let row = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(VisitForLetter.self, from: "v")) FROM reception_visits v
            JOIN reception_sessions s ON s.id = v.\(\ReceptionVisitRecord.sessionID)
            WHERE v.id = \(bind: visitID) AND v.\(\ReceptionVisitRecord.letterID) IS NULL AND \(ReceptionStore.inScope(scope))
            """).row(VisitForLetter.self)
        else { throw AppError.notFound }
        return row
    }
}
