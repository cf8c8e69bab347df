// libFuzzer entry point for the CBOR decoder; built by `scripts/fuzz cbor SECONDS`
// together with Sources/CBOR (swiftc -sanitize=fuzzer,address).
//
// Any crash, hang or failed invariant below is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func cborFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let options = CBORDecodingOptions(maxNesting: 64, maxLength: 1 << 20)

    // The streaming skip and the tree decoder must agree on well-formedness.
    var reader = CBORReader(bytes, options: options)
    let skipped = Result { () throws(CBORError) in try reader.validate() }
    let decoded = Result { () throws(CBORError) in try CBOR(decoding: bytes, options: options) }
    switch (skipped, decoded) {
    case (.success, .success(let value)):
        checkRoundTrips(value, bytes, options)
    case (.failure(let a), .failure(let b)):
        precondition(a == b, "skip and decode disagree: \(a) vs \(b)")
    default:
        preconditionFailure("skip and decode disagree on \(bytes)")
    }

    // Deterministic checking must never crash either.
    _ = try? CBOR(decoding: bytes, options: CBORDecodingOptions(maxNesting: 64, requireDeterministic: true))
    return 0
}

private func checkRoundTrips(_ value: CBOR, _ bytes: [UInt8], _ options: CBORDecodingOptions) {
    // Re-encoding a decoded tree and decoding it again gives the same tree.
    let again = try? CBOR(decoding: value.encoded(), options: options)
    precondition(again == value, "re-encoding changed the value")

    // Deterministic output passes the deterministic check in both key orders.
    for order in [CBORKeyOrder.bytewise, .lengthFirst] {
        let strict = CBORDecodingOptions(maxNesting: 64, requireDeterministic: true, keyOrder: order)
        let canonical = value.deterministicEncoded(keyOrder: order)
        do {
            _ = try CBOR(decoding: canonical, options: strict)
        } catch .notDeterministic(_, .duplicateMapKey) {
            // Input with equal keys stays a map with equal keys.
        } catch {
            preconditionFailure("deterministic output rejected: \(error)")
        }
    }

    // Diagnostic notation reads back to the same tree; JSON always parses.
    let diagnostic = value.diagnostic()
    let parsed = try? CBOR(diagnostic: diagnostic)
    precondition(parsed.map(canonicalNaN) == canonicalNaN(value), "diagnostic round trip failed: \(diagnostic)")
    precondition((try? CBOR(json: value.json())) != nil, "JSON output does not parse")
    _ = value.diagnostic(.cborDiag)
}

/// Diagnostic notation has one NaN per width: payloads cannot survive it.
private func canonicalNaN(_ value: CBOR) -> CBOR {
    switch value {
    case let .half(f) where f.isNaN: return .half(.nan)
    case let .float(f) where f.isNaN: return .float(.nan)
    case let .double(d) where d.isNaN: return .double(.nan)
    case let .array(a): return .array(a.map(canonicalNaN))
    case let .indefiniteArray(a): return .indefiniteArray(a.map(canonicalNaN))
    case let .map(m): return .map(m.map { (canonicalNaN($0.key), canonicalNaN($0.value)) })
    case let .indefiniteMap(m): return .indefiniteMap(m.map { (canonicalNaN($0.key), canonicalNaN($0.value)) })
    case let .tagged(tag, content): return .tagged(tag, canonicalNaN(content))
    default: return value
    }
}
