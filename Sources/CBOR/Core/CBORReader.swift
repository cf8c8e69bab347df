#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming CBOR reader: pulls one data item (or one header) at a time from a
/// byte buffer, without building a value tree.
///
/// This is the hot path for envelopes: a caller that knows the shape it expects
/// reads it field by field. ``readValue()`` builds a ``CBOR`` tree when the shape
/// is not known. Every length is checked against the input left and against
/// ``CBORDecodingOptions/maxLength`` before anything is allocated.
public struct CBORReader: Sendable {
    @usableFromInline let bytes: [UInt8]
    /// Offset of the next byte to read.
    public internal(set) var offset: Int
    /// The limits and checks in force.
    public let options: CBORDecodingOptions

    public init(_ bytes: [UInt8], options: CBORDecodingOptions = .default) {
        self.bytes = bytes
        self.offset = 0
        self.options = options
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset >= bytes.count }

    /// Bytes not yet read.
    public var remainingCount: Int { bytes.count - offset }

    /// Throws ``CBORError/trailingBytes(offset:)`` unless every byte has been read.
    public func finish() throws(CBORError) {
        if !isAtEnd { throw .trailingBytes(offset: offset) }
    }

    // MARK: Headers

    /// Reads the header of the next item; a break byte is an error here.
    public mutating func readHeader() throws(CBORError) -> CBORHeader {
        let header = try readHeaderOrBreak()
        if header.isBreak { throw .unexpectedBreak(offset: header.offset) }
        return header
    }

    /// The header of the next item, without consuming it.
    public func peekHeader() throws(CBORError) -> CBORHeader {
        var copy = self
        return try copy.readHeaderOrBreak()
    }

    /// Consumes a break byte if one is next; used to end indefinite-length items.
    public mutating func readBreakIfPresent() throws(CBORError) -> Bool {
        guard offset < bytes.count else { throw .truncated(offset: offset, needed: 1) }
        if bytes[offset] == 0xff { offset += 1; return true }
        return false
    }

    /// Reads an initial byte and its argument, enforcing well-formedness and,
    /// when asked, the shortest-argument rule of deterministic encoding.
    @usableFromInline
    mutating func readHeaderOrBreak() throws(CBORError) -> CBORHeader {
        let start = offset
        guard start < bytes.count else { throw .truncated(offset: start, needed: 1) }
        let initial = bytes[start]
        let major = CBORMajorType(rawValue: initial >> 5)!
        let info = initial & 0x1f
        offset += 1
        var argument: UInt64
        switch info {
        case 0..<24:
            argument = UInt64(info)
        case 24:
            argument = try readArgumentBytes(1)
            if major == .simpleOrFloat {
                if argument < 32 { throw .invalidSimpleValue(offset: start, value: UInt8(argument)) }
            } else if options.requireDeterministic && argument < 24 {
                throw .notDeterministic(offset: start, reason: .argumentNotShortest)
            }
        case 25, 26, 27:
            let width = 1 << (info - 24)
            argument = try readArgumentBytes(width)
            if options.requireDeterministic && major != .simpleOrFloat
                && argument <= Self.largestArgument(width: width >> 1) {
                throw .notDeterministic(offset: start, reason: .argumentNotShortest)
            }
        case 28, 29, 30:
            throw .reservedAdditionalInfo(offset: start, value: info)
        default:  // 31
            switch major {
            case .unsigned, .negative, .tag:
                throw .indefiniteLengthNotAllowed(offset: start, majorType: major.rawValue)
            case .simpleOrFloat:
                break
            default:
                if options.requireDeterministic {
                    throw .notDeterministic(offset: start, reason: .indefiniteLength)
                }
            }
            argument = 0
        }
        return CBORHeader(majorType: major, additionalInfo: info, argument: argument, offset: start)
    }

    private static func largestArgument(width: Int) -> UInt64 {
        width == 1 ? 0xff : width == 2 ? 0xffff : 0xffff_ffff
    }

    private mutating func readArgumentBytes(_ count: Int) throws(CBORError) -> UInt64 {
        guard bytes.count - offset >= count else {
            throw .truncated(offset: bytes.count, needed: count - (bytes.count - offset))
        }
        var value: UInt64 = 0
        for index in offset..<(offset + count) {
            value = value << 8 | UInt64(bytes[index])
        }
        offset += count
        return value
    }

    /// Checks a string length or container count against the limit and the input
    /// left (`minimumBytesPerUnit` bytes per element) before anything is allocated.
    @usableFromInline
    func checkedLength(_ header: CBORHeader, minimumBytesPerUnit: Int) throws(CBORError) -> Int {
        let length = header.argument
        if length > UInt64(options.maxLength) {
            throw .lengthBeyondLimit(offset: header.offset, length: length, limit: options.maxLength)
        }
        let available = remainingCount
        if length > UInt64(available / minimumBytesPerUnit) {
            throw .lengthBeyondInput(offset: header.offset, length: length, available: available)
        }
        return Int(length)
    }

    // MARK: Raw spans

    /// Takes `count` bytes (already checked to be present) and returns their range.
    @usableFromInline
    mutating func take(_ count: Int) -> Range<Int> {
        let range = offset..<(offset + count)
        offset += count
        return range
    }

    /// The bytes in `range` of the input.
    public func slice(_ range: Range<Int>) -> ArraySlice<UInt8> { bytes[range] }

    /// Reads the next complete data item and returns its encoded bytes unchanged.
    public mutating func readRawItem() throws(CBORError) -> ArraySlice<UInt8> {
        let start = offset
        try skip()
        return bytes[start..<offset]
    }

    func decodeUTF8(_ range: Range<Int>, at itemOffset: Int) throws(CBORError) -> String {
        // `String(validating:)` is an unspecialized generic here and costs ~40% of a
        // decode. Decoding repairs invalid UTF-8 with U+FFFD, so the result's bytes
        // equal the input exactly when the input was valid.
        let text: String? = bytes.withUnsafeBufferPointer { buffer in
            let input = UnsafeBufferPointer(rebasing: buffer[range])
            var text = String(decoding: input, as: UTF8.self)
            let valid = text.withUTF8 { output in
                output.count == input.count
                    && (input.isEmpty || memcmp(output.baseAddress!, input.baseAddress!, input.count) == 0)
            }
            return valid ? text : nil
        }
        guard let text else { throw .invalidUTF8(offset: itemOffset) }
        return text
    }
}
