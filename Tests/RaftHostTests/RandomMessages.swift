import Raft
import TestSupport

/// Seeded random Raft messages of every kind, for round trips through the codec and
/// the transport.
struct RandomMessages {
    var random: SeededRandom

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func u64() -> UInt64 { int(0...3) == 0 ? UInt64.max - UInt64(int(0...2)) : UInt64(int(0...1_000_000)) }
    mutating func bool() -> Bool { Bool.random(using: &random) }
    mutating func bytes(_ range: ClosedRange<Int>) -> [UInt8] { random.bytes(count: int(range)) }

    mutating func entries() -> [Entry] {
        (0..<int(0...5)).map { _ in
            Entry(term: u64(), index: u64(), kind: [Entry.Kind.normal, .confChange, .metadata][Int(u64() % 3)], data: bytes(0...64))
        }
    }

    mutating func nodeSet() -> Set<NodeID> { Set((0..<int(0...4)).map { _ in u64() }) }

    mutating func snapshot(dataBytes: ClosedRange<Int> = 0...200) -> Snapshot {
        let confState = ConfState(
            voters: nodeSet(), learners: nodeSet(), votersOutgoing: nodeSet(), learnersNext: nodeSet(), autoLeave: bool(), witnesses: nodeSet())
        return Snapshot(metadata: SnapshotMetadata(index: u64(), term: u64(), confState: confState), data: bytes(dataBytes))
    }

    /// One message of the kind numbered `kind` (0...12, in `Message.Kind`'s order).
    mutating func message(kind: Int) -> Message {
        let body: Message.Kind
        switch kind {
        case 0: body = .appendEntries(AppendEntries(prevIndex: u64(), prevTerm: u64(), entries: entries(), commit: u64(), quiet: bool()))
        case 1:
            let rejection = bool() ? AppendResponse.Rejection(hintIndex: u64(), hintTerm: u64()) : nil
            body = .appendResponse(AppendResponse(index: u64(), rejection: rejection))
        case 2: body = .requestVote(VoteRequest(lastIndex: u64(), lastTerm: u64(), isTransfer: bool()))
        case 3: body = .voteResponse(granted: bool())
        case 4: body = .preVote(VoteRequest(lastIndex: u64(), lastTerm: u64(), isTransfer: bool()))
        case 5: body = .preVoteResponse(granted: bool())
        case 6: body = .heartbeat(commit: u64(), context: bytes(0...16))
        case 7: body = .heartbeatResponse(context: bytes(0...16))
        case 8: body = .snapshot(snapshot())
        case 9: body = .timeoutNow
        case 10: body = .readIndex(context: bytes(0...16))
        case 11: body = .readIndexResponse(index: u64(), context: bytes(0...16))
        default: body = .propose(entries: entries())
        }
        return Message(from: u64(), to: u64(), term: u64(), kind: body)
    }

    static let kindCount = 13

    /// A message of any kind but a snapshot (snapshots travel as chunk frames).
    mutating func nonSnapshotMessage() -> Message {
        var kind = int(0...(Self.kindCount - 2))
        if kind >= 8 { kind += 1 }
        return message(kind: kind)
    }
}
