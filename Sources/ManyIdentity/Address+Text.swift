extension Address: CustomStringConvertible, LosslessStringConvertible {
    /// The textual form: `m`, the lowercase base32 of ``bytes``, then the first two base32
    /// characters of the big-endian CRC-16 of ``bytes``; anonymous is `maa`.
    public var description: String {
        if isAnonymous { return "maa" }
        let crc = CRC16.checksum(bytes)
        let checksum = Base32.encode([UInt8(crc >> 8), UInt8(crc & 0xff)]).prefix(2)
        return String(decoding: [UInt8(ascii: "m")] + Base32.encode(bytes) + checksum, as: UTF8.self)
    }

    /// The longest text an address can have: `m`, 52 characters for 32 bytes, 2 of checksum.
    static let textLengthMax = 55

    /// Parses the textual form as many-rs does: `m` prefix, `maa` or `maaaa` for anonymous,
    /// otherwise base32 bytes plus a 2-character checksum, and the whole text must be
    /// exactly how those bytes are written.
    public init(string text: String) throws(AddressError) {
        let utf8 = Array(text.utf8)
        guard utf8.first == UInt8(ascii: "m") else { throw .missingPrefix(found: String(text.prefix(1))) }
        guard utf8.count >= 3 else { throw .tooShort }
        guard utf8.count <= Self.textLengthMax else { throw .tooLong(count: utf8.count) }
        if text == "maa" || text == "maaaa" {
            self = .anonymous
            return
        }
        let bytes: [UInt8]
        switch Base32.decode(utf8[1..<(utf8.count - 2)]) {
        case let .success(decoded): bytes = decoded
        case let .failure(bad): throw .invalidCharacter(offset: bad.offset + 1)
        }
        let address = try Address(bytes: bytes)
        let expected = address.description
        guard expected != text else {
            self = address
            return
        }
        if expected.utf8.count == utf8.count && expected.utf8.dropLast(2).elementsEqual(utf8.dropLast(2)) {
            throw .checksumMismatch(expected: String(expected.suffix(2)), found: String(text.suffix(2)))
        }
        throw .notCanonical(expected: expected)
    }

    /// Parses the textual form; nil when it is not a valid address.
    public init?(_ description: String) {
        guard let address = try? Address(string: description) else { return nil }
        self = address
    }
}
