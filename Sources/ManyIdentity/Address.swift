/// A MANY address: who sends or receives a message.
///
/// The binary form (many-rs `Address::to_vec`) is one of
///
/// | kind | bytes |
/// |---|---|
/// | anonymous | `00` |
/// | public key | `01` ‖ SHA3-224 of the identity's COSE public key (28 bytes) |
/// | illegal | `02` (a sentinel that no sender may use) |
/// | subresource | `80 | id >> 24` ‖ the 28-byte hash ‖ the low 24 bits of the id (32 bytes) |
///
/// ```swift
/// let address = try Address(string: "mahek5lid7ek7ckhq7j77nfwgk3vkspnyppm2u467ne5mwiqys")
/// let account = try address.with(subresource: 1)   // "mqbfbahks…"
/// account.matches(address)                          // true: same public key
/// ```
public struct Address: Sendable, Hashable {
    /// The canonical bytes: 1 (anonymous, illegal), 29 (public key) or 32 (subresource).
    public let bytes: [UInt8]

    /// The anonymous address, `maa`.
    public static let anonymous = Address(canonical: [kindAnonymous])
    /// The illegal address, `maiyg`: never a valid sender.
    public static let illegal = Address(canonical: [kindIllegal])
    /// The largest subresource id (ids are 31 bits).
    public static let subresourceIDMax: UInt32 = 0x7FFF_FFFF
    /// The size of a public-key hash (SHA3-224).
    public static let publicKeyHashByteCount = 28

    static let kindAnonymous: UInt8 = 0x00
    static let kindPublicKey: UInt8 = 0x01
    static let kindIllegal: UInt8 = 0x02

    private init(canonical: [UInt8]) {
        bytes = canonical
    }

    /// An address from its binary form; the length must fit the kind byte exactly.
    public init(bytes: some Collection<UInt8>) throws(AddressError) {
        let bytes = Array(bytes)
        guard let kind = bytes.first else { throw .empty }
        let expectedCount: Int
        switch kind {
        case Self.kindAnonymous, Self.kindIllegal: expectedCount = 1
        case Self.kindPublicKey: expectedCount = 1 + Self.publicKeyHashByteCount
        case 0x80...0xff: expectedCount = 1 + Self.publicKeyHashByteCount + 3
        default: throw .unknownKind(kind)
        }
        guard bytes.count == expectedCount else { throw .invalidLength(kind: kind, count: bytes.count) }
        self.init(canonical: bytes)
    }

    /// The public-key address for a SHA3-224 hash (28 bytes).
    public init(publicKeyHash hash: some Collection<UInt8>) throws(AddressError) {
        guard hash.count == Self.publicKeyHashByteCount else { throw .invalidPublicKeyHashLength(hash.count) }
        self.init(canonical: [Self.kindPublicKey] + hash)
    }

    /// What kind of address this is.
    public enum Kind: Sendable, Hashable {
        case anonymous
        case publicKey
        /// A subresource of a public key, with its 31-bit id.
        case subresource(UInt32)
        case illegal
    }

    /// The kind of this address.
    public var kind: Kind {
        switch bytes[0] {
        case Self.kindAnonymous: return .anonymous
        case Self.kindPublicKey: return .publicKey
        case Self.kindIllegal: return .illegal
        default: return .subresource(subresourceID ?? 0)
        }
    }

    public var isAnonymous: Bool { bytes[0] == Self.kindAnonymous }
    public var isIllegal: Bool { bytes[0] == Self.kindIllegal }
    public var isPublicKey: Bool { bytes[0] == Self.kindPublicKey }
    public var isSubresource: Bool { bytes[0] >= 0x80 }

    /// Public-key and subresource addresses can sign (through their key).
    public var canSign: Bool { isPublicKey || isSubresource }
    /// Anonymous, public-key and subresource addresses may send messages.
    public var canBeSource: Bool { isAnonymous || isPublicKey || isSubresource }
    /// Public-key, subresource and the illegal address may be a destination (as many-rs says).
    public var canBeDestination: Bool { isPublicKey || isSubresource || isIllegal }

    /// The 28-byte public-key hash of a public-key or subresource address.
    public var publicKeyHash: [UInt8]? {
        canSign ? Array(bytes[1...Self.publicKeyHashByteCount]) : nil
    }

    /// The 31-bit id of a subresource address: the kind byte's low 7 bits, then the last 3 bytes.
    public var subresourceID: UInt32? {
        guard isSubresource else { return nil }
        let low = bytes[(Self.publicKeyHashByteCount + 1)...].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return UInt32(bytes[0] & 0x7f) << 24 | low
    }

    /// The subresource `id` of this address's public key.
    ///
    /// Throws ``AddressError/subresourceIDOutOfRange(_:)`` above 31 bits and
    /// ``AddressError/noPublicKey(kind:)`` for anonymous and illegal addresses.
    public func with(subresource id: UInt64) throws(AddressError) -> Address {
        guard id <= UInt64(Self.subresourceIDMax) else { throw .subresourceIDOutOfRange(id) }
        guard let hash = publicKeyHash else { throw .noPublicKey(kind: bytes[0]) }
        let id = UInt32(id)
        let tail = [UInt8(truncatingIfNeeded: id >> 16), UInt8(truncatingIfNeeded: id >> 8), UInt8(truncatingIfNeeded: id)]
        return Address(canonical: [0x80 | UInt8(id >> 24)] + hash + tail)
    }

    /// The public-key address behind a public-key or subresource address.
    public func publicKeyAddress() throws(AddressError) -> Address {
        guard let hash = publicKeyHash else { throw .noPublicKey(kind: bytes[0]) }
        return Address(canonical: [Self.kindPublicKey] + hash)
    }

    /// Whether `other` is the same identity, ignoring subresource ids: anonymous matches
    /// only anonymous, illegal only illegal, others compare their public-key hash.
    public func matches(_ other: Address) -> Bool {
        if isAnonymous { return other.isAnonymous }
        if isIllegal { return other.isIllegal }
        guard other.canSign else { return false }
        return bytes[1...Self.publicKeyHashByteCount] == other.bytes[1...Self.publicKeyHashByteCount]
    }
}
