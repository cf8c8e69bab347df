import CBOR

/// Why a COSE message or key was rejected, or could not be produced.
///
/// Each case names one kind of failure so that callers (and test tables) can tell them
/// apart; malformed CBOR underneath keeps its own ``CBORError`` with the byte offset.
public enum COSEError: Error, Equatable, Sendable {
    /// The message carries a CBOR tag other than the one for its type (18 for COSE_Sign1,
    /// 98 for COSE_Sign).
    case wrongTag(UInt64)
    /// The bytes are well-formed CBOR but not the COSE structure expected.
    case malformedStructure(reason: String)
    /// The algorithm named in the headers (or asked of a key) is not EdDSA or ES256, or
    /// is not an integer.
    case unsupportedAlgorithm
    /// Neither the protected nor the unprotected header names an algorithm.
    case missingAlgorithm
    /// The key does not fit the algorithm, or its parameters are wrong.
    case invalidKey(reason: String)
    /// A critical header parameter (listed in `crit`) that this library does not process.
    case unknownCriticalHeader(COSEHeaderLabel)
    /// The signature does not verify over the Sig_structure.
    case signatureMismatch
    /// The bytes are not well-formed CBOR.
    case cbor(CBORError)
}

extension COSEError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .wrongTag(tag): return "unexpected CBOR tag \(tag)"
        case let .malformedStructure(reason): return "malformed COSE structure: \(reason)"
        case .unsupportedAlgorithm: return "unsupported algorithm"
        case .missingAlgorithm: return "no algorithm in the headers"
        case let .invalidKey(reason): return "invalid key: \(reason)"
        case let .unknownCriticalHeader(label): return "critical header \(label) is not understood"
        case .signatureMismatch: return "signature does not verify"
        case let .cbor(error): return "CBOR: \(error)"
        }
    }
}
