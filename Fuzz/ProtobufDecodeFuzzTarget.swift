// libFuzzer entry point for the Protobuf binary decoders; built by `scripts/fuzz protobuf-decode
// SECONDS` with Sources/Protobuf and Fuzz/ProtobufFuzzSchema.swift (swiftc -sanitize=fuzzer,address).
//
// The input is decoded as two dynamic message types of a fixed proto2/proto3 schema and as a
// `FileDescriptorSet`. Any crash, hang or failed invariant below is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func protobufDecodeFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzDecoders(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

private func fuzzDecoders(_ bytes: [UInt8]) {
    guard let pool = fuzzPool else { preconditionFailure("the fuzz schema does not compile") }
    for name in ["fuzz.P3", "fuzz.P2"] {
        guard let type = pool.messageType(name) else { preconditionFailure("\(name) missing") }
        guard let message = try? DynamicMessage(serializedBytes: bytes, type: type, pool: pool, checkRequired: false),
              let encoded = try? message.serializedBytes(checkRequired: false)
        else { continue }
        // Decode → encode → decode is the identity, and encoding is then stable.
        guard let again = try? DynamicMessage(serializedBytes: encoded, type: type, pool: pool, checkRequired: false) else {
            preconditionFailure("re-encoded \(name) does not decode")
        }
        precondition(again == message, "\(name) changed through a round trip")
        precondition((try? again.serializedBytes(checkRequired: false)) == encoded, "\(name) encoding is not stable")
    }
    // Descriptor sets: decode → encode reproduces what decodes to the same value.
    if let set = try? FileDescriptorSet(serializedBytes: bytes) {
        precondition((try? FileDescriptorSet(serializedBytes: set.serializedBytes())) == set, "descriptor set round trip failed")
    }
}
