import ManyIdentity

/// Little-endian fields read from a buffer. Every length is checked against what remains
/// and against a caller's bound before anything is copied.
struct KVByteReader {
    private let bytes: [UInt8]
    private(set) var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }
    var remaining: Int { bytes.count - position }

    mutating func u8() throws(KVCodingError) -> UInt8 {
        guard remaining >= 1 else { throw fail("truncated input") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u32() throws(KVCodingError) -> UInt32 {
        guard remaining >= 4 else { throw fail("truncated input") }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[position + index]) << (8 * index) }
        position += 4
        return value
    }

    mutating func u64() throws(KVCodingError) -> UInt64 {
        guard remaining >= 8 else { throw fail("truncated input") }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << (8 * index) }
        position += 8
        return value
    }

    mutating func bool() throws(KVCodingError) -> Bool {
        let start = position
        switch try u8() {
        case 0: return false
        case 1: return true
        default: throw KVCodingError(offset: start, reason: "flag must be 0 or 1")
        }
    }

    /// A length-prefixed byte string of at most `sizeBytesMax` bytes.
    mutating func data(sizeBytesMax: Int) throws(KVCodingError) -> [UInt8] {
        let start = position
        let count = Int(try u32())
        guard count <= sizeBytesMax else { throw KVCodingError(offset: start, reason: "field of \(count) bytes over the limit of \(sizeBytesMax)") }
        guard count <= remaining else { throw KVCodingError(offset: start, reason: "field of \(count) bytes past the end") }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func optionalData(sizeBytesMax: Int) throws(KVCodingError) -> [UInt8]? {
        try bool() ? try data(sizeBytesMax: sizeBytesMax) : nil
    }

    mutating func string(sizeBytesMax: Int) throws(KVCodingError) -> String {
        let start = position
        let raw = try data(sizeBytesMax: sizeBytesMax)
        guard let text = String(validating: raw, as: UTF8.self) else { throw KVCodingError(offset: start, reason: "text is not UTF-8") }
        return text
    }

    mutating func address() throws(KVCodingError) -> Address {
        let start = position
        let count = Int(try u8())
        guard count <= remaining else { throw KVCodingError(offset: start, reason: "address past the end") }
        let raw = bytes[position..<position + count]
        position += count
        do { return try Address(bytes: raw) } catch { throw KVCodingError(offset: start, reason: "bad address: \(error)") }
    }

    mutating func optionalAddress() throws(KVCodingError) -> Address? {
        try bool() ? try address() : nil
    }

    /// A count of items that each take at least `itemBytesMin` bytes, bounded by `countMax`
    /// and by what remains, so a forged count cannot make the caller reserve memory.
    mutating func count(max countMax: Int, itemBytesMin: Int) throws(KVCodingError) -> Int {
        let start = position
        let count = Int(try u32())
        guard count <= countMax, count * itemBytesMin <= remaining else {
            throw KVCodingError(offset: start, reason: "count \(count) exceeds the limit or the input")
        }
        return count
    }

    func fail(_ reason: String) -> KVCodingError { KVCodingError(offset: position, reason: reason) }

    /// Throws unless every byte was read.
    func expectEnd() throws(KVCodingError) {
        guard isAtEnd else { throw fail("\(remaining) trailing bytes") }
    }
}
