extension VietnameseText {

    /// Sort key for a person's full name (họ và tên) as Vietnamese lists order people:
    /// by given name (tên, the last word) first, then by the rest read from the start
    /// (họ and tên đệm).
    ///
    /// "Nguyễn Văn An" < "Lê Văn Bình" < "Trần Thị Bình".
    /// The given name is compared completely (tones included) before the rest, so all
    /// "Bình" sort together before any "Bính".
    public static func personSortKey(_ fullName: String) -> VietnameseCollationKey {
        let name = normalized(fullName)
        guard let lastSpace = name.lastIndex(of: " ") else {
            return collationKey(name).followed(by: collationKey(""))
        }
        let givenName = String(name[name.index(after: lastSpace)...])
        let rest = String(name[..<lastSpace])
        return collationKey(givenName).followed(by: collationKey(rest))
    }

    /// `areInIncreasingOrder` for people; see ``personSortKey(_:)``.
    public static func comparePersons(_ a: String, _ b: String) -> Bool {
        personSortKey(a) < personSortKey(b)
    }
}
