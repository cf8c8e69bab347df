/// Bytes copied at a time from a sequence that has no contiguous storage.
private let sequenceChunkByteCount = 512

extension Sequence<UInt8> {
    /// Calls `body` with the bytes of the sequence in order, as contiguous chunks: one call
    /// over the sequence's own storage when it has contiguous storage (`[UInt8]`,
    /// `ArraySlice`, Foundation's `Data`), otherwise one call per `sequenceChunkByteCount`
    /// bytes copied into a stack buffer. The last call may be empty.
    @inline(__always)
    func forEachContiguousChunk(_ body: (UnsafeRawBufferPointer) -> Void) {
        let wasContiguous: Void? = withContiguousStorageIfAvailable { buffer in
            body(UnsafeRawBufferPointer(buffer))
        }
        guard wasContiguous == nil else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: sequenceChunkByteCount) { chunk in
            var filledCount = 0
            for byte in self {
                chunk[filledCount] = byte
                filledCount += 1
                if filledCount == sequenceChunkByteCount {
                    body(UnsafeRawBufferPointer(chunk))
                    filledCount = 0
                }
            }
            body(UnsafeRawBufferPointer(start: chunk.baseAddress, count: filledCount))
        }
    }
}
