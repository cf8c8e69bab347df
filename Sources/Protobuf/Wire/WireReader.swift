/// Reads the Protocol Buffers binary format from a byte buffer, checking every length
/// against the bytes left and every nesting step against a limit before trusting it.
public struct WireReader: Sendable {
    /// Default bound on nested messages and groups, as in the reference implementations.
    public static let defaultNestingLimit = 100

    @usableFromInline let bytes: [UInt8]
    /// The next byte to read.
    public internal(set) var offset: Int
    /// One past the last byte of the message being read.
    var end: Int
    /// Open messages and groups above this reader.
    @usableFromInline var depth: Int
    @usableFromInline let nestingLimit: Int

    public init(_ bytes: [UInt8], nestingLimit: Int = WireReader.defaultNestingLimit) {
        self.bytes = bytes
        offset = 0
        end = bytes.count
        depth = 0
        self.nestingLimit = nestingLimit
    }

    public var isAtEnd: Bool { offset >= end }

    @usableFromInline
    mutating func enterNesting() throws(WireError) {
        guard depth < nestingLimit else { throw .nestingTooDeep(offset: offset, limit: nestingLimit) }
        depth += 1
    }

    @inline(__always)
    public mutating func readVarint() throws(WireError) -> UInt64 {
        // One byte (small numbers, most tags and lengths) without the loop.
        if offset < end {
            let byte = bytes[offset]
            if byte < 0x80 {
                offset += 1
                return UInt64(byte)
            }
        }
        return try readLongVarint()
    }

    /// A varint of more than one byte, or one cut off by the end.
    private mutating func readLongVarint() throws(WireError) -> UInt64 {
        let start = offset
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else { throw .truncated(offset: start) }
            let byte = bytes[offset]
            offset += 1
            if shift == 63 && byte > 1 { throw .malformedVarint(offset: start) }
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    /// A tag: field number and wire type, both checked.
    public mutating func readTag() throws(WireError) -> (number: Int, type: WireType) {
        let start = offset
        let key = try readVarint()
        guard let type = WireType(rawValue: UInt8(key & 7)) else {
            throw .invalidWireType(offset: start, value: UInt8(key & 7))
        }
        let number = key >> 3
        guard number >= 1 && number <= 536_870_911 else { throw .invalidFieldNumber(offset: start, number: number) }
        return (Int(number), type)
    }

    public mutating func readFixed32() throws(WireError) -> UInt32 {
        guard end - offset >= 4 else { throw .truncated(offset: offset) }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * index) }
        offset += 4
        return value
    }

    public mutating func readFixed64() throws(WireError) -> UInt64 {
        guard end - offset >= 8 else { throw .truncated(offset: offset) }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * index) }
        offset += 8
        return value
    }

    /// The byte range of a length-delimited payload, after checking it fits.
    public mutating func readLengthDelimitedRange() throws(WireError) -> Range<Int> {
        let start = offset
        let length = try readVarint()
        guard length <= UInt64(end - offset) else {
            throw .lengthBeyondInput(offset: start, length: length, available: end - offset)
        }
        let range = offset..<(offset + Int(length))
        offset = range.upperBound
        return range
    }

    /// Reads a length prefix and narrows this reader to that payload, so that an embedded
    /// message is read without a reader (and a reference to the bytes) of its own. Returns the
    /// enclosing message's end, for ``leaveLengthDelimited(outerEnd:)``.
    mutating func enterLengthDelimited() throws(WireError) -> Int {
        let range = try readLengthDelimitedRange()
        let outerEnd = end
        offset = range.lowerBound
        end = range.upperBound
        return outerEnd
    }

    /// Back in the enclosing message, after the payload ``enterLengthDelimited()`` narrowed to.
    mutating func leaveLengthDelimited(outerEnd: Int) {
        offset = end
        end = outerEnd
    }

    public mutating func readBytes() throws(WireError) -> [UInt8] {
        Array(bytes[try readLengthDelimitedRange()])
    }

    /// A `string` payload, which must be valid UTF-8.
    public mutating func readString() throws(WireError) -> String {
        let start = offset
        let range = try readLengthDelimitedRange()
        let text: String? = bytes.withUnsafeBufferPointer { buffer in
            let payload = UnsafeBufferPointer(rebasing: buffer[range])
            // All ASCII (most strings) is valid as it is. Otherwise decoding repairs what is not
            // UTF-8 with U+FFFD, so the text is valid exactly when it has the payload's bytes.
            let text = String(decoding: payload, as: UTF8.self)
            if payload.reduce(0, |) < 0x80 || text.utf8.elementsEqual(payload) { return text }
            return nil
        }
        guard let text else { throw .invalidUTF8(offset: start) }
        return text
    }

    public mutating func readInt32() throws(WireError) -> Int32 {
        Int32(truncatingIfNeeded: try readVarint())
    }

    public mutating func readBool() throws(WireError) -> Bool {
        try readVarint() != 0
    }

    /// Reads a length-delimited embedded message with `decode`, one nesting level deeper.
    @inlinable
    public mutating func readMessage<T>(_ decode: (inout WireReader) throws(WireError) -> T) throws(WireError) -> T {
        let range = try readLengthDelimitedRange()
        var inner = WireReader(bytes: bytes, range: range, depth: depth, nestingLimit: nestingLimit)
        try inner.enterNesting()
        return try decode(&inner)
    }

    /// Int32 values of a repeated field, written packed or one per tag.
    public mutating func readInt32s(type: WireType, into values: inout [Int32]) throws(WireError) {
        guard type == .lengthDelimited else {
            values.append(try readInt32())
            return
        }
        let range = try readLengthDelimitedRange()
        var inner = WireReader(bytes: bytes, range: range, depth: depth, nestingLimit: nestingLimit)
        while !inner.isAtEnd { values.append(try inner.readInt32()) }
    }

    @usableFromInline
    init(bytes: [UInt8], range: Range<Int>, depth: Int, nestingLimit: Int) {
        self.bytes = bytes
        offset = range.lowerBound
        end = range.upperBound
        self.depth = depth
        self.nestingLimit = nestingLimit
    }
}
