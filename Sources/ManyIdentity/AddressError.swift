/// Why bytes or text are not a MANY address.
///
/// many-rs folds these into four `ManyError` codes: -100 (invalid identity), -101 (wrong
/// prefix), -102 (unknown kind) and -103 (subresource id over 31 bits); ``manyErrorCode``
/// gives the code for each case.
public enum AddressError: Error, Equatable, Sendable {
    /// No bytes at all.
    case empty
    /// A kind byte other than 0x00, 0x01, 0x02 and 0x80…0xFF.
    case unknownKind(UInt8)
    /// The length does not fit the kind (1, 29 or 32 bytes).
    case invalidLength(kind: UInt8, count: Int)
    /// A public-key hash that is not 28 bytes.
    case invalidPublicKeyHashLength(Int)
    /// A subresource id above 2³¹ − 1.
    case subresourceIDOutOfRange(UInt64)
    /// Anonymous and illegal addresses have no public key (to take a subresource of).
    case noPublicKey(kind: UInt8)
    /// Text that does not start with `m`; `found` is what it starts with.
    case missingPrefix(found: String)
    /// Text shorter than `maa`.
    case tooShort
    /// Text longer than any address can be.
    case tooLong(count: Int)
    /// A character outside the lowercase base32 alphabet (`a`–`z`, `2`–`7`).
    case invalidCharacter(offset: Int)
    /// The last two characters are not the checksum of the bytes.
    case checksumMismatch(expected: String, found: String)
    /// The text decodes, but is not how the address is written (extra bits, wrong length).
    case notCanonical(expected: String)

    /// The many-rs `ManyError` code for this error.
    public var manyErrorCode: Int64 {
        switch self {
        case .missingPrefix: return -101
        case .unknownKind, .noPublicKey: return -102
        case .subresourceIDOutOfRange: return -103
        default: return -100
        }
    }
}

extension AddressError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty: return "an address needs at least one byte"
        case let .unknownKind(kind): return "unknown address kind \(kind)"
        case let .invalidLength(kind, count): return "an address of kind \(kind) cannot be \(count) bytes"
        case let .invalidPublicKeyHashLength(count): return "a public-key hash is 28 bytes, not \(count)"
        case let .subresourceIDOutOfRange(id): return "subresource id \(id) is over 31 bits"
        case let .noPublicKey(kind): return "an address of kind \(kind) has no public key"
        case let .missingPrefix(found): return "an address starts with 'm', not '\(found)'"
        case .tooShort: return "an address is at least 3 characters"
        case let .tooLong(count): return "\(count) characters is too long for an address"
        case let .invalidCharacter(offset): return "character \(offset) is not lowercase base32"
        case let .checksumMismatch(expected, found): return "checksum is '\(found)', expected '\(expected)'"
        case let .notCanonical(expected): return "not the canonical text of the address, which is \(expected)"
        }
    }
}
