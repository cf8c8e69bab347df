/// A minimal DER reader for the few structures private keys use: definite lengths only,
/// every length checked against the bytes left.
struct DERReader {
    let bytes: [UInt8]
    private(set) var offset: Int
    let end: Int

    init(_ bytes: [UInt8]) {
        self.init(bytes, range: 0..<bytes.count)
    }

    private init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        offset = range.lowerBound
        end = range.upperBound
    }

    static let sequence: UInt8 = 0x30
    static let integer: UInt8 = 0x02
    static let octetString: UInt8 = 0x04
    static let bitString: UInt8 = 0x03
    static let objectIdentifier: UInt8 = 0x06

    var isAtEnd: Bool { offset >= end }

    /// The tag of the next element, or nil at the end.
    func peekTag() -> UInt8? { isAtEnd ? nil : bytes[offset] }

    /// Reads an element with `tag` and returns its contents.
    mutating func read(_ tag: UInt8, _ what: String) throws(PEMError) -> ArraySlice<UInt8> {
        let range = try readRange(tag, what)
        return bytes[range]
    }

    /// Reads a constructed element with `tag` and returns a reader over its contents.
    mutating func readNested(_ tag: UInt8, _ what: String) throws(PEMError) -> DERReader {
        DERReader(bytes, range: try readRange(tag, what))
    }

    /// Throws unless every byte has been read.
    func finish(_ what: String) throws(PEMError) {
        if !isAtEnd { throw .malformedDER(offset: offset, reason: "unexpected bytes after \(what)") }
    }

    private mutating func readRange(_ tag: UInt8, _ what: String) throws(PEMError) -> Range<Int> {
        let start = offset
        guard offset + 2 <= end else { throw .malformedDER(offset: start, reason: "\(what) is missing") }
        guard bytes[offset] == tag else {
            throw .malformedDER(offset: start, reason: "expected \(what) (tag \(tag)), found tag \(bytes[offset])")
        }
        offset += 1
        let length = try readLength(what)
        guard length <= end - offset else { throw .malformedDER(offset: start, reason: "\(what) runs past its container") }
        defer { offset += length }
        return offset..<(offset + length)
    }

    private mutating func readLength(_ what: String) throws(PEMError) -> Int {
        let first = bytes[offset]
        offset += 1
        if first < 0x80 { return Int(first) }
        let count = Int(first & 0x7f)
        guard (1...3).contains(count), count <= end - offset else {
            throw .malformedDER(offset: offset - 1, reason: "unsupported length of \(what)")
        }
        var length = 0
        for _ in 0..<count {
            length = length << 8 | Int(bytes[offset])
            offset += 1
        }
        return length
    }
}

extension DERReader {
    /// An OID's contents in dotted form, for error messages.
    static func dotted(_ oid: some Collection<UInt8>) -> String {
        guard let first = oid.first else { return "" }
        var parts = [String(first / 40), String(first % 40)]
        var value: UInt64 = 0
        for byte in oid.dropFirst() {
            value = value << 7 | UInt64(byte & 0x7f)
            if byte & 0x80 == 0 {
                parts.append(String(value))
                value = 0
            }
            if parts.count > 32 { break }
        }
        return parts.joined(separator: ".")
    }
}
