// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "swift-many",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CBOR", targets: ["CBOR"]),
        .library(name: "SHA3", targets: ["SHA3"]),
        .library(name: "COSE", targets: ["COSE"]),
        .library(name: "ManyIdentity", targets: ["ManyIdentity"]),
        .library(name: "ManyProtocol", targets: ["ManyProtocol"]),
        .library(name: "ManyServer", targets: ["ManyServer"]),
        .library(name: "ManyClient", targets: ["ManyClient"]),
        .library(name: "ManyModules", targets: ["ManyModules"]),
        .library(name: "ManyMock", targets: ["ManyMock"]),
        .executable(name: "cbor", targets: ["CBORTool"]),
        .executable(name: "many", targets: ["ManyTool"]),
        .executable(name: "many-mock", targets: ["ManyMockTool"]),
        .library(name: "HPACK", targets: ["HPACK"]),
        .library(name: "HTTP2", targets: ["HTTP2"]),
        .library(name: "Transport", targets: ["Transport"]),
        .library(name: "Protobuf", targets: ["Protobuf"]),
        .library(name: "Raft", targets: ["Raft"]),
        .library(name: "RaftHost", targets: ["RaftHost"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "LoadGeneration", targets: ["LoadGeneration"]),
        .executable(name: "raft-sim", targets: ["RaftSim"]),
        .library(name: "KVStore", targets: ["KVStore"]),
        .executable(name: "kvstore", targets: ["KVStoreTool"]),
        .executable(name: "many-kvstore", targets: ["KVStoreServer"]),
        .executable(name: "kv-chaos", targets: ["KVChaos"]),
        .executable(name: "swift-many-protoc", targets: ["swift-many-protoc"]),
        .plugin(name: "SwiftManyProtocPlugin", targets: ["SwiftManyProtocPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // Encoding layer: codecs with no I/O.
        .target(name: "CBOR"),
        .target(name: "SHA3"),
        .target(name: "HPACK"),
        .target(name: "HTTP2", dependencies: ["HPACK"]),
        .target(name: "Protobuf"),
        .target(
            name: "COSE",
            dependencies: ["CBOR", .product(name: "Crypto", package: "swift-crypto")]
        ),

        // MANY: identities and addresses, then messages and envelopes.
        .target(
            name: "ManyIdentity",
            dependencies: ["CBOR", "SHA3", "COSE", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "ManyProtocol", dependencies: ["CBOR", "COSE", "ManyIdentity"]),
        .target(name: "ManyModules", dependencies: ["CBOR", "ManyIdentity", "ManyProtocol"]),
        .target(
            name: "ManyServer",
            dependencies: [
                "CBOR", "COSE", "ManyIdentity", "ManyProtocol", "ManyModules", "Transport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "ManyClient", dependencies: ["CBOR", "ManyIdentity", "ManyProtocol", "ManyModules", "Transport"]),
        .target(name: "ManyMock", dependencies: ["CBOR", "ManyProtocol", "ManyModules", "ManyServer"]),

        // Transport: SwiftNIO adapters (HTTP/1.1; HTTP/2 over h2c and TLS).
        .target(
            name: "Transport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                "HTTP2", "HPACK",
            ]
        ),

        // Replication: the consensus engine (pure, no I/O) and the simulator that proves it.
        // The engine is generic over its log storage and every caller lives in another
        // module: without cross-module optimization its hot paths run unspecialized
        // (generic metadata lookups, whole-struct copies), about 2x slower. It is
        // single-threaded by contract, so the dynamic exclusivity checks on its class
        // (RawNode) buy nothing on the hot path (docs/raft.md, Performance).
        .target(
            name: "Raft",
            swiftSettings: [.unsafeFlags(["-cross-module-optimization", "-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(name: "Simulation", dependencies: ["Raft"]),

        // Closed-loop HTTP load for `kvstore bench` and the Benchmarks package.
        .target(name: "LoadGeneration", dependencies: [.product(name: "Histogram", package: "hdrhistogram-swift")]),
        .target(
            name: "RaftHost",
            dependencies: [
                "Raft",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),

        // Apps: the replicated key-value store, its HTTP APIs and MANY module.
        // SQLite (Debian's libsqlite3-dev) keeps the on-disk state machine's state.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(
            name: "KVStore",
            dependencies: [
                "Raft", "RaftHost", "ManyServer", "ManyModules", "ManyProtocol", "ManyIdentity", "CBOR", "SHA3", "Transport", "CSQLite",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "KVStoreTool",
            dependencies: [
                "KVStore", "LoadGeneration",
                "ManyClient", "ManyIdentity", "ManyModules", "ManyProtocol", "CBOR", "Transport",
            ]
        ),
        .executableTarget(
            name: "KVStoreServer",
            dependencies: [
                "KVStore", "ManyServer", "ManyIdentity", "Transport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "KVChaos",
            dependencies: [
                "LoadGeneration", "Simulation", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Thin command-line tools.
        .executableTarget(
            name: "CBORTool",
            dependencies: ["CBOR", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // The target is named as its product: a build-tool plugin finds its tool by that name.
        .executableTarget(name: "swift-many-protoc", dependencies: ["Protobuf"], path: "Sources/SwiftManyProtoc"),
        .plugin(name: "SwiftManyProtocPlugin", capability: .buildTool(), dependencies: ["swift-many-protoc"]),

        // Oracles, hex and seeded randomness shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport", exclude: ["Python"]),
        .executableTarget(
            name: "ManyTool",
            dependencies: [
                "CBOR", "ManyIdentity", "ManyProtocol", "ManyModules", "ManyClient", "ManyServer", "Transport", "ManyMock",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "RaftSim",
            dependencies: ["Simulation", "Raft", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "ManyMockTool",
            dependencies: [
                "ManyMock", "ManyIdentity", "ManyServer", "Transport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .testTarget(name: "CBORTests", dependencies: ["CBOR", "TestSupport"]),
        .testTarget(name: "CBORToolTests", dependencies: ["CBORTool", "TestSupport"]),
        .testTarget(name: "SHA3Tests", dependencies: ["SHA3", "TestSupport"]),
        .testTarget(name: "COSETests", dependencies: ["COSE", "CBOR", "TestSupport"]),
        .testTarget(name: "ManyIdentityTests", dependencies: ["ManyIdentity", "TestSupport"]),
        .testTarget(name: "ManyProtocolTests", dependencies: ["ManyProtocol", "TestSupport"]),
        .testTarget(name: "HPACKTests", dependencies: ["HPACK", "TestSupport"]),
        .testTarget(name: "HTTP2Tests", dependencies: ["HTTP2", "HPACK", "TestSupport"]),
        .testTarget(name: "ProtobufTests", dependencies: ["Protobuf", "TestSupport"], exclude: ["Protos"]),
        .testTarget(name: "ProtobufGeneratedTests", dependencies: ["Protobuf", "TestSupport"]),
        .testTarget(
            name: "SwiftManyProtocPluginTests", dependencies: ["Protobuf"],
            plugins: ["SwiftManyProtocPlugin"]),
        .testTarget(
            name: "RaftHostTests",
            dependencies: ["RaftHost", "Raft", "TestSupport", .product(name: "NIOEmbedded", package: "swift-nio")]
        ),
        .testTarget(name: "RaftTests", dependencies: ["Raft", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Raft", "TestSupport"]),
        .testTarget(name: "LoadGenerationTests", dependencies: ["LoadGeneration", "Transport", "TestSupport"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "HPACK", "TestSupport"]),
        .testTarget(
            name: "ManyServerTests",
            dependencies: ["ManyServer", "ManyClient", "ManyModules", "ManyIdentity", "ManyProtocol", "TestSupport"]
        ),
        .testTarget(name: "ManyMockTests", dependencies: ["ManyMock", "ManyClient", "TestSupport"]),
        .testTarget(
            name: "KVStoreTests",
            dependencies: [
                "KVStore", "Raft", "RaftHost", "ManyClient", "ManyServer", "ManyModules", "ManyIdentity", "ManyProtocol", "CBOR",
                "Transport", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(name: "ManyToolTests", dependencies: ["ManyIdentity", "ManyProtocol", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
