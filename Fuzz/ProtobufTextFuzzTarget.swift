// libFuzzer entry point for the text-format reader; built by `scripts/fuzz protobuf-text
// SECONDS` with Sources/Protobuf and Fuzz/ProtobufFuzzSchema.swift (swiftc -sanitize=fuzzer,address).
//
// The input is read as text format of the schema's `fuzz.P3` and `fuzz.P2`, and of `fuzz.E`
// below with its extensions by name and `Any`s expanded. Any crash, hang or failed invariant
// below is a finding.

/// Extensions of every kind and `Any`s, which only text format reads by name and expanded.
let extensionSchema = InMemoryProtoFiles([
    "google/protobuf/any.proto": """
        syntax = "proto3";
        package google.protobuf;
        message Any { string type_url = 1; bytes value = 2; }
        """,
    "e.proto": """
        syntax = "proto2";
        package fuzz;
        import "google/protobuf/any.proto";
        enum Shut { NONE = 0; SOME = 1; }
        message E {
          optional int32 a = 1;
          optional google.protobuf.Any any = 2;
          repeated google.protobuf.Any anys = 3;
          map<string, E> byName = 4;
          extensions 100 to 199;
        }
        extend E {
          optional int32 i = 100;
          repeated sint32 packed = 101 [packed = true];
          optional E e = 102;
          repeated group G = 103 { optional string s = 1; repeated E more = 2; }
          optional Shut shut = 104;
          repeated string ss = 105;
          optional double d = 106;
        }
        """,
])

let extensionFiles = try? ProtoCompiler(loader: extensionSchema).compile(["e.proto"])
let extensionPool: DescriptorPool? = extensionFiles.flatMap { try? DescriptorPool($0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func protobufTextFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let pool = fuzzPool, let extensionPool, let extensionFiles else { preconditionFailure("the fuzz schemas do not compile") }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for name in ["fuzz.P3", "fuzz.P2"] {
        guard let type = pool.messageType(name) else { preconditionFailure("\(name) missing") }
        roundTrip(text, type: type, pool: pool, extensions: .none, expandAny: false)
    }
    guard let type = extensionPool.messageType("fuzz.E") else { preconditionFailure("fuzz.E missing") }
    let extensions = ExtensionFields(files: extensionFiles.file)
    for expandAny in [false, true] {
        roundTrip(text, type: type, pool: extensionPool, extensions: extensions, expandAny: expandAny)
    }
    return 0
}

/// What reads prints, and the printed text reads back to a message that prints the same (a
/// fixed point: NaN payloads and duplicate map keys do not survive the first pass).
private func roundTrip(_ text: String, type: MessageType, pool: DescriptorPool, extensions: ExtensionFields, expandAny: Bool) {
    do {
        let message = try DynamicMessage(textFormat: text, type: type, pool: pool, extensions: extensions)
        let printed = message.textFormat(pool: pool, extensions: extensions, expandAny: expandAny)
        guard let again = try? DynamicMessage(textFormat: printed, type: type, pool: pool, extensions: extensions) else {
            preconditionFailure("printed text does not read back:\n\(printed)")
        }
        precondition(again.textFormat(pool: pool, extensions: extensions, expandAny: expandAny) == printed, "text round trip changed the message:\n\(printed)")
    } catch {
        precondition(error.line >= 1 && error.column >= 1, "error without a position: \(error)")
    }
}
