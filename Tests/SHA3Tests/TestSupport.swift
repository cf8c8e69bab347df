import SHA3
import TestSupport

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
