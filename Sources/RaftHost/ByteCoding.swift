import Raft

/// Little-endian fields appended to a byte buffer (the WAL and snapshot formats).
struct ByteWriter {
    var bytes: [UInt8]

    init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ data: [UInt8]) { bytes.append(contentsOf: data) }

    /// A set of node ids: count, then the ids in ascending order (so equal sets encode equally).
    mutating func nodeSet(_ ids: Set<NodeID>) {
        u32(UInt32(ids.count))
        for id in ids.sorted() { u64(id) }
    }

    mutating func confState(_ state: ConfState) {
        nodeSet(state.voters)
        nodeSet(state.learners)
        nodeSet(state.votersOutgoing)
        nodeSet(state.learnersNext)
        u8(state.autoLeave ? 1 : 0)
        nodeSet(state.witnesses)
    }
}

/// A field could not be read: the input ended early or held an impossible value.
struct ByteReaderError: Error, Equatable {
    /// Where in the input the bad field starts.
    let offset: Int
    let reason: String
}

/// Little-endian fields read from a byte buffer, each bounded by what remains.
struct ByteReader {
    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.position = start
        self.end = end ?? bytes.count
    }

    var remaining: Int { end - position }

    mutating func u8() throws(ByteReaderError) -> UInt8 {
        try need(1, "u8")
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u16() throws(ByteReaderError) -> UInt16 {
        try need(2, "u16")
        defer { position += 2 }
        return UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8
    }

    mutating func u32() throws(ByteReaderError) -> UInt32 {
        try need(4, "u32")
        defer { position += 4 }
        return bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt32.self).littleEndian }
    }

    mutating func u64() throws(ByteReaderError) -> UInt64 {
        try need(8, "u64")
        defer { position += 8 }
        return bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt64.self).littleEndian }
    }

    mutating func raw(_ count: Int) throws(ByteReaderError) -> [UInt8] {
        try need(count, "\(count) bytes")
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func bool() throws(ByteReaderError) -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        case let other: throw ByteReaderError(offset: position - 1, reason: "boolean byte \(other)")
        }
    }

    mutating func nodeSet() throws(ByteReaderError) -> Set<NodeID> {
        let count = Int(try u32())
        // Bound before allocating: every id takes eight bytes.
        if count > remaining / 8 { throw ByteReaderError(offset: position - 4, reason: "set of \(count) ids") }
        var ids = Set<NodeID>(minimumCapacity: count)
        for _ in 0..<count { ids.insert(try u64()) }
        return ids
    }

    mutating func confState() throws(ByteReaderError) -> ConfState {
        ConfState(
            voters: try nodeSet(), learners: try nodeSet(), votersOutgoing: try nodeSet(),
            learnersNext: try nodeSet(), autoLeave: try bool(), witnesses: try nodeSet())
    }

    private func need(_ count: Int, _ what: String) throws(ByteReaderError) {
        if count < 0 || remaining < count { throw ByteReaderError(offset: position, reason: "\(what) past the end") }
    }
}

extension Entry.Kind {
    /// The kind's byte on disk and on the wire.
    var code: UInt8 {
        switch self {
        case .normal: 0
        case .confChange: 1
        case .metadata: 2
        }
    }

    init?(code: UInt8) {
        switch code {
        case 0: self = .normal
        case 1: self = .confChange
        case 2: self = .metadata
        default: return nil
        }
    }
}
