import FluentKit
import Foundation
import SQLKit

/// The rating scale of model evaluations as data (thang xếp loại): the four levels the
/// evaluations were rated on until now, same keys, so existing rows and the statistics read on.
struct CreateModelRatingLevels: AsyncMigration {
    func prepare(on database: any Database) async throws {
        /// Mức xếp loại: a key (what evaluations keep), its label, its place (best first), the day it was retired.
        try await database.schema("model_rating_levels")
            .id()
            .field("key", .string, .required)
            .field("label", .string, .required)
            .field("position", .int, .required)
            .field("retired_on", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "key")
            .create()
        let sql = database as! any SQLDatabase
        let now = Date()
        for (position, level) in [("excellent", "Xuất sắc"), ("good", "Tốt"), ("fair", "Khá"), ("poor", "Chưa đạt")].enumerated() {
            try await sql.insert(into: "model_rating_levels")
                .columns("id", "key", "label", "position", "created_by", "created_at")
                .values(SQLBind(UUID()), SQLBind(level.0), SQLBind(level.1), SQLBind(position + 1), SQLBind("hệ thống"), SQLBind(now))
                .run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("model_rating_levels").delete()
    }
}
