import Raft

/// Frame payloads, little-endian:
///
///     batch          source host u64, address (u16 length, UTF-8), count u32,
///                    then per message: group u64, message
///     message        from u64, to u64, term u64, kind u8, then by kind:
///       1 append           prevIndex u64, prevTerm u64, commit u64, entries
///       2 appendResponse   index u64, rejected u8, [hintIndex u64, hintTerm u64 if rejected]
///       3 requestVote      lastIndex u64, lastTerm u64, isTransfer u8
///       4 voteResponse     granted u8
///       5 preVote          as requestVote
///       6 preVoteResponse  granted u8
///       7 heartbeat        commit u64, context bytes
///       8 heartbeatResp.   context bytes
///       9 snapshot         metadata, data bytes
///      10 timeoutNow       (nothing)
///      11 readIndex        context bytes
///      12 readIndexResp.   index u64, context bytes
///      13 propose          entries
///      14 quiet append     as 1 (a commit announcement: a follower that matches does not answer)
///     entries        count u32, then per entry: term u64, index u64, kind u8 (0 normal,
///                    1 conf change, 2 metadata: a payload withheld from a witness), data bytes
///     bytes          length u32, then the bytes
///     metadata       index u64, term u64, voters, learners, votersOutgoing, learnersNext
///                    (each: count u32, ids u64 ascending), autoLeave u8, witnesses
///     snapshot chunk source host u64, group u64, from u64, to u64, term u64, metadata, totalBytes u64,
///                    offset u64, data bytes
enum MessageKindTag: UInt8 {
    case appendEntries = 1, appendResponse, requestVote, voteResponse, preVote, preVoteResponse
    case heartbeat, heartbeatResponse, snapshot, timeoutNow, readIndex, readIndexResponse, propose
    /// An append the follower takes without answering (``AppendEntries/quiet``); body as `appendEntries`.
    case quietAppendEntries
}

extension ByteWriter {
    mutating func patch(u32 value: UInt32, at offset: Int) {
        for shift in 0..<4 { bytes[offset + shift] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(shift))) }
    }

    mutating func lengthPrefixed(_ data: [UInt8]) {
        u32(UInt32(data.count))
        raw(data)
    }

    mutating func entries(_ entries: [Entry]) {
        u32(UInt32(entries.count))
        for entry in entries {
            u64(entry.term)
            u64(entry.index)
            u8(entry.kind.code)
            lengthPrefixed(entry.data)
        }
    }

    mutating func snapshotMetadata(_ metadata: SnapshotMetadata) {
        u64(metadata.index)
        u64(metadata.term)
        confState(metadata.confState)
    }

    mutating func message(_ message: Message) {
        u64(message.from)
        u64(message.to)
        u64(message.term)
        switch message.kind {
        case let .appendEntries(append):
            u8((append.quiet ? MessageKindTag.quietAppendEntries : .appendEntries).rawValue)
            u64(append.prevIndex)
            u64(append.prevTerm)
            u64(append.commit)
            entries(append.entries)
        case let .appendResponse(response):
            u8(MessageKindTag.appendResponse.rawValue)
            u64(response.index)
            if let rejection = response.rejection {
                u8(1)
                u64(rejection.hintIndex)
                u64(rejection.hintTerm)
            } else {
                u8(0)
            }
        case let .requestVote(request):
            u8(MessageKindTag.requestVote.rawValue)
            voteRequest(request)
        case let .voteResponse(granted):
            u8(MessageKindTag.voteResponse.rawValue)
            u8(granted ? 1 : 0)
        case let .preVote(request):
            u8(MessageKindTag.preVote.rawValue)
            voteRequest(request)
        case let .preVoteResponse(granted):
            u8(MessageKindTag.preVoteResponse.rawValue)
            u8(granted ? 1 : 0)
        case let .heartbeat(commit, context):
            u8(MessageKindTag.heartbeat.rawValue)
            u64(commit)
            lengthPrefixed(context)
        case let .heartbeatResponse(context):
            u8(MessageKindTag.heartbeatResponse.rawValue)
            lengthPrefixed(context)
        case let .snapshot(snapshot):
            u8(MessageKindTag.snapshot.rawValue)
            snapshotMetadata(snapshot.metadata)
            lengthPrefixed(snapshot.data)
        case .timeoutNow:
            u8(MessageKindTag.timeoutNow.rawValue)
        case let .readIndex(context):
            u8(MessageKindTag.readIndex.rawValue)
            lengthPrefixed(context)
        case let .readIndexResponse(index, context):
            u8(MessageKindTag.readIndexResponse.rawValue)
            u64(index)
            lengthPrefixed(context)
        case let .propose(proposed):
            u8(MessageKindTag.propose.rawValue)
            entries(proposed)
        }
    }

    private mutating func voteRequest(_ request: VoteRequest) {
        u64(request.lastIndex)
        u64(request.lastTerm)
        u8(request.isTransfer ? 1 : 0)
    }

    mutating func snapshotChunk(_ chunk: SnapshotChunk) {
        u64(chunk.sourceHost)
        u64(chunk.group)
        u64(chunk.from)
        u64(chunk.to)
        u64(chunk.term)
        snapshotMetadata(chunk.metadata)
        u64(chunk.totalBytes)
        u64(chunk.offset)
        lengthPrefixed(chunk.data)
    }
}
