/// The single item a decoder reads, as one value.
struct CBORSingleValueDecodingContainer: SingleValueDecodingContainer {
    let source: CBORDecodingSource
    var codingPath: [any CodingKey] { source.codingPath }

    private func decodeNative<T: CBORNativeDecodable>(_ type: T.Type) throws -> T {
        var source = source
        return try T.decodeCBOR(from: &source)
    }

    func decodeNil() -> Bool {
        var source = source
        return source.readNilIfPresent()
    }

    func decode(_ type: Bool.Type) throws -> Bool { try decodeNative(type) }
    func decode(_ type: String.Type) throws -> String { try decodeNative(type) }
    func decode(_ type: Double.Type) throws -> Double { try decodeNative(type) }
    func decode(_ type: Float.Type) throws -> Float { try decodeNative(type) }
    func decode(_ type: Int.Type) throws -> Int { try decodeNative(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeNative(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeNative(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeNative(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeNative(type) }
    func decode(_ type: Int128.Type) throws -> Int128 { try decodeNative(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeNative(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeNative(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeNative(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeNative(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeNative(type) }
    func decode(_ type: UInt128.Type) throws -> UInt128 { try decodeNative(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        var source = source
        return try source.decode(type)
    }
}
