import FluentKit
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

@Suite("Administrative units: the shipped national data")
struct UnitImportTests {
    @Test("the legacy and 2025 sets load with 63/696/10,035 and 34/3,321 units, once")
    func fullNationalLoad() async throws {
        // setup
        let (database, cleanup) = try await TestDatabase.empty()
        do {
            // MUT
            let summary = try await UnitImporter.load(try AdministrativeUnitFiles.shipped(), into: database)
            let again = try await UnitImporter.load(try AdministrativeUnitFiles.shipped(), into: database)
            // validate
            #expect(summary.legacyProvinces == 63 && summary.legacyDistricts == 696 && summary.legacyCommunes == 10_035)
            #expect(summary.provinces == 34 && summary.communes == 3_321)
            #expect(again.alreadyLoaded)
            struct Count: Decodable { var level: Int; var legacy: Int; var n: Int }
            let counts = try await database.sql.raw("""
                SELECT level, CASE WHEN valid_to IS NULL THEN 0 ELSE 1 END AS legacy, COUNT(*) AS n
                FROM organisation_units GROUP BY level, CASE WHEN valid_to IS NULL THEN 0 ELSE 1 END
                """).all(decoding: Count.self)
            let table = Dictionary(uniqueKeysWithValues: counts.map { ("\($0.level)/\($0.legacy)", $0.n) })
            #expect(table == ["0/0": 1, "1/1": 63, "2/1": 696, "3/1": 10_035, "1/0": 34, "3/0": 3_321])
            // Every legacy commune has a successor; divided ones have exactly one default.
            struct Orphans: Decodable { var n: Int }
            let orphans = try await database.sql.raw("""
                SELECT COUNT(*) AS n FROM organisation_units u WHERE u.level = 3 AND u.valid_to IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM unit_links l WHERE l.predecessor_id = u.id AND l.is_default = \(bind: true))
                """).all(decoding: Orphans.self)
            #expect(orphans.first?.n == 0)
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
    }
}
