import Testing
@testable import DanVanDomain

@Suite("VietnameseText: normalized and folded")
struct VietnameseTextTests {
    /// "Dân" written as D + a + U+0302 COMBINING CIRCUMFLEX + n.
    let nfdDan = "Da\u{0302}n"

    @Test func normalizedTrimsAndCollapsesWhitespace() {
        #expect(VietnameseText.normalized("  Xã   Ia\tLe \n") == "Xã Ia Le")
        #expect(VietnameseText.normalized("Ia\u{00A0}\u{00A0}Le") == "Ia Le")
        #expect(VietnameseText.normalized("") == "")
        #expect(VietnameseText.normalized(" \t\n ") == "")
    }

    @Test func normalizedComposesNFD() {
        let result = VietnameseText.normalized(" \(nfdDan)  vận ")
        #expect(result == "Dân vận")
        #expect(Array(result.unicodeScalars) == Array("Dân vận".unicodeScalars))
        #expect(result.unicodeScalars.count == 7)
    }

    @Test func foldedRemovesTonesAndVowelMarks() {
        #expect(VietnameseText.folded("Dân vận khéo") == "dan van kheo")
        #expect(VietnameseText.folded("Đường") == "duong")
        #expect(VietnameseText.folded("  Hà   Nội ") == "ha noi")
    }

    @Test(arguments: ["CHƯ PƯH", "Chư Pưh", "chu puh", "  chư   pưh  ", "Chu\u{031B} Pu\u{031B}h"])
    func chuPuhVariantsFoldAlike(_ input: String) {
        #expect(VietnameseText.folded(input) == "chu puh")
    }

    @Test func foldedHandlesNFD() {
        #expect(VietnameseText.folded(nfdDan) == "dan")
        #expect(VietnameseText.folded("D\u{0110}\u{0111}") == "ddd")
    }

    @Test func foldedCoversEveryVietnameseLetter() {
        let upper = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
        let expected = String(repeating: "a", count: 17) + String(repeating: "e", count: 11)
            + String(repeating: "i", count: 5) + String(repeating: "o", count: 17)
            + String(repeating: "u", count: 11) + String(repeating: "y", count: 5) + "d"
        #expect(VietnameseText.folded(upper) == expected)
        #expect(VietnameseText.folded(upper.lowercased()) == expected)
        #expect(VietnameseText.folded(upper.decomposedStringWithCanonicalMapping) == expected)
    }

    @Test func foldedASCIIFastPath() {
        #expect(VietnameseText.folded(" Hello \t  WORLD 42 ") == "hello world 42")
        #expect(VietnameseText.folded("") == "")
    }

    @Test func foldedEthLookAlikeAndOtherScripts() {
        #expect(VietnameseText.folded("Ðà Nẵng") == "da nang")
        #expect(VietnameseText.folded("Straße ÖL") == "straße ol")
        #expect(VietnameseText.folded("北京") == "北京")
    }

    @Test func foldedManyNamesQuickly() {
        let names = (0..<15_000).map { "Xã Ia Lê \($0) Chư Pưh Đường" }
        let folded = names.map(VietnameseText.folded)
        #expect(folded[14_999] == "xa ia le 14999 chu puh duong")
    }
}
