/// The 1600-bit Keccak state as 25 little-endian lanes, `A[x, y]` at index `x + 5 * y`.
///
/// A homogeneous tuple rather than an array: it lives inline in the sponge, so creating,
/// copying or finalizing a hash never allocates.
typealias KeccakLanes = (
    UInt64, UInt64, UInt64, UInt64, UInt64,
    UInt64, UInt64, UInt64, UInt64, UInt64,
    UInt64, UInt64, UInt64, UInt64, UInt64,
    UInt64, UInt64, UInt64, UInt64, UInt64,
    UInt64, UInt64, UInt64, UInt64, UInt64
)

/// The sponge construction over Keccak-f[1600] shared by every SHA-3 and SHAKE function
/// (FIPS 202, sections 4 and 6).
///
/// The sponge absorbs input into the first `rateBytes` of the state, one block at a time;
/// a partial block is XORed into the state directly, so there is no separate input buffer.
/// The first squeeze appends the domain-separation suffix and the pad10*1 padding, and from
/// then on the sponge only squeezes: absorbing after that is a programmer error.
struct KeccakSponge: Sendable {
    /// The state size of Keccak-f[1600].
    static let stateByteCount = 200

    /// Domain-separation bits `01` followed by the first padding bit (FIPS 202, Table 6).
    static let sha3DomainSuffix: UInt8 = 0x06
    /// Domain-separation bits `1111` followed by the first padding bit (FIPS 202, Table 6).
    static let shakeDomainSuffix: UInt8 = 0x1F

    private var lanes: KeccakLanes = (
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    )
    /// Bytes per block: the state size less the capacity.
    let rateBytes: Int
    private let domainSuffix: UInt8
    /// While absorbing, how many bytes of the current block are filled; while squeezing,
    /// how many bytes of the current output block were already returned.
    private var blockOffsetBytes = 0
    private(set) var isSqueezing = false

    /// Creates an empty sponge with the given capacity, which is twice the security level.
    init(capacityBytes: Int, domainSuffix: UInt8) {
        precondition(capacityBytes > 0 && capacityBytes < Self.stateByteCount)
        precondition(capacityBytes % 8 == 0, "the rate must be a whole number of lanes")
        self.rateBytes = Self.stateByteCount - capacityBytes
        self.domainSuffix = domainSuffix
    }

    /// XORs `input` into the state, running the permutation after every full block.
    /// Full blocks are read straight from `input`.
    mutating func absorb(_ input: UnsafeRawBufferPointer) {
        precondition(!isSqueezing, "cannot absorb input after squeezing has started")
        guard var bytes = input.baseAddress, !input.isEmpty else { return }
        var remainingBytes = input.count
        var offsetBytes = blockOffsetBytes
        let rateBytes = self.rateBytes
        withLanes { lanes in
            if offsetBytes > 0 {
                let countBytes = min(rateBytes - offsetBytes, remainingBytes)
                xorBytes(bytes, countBytes: countBytes, into: lanes, atByteOffset: offsetBytes)
                bytes += countBytes
                remainingBytes -= countBytes
                offsetBytes += countBytes
                guard offsetBytes == rateBytes else { return }
                keccakF1600(lanes)
                offsetBytes = 0
            }
            let rateLanes = rateBytes >> 3
            while remainingBytes >= rateBytes {
                for index in 0..<rateLanes {
                    lanes[index] ^= UInt64(
                        littleEndian: bytes.loadUnaligned(fromByteOffset: index << 3, as: UInt64.self)
                    )
                }
                keccakF1600(lanes)
                bytes += rateBytes
                remainingBytes -= rateBytes
            }
            if remainingBytes > 0 {
                xorBytes(bytes, countBytes: remainingBytes, into: lanes, atByteOffset: 0)
                offsetBytes = remainingBytes
            }
        }
        blockOffsetBytes = offsetBytes
    }

    /// Fills `output` with the next bytes of the output stream, padding the input first
    /// if this is the first squeeze.
    mutating func squeeze(into output: UnsafeMutableRawBufferPointer) {
        if !isSqueezing {
            padAndPermute()
        }
        guard let destination = output.baseAddress else { return }
        let totalBytes = output.count
        var writtenBytes = 0
        var offsetBytes = blockOffsetBytes
        let rateBytes = self.rateBytes
        withLanes { lanes in
            while writtenBytes < totalBytes {
                if offsetBytes == rateBytes {
                    keccakF1600(lanes)
                    offsetBytes = 0
                }
                let countBytes = min(rateBytes - offsetBytes, totalBytes - writtenBytes)
                for index in 0..<countBytes {
                    let position = offsetBytes + index
                    let lane = lanes[position >> 3]
                    destination.storeBytes(
                        of: UInt8(truncatingIfNeeded: lane &>> UInt64((position & 7) << 3)),
                        toByteOffset: writtenBytes + index,
                        as: UInt8.self
                    )
                }
                offsetBytes += countBytes
                writtenBytes += countBytes
            }
        }
        blockOffsetBytes = offsetBytes
    }

    /// Returns the next `count` bytes of the output stream.
    mutating func squeeze(count: Int) -> [UInt8] {
        precondition(count >= 0, "cannot squeeze a negative number of bytes")
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            squeeze(into: UnsafeMutableRawBufferPointer(buffer))
            initializedCount = count
        }
    }

    /// Appends the domain suffix and pad10*1 to the last block, then permutes it.
    /// The suffix already carries the first `1` of the padding; `0x80` is the last.
    private mutating func padAndPermute() {
        let offsetBytes = blockOffsetBytes
        let rateBytes = self.rateBytes
        let domainSuffix = self.domainSuffix
        withLanes { lanes in
            xorByte(domainSuffix, into: lanes, atByteOffset: offsetBytes)
            xorByte(0x80, into: lanes, atByteOffset: rateBytes - 1)
            keccakF1600(lanes)
        }
        blockOffsetBytes = 0
        isSqueezing = true
    }

    private mutating func withLanes<Result>(
        _ body: (UnsafeMutablePointer<UInt64>) -> Result
    ) -> Result {
        withUnsafeMutablePointer(to: &lanes) { tuple in
            tuple.withMemoryRebound(to: UInt64.self, capacity: 25, body)
        }
    }
}

/// XORs one byte into the state at a byte position, lanes read little-endian.
@inline(__always)
private func xorByte(_ byte: UInt8, into lanes: UnsafeMutablePointer<UInt64>, atByteOffset offset: Int) {
    lanes[offset >> 3] ^= UInt64(byte) &<< UInt64((offset & 7) << 3)
}

/// XORs a run of bytes shorter than a block into the state; used for partial blocks only.
@inline(__always)
private func xorBytes(
    _ bytes: UnsafeRawPointer,
    countBytes: Int,
    into lanes: UnsafeMutablePointer<UInt64>,
    atByteOffset offset: Int
) {
    for index in 0..<countBytes {
        xorByte(bytes.load(fromByteOffset: index, as: UInt8.self), into: lanes, atByteOffset: offset + index)
    }
}
