import Raft

/// Parses one checked frame payload (layouts in `RaftPayloadEncoding.swift`), bounding
/// every count by `limits` and by the bytes left before allocating.
struct RaftPayloadDecoder {
    private var reader: ByteReader
    private let limits: RaftCodecLimits
    /// Where the payload starts in the stream, added to every reported offset.
    private let baseOffset: Int

    /// The fewest bytes a message can take (group, from, to, term, kind), and an entry.
    static let messageBytesMin = 33
    static let entryBytesMin = 21

    init(_ payload: [UInt8], limits: RaftCodecLimits, baseOffset: Int) {
        reader = ByteReader(payload)
        self.limits = limits
        self.baseOffset = baseOffset
    }

    mutating func batch() throws(RaftTransportError) -> RaftMessageBatch {
        let sourceHost = try field { (r: inout ByteReader) throws(ByteReaderError) in try r.u64() }
        let addressStart = reader.position
        let addressLength = Int(try field { (r: inout ByteReader) throws(ByteReaderError) in try r.u16() })
        try bound(addressLength, limits.addressBytesMax, "address byte", at: addressStart)
        let addressBytes = try field { (r: inout ByteReader) throws(ByteReaderError) in try r.raw(addressLength) }
        guard let address = String(validating: addressBytes, as: UTF8.self) else {
            throw .malformed(offset: baseOffset + addressStart + 2, reason: "address is not UTF-8")
        }
        let countStart = reader.position
        let count = Int(try field { (r: inout ByteReader) throws(ByteReaderError) in try r.u32() })
        try bound(count, limits.messagesPerBatchMax, "message", at: countStart)
        try fits(count, each: Self.messageBytesMin, "message", at: countStart)
        var messages: [GroupMessage] = []
        messages.reserveCapacity(count)
        for _ in 0..<count {
            let group = try field { (r: inout ByteReader) throws(ByteReaderError) in try r.u64() }
            messages.append(GroupMessage(group: group, message: try message()))
        }
        try expectEnd()
        return RaftMessageBatch(sourceHost: sourceHost, sourceAddress: address, messages: messages)
    }

    mutating func snapshotChunk() throws(RaftTransportError) -> SnapshotChunk {
        let ids = try (0..<5).map { _ throws(RaftTransportError) in
            try field { (r: inout ByteReader) throws(ByteReaderError) in try r.u64() }
        }
        let metadata = try snapshotMetadata()
        let totalStart = reader.position
        let totalBytes = try field { (r: inout ByteReader) throws(ByteReaderError) in try r.u64() }
        if totalBytes > UInt64(limits.snapshotBytesMax) {
            throw .snapshotTooLarge(offset: baseOffset + totalStart, totalBytes: totalBytes, maxBytes: limits.snapshotBytesMax)
        }
        let offset = try field { (r: inout ByteReader) throws(ByteReaderError) in try r.u64() }
        let dataStart = reader.position
        let data = try bytes()
        if offset > totalBytes || UInt64(data.count) > totalBytes - offset {
            throw .malformed(offset: baseOffset + dataStart, reason: "chunk [\(offset), +\(data.count)) past snapshot size \(totalBytes)")
        }
        try expectEnd()
        return SnapshotChunk(
            sourceHost: ids[0], group: ids[1], from: ids[2], to: ids[3], term: ids[4], metadata: metadata,
            totalBytes: totalBytes, offset: offset, data: data)
    }

    private mutating func message() throws(RaftTransportError) -> Message {
        let from = try u64()
        let to = try u64()
        let term = try u64()
        let kindStart = reader.position
        let tag = try u8()
        guard let kind = MessageKindTag(rawValue: tag) else {
            throw .unknownMessageKind(offset: baseOffset + kindStart, kind: tag)
        }
        return Message(from: from, to: to, term: term, kind: try body(kind))
    }

    private mutating func body(_ kind: MessageKindTag) throws(RaftTransportError) -> Message.Kind {
        switch kind {
        case .appendEntries, .quietAppendEntries:
            let prevIndex = try u64()
            let prevTerm = try u64()
            let commit = try u64()
            return .appendEntries(AppendEntries(
                prevIndex: prevIndex, prevTerm: prevTerm, entries: try entries(), commit: commit, quiet: kind == .quietAppendEntries))
        case .appendResponse:
            let index = try u64()
            guard try bool() else { return .appendResponse(AppendResponse(index: index)) }
            let rejection = AppendResponse.Rejection(hintIndex: try u64(), hintTerm: try u64())
            return .appendResponse(AppendResponse(index: index, rejection: rejection))
        case .requestVote: return .requestVote(try voteRequest())
        case .voteResponse: return .voteResponse(granted: try bool())
        case .preVote: return .preVote(try voteRequest())
        case .preVoteResponse: return .preVoteResponse(granted: try bool())
        case .heartbeat:
            let commit = try u64()
            return .heartbeat(commit: commit, context: try bytes())
        case .heartbeatResponse: return .heartbeatResponse(context: try bytes())
        case .snapshot:
            let metadata = try snapshotMetadata()
            return .snapshot(Snapshot(metadata: metadata, data: try bytes()))
        case .timeoutNow: return .timeoutNow
        case .readIndex: return .readIndex(context: try bytes())
        case .readIndexResponse:
            let index = try u64()
            return .readIndexResponse(index: index, context: try bytes())
        case .propose: return .propose(entries: try entries())
        }
    }

