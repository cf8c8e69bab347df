/// An encoding indicator (RFC 8949 §8.1): `_i` puts the argument in the
/// initial byte, `_0`…`_3` in the 1, 2, 4 or 8 bytes after it.
enum DiagnosticIndicator: Equatable {
    case immediate
    case following(exponent: Int)

    /// Whether an argument (integer, length, tag number) fits this encoding.
    func admits(_ argument: UInt64) -> Bool {
        switch self {
        case .immediate: return argument < 24
        case let .following(exponent): return exponent == 3 || argument >> (8 << exponent) == 0
        }
    }
}
