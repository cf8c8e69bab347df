/// A cursor over one header block: integers and strings with every bound checked
/// before a byte is read or an array allocated.
struct HeaderBlockReader: ~Copyable {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    private(set) var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position >= bytes.count }

    /// The byte at `position`; the caller checks `isAtEnd` first.
    var peek: UInt8 { bytes[position] }

    /// Reads an integer whose prefix is the low `prefixBits` of the current byte
    /// (RFC 7541 §5.1). `start` is where the representation began, for errors.
    @inline(__always)
    mutating func readInteger(prefixBits: Int, start: Int) throws(HPACKError) -> Int {
        guard position < bytes.count else { throw .truncated(offset: start) }
        let prefixMax = (1 << prefixBits) - 1
        var value = Int(bytes[position]) & prefixMax
        position += 1
        if value < prefixMax { return value }
        var shift = 0
        for _ in 0..<PrefixInteger.maxContinuationBytes {
            guard position < bytes.count else { throw .truncated(offset: start) }
            let byte = bytes[position]
            position += 1
            value += Int(byte & 0x7f) << shift
            guard value <= PrefixInteger.maxValue else { throw .integerOverflow(offset: start) }
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw .integerOverflow(offset: start)
    }

    /// Reads a string literal (RFC 7541 §5.2), Huffman-decoding it if flagged. A string
    /// longer than `budget` octets throws `headerListTooLarge(size: used + length)`,
    /// before anything is allocated for it.
    mutating func readString(budget: Int, used: Int, limit: Int, start: Int) throws(HPACKError) -> [UInt8] {
        guard position < bytes.count else { throw .truncated(offset: start) }
        let stringStart = position
        let isHuffman = bytes[position] & 0x80 != 0
        let length = try readInteger(prefixBits: 7, start: stringStart)
        let available = bytes.count - position
        guard length <= available else {
            throw .stringBeyondInput(offset: stringStart, length: length, available: available)
        }
        let body = UnsafeBufferPointer(rebasing: bytes[position..<position + length])
        let bodyStart = position
        position += length
        guard isHuffman else {
            guard length <= budget else { throw .headerListTooLarge(offset: start, size: used + length, limit: limit) }
            return Array(body)
        }
        // The longest code is 30 bits, so the octets cannot decode to fewer symbols than this.
        let fewestSymbols = length * 8 / 30
        guard fewestSymbols <= budget else {
            throw .headerListTooLarge(offset: start, size: used + fewestSymbols, limit: limit)
        }
        let decoded = try Huffman.decode(body, offset: bodyStart)
        guard decoded.count <= budget else {
            throw .headerListTooLarge(offset: start, size: used + decoded.count, limit: limit)
        }
        return decoded
    }
}
