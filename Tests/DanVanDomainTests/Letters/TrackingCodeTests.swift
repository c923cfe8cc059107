import Foundation
import Testing
@testable import DanVanDomain

@Suite("TrackingCode")
struct TrackingCodeTests {

    @Test func alphabetHasNoLookAlikes() {
        let alphabet = String(decoding: TrackingCode.alphabet, as: UTF8.self)
        #expect(alphabet.count == 31)
        #expect(Set(alphabet).count == 31)
        for excluded in "01OIL" {
            #expect(!alphabet.contains(excluded))
        }
    }

    @Test func shape() {
        let code = TrackingCode.make(randomBytes: [0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0])
        #expect(code.count == 12)
        #expect(code.hasPrefix("DV-"))
        #expect(Array(code)[7] == "-")
        #expect(TrackingCode.normalized(code) == code)
        #expect(TrackingCode.make(randomBytes: [0, 0, 0, 0, 0, 0, 0, 0]) == "DV-2222-2222")
        // Deterministic, and only the first 8 bytes matter.
        #expect(TrackingCode.make(randomBytes: [1, 2, 3, 4, 5, 6, 7, 8, 9]) == TrackingCode.make(randomBytes: [1, 2, 3, 4, 5, 6, 7, 8]))
        #expect(TrackingCode.make(randomBytes: [1, 2, 3, 4, 5, 6, 7, 8]) != TrackingCode.make(randomBytes: [1, 2, 3, 4, 5, 6, 7, 9]))
    }

    @Test func manyCodesRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        var seen = Set<String>()
        for _ in 0..<2000 {
            let bytes = (0..<8).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let code = TrackingCode.make(randomBytes: bytes)
            #expect(TrackingCode.normalized(code) == code)
            seen.insert(code)
        }
        #expect(seen.count > 1990)
    }

    @Test func sloppyInputIsAccepted() {
        let code = TrackingCode.make(randomBytes: [9, 8, 7, 6, 5, 4, 3, 2])
        let bare = code.replacingOccurrences(of: "-", with: "").dropFirst(2)
        #expect(TrackingCode.normalized(code.lowercased()) == code)
        #expect(TrackingCode.normalized(String(bare)) == code)
        #expect(TrackingCode.normalized(" dv " + bare.lowercased() + " ") == code)
        #expect(TrackingCode.normalized(String(bare.prefix(4)) + " " + bare.suffix(4)) == code)
        #expect(TrackingCode.normalized("DV--" + bare) == code)
    }

    @Test func everySingleTypoAndAdjacentSwapIsCaught() {
        let code = TrackingCode.make(randomBytes: [0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6, 0x07, 0x18])
        let chars = Array(code.replacingOccurrences(of: "-", with: "").dropFirst(2))
        let alphabet = TrackingCode.alphabet.map { Character(Unicode.Scalar($0)) }
        for index in chars.indices {
            for replacement in alphabet where replacement != chars[index] {
                var typo = chars
                typo[index] = replacement
                #expect(TrackingCode.normalized(String(typo)) == nil)
            }
        }
        for index in 0..<(chars.count - 1) where chars[index] != chars[index + 1] {
            var swapped = chars
            swapped.swapAt(index, index + 1)
            #expect(TrackingCode.normalized(String(swapped)) == nil)
        }
    }

    @Test(arguments: ["", "DV", "DV-2222-222", "DV-2222-22222", "DV-2222-222O", "DV-2222-2221", "XX-2222-2222",
                      "DV_2222_2222", "DV-2222-222Ư", "DV-2222-2223", "ĐV-2222-2222"])
    func malformed(_ input: String) {
        #expect(TrackingCode.normalized(input) == nil)
    }
}
