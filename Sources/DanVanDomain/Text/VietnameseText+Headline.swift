extension VietnameseText {
    /// A title drawn from a longer text (a letter's subject from what a citizen said at a
    /// visit): its first sentence (ended by . ! ? or ; and a space), or first line, and when that is longer than `limit`
    /// characters, the words that fit followed by "…". Whitespace runs become one space.
    public static func headline(_ text: String, limit: Int = 120) -> String {
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        var sentence = firstLine.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        // A sentence ends at a mark followed by a space: "25.000.000 đồng" and "16.03.2026" go on.
        var index = sentence.startIndex
        while index < sentence.endIndex {
            let next = sentence.index(after: index)
            if ".!?;".contains(sentence[index]), next < sentence.endIndex, sentence[next] == " " {
                sentence = String(sentence[..<index])
                break
            }
            index = next
        }
        guard sentence.count > limit else { return sentence }
        var words: [Substring] = []
        var length = 0
        for word in sentence.split(separator: " ") {
            let added = (words.isEmpty ? 0 : 1) + word.count
            if length + added > limit - 1 { break }
            words.append(word)
            length += added
        }
        return (words.isEmpty ? String(sentence.prefix(limit - 1)) : words.joined(separator: " ")) + "…"
    }
}
