/// An array being encoded.
struct CBORUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let state: CBOREncodingState
    let node: CBOREncodingNode
    let codingPath: [any CodingKey]

    var count: Int { node.count }

    /// Counts one more element and returns where it goes.
    private func element() -> CBOREncodingSink {
        let index = CBORIndexKey(node.count)
        node.count += 1
        return CBOREncodingSink(state: state, node: node, parentPath: codingPath, key: index)
    }

    mutating func encodeNil() throws {
        _ = element()
        node.writer.writeNull()
    }

    mutating func encode(_ value: Bool) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: String) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: Double) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: Float) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: Int) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: Int8) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: Int16) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: Int32) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: Int64) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: Int128) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: UInt) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: UInt8) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: UInt16) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: UInt32) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: UInt64) throws { value.encodeCBOR(to: element()) }
    mutating func encode(_ value: UInt128) throws { value.encodeCBOR(to: element()) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try element().encode(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = element().codingPath
        let child = node.appendChild(.map, codingPath: path)
        return KeyedEncodingContainer(CBORKeyedEncodingContainer<NestedKey>(state: state, node: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = element().codingPath
        return CBORUnkeyedEncodingContainer(state: state, node: node.appendChild(.array, codingPath: path), codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let path = element().codingPath
        return CBOREncoderImpl(state: state, node: node.appendChild(.item, codingPath: path), codingPath: path)
    }
}
