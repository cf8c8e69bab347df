extension CBORReader {
    /// Reads an unsigned integer (major type 0).
    public mutating func readUnsigned() throws(CBORError) -> UInt64 {
        let header = try readHeader()
        guard header.majorType == .unsigned else { throw mismatch(header, expected: "unsigned integer") }
        return header.argument
    }

    /// Reads an integer (major type 0 or 1) that fits `T`.
    @inlinable
    public mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type = T.self) throws(CBORError) -> T {
        let header = try readHeader()
        switch header.majorType {
        case .unsigned:
            guard let value = T(exactly: header.argument) else { throw .integerOutOfRange(offset: header.offset) }
            return value
        case .negative:
            // −1 − n cannot overflow: n ≤ T.max gives −1 − n ≥ T.min.
            guard T.isSigned, let n = T(exactly: header.argument) else {
                throw .integerOutOfRange(offset: header.offset)
            }
            return -1 - n
        default:
            throw mismatch(header, expected: "integer")
        }
    }

    /// Reads a byte string, joining the chunks of an indefinite-length one.
    public mutating func readBytes() throws(CBORError) -> [UInt8] {
        let header = try readHeader()
        guard header.majorType == .bytes else { throw mismatch(header, expected: "byte string") }
        if !header.isIndefinite {
            let count = try checkedLength(header, minimumBytesPerUnit: 1)
            return Array(bytes[take(count)])
        }
        var joined: [UInt8] = []
        for chunk in try readChunks(of: .bytes, after: header) {
            if joined.count + chunk.count > options.maxLength {
                throw .lengthBeyondLimit(offset: header.offset, length: UInt64(joined.count + chunk.count), limit: options.maxLength)
            }
            joined += bytes[chunk]
        }
        return joined
    }

    /// Reads a definite-length byte string and returns where it lies in the input, without copying.
    public mutating func readBytesRange() throws(CBORError) -> Range<Int> {
        let header = try readHeader()
        guard header.majorType == .bytes, !header.isIndefinite else {
            throw mismatch(header, expected: "definite-length byte string")
        }
        return take(try checkedLength(header, minimumBytesPerUnit: 1))
    }

    /// Reads a text string, joining the chunks of an indefinite-length one.
    public mutating func readText() throws(CBORError) -> String {
        let header = try readHeader()
        guard header.majorType == .text else { throw mismatch(header, expected: "text string") }
        if !header.isIndefinite {
            let count = try checkedLength(header, minimumBytesPerUnit: 1)
            return try decodeUTF8(take(count), at: header.offset)
        }
        var joined = ""
        for chunk in try readChunks(of: .text, after: header) {
            joined += try decodeUTF8(chunk, at: header.offset)
        }
        return joined
    }

    /// Reads the ranges of the chunks of an indefinite-length string whose header was read.
    mutating func readChunks(of type: CBORMajorType, after header: CBORHeader) throws(CBORError) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        while try !readBreakIfPresent() {
            let chunk = try readHeader()
            guard chunk.majorType == type, !chunk.isIndefinite else { throw .invalidChunk(offset: chunk.offset) }
            chunks.append(take(try checkedLength(chunk, minimumBytesPerUnit: 1)))
        }
        return chunks
    }

    /// Reads an array header: the element count, or nil for indefinite length
    /// (then read elements until ``readBreakIfPresent()`` returns true).
    public mutating func readArrayHeader() throws(CBORError) -> Int? {
        let header = try readHeader()
        guard header.majorType == .array else { throw mismatch(header, expected: "array") }
        return header.isIndefinite ? nil : try checkedLength(header, minimumBytesPerUnit: 1)
    }

    /// Reads a map header: the entry count, or nil for indefinite length.
    public mutating func readMapHeader() throws(CBORError) -> Int? {
        let header = try readHeader()
        guard header.majorType == .map else { throw mismatch(header, expected: "map") }
        return header.isIndefinite ? nil : try checkedLength(header, minimumBytesPerUnit: 2)
    }

    /// Reads a tag number; the tagged item follows.
    public mutating func readTag() throws(CBORError) -> UInt64 {
        let header = try readHeader()
        guard header.majorType == .tag else { throw mismatch(header, expected: "tag") }
        return header.argument
    }

    /// Reads `true` or `false`.
    public mutating func readBool() throws(CBORError) -> Bool {
        let header = try readHeader()
        guard header.majorType == .simpleOrFloat, header.additionalInfo == 20 || header.additionalInfo == 21 else {
            throw mismatch(header, expected: "boolean")
        }
        return header.additionalInfo == 21
    }

    /// Consumes `null` if it is next.
    public mutating func readNullIfPresent() throws(CBORError) -> Bool {
        guard offset < bytes.count else { throw .truncated(offset: offset, needed: 1) }
        if bytes[offset] == 0xf6 { offset += 1; return true }
        return false
    }

    /// Reads a float of any width as a `Double`.
    public mutating func readDouble() throws(CBORError) -> Double {
        let header = try readHeader()
        switch (header.majorType, header.additionalInfo) {
        case (.simpleOrFloat, 25): return Double(Float16(bitPattern: UInt16(header.argument)))
        case (.simpleOrFloat, 26): return Double(Float(bitPattern: UInt32(header.argument)))
        case (.simpleOrFloat, 27): return Double(bitPattern: header.argument)
        default: throw mismatch(header, expected: "float")
        }
    }

    @usableFromInline
    func mismatch(_ header: CBORHeader, expected: String) -> CBORError {
        .typeMismatch(offset: header.offset, expected: expected, found: header.kindName)
    }
}
