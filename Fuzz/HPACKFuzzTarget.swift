// libFuzzer entry point for the HPACK decoder; built by `scripts/fuzz hpack SECONDS`
// together with Sources/HPACK (swiftc -sanitize=fuzzer,address).
//
// Input: one settings byte, then header blocks, each a length byte and that many bytes
// (the last takes what is left), all decoded by one decoder so the dynamic table carries
// over. Any crash, hang or failed invariant below is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func hpackFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let settings = bytes.first else { return 0 }
    let limits = [0, 256, 4096, 65536]
    let limit = limits[Int(settings & 3)]
    var decoder = HPACKDecoder(maxTableSizeLimit: limit, maxHeaderListSize: 16384)
    var position = 1
    while position < bytes.count {
        let length = min(Int(bytes[position]), bytes.count - position - 1)
        let block = Array(bytes[(position + 1)..<(position + 1 + length)])
        position += 1 + length
        do {
            let fields = try decoder.decode(block)
            precondition(decoder.tableSize <= decoder.maxTableSizeLimit, "table above its limit")
            precondition(decoder.table.size <= decoder.table.maxSize, "entries above the table size")
            checkRoundTrips(fields, huffman: settings & 4 == 0 ? .whenShorter : .always)
        } catch {
            precondition(error.offset >= 0 && error.offset <= block.count, "error offset outside the block: \(error)")
            return 0  // a decoding error ends the connection
        }
        if settings & 8 != 0 { decoder.setMaxTableSizeLimit(limits[Int(settings >> 4 & 3)]) }
    }
    return 0
}

/// Decoded fields re-encode, by both indexing strategies, to blocks that decode to the
/// same names and values, never-indexed fields staying never-indexed.
private func checkRoundTrips(_ fields: [HeaderField], huffman: HPACKEncoder.HuffmanPolicy) {
    for strategy in [HPACKEncoder.IndexingStrategy.asMarked, .automatic] {
        var encoder = HPACKEncoder(huffman: huffman, indexing: strategy)
        var decoder = HPACKDecoder(maxHeaderListSize: Int.max)
        // Twice, so the second block refers to the entries the first one added.
        for _ in 0..<2 {
            guard let again = try? decoder.decode(encoder.encode(fields)) else {
                preconditionFailure("our own encoding does not decode")
            }
            precondition(again.map(\.name) == fields.map(\.name) && again.map(\.value) == fields.map(\.value),
                         "round trip changed the fields")
            for (before, after) in zip(fields, again) where before.indexing == .neverIndexed {
                precondition(after.indexing == .neverIndexed, "never-indexed flag lost")
            }
        }
    }
}
