/// A map being decoded. A key with an integer value matches an integer map
/// key, any other key a text map key equal to its `stringValue`.
struct CBORKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let state: CBORDecodingState
    let codingPath: [any CodingKey]
    private let index: CBORMapIndex
    private let offset: Int

    init(source: inout CBORDecodingSource) throws {
        state = source.state
        codingPath = source.codingPath
        offset = source.reader.offset
        index = try CBORMapIndex(&source)
    }

    var allKeys: [Key] { index.keys(as: Key.self) }

    func contains(_ key: Key) -> Bool { index.find(key) != nil }

    /// Where the value of `key` starts, or a key-not-found error.
    private func valueOffset(for key: some CodingKey, type: Any.Type) throws -> Int {
        guard let found = index.find(key) else {
            throw CBORCodingError(kind: .keyNotFound(key.stringValue), codingPath: codingPath, offset: offset)
                .asDecodingError(type: type, missingKey: key)
        }
        return index.entries[found].valueOffset
    }

    private func source(for key: Key, type: Any.Type) throws -> CBORDecodingSource {
        let reader = state.reader(at: try valueOffset(for: key, type: type))
        return CBORDecodingSource(state: state, reader: reader, parentPath: codingPath, key: key)
    }

    private func decodeNative<T: CBORNativeDecodable>(_ type: T.Type, forKey key: Key) throws -> T {
        var source = try source(for: key, type: type)
        return try T.decodeCBOR(from: &source)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        var source = try source(for: key, type: Never?.self)
        return source.readNilIfPresent()
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeNative(type, forKey: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeNative(type, forKey: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeNative(type, forKey: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decodeNative(type, forKey: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeNative(type, forKey: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decodeNative(type, forKey: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeNative(type, forKey: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeNative(type, forKey: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeNative(type, forKey: key) }
    func decode(_ type: Int128.Type, forKey key: Key) throws -> Int128 { try decodeNative(type, forKey: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decodeNative(type, forKey: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeNative(type, forKey: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decodeNative(type, forKey: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decodeNative(type, forKey: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decodeNative(type, forKey: key) }
    func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 { try decodeNative(type, forKey: key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        var source = try source(for: key, type: type)
        return try source.decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        var source = try source(for: key, type: [String: Any].self)
        return KeyedDecodingContainer(try CBORKeyedDecodingContainer<NestedKey>(source: &source))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        var source = try source(for: key, type: [Any].self)
        return try CBORUnkeyedDecodingContainer(source: &source)
    }

    func superDecoder() throws -> any Decoder {
        try superDecoder(key: CBORAnyKey.super)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try superDecoder(key: key)
    }

    private func superDecoder(key: some CodingKey) throws -> any Decoder {
        CBORDecoderImpl(state: state, offset: try valueOffset(for: key, type: Any.self), codingPath: codingPath + [key])
    }
}
