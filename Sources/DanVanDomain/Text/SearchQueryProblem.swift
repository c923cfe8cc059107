/// Why a search query was refused.
public enum SearchQueryProblem: Error, Hashable, Sendable {
    case empty
    case tooLong(max: Int)

    /// Message for the user, in Vietnamese.
    public var message: String {
        switch self {
        case .empty: return "Hãy nhập từ khóa tìm kiếm."
        case .tooLong(let max): return "Từ khóa quá dài (tối đa \(max) ký tự)."
        }
    }
}
