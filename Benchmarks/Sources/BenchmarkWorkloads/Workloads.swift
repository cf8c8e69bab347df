import CBOR

/// One timed workload: a name shared by codec-bench, the ordo-one suites and the
/// Python peers, the bytes it processes (for MB/s), and the work itself.
public struct Workload: Sendable {
    public var name: String
    /// Bytes of CBOR (or hash input) one call processes; nil when MB/s means nothing.
    public var bytesPerOp: Int?
    /// A value the peer can compare (the SHA3 digest), so both sides provably did the same work.
    public var check: String?
    public var body: @Sendable () throws -> Void
}

/// Every workload, built once with its inputs checked before anything is timed.
public struct Workloads: Sendable {
    public let envelope: Envelope
    public let envelopeBytes: [UInt8]
    public let envelopeTrees: Envelope.Trees
    public let mixed: MixedMaps
    public let mixedBytes: [UInt8]
    public let mixedTree: CBOR
    public let signing: SigningWorkload

    public init() throws {
        envelope = .sample
        envelopeBytes = envelope.encoded()
        envelopeTrees = envelope.trees
        mixed = .sample
        mixedBytes = mixed.encoded()
        mixedTree = mixed.tree
        signing = try SigningWorkload()
        try selfCheck()
    }

    /// The streaming and tree paths must agree on every byte and round-trip, or the
    /// figures compare different work.
    private func selfCheck() throws {
        try require(envelopeTrees.encoded() == envelopeBytes, "envelope: tree and writer encodings differ")
        try require(try Envelope(decoding: envelopeBytes) == envelope, "envelope: streaming decode differs")
        let trees = try Envelope.Trees(decoding: envelopeBytes)
        try require(trees.protected == envelopeTrees.protected && trees.payload == envelopeTrees.payload,
                    "envelope: tree decode differs")
        try require(mixedTree.encoded() == mixedBytes, "mixed: tree and writer encodings differ")
        try require(try MixedMaps(decoding: mixedBytes).records == mixed.records, "mixed: streaming decode differs")
        try require(try CBOR(decoding: mixedBytes) == mixedTree, "mixed: tree decode differs")
        try signing.coseVerify()
        try require(signing.rawVerify(), "ed25519: raw signature does not verify")
    }

    private func require(_ condition: Bool, _ message: String) throws {
        if !condition { throw WorkloadError(message: message) }
    }

    public var all: [Workload] { cbor + sha3 + cose }

    /// CBOR: the envelope and the mixed maps, each encoded and decoded both streaming and as a tree.
    public var cbor: [Workload] {
        let envelope = envelope, envelopeBytes = envelopeBytes, envelopeTrees = envelopeTrees
        let mixed = mixed, mixedBytes = mixedBytes, mixedTree = mixedTree
        return [
            Workload(name: "cbor.envelope.encode", bytesPerOp: envelopeBytes.count) { consume(envelope.encoded()) },
            Workload(name: "cbor.envelope.encode.tree", bytesPerOp: envelopeBytes.count) {
                consume(envelopeTrees.encoded())
            },
            Workload(name: "cbor.envelope.decode", bytesPerOp: envelopeBytes.count) {
                consume(try Envelope(decoding: envelopeBytes))
            },
            Workload(name: "cbor.envelope.decode.tree", bytesPerOp: envelopeBytes.count) {
                consume(try Envelope.Trees(decoding: envelopeBytes))
            },
            Workload(name: "cbor.mixed.encode", bytesPerOp: mixedBytes.count) { consume(mixed.encoded()) },
            Workload(name: "cbor.mixed.encode.tree", bytesPerOp: mixedBytes.count) { consume(mixedTree.encoded()) },
            Workload(name: "cbor.mixed.decode", bytesPerOp: mixedBytes.count) {
                consume(try MixedMaps(decoding: mixedBytes))
            },
            Workload(name: "cbor.mixed.decode.tree", bytesPerOp: mixedBytes.count) {
                consume(try CBOR(decoding: mixedBytes))
            },
        ]
    }

    /// SHA3-256 over 1 MiB.
    public var sha3: [Workload] {
        let input = HashWorkload.input
        let digest = HashWorkload.sha3_256(input)
        return [
            Workload(name: "sha3.256.1mib", bytesPerOp: input.count, check: hex(digest)) {
                consume(HashWorkload.sha3_256(input))
            }
        ]
    }

    /// Ed25519 through COSE_Sign1 and raw.
    public var cose: [Workload] {
        let signing = signing
        return [
            Workload(name: "cose.sign1.sign", bytesPerOp: nil) { consume(try signing.coseSign()) },
            Workload(name: "ed25519.raw.sign", bytesPerOp: nil) { consume(try signing.rawSign()) },
            Workload(name: "cose.sign1.verify", bytesPerOp: nil) { try signing.coseVerify() },
            Workload(name: "ed25519.raw.verify", bytesPerOp: nil) {
                guard signing.rawVerify() else { throw WorkloadError(message: "raw signature does not verify") }
            },
        ]
    }
}

/// Takes a result so the optimizer cannot drop the work that made it (as ordo-one's
/// `blackHole`: a function it may neither inline nor analyse).
@inline(never)
@_optimize(none)
public func consume(_ value: some Any) {}

public struct WorkloadError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xf)]] })
}
