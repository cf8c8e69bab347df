// libFuzzer entry point for the Protobuf module; built by `scripts/fuzz protobuf SECONDS`
// together with Sources/Protobuf (swiftc -sanitize=fuzzer,address).
//
// The first byte picks the target: even bytes feed the rest to the `.proto` parser and
// compiler, odd bytes to the binary decoders (dynamic messages and descriptor sets).
// Any crash, hang or failed invariant below is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func protobufFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let selector = bytes.first else { return 0 }
    let input = Array(bytes.dropFirst())
    if selector % 2 == 0 {
        fuzzCompiler(input)
    } else {
        fuzzDecoders(input)
    }
    return 0
}

/// A fixed schema with every feature the decoder handles: proto2 groups, closed enums and
/// required fields, proto3 maps, oneofs, packed fields and recursion.
private let schema = InMemoryProtoFiles([
    "p2.proto": """
        syntax = "proto2";
        package fuzz;
        enum Closed { ZERO = 0; ONE = 1; }
        message P2 {
          optional int32 a = 1 [default = -7];
          repeated sint64 b = 2 [packed = true];
          repeated fixed32 c = 3;
          optional group G = 4 { optional string s = 1; repeated P2 again = 2; }
          optional Closed e = 5;
          repeated Closed es = 6 [packed = true];
          optional bytes raw = 7 [default = "\\001x"];
          required bool flag = 8;
          oneof pick { float f = 9; double d = 10; P2 nested = 11; }
        }
        """,
    "p3.proto": """
        syntax = "proto3";
        package fuzz;
        import "p2.proto";
        enum Open { OPEN_ZERO = 0; OPEN_ONE = 1; }
        message P3 {
          int64 i = 1;
          uint64 u = 2;
          string s = 3;
          repeated int32 packed = 4;
          repeated string names = 5;
          map<string, P3> children = 6;
          map<sint32, Open> opens = 7;
          map<bool, bytes> flags = 8;
          optional sfixed64 maybe = 9;
          oneof choice { P3 self = 10; P2 legacy = 11; Open open = 12; }
          P3 next = 13;
        }
        """,
])

private let pool: DescriptorPool? = {
    guard let set = try? ProtoCompiler(loader: schema).compile(["p3.proto"]) else { return nil }
    return try? DescriptorPool(set)
}()

private func fuzzDecoders(_ bytes: [UInt8]) {
    guard let pool else { preconditionFailure("the fuzz schema does not compile") }
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

/// Sources that import descriptor.proto or the well-known types find them in /usr/include.
private struct FuzzLoader: ProtoFileLoader {
    let source: [UInt8]
    let system = IncludePathLoader(includePaths: ["/usr/include"])

    func load(_ name: String) -> [UInt8]? {
        name == "fuzz.proto" ? source : system.load(name)
    }
}

private func fuzzCompiler(_ bytes: [UInt8]) {
    let compiler = ProtoCompiler(loader: FuzzLoader(source: bytes))
    do {
        let set = try compiler.compile(["fuzz.proto"], includeSourceInfo: true)
        // What compiles encodes to bytes that decode back to the same descriptors.
        precondition((try? FileDescriptorSet(serializedBytes: set.serializedBytes())) == set, "compiled set round trip failed")
        if let pool = try? DescriptorPool(set) {
            for type in pool.messageTypes.values {
                _ = try? DynamicMessage(serializedBytes: bytes, type: type, pool: pool, checkRequired: false)
            }
        }
    } catch {
        precondition(error.line >= 1 && error.column >= 1, "error without a position: \(error)")
    }
}
