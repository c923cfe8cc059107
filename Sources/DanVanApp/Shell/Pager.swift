import DanVanDomain

/// Where a list read page by page stands ("Từ 26 đến 50 trong 213") and the links to the
/// pages beside it; every paged list shows it through the partial `pager`.
struct Pager: Sendable, Encodable {
    /// The list's position in words; nil for an empty list.
    var position: String?
    var previousHref: String?
    var nextHref: String?

    /// `offset` and `size` of the page shown, `shown` rows on it, `total` in all; `href` gives
    /// the link to the page at another offset.
    init(offset: Int, size: Int, shown: Int, total: Int, catalogue: StringCatalogue, language: Language, href: (Int) -> String) {
        self.init(offset: offset, size: size, shown: shown, more: offset + shown < total, catalogue: catalogue, language: language, href: href)
        if shown > 0 {
            position = catalogue.text("pager_position", language, [
                VietnameseFormat.integer(offset + 1), VietnameseFormat.integer(offset + shown), VietnameseFormat.integer(total),
            ])
        }
    }

    /// For a list too long to count at each page (the audit log): `more` says whether a row
    /// lies beyond this page (read one row more than the page holds).
    init(offset: Int, size: Int, shown: Int, more: Bool, catalogue: StringCatalogue, language: Language, href: (Int) -> String) {
        position = shown == 0 ? nil : catalogue.text("pager_position_open", language, [
            VietnameseFormat.integer(offset + 1), VietnameseFormat.integer(offset + shown),
        ])
        previousHref = offset > 0 ? href(max(0, offset - size)) : nil
        nextHref = more ? href(offset + size) : nil
    }

    /// The offset a query asks for: a whole number from 0, at most `limit`; anything else is the first page.
    static func offset(_ text: String, limit: Int = 1_000_000) -> Int {
        max(0, min(Int(text) ?? 0, limit))
    }
}
