// libFuzzer entry point for the Raft transport's frame decoder; built by
// `scripts/fuzz raft-codec SECONDS` with swiftc from Sources/Raft (as a module) and the
// codec's files of Sources/RaftHost (-sanitize=fuzzer,address).
//
// Any crash, hang or failed invariant below is a finding.
import Raft

/// Defined in RaftHost's WAL files, which the fuzz build leaves out.
public typealias GroupID = UInt64

@_cdecl("LLVMFuzzerTestOneInput")
public func raftCodecFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = RaftCodecLimits(
        frameBytesMax: 1 << 16, messagesPerBatchMax: 512, entriesPerMessageMax: 256, addressBytesMax: 64,
        snapshotBytesMax: 1 << 16)
    let codec = RaftMessageCodec(limits: limits)
    guard let frames = try? codec.decode(stream: bytes) else { return 0 }

    // What decodes re-encodes to the same bytes (the encoding is canonical: sets sorted,
    // booleans 0/1, no slack), and decodes again to the same frames.
    let again = frames.flatMap { codec.encode($0) }
    precondition(again == bytes, "re-encoding changed the bytes")
    precondition((try? codec.decode(stream: again)) == frames, "re-decoding changed the frames")

    // Reassembly of whatever chunks came in never traps and respects its bound.
    var assembler = SnapshotAssembler(limits: limits)
    for case let .snapshotChunk(chunk) in frames {
        if let message = try? assembler.add(chunk, streamOffset: 0), case let .snapshot(snapshot) = message.message.kind {
            precondition(snapshot.data.count <= limits.snapshotBytesMax, "reassembled past the limit")
        }
    }
    return 0
}
