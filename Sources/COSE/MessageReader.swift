import CBOR

/// Reads a COSE structure field by field from a ``CBORReader``, turning a field of the
/// wrong kind into ``COSEError/malformedStructure(reason:)`` and bad CBOR into
/// ``COSEError/cbor(_:)``.
struct MessageReader {
    private var reader: CBORReader

    init(_ bytes: [UInt8], options: CBORDecodingOptions) {
        reader = CBORReader(bytes, options: options)
    }

    private mutating func cbor<T>(_ body: (inout CBORReader) throws(CBORError) -> T) throws(COSEError) -> T {
        do throws(CBORError) {
            return try body(&reader)
        } catch {
            throw .cbor(error)
        }
    }

    private func peekHeader() throws(COSEError) -> CBORHeader {
        do throws(CBORError) {
            return try reader.peekHeader()
        } catch {
            throw .cbor(error)
        }
    }

    private func expect(_ major: CBORMajorType, _ what: String) throws(COSEError) {
        let header = try peekHeader()
        guard header.majorType == major else {
            throw .malformedStructure(reason: "\(what): expected \(major), found \(header.majorType)")
        }
    }

    /// Reads an optional leading tag: none, or `expected`; any other tag is rejected.
    mutating func readMessageTag(expected: UInt64) throws(COSEError) {
        guard try peekHeader().majorType == .tag else { return }
        let tag = try cbor { reader throws(CBORError) in try reader.readTag() }
        guard tag == expected else { throw .wrongTag(tag) }
    }

    /// Reads a definite-length array header of exactly `count` elements.
    mutating func readArrayHeader(count: Int, _ what: String) throws(COSEError) {
        try expect(.array, what)
        let found = try cbor { reader throws(CBORError) in try reader.readArrayHeader() }
        guard let found else { throw .malformedStructure(reason: "\(what) has indefinite length") }
        guard found == count else {
            throw .malformedStructure(reason: "\(what) has \(found) elements, expected \(count)")
        }
    }

    /// Reads a definite-length array header of at least one element and returns the count.
    mutating func readNonEmptyArrayHeader(_ what: String) throws(COSEError) -> Int {
        try expect(.array, what)
        let found = try cbor { reader throws(CBORError) in try reader.readArrayHeader() }
        guard let found, found > 0 else {
            throw .malformedStructure(reason: "\(what) must be a non-empty definite-length array")
        }
        return found
    }

    mutating func readByteString(_ what: String) throws(COSEError) -> [UInt8] {
        try expect(.bytes, what)
        return try cbor { reader throws(CBORError) in try reader.readBytes() }
    }

    /// Reads a byte string, or `nil` for a CBOR null (a detached payload).
    mutating func readByteStringOrNull(_ what: String) throws(COSEError) -> [UInt8]? {
        if try cbor({ reader throws(CBORError) in try reader.readNullIfPresent() }) { return nil }
        return try readByteString(what)
    }

    /// Reads a header map: integer or text labels, each at most once.
    mutating func readHeaderMap(_ what: String) throws(COSEError) -> COSEHeaderMap {
        try expect(.map, what)
        let count = try cbor { reader throws(CBORError) in try reader.readMapHeader() }
        var map = COSEHeaderMap()
        var labelIndex: Set<COSEHeaderLabel>?
        while try hasMoreEntries(count: count, readCount: map.count) {
            let label = try readLabel(what)
            let value = try cbor { reader throws(CBORError) in try reader.readValue() }
            guard map.appendIfNew(label, value, labelIndex: &labelIndex) else {
                throw .malformedStructure(reason: "\(what) repeats label \(label)")
            }
        }
        return map
    }

    /// Whether a map of `count` entries (nil: indefinite length) has more after `readCount`.
    private mutating func hasMoreEntries(count: Int?, readCount: Int) throws(COSEError) -> Bool {
        if let count { return readCount < count }
        return try !cbor { reader throws(CBORError) in try reader.readBreakIfPresent() }
    }

    private mutating func readLabel(_ what: String) throws(COSEError) -> COSEHeaderLabel {
        switch try peekHeader().majorType {
        case .unsigned, .negative:
            return .int(try cbor { reader throws(CBORError) in try reader.readInteger(Int64.self) })
        case .text:
            return .text(try cbor { reader throws(CBORError) in try reader.readText() })
        case let major:
            throw .malformedStructure(reason: "\(what): label is a \(major), expected integer or text")
        }
    }

    /// The fields COSE_Sign1 and COSE_Sign share: the tag (or none), a four-element array,
    /// the protected bucket (bytes and map), the unprotected map and the payload.
    mutating func readMessageHead(tag: UInt64, _ what: String, options: CBORDecodingOptions) throws(COSEError)
        -> (protectedBytes: [UInt8], protected: COSEHeaderMap, unprotected: COSEHeaderMap, payload: [UInt8]?)
    {
        try readMessageTag(expected: tag)
        try readArrayHeader(count: 4, what)
        let protectedBytes = try readByteString("protected header")
        let protected = try COSEHeaderMap(protectedSerialization: protectedBytes, options: options)
        let unprotected = try readHeaderMap("unprotected header")
        let payload = try readByteStringOrNull("payload")
        return (protectedBytes, protected, unprotected, payload)
    }

    /// Fails unless every byte has been read.
    func finish() throws(COSEError) {
        do throws(CBORError) {
            try reader.finish()
        } catch {
            throw .cbor(error)
        }
    }
}
