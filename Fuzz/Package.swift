// swift-tools-version: 6.1
// Fuzz targets that need the root package's SwiftPM dependencies (swift-crypto, SwiftNIO),
// kept in their own package, as Benchmarks/ is, so the root package never builds them.
//
//   scripts/fuzz envelope SECONDS   builds envelope-fuzz with -sanitize=fuzzer,address and runs it
//
// (The CBOR target, Fuzz/CBORFuzzTarget.swift, has no dependencies and is built by swiftc alone.)
import PackageDescription

/// SwiftPM names a path dependency after its directory, so the root package is known by
/// the name of the folder the repository was cloned into, not by "swift-many".
let rootPackage = Context.packageDirectory.split(separator: "/").dropLast().last.map { $0.lowercased() }
    ?? "swift-many"

let package = Package(
    name: "swift-many-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        // The declaration of libFuzzer's driver; its definition only links with -sanitize=fuzzer.
        .target(name: "CLibFuzzer", path: "Sources/CLibFuzzer"),

        // Its @main hands the input callback to libFuzzer's driver (see scripts/fuzz).
        .executableTarget(
            name: "envelope-fuzz",
            dependencies: [
                "CLibFuzzer",
                .product(name: "CBOR", package: rootPackage),
                .product(name: "COSE", package: rootPackage),
                .product(name: "ManyIdentity", package: rootPackage),
                .product(name: "ManyProtocol", package: rootPackage),
                .product(name: "ManyModules", package: rootPackage),
                .product(name: "ManyServer", package: rootPackage),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/EnvelopeFuzz"
        ),
    ],
    swiftLanguageModes: [.v6]
)
