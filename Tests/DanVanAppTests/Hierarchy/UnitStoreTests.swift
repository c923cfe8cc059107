import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

@Suite("Hierarchy queries: search, subtree, history")
struct UnitStoreTests {
    static let chuPuhCommunes: Set<String> = [
        "Thị trấn Nhơn Hòa", "Xã Ia Hrú", "Xã Ia Rong", "Xã Ia Dreng", "Xã Ia Hla", "Xã Chư Don", "Xã Ia Phang", "Xã Ia Le", "Xã Ia BLứ",
    ]

    @Test("'chu puh', 'CHƯ PƯH' and 'Chư Pưh' all find Huyện Chư Pưh", arguments: ["chu puh", "CHƯ PƯH", "Chư Pưh", "huyen chu puh"])
    func searchIgnoresCaseTonesAndD(query: String) async throws {
        try await TestApp.run { app in
            let found = try await app.services.units.search(try await app.nationalScope(), folded: VietnameseText.folded(query))
            #expect(found.contains { $0.name == "Huyện Chư Pưh" && $0.code == "639" })
        }
    }

    @Test("'dak doa' finds Huyện Đak Đoa: đ folds to d")
    func searchFoldsD() async throws {
        try await TestApp.run { app in
            let found = try await app.services.units.search(try await app.nationalScope(), folded: VietnameseText.folded("dak doa"))
            #expect(found.contains { $0.code == "626" })
        }
    }

    @Test("Chư Pưh in 2024 had its 9 communes; on 01/07/2025 they went into 4 communes of Gia Lai")
    func chuPuhChildrenAndSuccessors() async throws {
        try await TestApp.run { app in
            let scope = try await app.nationalScope()
            let chuPuh = try await app.unit("639", legacy: true)
            let children = try await app.services.units.children(scope, of: chuPuh.id, on: CivilDate(iso: "2024-06-01")!)
            #expect(Set(children.map(\.name)) == Self.chuPuhCommunes)
            #expect(try await app.services.units.children(scope, of: chuPuh.id, on: CivilDate(iso: "2025-07-01")!).isEmpty)
            let successors = try await app.services.units.successorsOfSubtree(scope, of: chuPuh.id)
            #expect(Set(successors.map(\.unit.name)) == ["Xã Chư Pưh", "Xã Ia Hrú", "Xã Ia Le", "Xã Ia Ko"])
            #expect(Set(successors.compactMap(\.parentName)) == ["Tỉnh Gia Lai"])
        }
    }

    @Test("a unit page's one query of related units gives what each relation gives alone, in the same order")
    func relatedInOneQuery() async throws {
        try await TestApp.run { app in
            let scope = try await app.nationalScope()
            let units = app.services.units
            for (code, legacy, date) in [("639", true, "2024-06-01"), ("23986", false, "2025-07-01"), ("52", false, "2025-07-01"), ("64", true, "2025-06-30")] {
                let unit = try await app.unit(code, legacy: legacy)
                let day = CivilDate(iso: date)!
                let all = try await units.related(scope, of: unit, UnitRelation.allCases, on: day)
                #expect(all.ancestors == (try await units.ancestors(scope, of: unit)))
                #expect(all.children == (try await units.children(scope, of: unit, on: day)))
                #expect(all.history == (try await units.history(scope, of: unit)))
                #expect(all.predecessors == (try await units.predecessors(scope, of: unit)))
                #expect(all.successors == (try await units.successors(scope, of: unit.id)))
                #expect(all.successorsOfSubtree.map(\.unit) == (try await units.successorsOfSubtree(scope, of: unit)).map(\.unit))
                #expect(all.successorsOfSubtree.map(\.parentName) == (try await units.successorsOfSubtree(scope, of: unit)).map(\.parentName))
            }
            // Each relation on its own terms: breadcrumbs from the top, history by level then code.
            let iaLe = try await app.unit("23986", legacy: false)
            let around = try await units.related(scope, of: iaLe, UnitRelation.allCases)
            #expect(around.ancestors.map(\.level) == around.ancestors.map(\.level).sorted())
            #expect(around.ancestors.last?.name == "Tỉnh Gia Lai")
            #expect(Set(around.predecessors.map(\.unit.name)) == ["Xã Ia Le", "Xã Ia BLứ"])
            let chuPuh = try await units.related(scope, of: try await app.unit("639", legacy: true), [.successorOfSubtree, .child, .history])
            #expect(chuPuh.children.count == 9)
            #expect(Set(chuPuh.successorsOfSubtree.map(\.unit.name)) == ["Xã Chư Pưh", "Xã Ia Hrú", "Xã Ia Le", "Xã Ia Ko"])
            #expect(chuPuh.ancestors.isEmpty && chuPuh.predecessors.isEmpty)
            let history = try await units.history(scope, of: try await app.unit("52", legacy: false))
            #expect(history.map(\.level) == history.map(\.level).sorted())
        }
    }

