/// Dictionaries keyed by text, integers or ``CBOR`` are CBOR maps with keys of
/// that kind. (Swift's own Codable writes `[UInt64: T]` as a flat array, and a
/// `[String: T]` key such as `"1"` would look like an integer key.)
///
/// Encoding writes entries in the dictionary's order, which Swift randomizes per
/// process; encode with ``CBOREncoder/deterministic`` for stable bytes.
extension Dictionary: CBORNativeEncodable where Key: CBORMapKey, Value: Encodable {
    func encodeCBOR(to sink: CBOREncodingSink) throws {
        let path = sink.codingPath
        // Deterministic: a node of its own, so the entries are sorted when it is
        // written out. Otherwise the count is known, so write straight through.
        let sorted = sink.state.deterministic ? sink.node.appendChild(.map, codingPath: path) : nil
        if sorted == nil { sink.node.writer.writeMapHeader(count: count) }
        let node = sorted ?? sink.node
        for (key, value) in self {
            let entrySink = CBOREncodingSink(state: sink.state, node: node, parentPath: path, key: key.codingKey)
            if let sorted {
                try sorted.appendKey { try key.encodeCBOR(to: entrySink) }
            } else {
                try key.encodeCBOR(to: entrySink)
            }
            try entrySink.encode(value)
        }
    }
}

extension Dictionary: CBORNativeDecodable where Key: CBORMapKey, Value: Decodable {
    static func decodeCBOR(from source: inout CBORDecodingSource) throws -> [Key: Value] {
        let count = try source.read(Self.self) { reader throws(CBORError) in try reader.readMapHeader() }
        var result: [Key: Value] = [:]
        result.reserveCapacity(count ?? 0)
        let path = source.codingPath
        var index = 0
        while try source.hasNextElement(index: index, count: count) {
            let keyOffset = source.reader.offset
            var keySource = CBORDecodingSource(state: source.state, reader: source.reader, parentPath: path, key: nil)
            let key = try Key.decodeCBOR(from: &keySource)
            var valueSource = CBORDecodingSource(state: source.state, reader: keySource.reader, parentPath: path, key: key.codingKey)
            let value = try valueSource.decode(Value.self)
            source.reader = valueSource.reader
            if result.updateValue(value, forKey: key) != nil {
                throw CBORCodingError(kind: .duplicateKey, codingPath: valueSource.codingPath, offset: keyOffset)
                    .asDecodingError(type: Self.self)
            }
            index += 1
        }
        return result
    }
}
