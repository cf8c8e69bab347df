/// 128-bit integers: major type 0 or 1 when they fit 64 bits, else a bignum
/// (tag 2 or 3 around the big-endian magnitude, RFC 8949 §3.4.3). Decoding
/// accepts either form, with a bignum of up to 16 significant bytes.
extension Int128: CBORNativeEncodable, CBORNativeDecodable {
    func encodeCBOR(to sink: CBOREncodingSink) {
        if self >= 0 {
            writeWideInteger(negative: false, magnitude: UInt128(self), into: &sink.node.writer)
        } else {
            writeWideInteger(negative: true, magnitude: UInt128(~self), into: &sink.node.writer)
        }
    }

    static func decodeCBOR(from source: inout CBORDecodingSource) throws -> Int128 {
        try source.read(Int128.self) { reader throws(CBORError) in
            let offset = reader.offset
            let (negative, magnitude) = try readWideInteger(&reader)
            guard let value = Int128(exactly: magnitude) else { throw .integerOutOfRange(offset: offset) }
            return negative ? ~value : value
        }
    }
}

extension UInt128: CBORNativeEncodable, CBORNativeDecodable {
    func encodeCBOR(to sink: CBOREncodingSink) {
        writeWideInteger(negative: false, magnitude: self, into: &sink.node.writer)
    }

    static func decodeCBOR(from source: inout CBORDecodingSource) throws -> UInt128 {
        try source.read(UInt128.self) { reader throws(CBORError) in
            let offset = reader.offset
            let (negative, magnitude) = try readWideInteger(&reader)
            if negative { throw .integerOutOfRange(offset: offset) }
            return magnitude
        }
    }
}

/// Writes n (or −1 − n when `negative`) as an integer or a bignum.
private func writeWideInteger(negative: Bool, magnitude: UInt128, into writer: inout CBORWriter) {
    if let small = UInt64(exactly: magnitude) {
        writer.writeHeader(negative ? .negative : .unsigned, small)
        return
    }
    writer.writeTag(negative ? 3 : 2)
    let significantBytes = (UInt128.bitWidth - magnitude.leadingZeroBitCount + 7) / 8
    writer.writeBytes((0..<significantBytes).reversed().map { UInt8(truncatingIfNeeded: magnitude >> ($0 * 8)) })
}

/// Reads an integer or a bignum of up to 128 bits: its sign and its magnitude n,
/// the value being n, or −1 − n when negative.
private func readWideInteger(_ reader: inout CBORReader) throws(CBORError) -> (negative: Bool, magnitude: UInt128) {
    let header = try reader.peekHeader()
    switch header.majorType {
    case .unsigned, .negative:
        _ = try reader.readHeader()
        return (header.majorType == .negative, UInt128(header.argument))
    case .tag where header.argument == 2 || header.argument == 3:
        _ = try reader.readHeader()
        let digits = try reader.readBytes().drop { $0 == 0 }
        guard digits.count <= 16 else { throw .integerOutOfRange(offset: header.offset) }
        var magnitude: UInt128 = 0
        for digit in digits { magnitude = magnitude << 8 | UInt128(digit) }
        return (header.argument == 3, magnitude)
    default:
        throw reader.mismatch(header, expected: "integer")
    }
}
