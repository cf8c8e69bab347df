// swift-tools-version: 6.1
// Benchmarks for swift-many, kept in their own package so that building and testing
// the root package (and CI) does not build the ordo-one benchmark dependency.
//
//   scripts/bench          codec-bench and the Python peers, with a ratio table
//   scripts/bench --ordo   the ordo-one suites below (swift package benchmark)
//   scripts/bench many     many-load: a MANY server under load, against the Ed25519 ceiling
//   scripts/bench raft     raft-bench: our single-node Raft loop beside etcd-raft's BenchmarkOneNode
//   scripts/bench wal      wal-bench: WAL append + fdatasync with group commit, beside peers/wal_peer.c
//   scripts/bench hpack    hpack-bench: HPACK over the shared corpus beside Python hpack
//   scripts/bench raft-transport   raft-transport-bench: two Raft transports on loopback, beside
//                          peers/raft_transport_peer.py moving the same framed bytes (plain and TLS)
//   scripts/bench protobuf protobuf-bench: dynamic messages, generated code and descriptors beside Python protobuf (upb)
//                          and swift-protobuf's generated code (SwiftProtobufPeer)
//   scripts/bench nodehost nodehost-bench: three NodeHosts in one process, proposals/s and P50/P99
//   scripts/bench h2       h2load against h2-server (our HTTP2Connection on NIO), nio-h2-server
//                          (swift-nio-http2) and nghttpd in one run
import PackageDescription

/// SwiftPM names a path dependency after its directory, so the root package is known by
/// the name of the folder the repository was cloned into, not by "swift-many".
let rootPackage = Context.packageDirectory.split(separator: "/").dropLast().last.map { $0.lowercased() }
    ?? "swift-many"

let suiteDependencies: [Target.Dependency] = [
    "BenchmarkRegistration", "BenchmarkWorkloads", .product(name: "Benchmark", package: "benchmark"),
]

let package = Package(
    name: "swift-many-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // Only for nio-h2-server, the peer of scripts/bench h2; the root package never uses it.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
        // Only for SwiftProtobufPeer, the generated-code peer of scripts/bench protobuf.
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
    ],
    targets: [
        // The workloads, written once and run by both the ordo-one suites and codec-bench.
        .target(
            name: "BenchmarkWorkloads",
            dependencies: [
                .product(name: "CBOR", package: rootPackage),
                .product(name: "SHA3", package: rootPackage),
                .product(name: "COSE", package: rootPackage),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // Fixed-iteration timings as JSON lines, for ratios against the Python peers.
        .executableTarget(name: "codec-bench", dependencies: ["BenchmarkWorkloads"]),

        // Load on a MANY server over loopback HTTP, against the raw Ed25519 verify ceiling.
        .executableTarget(
            name: "many-load",
            dependencies: [
                "BenchmarkWorkloads",
                .product(name: "LoadGeneration", package: rootPackage),
                .product(name: "ManyIdentity", package: rootPackage),
                .product(name: "ManyProtocol", package: rootPackage),
                .product(name: "ManyModules", package: rootPackage),
                .product(name: "ManyServer", package: rootPackage),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // HPACK over the whole shared corpus, beside Python hpack (scripts/bench hpack).
        .executableTarget(name: "hpack-bench", dependencies: [.product(name: "HPACK", package: rootPackage)]),

        // Our single-node Raft loop, beside etcd-raft's BenchmarkOneNode (scripts/bench raft).
        // Built like the Raft target (see the root Package.swift): the engine's generic
        // code is specialized here, so the same exclusivity setting applies.
        .executableTarget(
            name: "raft-bench",
            dependencies: [.product(name: "Raft", package: rootPackage)],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),

        // The shared WAL's append + fdatasync throughput, beside bare pwrite + fdatasync in C.
        .executableTarget(
            name: "wal-bench",
            dependencies: [.product(name: "Raft", package: rootPackage), .product(name: "RaftHost", package: rootPackage)]
        ),

        // Two Raft transports on loopback (plain and mutual TLS), beside a bare asyncio peer.
        .executableTarget(
            name: "raft-transport-bench",
            dependencies: [.product(name: "Raft", package: rootPackage), .product(name: "RaftHost", package: rootPackage)]
        ),
        // Three NodeHosts in one process: proposal throughput and latency (scripts/bench nodehost).
        .executableTarget(
            name: "nodehost-bench",
            dependencies: [
                .product(name: "Raft", package: rootPackage), .product(name: "RaftHost", package: rootPackage),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Our HTTP/2 engine on NIO answering a small fixed response, for h2load (scripts/bench h2).
        .executableTarget(name: "h2-server", dependencies: [.product(name: "Transport", package: rootPackage)]),
        // The same fixed response from a swift-nio-http2 server, its peer in scripts/bench h2.
        .executableTarget(
            name: "nio-h2-server",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
            ]
        ),

        // Protobuf decode/encode (dynamic messages, descriptor types) beside Python protobuf (scripts/bench protobuf).
        .executableTarget(
            name: "protobuf-bench",
            dependencies: [.product(name: "Protobuf", package: rootPackage), "SwiftProtobufPeer"]
        ),
        // swift-protobuf's generated code for the same schemas (made once by protoc-gen-swift,
        // see its README.md), timed in the same protobuf-bench run.
        .target(name: "SwiftProtobufPeer", dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]),

        // Registers the shared operations with ordo-one; only the suites below link it.
        .target(
            name: "BenchmarkRegistration",
            dependencies: ["BenchmarkWorkloads", .product(name: "Benchmark", package: "benchmark")]
        ),

        // ordo-one suites: the plugin finds executables whose directory sits in `Benchmarks/`.
        .executableTarget(
            name: "CBORBenchmarks",
            dependencies: suiteDependencies,
            path: "CBORBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SHA3Benchmarks",
            dependencies: suiteDependencies,
            path: "SHA3Benchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "COSEBenchmarks",
            dependencies: suiteDependencies,
            path: "COSEBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
