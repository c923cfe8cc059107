import Testing
@testable import DanVanDomain

@Suite("OrganisationNaming")
struct OrganisationNamingTests {

    @Test func shortNames() {
        #expect(OrganisationNaming.shortName(unitName: "Huyện Chư Pưh", unitType: "Huyện") == "Chư Pưh")
        #expect(OrganisationNaming.shortName(unitName: "Thành phố Hải Phòng", unitType: "Thành phố") == "Hải Phòng")
        #expect(OrganisationNaming.shortName(unitName: "Xã Ia Le", unitType: "Xã") == "Ia Le")
        #expect(OrganisationNaming.shortName(unitName: "Ia Le", unitType: "Xã") == "Ia Le")
        #expect(OrganisationNaming.shortName(unitName: "Xã", unitType: "Xã") == "Xã")
        #expect(OrganisationNaming.shortName(unitName: "Quan Hóa", unitType: "Quận") == "Quan Hóa")
        #expect(OrganisationNaming.shortName(unitName: "Huye\u{0302}\u{0323}n Chư Pưh", unitType: "Huyện") == "Chư Pưh")
    }

    @Test(arguments: [
        ("Xã Ia Le", "Xã", "xã Ia Le"),
        ("Huyện Chư Pưh", "Huyện", "huyện Chư Pưh"),
        ("Thành phố Hải Phòng", "Thành phố", "thành phố Hải Phòng"),
        ("Tỉnh Gia Lai", "Tỉnh", "tỉnh Gia Lai"),
        ("Phường Phúc Xá", "Phường", "phường Phúc Xá"),
        ("Thị trấn Nhơn Hòa", "Thị trấn", "thị trấn Nhơn Hòa"),
        ("Đặc khu Côn Đảo", "Đặc khu", "đặc khu Côn Đảo"),
        ("Côn Đảo", "Đặc khu", "đặc khu Côn Đảo"),
        ("Thị trấn Nhơn Hòa", "Xã", "thị trấn Nhơn Hòa"),
        ("Quan Hóa", "Huyện", "huyện Quan Hóa"),
        ("Ia Le", "", "Ia Le"),
    ])
    func lowercasedUnits(_ name: String, _ type: String, _ expected: String) {
        #expect(OrganisationNaming.lowercasedUnit(unitName: name, unitType: type) == expected)
    }

    @Test(arguments: [
        ("Tỉnh Gia Lai", "Tỉnh", "Tỉnh ủy Gia Lai"),
        ("Thành phố Hải Phòng", "Thành phố", "Thành ủy Hải Phòng"),
        ("Thành phố Pleiku", "Thành phố", "Thành ủy Pleiku"),
        ("Huyện Chư Pưh", "Huyện", "Huyện ủy Chư Pưh"),
        ("Quận Ba Đình", "Quận", "Quận ủy Ba Đình"),
        ("Thị xã Ayun Pa", "Thị xã", "Thị ủy Ayun Pa"),
        ("Xã Ia Le", "Xã", "Đảng ủy xã Ia Le"),
        ("Phường Phúc Xá", "Phường", "Đảng ủy phường Phúc Xá"),
        ("Thị trấn Nhơn Hòa", "Thị trấn", "Đảng ủy thị trấn Nhơn Hòa"),
        ("Đặc khu Côn Đảo", "Đặc khu", "Đảng ủy đặc khu Côn Đảo"),
        ("Khu kinh tế Dung Quất", "Khu kinh tế", "Đảng ủy khu kinh tế Dung Quất"),
    ])
    func partyCommittees(_ name: String, _ type: String, _ expected: String) {
        #expect(OrganisationNaming.partyCommitteeName(unitName: name, unitType: type) == expected)
    }

    @Test func prefixedNames() {
        #expect(OrganisationNaming.name(prefix: "Ủy ban nhân dân", unitName: "Xã Ia Le", unitType: "Xã")
            == "Ủy ban nhân dân xã Ia Le")
        #expect(OrganisationNaming.name(prefix: "Ủy ban Mặt trận Tổ quốc Việt Nam", unitName: "Huyện Chư Pưh", unitType: "Huyện")
            == "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Chư Pưh")
    }
}
