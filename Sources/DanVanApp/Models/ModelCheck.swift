import Foundation
import SQLKit

extension ModelStore {
    /// `danvan check` of the models: each year row (`model_years`) copies its model's unit,
    /// organisation, kind and field so that a year's figures read one table; a copy that differs
    /// from its model, or a model whose unit is not its organisation's, is reported (at most 20
    /// lines), in Vietnamese.
    static func checkCopies(_ database: AppDatabase) async throws -> [String] {
        struct Difference: Decodable { var name: String; var year: Int?; var what: String }
        let copies: [(column: String, label: String)] = [(ColumnName.of(\MY.unitID), "đơn vị"), (ColumnName.of(\MY.organisationID), "tổ chức"),
                                                          (ColumnName.of(\MY.kind), "loại"), (ColumnName.of(\MY.field), "lĩnh vực")]
        var query: SQLQueryString = ""
        for (index, copy) in copies.enumerated() {
            if index > 0 { query += " UNION ALL " }
            query += """
                SELECT m.name, y.year, \(literal: copy.label) AS what FROM model_years y JOIN models m ON m.id = y.\(\MY.modelID)
                WHERE y.\(unsafeRaw: copy.column) <> m.\(unsafeRaw: copy.column)
                """
        }
        query += """
             UNION ALL SELECT m.name, NULL AS year, 'đơn vị của tổ chức' AS what FROM models m JOIN organisations o ON o.id = m.\(\MR.organisationID)
            WHERE o.\(\Organisation.$unitID) <> m.\(\MR.unitID)
            """
        let differences = try await database.sql.raw(query + " ORDER BY 1, 2 LIMIT 20").rows(Difference.self)
        return differences.map { difference in
            if let year = difference.year { "Mô hình “\(difference.name)”, năm \(year): \(difference.what) ghi theo năm lệch với mô hình." }
            else { "Mô hình “\(difference.name)”: đơn vị của mô hình khác đơn vị của tổ chức đăng ký." }
        }
    }
}
