/// Limits on user input (giới hạn dữ liệu nhập).
public enum InputLimits {
    /// Maximum length of a search query, in characters after normalisation.
    public static let searchMaxLength = 200

    /// Validates a raw search box value; on success returns the folded query
    /// (``VietnameseText/folded(_:)``), ready to match against folded names.
    public static func searchQuery(_ raw: String) -> Result<String, SearchQueryProblem> {
        let query = VietnameseText.normalized(raw)
        if query.count > searchMaxLength { return .failure(.tooLong(max: searchMaxLength)) }
        let folded = VietnameseText.folded(query)
        if folded.isEmpty { return .failure(.empty) }
        return .success(folded)
    }
}
