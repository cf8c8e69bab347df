import CBOR

/// Why an address could not be read from CBOR.
public enum AddressDecodingError: Error, Equatable, Sendable {
    /// Not well-formed CBOR, or neither a byte string nor a text string.
    case cbor(CBORError)
    /// A byte string without tag 10000 ("identities need to be tagged" in many-rs).
    case untagged(offset: Int)
    /// More tags in front of the address than we accept.
    case tooManyTags(offset: Int)
    /// The bytes or text are not a valid address.
    case invalid(AddressError, offset: Int)
}

extension AddressDecodingError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .cbor(error): return "address: \(error)"
        case let .untagged(offset): return "address at byte \(offset) is a byte string without tag 10000"
        case let .tooManyTags(offset): return "too many tags in front of the address at byte \(offset)"
        case let .invalid(error, offset): return "address at byte \(offset): \(error)"
        }
    }
}
