import FluentKit
import SQLKit

/// Where a meeting was held apart from who held it (the district's deputies meet voters in a
/// commune), the words an opinion and its answer are published with (edited at publication:
/// no one's name or house reaches the public page), and the indexes that read the items an
/// organisation set and the public page.
struct AddMeetingPlaceAndPublicText: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds one column per ALTER TABLE.
        try await database.schema("meetings").field("place_unit_id", .uuid, .references("organisation_units", "id")).update()
        try await database.schema("opinions").field("public_text", .string).update()
        try await database.schema("opinions").field("public_answer", .string).update()
        let sql = database as! any SQLDatabase
        // Meetings recorded before: held where their host is.
        try await sql.raw("UPDATE meetings SET place_unit_id = unit_id WHERE place_unit_id IS NULL").run()
        // Opinions published before went out as typed: withdrawn, to be published again in edited words
        // (copying the typed text would keep any name in it; the meeting page offers the form again).
        try await sql.raw("UPDATE opinions SET published_at = NULL WHERE published_at IS NOT NULL").run()
        // The items a subtree's organisations set (routed, issued, required), by period: counts read this index alone.
        try await sql.create(index: "follow_up_items_owner_opened").on("follow_up_items")
            .column("owner_unit_id").column("opened_on").column("status").column("due_on").run()
        // The public page, the newest first.
        try await sql.create(index: "opinions_published").on("opinions").column("published_at").column("id").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "opinions_published").run()
        try await sql.drop(index: "follow_up_items_owner_opened").run()
        try await database.schema("opinions").deleteField("public_answer").update()
        try await database.schema("opinions").deleteField("public_text").update()
        try await database.schema("meetings").deleteField("place_unit_id").update()
    }
}
