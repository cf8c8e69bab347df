/// Why a value could not be encoded to CBOR or decoded from it.
///
/// ``CBOREncoder`` and ``CBORDecoder`` throw only this type. Every error says
/// what went wrong (``kind``), where in the value (``codingPath``) and, when
/// decoding, where in the input (``offset``, the byte offset of the item at fault).
///
/// Inside `init(from:)` and `encode(to:)` the same errors travel as Swift's
/// `DecodingError` and `EncodingError` (with this error as their
/// `underlyingError`), so Codable code that catches those keeps working.
public struct CBORCodingError: Error, Sendable, CustomStringConvertible {
    /// The kinds of coding failure.
    public enum Kind: Equatable, Sendable {
        /// The input is not well-formed CBOR, breaks a limit of ``CBORDecodingOptions``,
        /// has trailing bytes, or is not deterministic when that is required.
        case invalidCBOR(CBORError)
        /// The item is of another kind than the type needs (names as in ``CBORMajorType``).
        case typeMismatch(expected: String, found: String)
        /// `null`, `undefined` or the end of an array where a value is required.
        case valueNotFound(expected: String)
        /// A map lacks the key a non-optional property needs.
        case keyNotFound(String)
        /// A number does not fit the Swift type named (for example 300 into `UInt8`).
        case numberOutOfRange(String)
        /// A ``CBORTaggedCodable`` type found another tag, or none (`found == nil`).
        case tagMismatch(expected: UInt64, found: UInt64?)
        /// The same key twice in a map: decoding a dictionary, or encoding deterministically.
        case duplicateKey
        /// A type's own `init(from:)` rejected the data (a `DecodingError.dataCorrupted`).
        case dataCorrupted(String)
        /// A type's own `encode(to:)` rejected its value, or misused the encoder.
        case invalidValue(String)
        /// Any other error a type's own coding code threw; see ``underlyingError``.
        case other(String)
    }

    /// What went wrong.
    public var kind: Kind
    /// The keys and indices from the top-level value to the value at fault.
    public var codingPath: [any CodingKey]
    /// The byte offset of the item at fault, when decoding.
    public var offset: Int?
    /// The error a type's own coding code threw, if that is where this came from.
    public var underlyingError: (any Error)?

    public init(kind: Kind, codingPath: [any CodingKey] = [], offset: Int? = nil, underlyingError: (any Error)? = nil) {
        self.kind = kind
        self.codingPath = codingPath
        self.offset = offset
        self.underlyingError = underlyingError
    }

    /// The coding path as text: `header.items[2].id`, or `<root>`.
    public var codingPathDescription: String {
        var text = ""
        for key in codingPath {
            if let index = key as? CBORIndexKey {
                text += "[\(index.index)]"
            } else {
                if !text.isEmpty { text += "." }
                text += key.stringValue
            }
        }
        return text.isEmpty ? "<root>" : text
    }

    public var description: String {
        let place = offset.map { " (byte \($0))" } ?? ""
        return "\(kind) at \(codingPathDescription)\(place)"
    }
}

extension CBORCodingError.Kind: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .invalidCBOR(error): return "invalid CBOR: \(error)"
        case let .typeMismatch(expected, found): return "expected \(expected), found \(found)"
        case let .valueNotFound(expected): return "expected \(expected), found no value"
        case let .keyNotFound(key): return "missing key \"\(key)\""
        case let .numberOutOfRange(type): return "number does not fit \(type)"
        case let .tagMismatch(expected, found): return "expected tag \(expected), found \(found.map { "tag \($0)" } ?? "no tag")"
        case .duplicateKey: return "duplicate map key"
        case let .dataCorrupted(text), let .invalidValue(text), let .other(text): return text
        }
    }
}

// MARK: Carrying errors through Codable's untyped throws

extension CBORCodingError {
    /// This error as the `DecodingError` a Codable implementation expects to see.
    func asDecodingError(type: Any.Type, missingKey: (any CodingKey)? = nil) -> DecodingError {
        let context = DecodingError.Context(codingPath: codingPath, debugDescription: description, underlyingError: self)
        switch kind {
        case .keyNotFound: return .keyNotFound(missingKey ?? CBORAnyKey(stringValue: "?"), context)
        case .valueNotFound: return .valueNotFound(type, context)
        case .typeMismatch: return .typeMismatch(type, context)
        default: return .dataCorrupted(context)
        }
    }

    /// This error as the `EncodingError` a Codable implementation expects to see.
    func asEncodingError(value: Any) -> EncodingError {
        .invalidValue(value, EncodingError.Context(codingPath: codingPath, debugDescription: description, underlyingError: self))
    }

    /// Whether `error` is one of ours, bare or wrapped.
    static func wrapped(in error: any Error) -> CBORCodingError? {
        if let error = error as? CBORCodingError { return error }
        switch error {
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
             let DecodingError.keyNotFound(_, context), let DecodingError.dataCorrupted(context):
            return context.underlyingError as? CBORCodingError
        case let EncodingError.invalidValue(_, context):
            return context.underlyingError as? CBORCodingError
        default:
            return nil
        }
    }

    /// Turns whatever reached the top of an encode or decode into a typed error.
    init(converting error: any Error, origin: CBORErrorOrigin) {
        if let ours = Self.wrapped(in: error) {
            self = ours
            return
        }
        let offset = origin.offset(for: error)
        switch error {
        case let DecodingError.typeMismatch(type, context):
            self.init(kind: .typeMismatch(expected: "\(type)", found: context.debugDescription),
                      codingPath: context.codingPath, offset: offset, underlyingError: error)
        case let DecodingError.valueNotFound(type, context):
            self.init(kind: .valueNotFound(expected: "\(type)"), codingPath: context.codingPath, offset: offset, underlyingError: error)
        case let DecodingError.keyNotFound(key, context):
            self.init(kind: .keyNotFound(key.stringValue), codingPath: context.codingPath, offset: offset, underlyingError: error)
        case let DecodingError.dataCorrupted(context):
            self.init(kind: .dataCorrupted(context.debugDescription), codingPath: context.codingPath, offset: offset, underlyingError: error)
        case let EncodingError.invalidValue(_, context):
            self.init(kind: .invalidValue(context.debugDescription), codingPath: context.codingPath, underlyingError: error)
        default:
            self.init(kind: .other(String(describing: error)), codingPath: origin.codingPath(for: error),
                      offset: offset, underlyingError: error)
        }
    }
}
