import DanVanDomain
import Testing

@Suite("A title drawn from a longer text")
struct VietnameseTextHeadlineTests {
    @Test("the first sentence or line, spaces tidied", arguments: [
        ("Đề nghị cấp giấy chứng nhận quyền sử dụng đất", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất"),
        ("Phản ánh ô nhiễm. Đã báo thôn nhưng chưa xử lý.", "Phản ánh ô nhiễm"),
        ("Khiếu nại   việc thu hồi đất\nGia đình có 3 khẩu", "Khiếu nại việc thu hồi đất"),
        ("Hỏi về chế độ hỗ trợ hộ nghèo.", "Hỏi về chế độ hỗ trợ hộ nghèo."),
        ("Đòi bồi thường 25.000.000 đồng tiền cây trồng. Chưa được trả.", "Đòi bồi thường 25.000.000 đồng tiền cây trồng"),
        ("Quyết định ngày 16.03.2026 thu hồi đất; gia đình không đồng ý", "Quyết định ngày 16.03.2026 thu hồi đất"),
        ("", ""),
    ])
    func firstSentence(text: String, expected: String) {
        #expect(VietnameseText.headline(text) == expected)
    }

    @Test("a long sentence is cut between words, within the limit, with an ellipsis")
    func longSentence() {
        let text = "Kiến nghị bồi thường cây trồng khi làm đường liên xã qua rẫy cà phê của gia đình"
        let title = VietnameseText.headline(text, limit: 40)
        #expect(title == "Kiến nghị bồi thường cây trồng khi làm…")
        #expect(title.count <= 40)
        #expect(VietnameseText.headline(String(repeating: "a", count: 50), limit: 10) == "aaaaaaaaa…")
    }
}
