import FluentKit
import SQLKit

/// The catalogue of organisation kinds, the organisations and their merges.
struct CreateOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organisation_kinds")
            .field("key", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("name_prefix", .string, .required)
            .field("standard_levels", .string, .required)
            .field("sort_order", .int, .required)
            .field("valid_from", .string)
            .field("valid_to", .string)
            .create()
        for kind in OrganisationCatalogue.kinds {
            try await kind.create(on: database)
        }

        try await database.schema("organisations")
            .id()
            .field("unit_id", .uuid, .required, .references("organisation_units", "id"))
            .field("kind", .string, .required, .references("organisation_kinds", "key"))
            .field("name", .string, .required)
            .field("search_name", .string, .required)
            .field("parent_organisation_id", .uuid, .references("organisations", "id"))
            .field("valid_from", .string)
            .field("valid_to", .string)
            .field("dan_van_leader", .string)
            .field("dan_van_leader_title", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()

        /// Hợp nhất, chia tách: predecessor → successor organisations.
        try await database.schema("organisation_links")
            .id()
            .field("predecessor_id", .uuid, .required, .references("organisations", "id"))
            .field("successor_id", .uuid, .required, .references("organisations", "id"))
            .field("effective", .string, .required)
            .create()

        let sql = database as! any SQLDatabase
        try await sql.create(index: "organisations_unit").on("organisations").column("unit_id").run()
        try await sql.create(index: "organisation_links_successor").on("organisation_links").column("successor_id").run()
        try await sql.create(index: "organisation_links_predecessor").on("organisation_links").column("predecessor_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["organisation_links", "organisations", "organisation_kinds"] {
            try await database.schema(table).delete()
        }
    }
}