    private mutating func voteRequest() throws(RaftTransportError) -> VoteRequest {
        VoteRequest(lastIndex: try u64(), lastTerm: try u64(), isTransfer: try bool())
    }

    private mutating func entries() throws(RaftTransportError) -> [Entry] {
        let countStart = reader.position
        let count = Int(try field { (r: inout ByteReader) throws(ByteReaderError) in try r.u32() })
        try bound(count, limits.entriesPerMessageMax, "entry", at: countStart)
        try fits(count, each: Self.entryBytesMin, "entry", at: countStart)
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let term = try u64()
            let index = try u64()
            let kindStart = reader.position
            let code = try u8()
            guard let kind = Entry.Kind(code: code) else {
                throw .malformed(offset: baseOffset + kindStart, reason: "entry kind \(code)")
            }
            entries.append(Entry(term: term, index: index, kind: kind, data: try bytes()))
        }
        return entries
    }

    private mutating func snapshotMetadata() throws(RaftTransportError) -> SnapshotMetadata {
        let index = try u64()
        let term = try u64()
        let confState = ConfState(
            voters: try nodeSet(), learners: try nodeSet(), votersOutgoing: try nodeSet(), learnersNext: try nodeSet(),
            autoLeave: try bool(), witnesses: try nodeSet())
        return SnapshotMetadata(index: index, term: term, confState: confState)
    }

    /// A count, then node ids in strictly ascending order: one encoding per set, so a
    /// duplicate or reordered id is refused rather than silently merged.
    private mutating func nodeSet() throws(RaftTransportError) -> Set<NodeID> {
        let countStart = reader.position
        let count = Int(try field { (r: inout ByteReader) throws(ByteReaderError) in try r.u32() })
        try fits(count, each: 8, "node id", at: countStart)
        var ids = Set<NodeID>(minimumCapacity: count)
        var previous: NodeID?
        for _ in 0..<count {
            let idStart = reader.position
            let id = try u64()
            if let previous, id <= previous {
                throw .malformed(offset: baseOffset + idStart, reason: "node id \(id) after \(previous): not ascending")
            }
            ids.insert(id)
            previous = id
        }
        return ids
    }

    /// A u32 length, then that many bytes (checked against what is left first).
    private mutating func bytes() throws(RaftTransportError) -> [UInt8] {
        let length = Int(try field { (r: inout ByteReader) throws(ByteReaderError) in try r.u32() })
        return try field { (r: inout ByteReader) throws(ByteReaderError) in try r.raw(length) }
    }

    private mutating func u8() throws(RaftTransportError) -> UInt8 {
        try field { (r: inout ByteReader) throws(ByteReaderError) in try r.u8() }
    }

    private mutating func u64() throws(RaftTransportError) -> UInt64 {
        try field { (r: inout ByteReader) throws(ByteReaderError) in try r.u64() }
    }

    private mutating func bool() throws(RaftTransportError) -> Bool {
        try field { (r: inout ByteReader) throws(ByteReaderError) in try r.bool() }
    }

    /// Runs one reader step, reporting its failure at the stream offset.
    private mutating func field<T>(_ read: (inout ByteReader) throws(ByteReaderError) -> T) throws(RaftTransportError) -> T {
        do {
            return try read(&reader)
        } catch {
            throw .malformed(offset: baseOffset + error.offset, reason: error.reason)
        }
    }

    private func bound(_ count: Int, _ max: Int, _ field: String, at start: Int) throws(RaftTransportError) {
        if count > max { throw .countTooLarge(offset: baseOffset + start, field: field, count: count, max: max) }
    }

    /// A count of items of at least `each` bytes must fit in the bytes left.
    private func fits(_ count: Int, each: Int, _ field: String, at start: Int) throws(RaftTransportError) {
        if count > reader.remaining / each {
            throw .malformed(offset: baseOffset + start, reason: "\(count) \(field)s in \(reader.remaining) bytes")
        }
    }

    private func expectEnd() throws(RaftTransportError) {
        if reader.remaining != 0 {
            throw .malformed(offset: baseOffset + reader.position, reason: "\(reader.remaining) trailing bytes")
        }
    }
}
