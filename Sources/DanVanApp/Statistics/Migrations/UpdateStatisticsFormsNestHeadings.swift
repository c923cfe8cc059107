import FluentKit
import Foundation
import SQLKit

/// The shipped forms name the headings printed above their columns with
/// colons ("Tiếp thường xuyên: đoàn đông người: vụ việc: lần đầu"), so their
/// workbooks group the columns as the printed forms do; the texts loaded by
/// ``CreateStatisticsForms`` before that are rewritten. A text an
/// administrator entered is left alone.
struct UpdateStatisticsFormsNestHeadings: AsyncMigration {
    /// Form code → (before, after) in its text.
    static let rewrites: [String: [(String, String)]] = [
        "01/TCD": [(", đoàn đông người: ", ": đoàn đông người: "), (": vụ việc lần đầu", ": vụ việc: lần đầu"),
                   (": vụ việc nhiều lần", ": vụ việc: nhiều lần")],
        "01/XLD": [("| Thuộc thẩm quyền |", "| Thuộc thẩm quyền: tổng số |"), ("| Không thuộc thẩm quyền |", "| Không thuộc thẩm quyền: tổng số |")],
        "01/KQGQ": [("(16) | Trong đó", "(16) | Kiến nghị xử lý hành chính: trong đó"), ("(19) | Trong đó", "(19) | Chuyển cơ quan điều tra: trong đó")],
        "03/KQGQ": [("(20) | Trong đó", "(20) | Kiến nghị xử lý hành chính: trong đó"), ("(23) | Trong đó", "(23) | Chuyển cơ quan điều tra: trong đó")],
    ]

    private struct Row: Decodable {
        var id: UUID
        var code: String
        var definition: String
    }

    func prepare(on database: any Database) async throws {
        try await rewrite(database) { text, pairs in pairs.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) } }
    }

    func revert(on database: any Database) async throws {
        try await rewrite(database) { text, pairs in pairs.reversed().reduce(text) { $0.replacingOccurrences(of: $1.1, with: $1.0) } }
    }

    private func rewrite(_ database: any Database, _ change: (String, [(String, String)]) -> String) async throws {
        let sql = database as! any SQLDatabase
        for row in try await sql.raw("SELECT id, code, definition FROM statistics_forms WHERE created_by = 'hệ thống'").all(decoding: Row.self) {
            let text = change(row.definition, Self.rewrites[row.code] ?? [])
            if text != row.definition { try await sql.update("statistics_forms").set("definition", to: text).where("id", .equal, row.id).run() }
        }
    }
}
