import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// The statistics forms (biểu mẫu thống kê) as data, with the default forms
/// of Thông tư 01/2024/TT-TTCP loaded from `Resources/forms`.
struct CreateStatisticsForms: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("statistics_forms")
            .id()
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("source", .string, .required)
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            /// The form's text (``StatisticsFormText``), read back on every use.
            .field("definition", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "code", "valid_from")
            .create()
        let sql = database as! any SQLDatabase
        for text in try Self.defaultTexts() {
            switch StatisticsFormStore.parse(text) {
            case .success(let form): try await StatisticsFormStore.insert(sql, id: UUID(), form: form, text: text, createdBy: "hệ thống")
            case .failure(let problems): throw problems
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("statistics_forms").delete()
    }

    /// The texts of `Resources/forms/*.txt`, in name order.
    static func defaultTexts() throws -> [String] {
        guard let folder = Bundle.module.url(forResource: "forms", withExtension: nil, subdirectory: "Resources") else {
            throw AppError(.internalServerError, code: "missing_forms")
        }
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map { try String(contentsOf: $0, encoding: .utf8) }
    }
}
