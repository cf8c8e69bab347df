import SHA3

extension Array<UInt8> {
    /// Lowercase hex, two digits a byte.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(count * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// SplitMix64: a tiny seeded generator, so every run hashes the same "random" inputs.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func bytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}

/// One function under test, as a name and a one-shot closure producing a fixed-size output
/// (SHAKE outputs are cut at `shakeOutputByteCount`), so tests can loop over all six.
struct HashUnderTest: Sendable, CustomStringConvertible {
    static let shakeOutputByteCount = 64

    let description: String
    let hash: @Sendable ([UInt8]) -> [UInt8]
    /// Hashes the input fed as the given consecutive pieces.
    let hashPieces: @Sendable ([ArraySlice<UInt8>]) -> [UInt8]

    static func fixed<Function: SHA3HashFunction>(_ name: String, _: Function.Type) -> HashUnderTest {
        HashUnderTest(
            description: name,
            hash: { Function.hash($0) },
            hashPieces: { pieces in
                var function = Function()
                for piece in pieces { function.update(data: piece) }
                return function.finalize()
            }
        )
    }

    static func extendable<Function: ExtendableOutputFunction>(
        _ name: String, _: Function.Type
    ) -> HashUnderTest {
        HashUnderTest(
            description: name,
            hash: { Function.hash($0, outputByteCount: shakeOutputByteCount) },
            hashPieces: { pieces in
                var function = Function()
                for piece in pieces { function.update(data: piece) }
                return function.squeeze(count: shakeOutputByteCount)
            }
        )
    }

    /// In the order the Python oracle prints its digests.
    static let all: [HashUnderTest] = [
        .fixed("SHA3-224", SHA3_224.self),
        .fixed("SHA3-256", SHA3_256.self),
        .fixed("SHA3-384", SHA3_384.self),
        .fixed("SHA3-512", SHA3_512.self),
        .extendable("SHAKE128", SHAKE128.self),
        .extendable("SHAKE256", SHAKE256.self),
    ]
}
