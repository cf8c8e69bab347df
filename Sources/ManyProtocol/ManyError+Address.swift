import ManyIdentity

extension ManyError {
    /// The many-rs error for a bad address: -100, -101 (with the text's first character),
    /// -102 (with the kind byte) or -103.
    public init(_ error: AddressError) {
        switch error {
        case let .missingPrefix(found): self = .invalidIdentityPrefix(actual: found)
        case let .unknownKind(kind), let .noPublicKey(kind): self = .invalidIdentityKind(actual: String(kind))
        case .subresourceIDOutOfRange: self = .invalidIdentitySubresourceID()
        default: self = .invalidIdentity()
        }
    }
}
