import Foundation

/// The kinds of document (văn bản) of the Party and the State.
public enum DocumentKind: String, Sendable, CaseIterable, Codable {
    /// Nghị quyết (NQ).
    case resolution
    /// Chỉ thị (CT).
    case directive
    /// Kết luận (KL).
    case conclusion
    /// Quyết định (QĐ).
    case decision
    /// Quy chế (QC).
    case charter
    /// Quy định (QĐi).
    case regulation
    /// Hướng dẫn (HD).
    case guidance
    /// Kế hoạch (KH).
    case plan
    /// Chương trình (CTr; a coordination programme is one).
    case programme
    /// Công văn (CV).
    case officialLetter = "official_letter"
    /// Báo cáo (BC).
    case report
    /// Thông báo (TB).
    case notice
    /// Thông tri (TT).
    case circular

    /// The code the number-symbol writes for the kind.
    public var code: String {
        switch self {
        case .resolution: "NQ"
        case .directive: "CT"
        case .conclusion: "KL"
        case .decision: "QĐ"
        case .charter: "QC"
        case .regulation: "QĐi"
        case .guidance: "HD"
        case .plan: "KH"
        case .programme: "CTr"
        case .officialLetter: "CV"
        case .report: "BC"
        case .notice: "TB"
        case .circular: "TT"
        }
    }

    public init?(code: String) {
        guard let kind = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = kind
    }
}

/// A document's number and symbol (số và ký hiệu), parsed. The Party writes
/// "529-QĐ/HU", "05-CTr/BDVHU-UBND" (number-kind/issuer[-co-issuer]); the State writes
/// "141/KH-UBND" or "15/2023/NĐ-CP" (number[/year]/kind-issuer). The kind codes the
/// system knows are ``DocumentKind``'s, and a State symbol's kind code may also be one it
/// does not know (NĐ, TT-BNV …); a Party symbol's must be one it knows.
public struct DocumentSymbol: Hashable, Sendable {
    public let number: Int
    /// The number as written ("05"), kept for display.
    public let numberText: String
    public let kindCode: String
    /// The issuer and co-issuers, in order: ["BDVHU", "UBND"].
    public let issuers: [String]
    /// The year a State symbol may carry ("15/2023/NĐ-CP").
    public let year: Int?
    /// The text, normalised (no spaces, NFC).
    public let text: String

    public var kind: DocumentKind? { DocumentKind(code: kindCode) }

    public init?(_ entered: String) {
        let text = entered.precomposedStringWithCanonicalMapping.filter { !$0.isWhitespace }
        guard !text.isEmpty, text.count <= 60 else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let number: String, kindCode: String, issuers: [String], year: Int?
        if parts.count == 2, let dash = parts[0].firstIndex(of: "-") {
            // Party style: 529-QĐ/HU
            number = String(parts[0][..<dash])
            kindCode = String(parts[0][parts[0].index(after: dash)...])
            issuers = parts[1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            year = nil
            guard DocumentKind(code: kindCode) != nil else { return nil }
        } else if parts.count == 2 || parts.count == 3, !parts[0].contains("-") {
            // State style: 141/KH-UBND, 15/2023/NĐ-CP
            number = parts[0]
            if parts.count == 3 {
                guard parts[1].count == 4, let y = Int(parts[1]), (1945...2100).contains(y) else { return nil }
                year = y
            } else { year = nil }
            let tail = parts[parts.count - 1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard tail.count >= 2 else { return nil }
            kindCode = tail[0]
            issuers = Array(tail.dropFirst())
        } else { return nil }
        guard (1...5).contains(number.count), number.allSatisfy(\.isASCII), let value = Int(number), value > 0,
              Self.isCode(kindCode, maxLength: 5), !issuers.isEmpty, issuers.allSatisfy({ Self.isCode($0, maxLength: 20) })
        else { return nil }
        self.number = value
        self.numberText = number
        self.kindCode = kindCode
        self.issuers = issuers
        self.year = year
        self.text = text
    }

    /// A code: letters (Vietnamese ones included) and digits, starting with a capital letter.
    static func isCode(_ code: String, maxLength: Int) -> Bool {
        guard let first = code.first, first.isUppercase, code.count <= maxLength else { return false }
        return code.allSatisfy { $0.isLetter || ($0.isASCII && $0.isNumber) }
    }
}
