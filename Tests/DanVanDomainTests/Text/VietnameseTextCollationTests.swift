import Testing
@testable import DanVanDomain

@Suite("VietnameseText: alphabetical order")
struct VietnameseTextCollationTests {

    func sorted(_ items: [String]) -> [String] {
        items.sorted(by: VietnameseText.compare)
    }

    @Test func provinceList() {
        let input = ["Bắc Ninh", "An Giang", "Ăn", "Đà Nẵng", "Dầu Tiếng", "Ân", "Cà Mau", "Hà Nội", "Hạ Long", "Hà Giang"]
        // Base strings first: "ha giang" < "ha long" < "ha noi"; tones only break ties.
        #expect(sorted(input) == [
            "An Giang", "Ăn", "Ân", "Bắc Ninh", "Cà Mau", "Dầu Tiếng", "Đà Nẵng", "Hà Giang", "Hạ Long", "Hà Nội",
        ])
    }

    @Test("sorting by a name computes each key once and gives the order compare gives")
    func sortedByName() {
        struct Unit { var name: String; var code: Int }
        let input = ["Bắc Ninh", "An Giang", "Đà Nẵng", "Dầu Tiếng", "Hà Nội", "Hạ Long", "Hà Giang"].enumerated().map { Unit(name: $1, code: $0) }
        #expect(input.sorted(byVietnamese: \.name).map(\.name) == sorted(input.map(\.name)))
    }

    @Test func lettersComparePositionByPosition() {
        #expect(VietnameseText.compare("an", "ăn"))
        #expect(VietnameseText.compare("ăn", "ân"))
        #expect(VietnameseText.compare("ân", "bà"))
        #expect(VietnameseText.compare("az", "ă"))
        #expect(VietnameseText.compare("dz", "đa"))
        #expect(VietnameseText.compare("đa", "e"))
        #expect(VietnameseText.compare("Dầu Tiếng", "Đà Nẵng"))
        #expect(!VietnameseText.compare("Đà Nẵng", "Dầu Tiếng"))
        #expect(sorted(["ư", "u", "ơ", "ô", "o", "ê", "e"]) == ["e", "ê", "o", "ô", "ơ", "u", "ư"])
    }

    @Test func foreignLettersSitInLatinOrder() {
        #expect(sorted(["g", "f", "ê"]) == ["ê", "f", "g"])
        #expect(sorted(["k", "j", "i"]) == ["i", "j", "k"])
        #expect(sorted(["x", "w", "v"]) == ["v", "w", "x"])
        #expect(sorted(["z", "y"]) == ["y", "z"])
    }

    @Test func tonesInDictionaryOrder() {
        #expect(sorted(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"])
    }

    @Test func tonesOnlyAfterTheWholeBaseString() {
        #expect(sorted(["ma y", "mà x"]) == ["mà x", "ma y"])
        #expect(sorted(["Hải Dương", "Hà Giang"]) == ["Hà Giang", "Hải Dương"])
    }

    @Test func caseInsensitive() {
        #expect(sorted(["b", "A", "c", "B"]) == ["A", "b", "B", "c"])
        #expect(VietnameseText.collationKey("ĐÀ NẴNG") > VietnameseText.collationKey("dz"))
    }

    @Test func digitsBeforeLettersAndNumbersByValue() {
        #expect(sorted(["a", "1"]) == ["1", "a"])
        #expect(sorted(["Tổ 10", "Tổ 2", "Tổ 1", "Tổ A"]) == ["Tổ 1", "Tổ 2", "Tổ 10", "Tổ A"])
        #expect(sorted(["Phường 02", "Phường 1", "Phường 2"]) == ["Phường 1", "Phường 2", "Phường 02"])
    }

    @Test func equivalentSpellingsGiveEqualKeys() {
        #expect(VietnameseText.collationKey("hoà") == VietnameseText.collationKey("hòa"))
        #expect(VietnameseText.collationKey("Thuỷ") == VietnameseText.collationKey("Thủy"))
        #expect(VietnameseText.collationKey("Da\u{0302}n") == VietnameseText.collationKey("Dân"))
        #expect(VietnameseText.collationKey("  Hà   Nội ") == VietnameseText.collationKey("Hà Nội"))
    }

    @Test func prefixSortsFirst() {
        #expect(VietnameseText.compare("Hà", "Hà Nội"))
        #expect(VietnameseText.compare("", "a"))
        #expect(!VietnameseText.compare("a", "a"))
    }
}
