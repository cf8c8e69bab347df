import SHA3

/// SHA3-256 over 1 MiB in one call.
public enum HashWorkload {
    public static let inputByteCount = 1 << 20

    /// The same bytes as `Benchmarks/peers/sha3_peer.py` hashes: 0, 1, ..., 255 repeated.
    public static let input: [UInt8] = (0..<inputByteCount).map { UInt8(truncatingIfNeeded: $0) }

    public static func sha3_256(_ input: [UInt8]) -> [UInt8] {
        SHA3_256.hash(input)
    }
}
