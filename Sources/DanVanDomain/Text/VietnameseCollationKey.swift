/// Sort key for Vietnamese alphabetical order (thứ tự chữ cái tiếng Việt).
///
/// Compare keys with `<`; equal keys mean the strings sort together. The weights are a
/// flat array so keys can be stored or concatenated (see ``VietnameseText/personSortKey(_:)``):
/// primary weights (base letters), a `0` separator, one tone weight per primary weight,
/// then one case/leading-zero weight per primary weight.
public struct VietnameseCollationKey: Hashable, Comparable, Sendable {
    /// The flattened weights; compared lexicographically.
    public let weights: [UInt32]

    public init(weights: [UInt32]) {
        self.weights = weights
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.weights.lexicographicallyPrecedes(rhs.weights)
    }

    /// Key that compares `self` fully first, then `other` (used for "given name, then family name").
    ///
    /// Sound because a complete key is never a proper prefix of a different complete key.
    public func followed(by other: Self) -> Self {
        Self(weights: weights + other.weights)
    }
}
