extension VietnameseText {
    /// A title drawn from a longer text (a letter's subject from what a citizen said at a
    /// visit): its first sentence, or first line, and when that is longer than `limit`
    /// characters, the words that fit followed by "…". Whitespace runs become one space.
    public static func headline(_ text: String, limit: Int = 120) -> String {
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        var sentence = firstLine.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let end = sentence.firstIndex(where: { ".!?;".contains($0) }), sentence.index(after: end) < sentence.endIndex {
            sentence = String(sentence[..<end])
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
