// The schema the Protobuf fuzz targets decode against (protobuf-decode, protobuf-json,
// protobuf-text); compiled into each of them by scripts/fuzz.

/// A fixed schema with every feature the decoder handles: proto2 groups, closed enums and
/// required fields, proto3 maps, oneofs, packed fields and recursion.
let fuzzSchema = InMemoryProtoFiles([
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

let fuzzPool: DescriptorPool? = {
    guard let set = try? ProtoCompiler(loader: fuzzSchema).compile(["p3.proto"]) else { return nil }
    return try? DescriptorPool(set)
}()
