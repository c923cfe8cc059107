/// The default catalogue of organisation kinds (DOMAIN.md §3), loaded by the
/// migration; an administrator may change the rows afterwards.
enum OrganisationCatalogue {
    /// Kinds named after the party committee ("Ban Dân vận Huyện ủy Chư Pưh") rather than after the unit.
    static let namedAfterPartyCommittee: Set<String> = ["party_standing_committee", "dan_van_board", "propaganda_board", "propaganda_dan_van_board"]

    static var kinds: [OrganisationKind] {
        [
            .init(key: "party_committee", name: "Cấp ủy đảng", namePrefix: "", standardLevels: "1,2,3", sortOrder: 10),
            .init(key: "party_standing_committee", name: "Ban Thường vụ cấp ủy", namePrefix: "Ban Thường vụ", standardLevels: "1,2,3", sortOrder: 20),
            .init(key: "dan_van_board", name: "Ban Dân vận", namePrefix: "Ban Dân vận", standardLevels: "1,2", sortOrder: 30, validTo: "2025-06-30"),
            .init(key: "propaganda_board", name: "Ban Tuyên giáo", namePrefix: "Ban Tuyên giáo", standardLevels: "1,2", sortOrder: 31, validTo: "2025-06-30"),
            .init(key: "propaganda_dan_van_board", name: "Ban Tuyên giáo và Dân vận", namePrefix: "Ban Tuyên giáo và Dân vận", standardLevels: "1", sortOrder: 32, validFrom: "2025-07-01"),
            .init(key: "peoples_council", name: "Hội đồng nhân dân", namePrefix: "Hội đồng nhân dân", standardLevels: "1,2,3", sortOrder: 40),
            .init(key: "peoples_committee", name: "Ủy ban nhân dân", namePrefix: "Ủy ban nhân dân", standardLevels: "1,2,3", sortOrder: 50),
            .init(key: "committee_department", name: "Phòng, ban, sở thuộc Ủy ban nhân dân", namePrefix: "", standardLevels: "", sortOrder: 55),
            .init(key: "fatherland_front", name: "Ủy ban Mặt trận Tổ quốc Việt Nam", namePrefix: "Ủy ban Mặt trận Tổ quốc Việt Nam", standardLevels: "1,2,3", sortOrder: 60),
            .init(key: "farmers_union", name: "Hội Nông dân", namePrefix: "Hội Nông dân", standardLevels: "1,2,3", sortOrder: 70),
            .init(key: "womens_union", name: "Hội Liên hiệp Phụ nữ", namePrefix: "Hội Liên hiệp Phụ nữ", standardLevels: "1,2,3", sortOrder: 71),
            .init(key: "youth_union", name: "Đoàn Thanh niên Cộng sản Hồ Chí Minh", namePrefix: "Đoàn Thanh niên Cộng sản Hồ Chí Minh", standardLevels: "1,2,3", sortOrder: 72),
            .init(key: "veterans_association", name: "Hội Cựu chiến binh", namePrefix: "Hội Cựu chiến binh", standardLevels: "1,2,3", sortOrder: 73),
            .init(key: "labour_federation", name: "Liên đoàn Lao động", namePrefix: "Liên đoàn Lao động", standardLevels: "1,2", sortOrder: 74),
            .init(key: "police", name: "Công an", namePrefix: "Công an", standardLevels: "1,2,3", sortOrder: 80),
            .init(key: "military_command", name: "Ban Chỉ huy Quân sự", namePrefix: "Ban Chỉ huy Quân sự", standardLevels: "2,3", sortOrder: 81),
            .init(key: "court", name: "Tòa án nhân dân", namePrefix: "Tòa án nhân dân", standardLevels: "1,2", sortOrder: 90),
            .init(key: "procuracy", name: "Viện Kiểm sát nhân dân", namePrefix: "Viện Kiểm sát nhân dân", standardLevels: "1,2", sortOrder: 91),
            .init(key: "grassroots_party_organisation", name: "Tổ chức cơ sở đảng", namePrefix: "", standardLevels: "", sortOrder: 100),
            .init(key: "party_cell", name: "Chi bộ", namePrefix: "Chi bộ", standardLevels: "4", sortOrder: 101),
            .init(key: "dan_van_team", name: "Tổ dân vận", namePrefix: "Tổ dân vận", standardLevels: "4", sortOrder: 110),
            .init(key: "central_body", name: "Cơ quan Trung ương", namePrefix: "", standardLevels: "", sortOrder: 1),
            .init(key: "other", name: "Tổ chức khác", namePrefix: "", standardLevels: "", sortOrder: 200),
        ]
    }
}
