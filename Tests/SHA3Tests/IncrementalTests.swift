import Testing
import TestSupport
import SHA3

/// Feeding input in pieces, or reading SHAKE output in pieces, must not change the result.
struct IncrementalTests {
    /// Longer than two blocks of every function (the largest rate is 168 bytes), so the
    /// splits cover partial blocks, exact block ends and several blocks in one update.
    static let message: [UInt8] = {
        var generator = SeededRandom(seed: 0x5EED_5A3A)
        return generator.bytes(count: 400)
    }()

    @Test(arguments: HashUnderTest.all)
    func splittingInputAtEveryOffsetGivesTheOneShotDigest(_ function: HashUnderTest) {
        let expected = function.hash(Self.message)
        for splitIndex in 0...Self.message.count {
            let pieces = [Self.message[..<splitIndex], Self.message[splitIndex...]]
            #expect(function.hashPieces(pieces) == expected, "split at \(splitIndex)")
        }
    }

    @Test(arguments: HashUnderTest.all)
    func feedingRandomlySizedPiecesGivesTheOneShotDigest(_ function: HashUnderTest) {
        var generator = SeededRandom(seed: 7)
        let expected = function.hash(Self.message)
        for _ in 0..<50 {
            var pieces: [ArraySlice<UInt8>] = []
            var start = 0
            while start < Self.message.count {
                let end = min(Self.message.count, start + Int.random(in: 0...200, using: &generator))
                pieces.append(Self.message[start..<end])
                start = end
            }
            #expect(function.hashPieces(pieces) == expected)
        }
    }

    @Test func nonContiguousSequencesHashLikeArrays() {
        // A lazy map has no contiguous storage, so it goes through the chunked copy path;
        // 1,300 bytes is more than two of its 512-byte chunks.
        let bytes = (0..<1300).lazy.map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let array = Array(bytes)
        #expect(SHA3_256.hash(bytes) == SHA3_256.hash(array))
        #expect(SHAKE128.hash(bytes, outputByteCount: 100) == SHAKE128.hash(array, outputByteCount: 100))
        #expect(SHA3_512.hash(EmptyCollection<UInt8>()) == SHA3_512.hash([]))
    }

    @Test func finalizeLeavesTheHashOpenForMoreInput() {
        var hasher = SHA3_384()
        hasher.update(data: Self.message[..<100])
        #expect(hasher.finalize() == SHA3_384.hash(Self.message[..<100]))
        hasher.update(data: Self.message[100...])
        #expect(hasher.finalize() == SHA3_384.hash(Self.message))
        #expect(hasher.finalize() == hasher.finalize())
    }

    @Test func updateFromARawBufferMatchesUpdateFromAnArray() {
        var fromBuffer = SHA3_224()
        Self.message.withUnsafeBytes { fromBuffer.update(bufferPointer: $0) }
        #expect(fromBuffer.finalize() == SHA3_224.hash(Self.message))
    }

    @Test func squeezingSHAKE128InPiecesContinuesOneOutputStream() {
        expectPiecewiseSqueezeMatchesOneSqueeze(SHAKE128.self)
    }

    @Test func squeezingSHAKE256InPiecesContinuesOneOutputStream() {
        expectPiecewiseSqueezeMatchesOneSqueeze(SHAKE256.self)
    }

    @Test func shakeOutputsArePrefixesOfLongerOutputs() {
        let long = SHAKE256.hash(Self.message, outputByteCount: 1000)
        for count in [0, 1, 31, 32, 135, 136, 137, 500] {
            #expect(SHAKE256.hash(Self.message, outputByteCount: count) == Array(long[..<count]))
        }
    }

    @Test func updatingAfterSqueezingTraps() async {
        await #expect(processExitsWith: .failure) {
            var shake = SHAKE128()
            _ = shake.squeeze(count: 1)
            shake.update(data: [1, 2, 3])
        }
    }

    private func expectPiecewiseSqueezeMatchesOneSqueeze<Function: ExtendableOutputFunction>(
        _: Function.Type
    ) {
        func squeeze(pieceByteCounts: [Int]) -> [UInt8] {
            var function = Function()
            function.update(data: Self.message)
            return pieceByteCounts.flatMap { function.squeeze(count: $0) }
        }
        let blockByteCount = Function.blockByteCount
        let totalByteCount = 5 * blockByteCount + 17
        let oneSqueeze = squeeze(pieceByteCounts: [totalByteCount])
        // Pieces of 0, 1, 2, ... bytes end at every kind of offset within a block.
        var growingPieces: [Int] = []
        var remainingByteCount = totalByteCount
        while remainingByteCount > 0 {
            let piece = min(growingPieces.count, remainingByteCount)
            growingPieces.append(piece)
            remainingByteCount -= piece
        }
        #expect(squeeze(pieceByteCounts: growingPieces) == oneSqueeze)
        let blockSizedPieces = Array(repeating: blockByteCount, count: 5) + [17]
        #expect(squeeze(pieceByteCounts: blockSizedPieces) == oneSqueeze)
    }
}
