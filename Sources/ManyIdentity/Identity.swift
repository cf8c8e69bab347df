import COSE

/// Something with a MANY address that can appear as a message's sender: a key pair, or
/// the anonymous identity.
public protocol Identity: Sendable {
    /// The identity's address.
    var address: Address { get }
    /// The MANY COSE public key (see ``COSE/COSEKey/manyPublicKey()``), nil when there is none.
    var publicKey: COSEKey? { get }
}

/// An identity that signs: its envelopes carry its public key and a signature.
public protocol SigningIdentity: Identity, COSESigner {}

/// The anonymous identity: address `maa`, no key; its envelopes are unsigned.
public struct AnonymousIdentity: Identity {
    public init() {}
    public var address: Address { .anonymous }
    public var publicKey: COSEKey? { nil }
}
