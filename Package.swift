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
        .executable(name: "cbor", targets: ["CBORTool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // Encoding layer: codecs with no I/O.
        .target(name: "CBOR"),
        .target(name: "SHA3"),
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

        // Thin command-line tools.
        .executableTarget(
            name: "CBORTool",
            dependencies: ["CBOR", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Oracles, hex and seeded randomness shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CBORTests", dependencies: ["CBOR", "TestSupport"]),
        .testTarget(name: "SHA3Tests", dependencies: ["SHA3", "TestSupport"]),
        .testTarget(name: "COSETests", dependencies: ["COSE", "CBOR", "TestSupport"]),
        .testTarget(name: "ManyIdentityTests", dependencies: ["ManyIdentity", "TestSupport"]),
        .testTarget(name: "ManyProtocolTests", dependencies: ["ManyProtocol", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
