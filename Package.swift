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
        .executable(name: "raft-sim", targets: ["RaftSim"]),
        .executable(name: "swift-many-protoc", targets: ["swift-many-protoc"]),
        .plugin(name: "SwiftManyProtocPlugin", targets: ["SwiftManyProtocPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
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

        // Transport: SwiftNIO adapters (HTTP/1.1 today; TLS and HTTP/2 later).
        .target(
            name: "Transport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                "HTTP2", "HPACK",
            ]
        ),

        // Replication: the consensus engine (pure, no I/O) and the simulator that proves it.
        .target(name: "Raft"),
        .target(name: "Simulation", dependencies: ["Raft"]),
        .target(
            name: "RaftHost",
            dependencies: [
                "Raft",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
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
        .testTarget(name: "TransportTests", dependencies: ["Transport", "HPACK", "TestSupport"]),
        .testTarget(
            name: "ManyServerTests",
            dependencies: ["ManyServer", "ManyClient", "ManyModules", "ManyIdentity", "ManyProtocol", "TestSupport"]
        ),
        .testTarget(name: "ManyMockTests", dependencies: ["ManyMock", "ManyClient", "TestSupport"]),
        .testTarget(name: "ManyToolTests", dependencies: ["ManyIdentity", "ManyProtocol", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
