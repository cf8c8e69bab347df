/// What one call to ``CBOREncoder/encode(_:)`` shares between its containers.
final class CBOREncodingState {
    let deterministic: Bool
    let keyOrder: CBORKeyOrder
    let userInfo: [CodingUserInfoKey: Any]
    /// The first misuse of a container API that cannot throw (reported at the end).
    var misuse: CBORCodingError?
    var origin = CBORErrorOrigin()

    init(deterministic: Bool, keyOrder: CBORKeyOrder, userInfo: [CodingUserInfoKey: Any]) {
        self.deterministic = deterministic
        self.keyOrder = keyOrder
        self.userInfo = userInfo
    }

    func recordMisuse(_ text: String, codingPath: [any CodingKey]) {
        if misuse == nil { misuse = CBORCodingError(kind: .invalidValue(text), codingPath: codingPath) }
    }
}

/// Where the next single item goes: appended to `node`, at coding path
/// `parentPath` + `key`. A value type, so writing a scalar allocates nothing;
/// the path is built only when a nested encoder or an error needs it.
struct CBOREncodingSink {
    let state: CBOREncodingState
    let node: CBOREncodingNode
    let parentPath: [any CodingKey]
    let key: (any CodingKey)?

    var codingPath: [any CodingKey] {
        guard let key else { return parentPath }
        return parentPath + [key]
    }

    /// Writes one value: natively for the types CBOR knows, else through the
    /// value's `encode(to:)` with a tag first for ``CBORTaggedCodable`` types.
    func encode<T: Encodable>(_ value: T) throws {
        if let native = value as? any CBORNativeEncodable {
            try native.encodeCBOR(to: self)
            return
        }
        // Ask the type, not the value: a value cast would see through an
        // `Optional` and tag it as well as the value inside it.
        if let tagged = T.self as? any CBORTaggedCodable.Type {
            node.writer.writeTag(tagged.cborTag)
        }
        let path = codingPath
        let before = node.mark
        do {
            try value.encode(to: CBOREncoderImpl(state: state, node: node, codingPath: path))
        } catch {
            state.origin.note(error, codingPath: path, offset: nil)
            throw error
        }
        if node.mark == before {
            // The value asked for no container and wrote nothing: an empty map, as JSON writes `{}`.
            node.writer.writeMapHeader(count: 0)
        }
    }
}
