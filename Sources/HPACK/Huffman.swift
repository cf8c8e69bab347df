/// Huffman coding of string literals with the code of RFC 7541 Appendix B.
///
/// Encoding packs codes into a 64-bit accumulator. Decoding walks
/// ``HuffmanDecodingTable`` four bits at a time, one table load per nibble.
enum Huffman {
    /// The length in octets of `bytes` once encoded, padding included.
    @inline(__always)
    static func encodedLength(_ bytes: [UInt8]) -> Int {
        HuffmanCode.lengths.withUnsafeBufferPointer { lengths in
            var bits = 0
            for byte in bytes { bits += Int(lengths[Int(byte)]) }
            return (bits + 7) / 8
        }
    }

    /// Appends the encoding of `bytes`, padded with the most significant bits of EOS (1s).
    static func encode(_ bytes: [UInt8], into output: inout [UInt8]) {
        HuffmanCode.codes.withUnsafeBufferPointer { codes in
            HuffmanCode.lengths.withUnsafeBufferPointer { lengths in
                var pending: UInt64 = 0
                var pendingBits: UInt64 = 0
                for byte in bytes {
                    // At most 7 bits wait here, so 7 + 30 bits fit.
                    let length = UInt64(lengths[Int(byte)])
                    pending = pending << length | UInt64(codes[Int(byte)])
                    pendingBits += length
                    while pendingBits >= 8 {
                        pendingBits -= 8
                        output.append(UInt8(truncatingIfNeeded: pending >> pendingBits))
                    }
                }
                if pendingBits > 0 {
                    let padding = 8 - pendingBits
                    output.append(UInt8(truncatingIfNeeded: pending << padding | (1 << padding - 1)))
                }
            }
        }
    }

    /// Decodes a Huffman-coded string; `offset` is where `bytes` start in the header
    /// block, for errors. Rejects EOS, padding over 7 bits and padding that is not all 1s.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int) throws(HPACKError) -> [UInt8] {
        // Codes are at least 5 bits long: n octets hold at most 8n/5 symbols.
        let capacity = bytes.count * 8 / 5
        var failure: HPACKError?
        let decoded = [UInt8](unsafeUninitializedCapacity: capacity) { output, written in
            HuffmanDecodingTable.transitions.withUnsafeBufferPointer { table in
                var state: UInt32 = 0
                var count = 0
                // One step per nibble, high then low; unrolled, as this is the hot loop.
                for index in bytes.indices {
                    let byte = UInt32(bytes[index])
                    let high = table[Int(state << 4 | byte >> 4)]
                    let low = table[Int((high & 0xff) << 4 | byte & 0xf)]
                    if (high | low) & HuffmanDecodingTable.failsFlag != 0 {
                        failure = .huffmanEndOfString(offset: offset + index)
                        break
                    }
                    if high & HuffmanDecodingTable.emitsFlag != 0 {
                        output[count] = UInt8(truncatingIfNeeded: high >> 8)
                        count += 1
                    }
                    if low & HuffmanDecodingTable.emitsFlag != 0 {
                        output[count] = UInt8(truncatingIfNeeded: low >> 8)
                        count += 1
                    }
                    state = low & 0xff
                }
                written = count
                if failure == nil {
                    failure = HuffmanDecodingTable.paddingError(endState: Int(state), offset: offset + bytes.count - 1)
                }
            }
        }
        if let failure { throw failure }
        return decoded
    }
}
