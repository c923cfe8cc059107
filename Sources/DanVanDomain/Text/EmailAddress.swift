import Foundation

/// An e-mail address as DanVan accepts it: `ten@coquan.gov.vn`. ASCII only (an address with
/// Vietnamese letters in it is refused, as most mail servers would), at most 254 characters, a
/// local part of the characters RFC 5322 allows unquoted, a domain of at least two labels.
/// Nothing that could end a mail header (line breaks, `<`, `>`, `,`, spaces) can pass.
public enum EmailAddress {
    /// Empty (no address) or a well-formed address.
    public static func isValid(_ text: String) -> Bool {
        let address = text.trimmingCharacters(in: .whitespaces)
        if address.isEmpty { return true }
        guard address.utf8.count <= 254 else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last else { return false }
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        guard (1...64).contains(local.count), local.allSatisfy(localAllowed.contains), !local.hasPrefix("."), !local.hasSuffix("."),
              !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let labelAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        return labels.count >= 2 && labels.allSatisfy { label in
            (1...63).contains(label.count) && label.allSatisfy(labelAllowed.contains) && !label.hasPrefix("-") && !label.hasSuffix("-")
        } && labels.last!.allSatisfy(\.isLetter)
    }

    /// The address to store: trimmed, the domain in lower case; nil for none.
    public static func normalised(_ text: String) -> String? {
        let address = text.trimmingCharacters(in: .whitespaces)
        guard !address.isEmpty, let at = address.lastIndex(of: "@") else { return nil }
        return String(address[..<at]) + address[at...].lowercased()
    }
}
