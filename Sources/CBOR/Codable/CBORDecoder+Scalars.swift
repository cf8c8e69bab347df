extension CBORDecodingSource {
    /// Consumes `null` or `undefined` if it is next.
    mutating func readNilIfPresent() -> Bool {
        guard reader.offset < reader.bytes.count else { return false }
        let byte = reader.bytes[reader.offset]
        guard byte == 0xf6 || byte == 0xf7 else { return false }
        reader.offset += 1
        return true
    }

    /// Reads a float of any width, or an integer the type holds exactly.
    /// A float is rounded to a narrower type; one beyond its range is an error.
    mutating func readFloat<T: BinaryFloatingPoint>(_ type: T.Type) throws -> T {
        let header = try read(type) { reader throws(CBORError) in try reader.peekHeader() }
        switch header.majorType {
        case .unsigned, .negative:
            let integer = try read(type) { reader throws(CBORError) in try reader.readInteger(Int128.self) }
            guard let value = T(exactly: integer) else {
                throw failure(.numberOutOfRange(String(describing: type)), at: header.offset, type: type)
            }
            return value
        default:
            let double = try read(type) { reader throws(CBORError) in try reader.readDouble() }
            let value = T(double)
            if value.isInfinite && double.isFinite {
                throw failure(.numberOutOfRange(String(describing: type)), at: header.offset, type: type)
            }
            return value
        }
    }

    /// Reads a byte string, or an array of integers 0...255 (what encoders other
    /// than CBOR's make of `[UInt8]`).
    mutating func readByteString() throws -> [UInt8] {
        let header = try read([UInt8].self) { reader throws(CBORError) in try reader.peekHeader() }
        switch header.majorType {
        case .bytes:
            return try read([UInt8].self) { reader throws(CBORError) in try reader.readBytes() }
        case .array:
            let count = try read([UInt8].self) { reader throws(CBORError) in try reader.readArrayHeader() }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count ?? 0)
            let path = codingPath
            while try hasNextElement(index: bytes.count, count: count) {
                var element = CBORDecodingSource(state: state, reader: reader, parentPath: path, key: CBORIndexKey(bytes.count))
                bytes.append(try UInt8.decodeCBOR(from: &element))
                reader = element.reader
            }
            return bytes
        default:
            throw failure(.typeMismatch(expected: "byte string", found: header.kindName), at: header.offset, type: [UInt8].self)
        }
    }

    /// Whether an array or map has another element: `index < count`, or for
    /// indefinite length (`count == nil`) no break next, which is consumed.
    mutating func hasNextElement(index: Int, count: Int?) throws -> Bool {
        if let count { return index < count }
        return try !read(Any.self) { reader throws(CBORError) in try reader.readBreakIfPresent() }
    }
}