    @Test("a search page shows 50 units and links the next; the next page has the rest, none twice")
    func searchPaged() async throws {
        try await TestApp.run { app in
            let (_, password) = try await app.nationalAdministrator("qt.tw")
            try await app.client { browser in
                try await browser.login("qt.tw", password)
                let first = try await browser.get("/units?q=xa")
                #expect(first.body.contains("Từ 1 đến 50"))
                let next = try #require(first.body.firstMatch(of: /rel="next" href="([^"]+)"/)).1.replacingOccurrences(of: "&amp;", with: "&")
                #expect(next.contains("q=xa") && next.contains("offset=50"))
                let second = try await browser.get(String(next))
                #expect(second.body.contains("Từ 51 đến "))
                let links = { (body: String) in Set(body.matches(of: /class="unit-link" href="([^"]+)"/).map { String($0.1) }) }
                #expect(links(first.body).count == 50 && !links(second.body).isEmpty && links(first.body).isDisjoint(with: links(second.body)))
            }
        }
    }

    @Test("the subtree of legacy Gia Lai holds Chư Pưh and its communes, not its history")
    func subtree() async throws {
        try await TestApp.run { app in
            let scope = try await app.nationalScope()
            let giaLai = try await app.unit("64", legacy: true)
            let subtree = try await app.services.units.subtree(scope, of: giaLai.id)
            #expect(subtree.contains { $0.code == "639" })
            #expect(Self.chuPuhCommunes.isSubset(of: Set(subtree.map(\.name))))
            #expect(subtree.allSatisfy { $0.validTo != nil || $0.level == 0 })
            let ids = try await app.services.units.subtreeIDs(scope, of: giaLai.id, includingHistory: false)
            #expect(Set(ids) == Set(subtree.map(\.id)))
        }
    }

    @Test("the history of new Xã Ia Le is legacy Xã Ia Le and Xã Ia BLứ; of new Gia Lai, legacy Gia Lai and Bình Định with Chư Pưh")
    func history() async throws {
        try await TestApp.run { app in
            let scope = try await app.nationalScope()
            let iaLe = try await app.unit("23986", legacy: false)
            let history = try await app.services.units.history(scope, of: iaLe.id)
            #expect(Set(history.map(\.code)) == ["23986", "23987"])
            #expect(history.allSatisfy { $0.validTo == "2025-06-30" })
            let predecessors = try await app.services.units.predecessors(scope, of: iaLe.id)
            #expect(Set(predecessors.map(\.unit.name)) == ["Xã Ia Le", "Xã Ia BLứ"])

            let newGiaLai = try await app.unit("52", legacy: false)
            let provinceHistory = try await app.services.units.history(scope, of: newGiaLai.id)
            let codes = Set(provinceHistory.map(\.code))
            #expect(codes.isSuperset(of: ["64", "52", "639", "23942", "23986"]))
            #expect(!codes.contains("62"))  // Kon Tum went into Quảng Ngãi
            #expect(provinceHistory.allSatisfy { $0.validTo != nil })
        }
    }

    @Test("a village added under a commune is inside the commune's and the province's reach")
    func addVillage() async throws {
        try await TestApp.run { app in
            let scope = try await app.nationalScope()
            let iaLe = try await app.unit("23986", legacy: false)
            let village = try await app.services.units.addVillage(scope, parentID: iaLe.id, name: "Thôn Plei Bông", type: "Thôn", code: "")
            #expect(village.level == 4)
            #expect(try await app.services.units.children(scope, of: iaLe.id).map(\.name) == ["Thôn Plei Bông"])
            let province = try await app.unit("52", legacy: false)
            #expect(try await app.services.units.subtreeIDs(scope, of: province.id, includingHistory: false).contains(village.id))
            await #expect(throws: ValidationError.self) {
                _ = try await app.services.units.addVillage(scope, parentID: village.id, name: "Xóm", type: "Thôn", code: "")
            }
            // The store checks the input (the page only shows its messages): nothing is added.
            do {
                _ = try await app.services.units.addVillage(scope, parentID: iaLe.id, name: "", type: "Thôn", code: String(repeating: "9", count: 21))
                Issue.record("an empty name was accepted")
            } catch let error as ValidationError {
                #expect(error.fields == ["name": "error_required", "code": "error_too_long"])
            }
            #expect(try await app.services.units.children(scope, of: iaLe.id).count == 1)
        }
    }
}

@Suite("Row coding: one mapping between Swift and SQL names")
struct ColumnNameTests {
    @Test("camelCase properties are snake_case columns, an acronym one word", arguments: [
        ("id", "id"), ("unitID", "unit_id"), ("organisationID", "organisation_id"), ("parentOrganisationID", "parent_organisation_id"),
        ("senderIDNumber", "sender_id_number"), ("idNumber", "id_number"), ("isRepeat", "is_repeat"), ("resolutionDueOn", "resolution_due_on"),
        ("danVanLeaderTitle", "dan_van_leader_title"), ("c1", "c1"),
    ])
    func columns(_ property: String, _ column: String) {
        #expect(ColumnName.of(property) == column)
    }
}
