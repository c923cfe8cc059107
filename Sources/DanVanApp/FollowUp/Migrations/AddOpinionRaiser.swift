import FluentKit

/// The organisation that raised an opinion, when one did (the Front, a union, a hamlet's dân vận
/// team raising its members' opinion at a meeting); a citizen who raised one is not recorded
/// (no personal data). An answer to the opinion is told to that organisation's people.
struct AddOpinionRaiser: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("opinions").field("raiser_organisation_id", .uuid, .references("organisations", "id")).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("opinions").deleteField("raiser_organisation_id").update()
    }
}
