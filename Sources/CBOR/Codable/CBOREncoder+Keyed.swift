/// A map being encoded. A key with an integer value (a `CodingKeys: Int` enum)
/// is written as an integer, any other key as text.
struct CBORKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: CBOREncodingState
    let node: CBOREncodingNode
    let codingPath: [any CodingKey]

    /// Writes `key` and returns where its value goes.
    private func entry(_ key: some CodingKey) -> CBOREncodingSink {
        node.appendKey { key.writeCBORKey(into: &node.writer) }
        return CBOREncodingSink(state: state, node: node, parentPath: codingPath, key: key)
    }

    mutating func encodeNil(forKey key: Key) throws {
        _ = entry(key)
        node.writer.writeNull()
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: String, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: Int128, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }
    mutating func encode(_ value: UInt128, forKey key: Key) throws { value.encodeCBOR(to: entry(key)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try entry(key).encode(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let path = entry(key).codingPath
        let child = node.appendChild(.map, codingPath: path)
        return KeyedEncodingContainer(CBORKeyedEncodingContainer<NestedKey>(state: state, node: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let path = entry(key).codingPath
        return CBORUnkeyedEncodingContainer(state: state, node: node.appendChild(.array, codingPath: path), codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(key: CBORAnyKey.super)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(key: key)
    }

    /// An encoder for the value of `key`, which may be used later: it writes
    /// into a node of its own, spliced in here.
    private func superEncoder(key: some CodingKey) -> any Encoder {
        let path = entry(key).codingPath
        return CBOREncoderImpl(state: state, node: node.appendChild(.item, codingPath: path), codingPath: path)
    }
}
