// libFuzzer entry point for the `.proto` parser and compiler; built by `scripts/fuzz
// protobuf-parse SECONDS` with Sources/Protobuf (swiftc -sanitize=fuzzer,address).
//
// The input is compiled as `fuzz.proto` (imports found in /usr/include) with source info.
// Any crash, hang or failed invariant below is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func protobufParseFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzCompiler(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
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
