import Testing
@testable import DanVanDomain

@Suite("VietnameseCollationKey")
struct VietnameseCollationKeyTests {

    @Test func comparesWeightsLexicographically() {
        #expect(VietnameseCollationKey(weights: [1, 2]) < VietnameseCollationKey(weights: [1, 3]))
        #expect(VietnameseCollationKey(weights: [1]) < VietnameseCollationKey(weights: [1, 0]))
    }

    @Test func followedByComparesFirstKeyCompletely() {
        let key = { VietnameseText.collationKey($0) }
        // Tone of the first part decides before any letter of the second part.
        #expect(key("bình").followed(by: key("z")) < key("bính").followed(by: key("a")))
        // A shorter first part still sorts first.
        #expect(key("an").followed(by: key("z")) < key("anh").followed(by: key("a")))
    }
}
