import Testing
@testable import DanVanDomain

@Suite("VietnameseText: order of people")
struct VietnameseTextPersonsTests {

    @Test func givenNameFirstThenFamilyName() {
        let people = ["Trần Thị Bình", "Lê Văn Bình", "Nguyễn Văn An"]
        #expect(people.sorted(by: VietnameseText.comparePersons) == ["Nguyễn Văn An", "Lê Văn Bình", "Trần Thị Bình"])
    }

    @Test func givenNameComparedWithTonesBeforeFamilyName() {
        let people = ["Trần Văn Bính", "Vũ Thị Bình", "Lê Bình"]
        #expect(people.sorted(by: VietnameseText.comparePersons) == ["Lê Bình", "Vũ Thị Bình", "Trần Văn Bính"])
    }

    @Test func shortGivenNameFirst() {
        #expect(VietnameseText.comparePersons("Trần An", "Nguyễn Thị Anh"))
        #expect(VietnameseText.comparePersons("An", "Bình"))
        #expect(VietnameseText.personSortKey("  Lê   Văn  Bình ") == VietnameseText.personSortKey("Lê Văn Bình"))
    }
}
