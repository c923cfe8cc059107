import Testing
@testable import DanVanDomain

@Suite("VietnameseText: TCVN3 detection and validation")
struct VietnameseTextValidationTests {

    @Test(arguments: ["D©n vËn", "Tr\u{00AD}êng", "Tr­êng häc", "TiÕng ViÖt", "§¶ng bé", "C¸n bé"])
    func detectsTCVN3(_ text: String) {
        #expect(VietnameseText.looksLikeTCVN3(text))
    }

    @Test(arguments: [
        "Dân vận", "Trường", "Dân vận khéo", "HÒA BÌNH", "Müller", "Café", "Copyright © 2024",
        "Giá 5 £", "", "Chư Pưh", "Da\u{0302}n va\u{0323}\u{0302}n", "nhiÒu",
    ])
    func acceptsUnicodeAndPlainText(_ text: String) {
        #expect(!VietnameseText.looksLikeTCVN3(text))
    }

    @Test func validationProblemForTCVN3() {
        #expect(VietnameseText.validationProblem("D©n vËn")
            == "Văn bản có vẻ dùng bảng mã TCVN3 (ABC) cũ; hãy chuyển sang Unicode trước khi nhập.")
    }

    @Test func validationProblemForControlCharacters() {
        #expect(VietnameseText.validationProblem("Dân\u{0007}vận") == VietnameseText.controlCharacterMessage)
        #expect(VietnameseText.validationProblem("a\u{0000}") == VietnameseText.controlCharacterMessage)
        #expect(VietnameseText.validationProblem("a\u{007F}") == VietnameseText.controlCharacterMessage)
    }

    @Test func validationAcceptsNormalText() {
        #expect(VietnameseText.validationProblem("Dân vận") == nil)
        #expect(VietnameseText.validationProblem("Dòng 1\nDòng 2\tcột\r\n") == nil)
        #expect(VietnameseText.validationProblem("") == nil)
    }
}
