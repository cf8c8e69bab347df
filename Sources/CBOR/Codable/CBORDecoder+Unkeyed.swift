/// An array being decoded, element by element.
///
/// A byte string decodes as an unkeyed container of its bytes, so byte
/// collections that decode themselves as `[UInt8]`-like arrays (Foundation's
/// `Data`, `ContiguousArray<UInt8>`) read CBOR byte strings too.
struct CBORUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let state: CBORDecodingState
    let codingPath: [any CodingKey]
    /// Element count, or nil for an indefinite-length array.
    let count: Int?
    private(set) var currentIndex = 0
    /// Positioned at the next element.
    private var reader: CBORReader
    /// The contents when the item is a byte string.
    private let bytes: [UInt8]?

    init(source: inout CBORDecodingSource) throws {
        state = source.state
        codingPath = source.codingPath
        let header = try source.read([Any].self) { reader throws(CBORError) in try reader.peekHeader() }
        if header.majorType == .bytes {
            let contents = try source.read([Any].self) { reader throws(CBORError) in try reader.readBytes() }
            bytes = contents
            count = contents.count
        } else {
            bytes = nil
            count = try source.read([Any].self) { reader throws(CBORError) in try reader.readArrayHeader() }
        }
        reader = source.reader
    }

    var isAtEnd: Bool {
        if let count { return currentIndex >= count }
        return reader.offset >= reader.bytes.count || reader.bytes[reader.offset] == 0xff
    }

    /// Decodes the next element with `body`, or from the next byte of a byte string.
    private mutating func next<T>(_ type: T.Type, _ body: (inout CBORDecodingSource) throws -> T) throws -> T {
        guard !isAtEnd else { throw endError(type) }
        var source = CBORDecodingSource(state: state, reader: reader, parentPath: codingPath, key: CBORIndexKey(currentIndex))
        let value = try bytes.map { try byte($0[currentIndex], as: type, source: source) } ?? body(&source)
        reader = source.reader
        currentIndex += 1
        return value
    }

    private func byte<T>(_ byte: UInt8, as type: T.Type, source: CBORDecodingSource) throws -> T {
        guard let integer = T.self as? any FixedWidthInteger.Type else {
            throw source.failure(.typeMismatch(expected: String(describing: type), found: "byte of a byte string"),
                                 at: reader.offset, type: type)
        }
        guard let value = integer.init(exactly: byte) as? T else {
            throw source.failure(.numberOutOfRange(String(describing: type)), at: reader.offset, type: type)
        }
        return value
    }

    private func endError(_ type: Any.Type) -> DecodingError {
        CBORCodingError(kind: .valueNotFound(expected: String(describing: type)),
                        codingPath: codingPath + [CBORIndexKey(currentIndex)], offset: reader.offset).asDecodingError(type: type)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw endError(Never?.self) }
        guard bytes == nil else { return false }
        var source = CBORDecodingSource(state: state, reader: reader, parentPath: codingPath, key: nil)
        guard source.readNilIfPresent() else { return false }
        reader = source.reader
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type) { try Bool.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: String.Type) throws -> String { try next(type) { try String.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type) { try Double.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type) { try Float.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(type) { try Int.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type) { try Int8.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type) { try Int16.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type) { try Int32.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type) { try Int64.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: Int128.Type) throws -> Int128 { try next(type) { try Int128.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type) { try UInt.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type) { try UInt8.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type) { try UInt16.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type) { try UInt32.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type) { try UInt64.decodeCBOR(from: &$0) } }
    mutating func decode(_ type: UInt128.Type) throws -> UInt128 { try next(type) { try UInt128.decodeCBOR(from: &$0) } }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next(type) { try $0.decode(type) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next(KeyedDecodingContainer<NestedKey>.self) { source in
            KeyedDecodingContainer(try CBORKeyedDecodingContainer<NestedKey>(source: &source))
        }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next((any UnkeyedDecodingContainer).self) { source in
            let start = source.reader
            let nested = try CBORUnkeyedDecodingContainer(source: &source)
            source.reader = start
            try source.read([Any].self) { reader throws(CBORError) in try reader.skip() }
            return nested
        }
    }

    mutating func superDecoder() throws -> any Decoder {
        try next((any Decoder).self) { source in
            let decoder = CBORDecoderImpl(state: source.state, offset: source.reader.offset, codingPath: source.codingPath)
            try source.read(Any.self) { reader throws(CBORError) in try reader.skip() }
            return decoder
        }
    }
}
