import Foundation
import Protobuf
import SwiftProtobufPeer

/// The workloads: node protocol-buffers' own benchmark message (26 bytes) through
/// dynamic messages and our generated code, and the FileDescriptorSet of descriptor.proto
/// through our descriptor types, dynamic messages and generated code; and both through
/// swift-protobuf's generated code, the peer of ours.
struct ProtobufWorkloads {
    struct Workload {
        let name: String
        let bytes: Int
        let run: () throws -> Void
    }

    /// node protocol-buffers' bench/test.proto schema.
    static let nodeSchema = """
        syntax = "proto2";
        message Foo { optional uint32 baz = 1; }
        message Bar { optional Foo tmp = 1; }
        message Lol { optional string lol = 1; required Bar b = 2; }
        message Test { optional string foo = 1; optional uint32 hello = 3; optional Lol meh = 6; optional bytes payload = 7; }
        """

    let nodeSet: FileDescriptorSet
    let nodeBytes: [UInt8]
    let descriptorSet: FileDescriptorSet
    let descriptorSetBytes: [UInt8]
    let all: [Workload]

    init() throws {
        nodeSet = try ProtoCompiler(loader: InMemoryProtoFiles(["test.proto": Self.nodeSchema])).compile(["test.proto"])
        let nodePool = try DescriptorPool(nodeSet)
        guard let test = nodePool.messageType("Test"), let lol = nodePool.messageType("Lol"),
              let bar = nodePool.messageType("Bar"), let foo = nodePool.messageType("Foo")
        else { throw BenchError("node schema types missing") }
        var fooMessage = DynamicMessage(type: foo)
        try fooMessage.set(1, .single(.uint32(1000)))
        var barMessage = DynamicMessage(type: bar)
        try barMessage.set(1, .single(.message(fooMessage)))
        var lolMessage = DynamicMessage(type: lol)
        try lolMessage.set(1, .single(.string("lol")))
        try lolMessage.set(2, .single(.message(barMessage)))
        var message = DynamicMessage(type: test)
        try message.set(1, .single(.string("hello")))
        try message.set(3, .single(.uint32(42)))
        try message.set(6, .single(.message(lolMessage)))
        try message.set(7, .single(.bytes(Array("a".utf8))))
        let nodeBytes = try message.serializedBytes()
        guard nodeBytes.count == 26 else { throw BenchError("node message is \(nodeBytes.count) bytes, not 26") }
        self.nodeBytes = nodeBytes

        let system = IncludePathLoader(includePaths: ["/usr/include"])
        descriptorSet = try ProtoCompiler(loader: system).compile(["google/protobuf/descriptor.proto"])
        let descriptorSetBytes = descriptorSet.serializedBytes()
        self.descriptorSetBytes = descriptorSetBytes
        let descriptorPool = try DescriptorPool(descriptorSet)
        guard let setType = descriptorPool.messageType("google.protobuf.FileDescriptorSet") else {
            throw BenchError("FileDescriptorSet type missing")
        }
        let dynamicSet = try DynamicMessage(serializedBytes: descriptorSetBytes, type: setType, pool: descriptorPool)
        let typedSet = descriptorSet
        let generatedNode = try Test(serializedBytes: nodeBytes)
        let generatedSet = try Google_Protobuf_FileDescriptorSet(serializedBytes: descriptorSetBytes)
        guard try generatedNode.serializedBytes() == nodeBytes, try generatedSet.serializedBytes() == descriptorSetBytes else {
            throw BenchError("generated code does not re-encode the workloads to the same bytes")
        }
        let peer = try SwiftProtobufWorkloads(nodeBytes: nodeBytes, descriptorSetBytes: descriptorSetBytes)

        all = [
            Workload(name: "protobuf.node.decode.dynamic", bytes: 26) {
                consume(try DynamicMessage(serializedBytes: nodeBytes, type: test, pool: nodePool))
            },
            Workload(name: "protobuf.node.encode.dynamic", bytes: 26) {
                consume(try message.serializedBytes())
            },
            Workload(name: "protobuf.node.decode.generated", bytes: 26) {
                consume(try Test(serializedBytes: nodeBytes))
            },
            Workload(name: "protobuf.node.encode.generated", bytes: 26) {
                consume(try generatedNode.serializedBytes())
            },
            Workload(name: "protobuf.node.decode.swift-protobuf", bytes: 26) { try peer.decodeNode() },
            Workload(name: "protobuf.node.encode.swift-protobuf", bytes: 26) { try peer.encodeNode() },
            Workload(name: "protobuf.descriptor_set.decode.typed", bytes: descriptorSetBytes.count) {
                consume(try FileDescriptorSet(serializedBytes: descriptorSetBytes))
            },
            Workload(name: "protobuf.descriptor_set.encode.typed", bytes: descriptorSetBytes.count) {
                consume(typedSet.serializedBytes())
            },
            Workload(name: "protobuf.descriptor_set.decode.dynamic", bytes: descriptorSetBytes.count) {
                consume(try DynamicMessage(serializedBytes: descriptorSetBytes, type: setType, pool: descriptorPool))
            },
            Workload(name: "protobuf.descriptor_set.encode.dynamic", bytes: descriptorSetBytes.count) {
                consume(try dynamicSet.serializedBytes())
            },
            Workload(name: "protobuf.descriptor_set.decode.generated", bytes: descriptorSetBytes.count) {
                consume(try Google_Protobuf_FileDescriptorSet(serializedBytes: descriptorSetBytes))
            },
            Workload(name: "protobuf.descriptor_set.encode.generated", bytes: descriptorSetBytes.count) {
                consume(try generatedSet.serializedBytes())
            },
            Workload(name: "protobuf.descriptor_set.decode.swift-protobuf", bytes: descriptorSetBytes.count) {
                try peer.decodeDescriptorSet()
            },
            Workload(name: "protobuf.descriptor_set.encode.swift-protobuf", bytes: descriptorSetBytes.count) {
                try peer.encodeDescriptorSet()
            },
        ]
    }

    /// The bytes and schemas the Python peer times on.
    func write(to directory: String) throws {
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data(nodeBytes).write(to: url.appendingPathComponent("node.pb"))
        try Data(nodeSet.serializedBytes()).write(to: url.appendingPathComponent("node-schema.pb"))
        try Data(descriptorSetBytes).write(to: url.appendingPathComponent("descriptor-set.pb"))
    }
}

/// Keeps a result alive so the optimizer cannot drop the work that made it.
@inline(never)
func consume<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
