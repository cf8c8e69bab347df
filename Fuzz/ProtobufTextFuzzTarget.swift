// libFuzzer entry point for the text-format reader; built by `scripts/fuzz protobuf-text
// SECONDS` with Sources/Protobuf and Fuzz/ProtobufFuzzSchema.swift (swiftc -sanitize=fuzzer,address).
//
// The input is read as text format of the schema's `fuzz.P3` and `fuzz.P2`. Any crash,
// hang or failed invariant below is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func protobufTextFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let pool = fuzzPool else { preconditionFailure("the fuzz schema does not compile") }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for name in ["fuzz.P3", "fuzz.P2"] {
        guard let type = pool.messageType(name) else { preconditionFailure("\(name) missing") }
        do {
            let message = try DynamicMessage(textFormat: text, type: type, pool: pool)
            // What reads prints, and the printed text reads back to a message that prints the
            // same (a fixed point: NaN payloads and duplicate map keys do not survive the first pass).
            let printed = message.textFormat(pool: pool)
            guard let again = try? DynamicMessage(textFormat: printed, type: type, pool: pool) else {
                preconditionFailure("printed text does not read back:\n\(printed)")
            }
            precondition(again.textFormat(pool: pool) == printed, "text round trip changed the message:\n\(printed)")
        } catch {
            precondition(error.line >= 1 && error.column >= 1, "error without a position: \(error)")
        }
    }
    return 0
}
