/// The `Decoder` handed to `init(from:)`: it reads the one item at `offset`.
final class CBORDecoderImpl: Decoder {
    let state: CBORDecodingState
    let offset: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }
    /// Where the item ends, once a keyed container has walked it; saves the
    /// caller a second walk to find the next item.
    private(set) var itemEnd: Int?

    init(state: CBORDecodingState, offset: Int, codingPath: [any CodingKey]) {
        self.state = state
        self.offset = offset
        self.codingPath = codingPath
    }

    /// The item this decoder reads.
    func source() -> CBORDecodingSource {
        CBORDecodingSource(state: state, reader: state.reader(at: offset), parentPath: codingPath, key: nil)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        var source = source()
        let container = try CBORKeyedDecodingContainer<Key>(source: &source)
        itemEnd = source.reader.offset
        return KeyedDecodingContainer(container)
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        var source = source()
        return try CBORUnkeyedDecodingContainer(source: &source)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        CBORSingleValueDecodingContainer(source: source())
    }
}
