// libFuzzer entry point for the proto3 JSON reader; built by `scripts/fuzz protobuf-json
// SECONDS` with Sources/Protobuf and Fuzz/ProtobufFuzzSchema.swift (swiftc -sanitize=fuzzer,address).
//
// The input is read as JSON text of the schema's `fuzz.P3` (proto3: maps, oneofs, recursion).
// Any crash, hang or failed invariant below is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func protobufJSONFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let pool = fuzzPool, let type = pool.messageType("fuzz.P3") else { preconditionFailure("the fuzz schema does not compile") }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let message = try? DynamicMessage(jsonText: text, type: type, pool: pool) else { return 0 }
    // What reads prints, and the printed text reads back to a message that prints the same.
    guard let printed = try? message.jsonText(pool: pool, indent: nil, sortKeys: true) else { return 0 }
    guard let again = try? DynamicMessage(jsonText: printed, type: type, pool: pool) else {
        preconditionFailure("printed JSON does not read back: \(printed)")
    }
    precondition((try? again.jsonText(pool: pool, indent: nil, sortKeys: true)) == printed, "JSON round trip changed the message: \(printed)")
    return 0
}
