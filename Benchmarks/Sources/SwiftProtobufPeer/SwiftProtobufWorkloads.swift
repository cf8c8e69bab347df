import SwiftProtobuf

/// swift-protobuf's generated code on the bytes protobuf-bench times ours on: node
/// protocol-buffers' `Test` message (Generated/node_test.pb.swift, see
/// Benchmarks/peers/swift-protobuf-generate) and descriptor.proto's `FileDescriptorSet`
/// (protoc-gen-swift's output for it ships inside SwiftProtobuf), each decoded from and
/// encoded to `[UInt8]` as our generated code is.
public struct SwiftProtobufWorkloads: Sendable {
    let nodeBytes: [UInt8]
    let descriptorSetBytes: [UInt8]
    let node: Test
    let descriptorSet: Google_Protobuf_FileDescriptorSet

    /// Decodes both workloads once; throws unless swift-protobuf re-encodes each to the same bytes.
    public init(nodeBytes: [UInt8], descriptorSetBytes: [UInt8]) throws {
        self.nodeBytes = nodeBytes
        self.descriptorSetBytes = descriptorSetBytes
        node = try Test(serializedBytes: nodeBytes)
        descriptorSet = try Google_Protobuf_FileDescriptorSet(serializedBytes: descriptorSetBytes)
        guard try node.serializedBytes() as [UInt8] == nodeBytes,
              try descriptorSet.serializedBytes() as [UInt8] == descriptorSetBytes
        else { throw SwiftProtobufPeerError.notTheSameBytes }
    }

    public func decodeNode() throws { keep(try Test(serializedBytes: nodeBytes)) }
    public func encodeNode() throws { keep(try node.serializedBytes() as [UInt8]) }
    public func decodeDescriptorSet() throws { keep(try Google_Protobuf_FileDescriptorSet(serializedBytes: descriptorSetBytes)) }
    public func encodeDescriptorSet() throws { keep(try descriptorSet.serializedBytes() as [UInt8]) }
}

/// Keeps a result alive so the optimizer cannot drop the work that made it.
@inline(never)
func keep<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// swift-protobuf did not re-encode a workload to the bytes it read.
public enum SwiftProtobufPeerError: Error {
    case notTheSameBytes
}
