import FluentKit
import SQLKit

/// Units, their levels, the reach table (closure of the tree and of history)
/// and the predecessor → successor links.
struct CreateHierarchy: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("unit_levels")
            .field("level", .int, .identifier(auto: false))
            .field("name", .string, .required)
            .create()
        for (level, name) in [(0, "Quốc gia"), (1, "Tỉnh, thành phố"), (2, "Huyện, quận, thị xã"), (3, "Xã, phường, đặc khu"), (4, "Thôn, tổ dân phố")] {
            try await UnitLevel(level: level, name: name).create(on: database)
        }

        try await database.schema("organisation_units")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("search_name", .string, .required)
            .field("type", .string, .required)
            .field("level", .int, .required, .references("unit_levels", "level"))
            .field("parent_id", .uuid, .references("organisation_units", "id"))
            .field("valid_from", .string)
            .field("valid_to", .string)
            .create()

        // unit_paths: one row per (ancestor, descendant) the ancestor reaches,
        // through the tree (via_history = false) or through the units whose
        // history flows into it (via_history = true). Scope checks are one lookup.
        try await database.schema("unit_paths")
            .field("ancestor_id", .uuid, .required, .references("organisation_units", "id"))
            .field("descendant_id", .uuid, .required, .references("organisation_units", "id"))
            .field("depth", .int, .required)
            .field("via_history", .bool, .required)
            .unique(on: "ancestor_id", "descendant_id")
            .create()

        /// Predecessor → successor (kế thừa): whole, or part of a divided unit.
        try await database.schema("unit_links")
            .id()
            .field("predecessor_id", .uuid, .required, .references("organisation_units", "id"))
            .field("successor_id", .uuid, .required, .references("organisation_units", "id"))
            .field("whole", .bool, .required)
            .field("is_default", .bool, .required)
            .field("effective", .string, .required)
            .create()

        let sql = database as! any SQLDatabase
        try await sql.create(index: "organisation_units_parent").on("organisation_units").column("parent_id").run()
        try await sql.create(index: "organisation_units_code").on("organisation_units").column("code").run()
        try await sql.create(index: "organisation_units_search").on("organisation_units").column("search_name").run()
        try await sql.create(index: "unit_paths_descendant").on("unit_paths").column("descendant_id").run()
        try await sql.create(index: "unit_links_successor").on("unit_links").column("successor_id").run()
        try await sql.create(index: "unit_links_predecessor").on("unit_links").column("predecessor_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["unit_links", "unit_paths", "organisation_units", "unit_levels"] {
            try await database.schema(table).delete()
        }
    }
}
