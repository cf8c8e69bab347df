import Raft

/// The replicated state machine of a simulated node: a map of strings with client
/// sessions for exactly-once application. Identical on every node that applied the
/// same entries; serialized whole into snapshots.
struct KeyValueMachine: Equatable {
    typealias Output = KeyValueOutput<String>

    /// What applying one entry did, for the node to answer its client.
    struct Applied {
        var client: UInt64
        var series: UInt64
        /// `nil` when the proposal was stale: not applied, and nobody waits for it.
        var output: Output?
    }

    private(set) var values: [String: String] = [:]
    private(set) var sessions = ClientSessions<Output>()
    private(set) var appliedIndex: Index = 0
    /// False once the machine skipped a withheld payload (it was sent to this node as
    /// a witness): its values are incomplete and must not answer reads.
    private(set) var holdsEveryPayload = true

    init() {}

    /// An empty machine positioned after `index`: what a witness holds, since it
    /// receives snapshots without data.
    init(appliedThrough index: Index) {
        appliedIndex = index
        holdsEveryPayload = false
    }

    mutating func apply(_ entry: Entry) -> Applied? {
        appliedIndex = entry.index
        if entry.kind == .metadata { holdsEveryPayload = false }
        guard entry.kind == .normal, let command = KeyValueCommand(decoding: entry.data) else { return nil }
        switch sessions.verdict(client: command.client, series: command.series) {
        case .duplicate(let output):
            return Applied(client: command.client, series: command.series, output: output)
        case .stale:
            return Applied(client: command.client, series: command.series, output: nil)
        case .apply:
            let output = execute(command.operation)
            sessions.record(client: command.client, series: command.series, result: output, at: entry.index)
            return Applied(client: command.client, series: command.series, output: output)
        }
    }

    func read(_ key: String) -> String? { values[key] }

    private mutating func execute(_ operation: KeyValueCommand.Operation) -> Output {
        switch operation {
        case .put(let key, let value):
            values[key] = value
            return .ok
        case .get(let key):
            return .value(values[key])
        case .delete(let key):
            values[key] = nil
            return .ok
        case .compareAndSet(let key, let expected, let new):
            guard values[key] == expected else { return .swapped(false) }
            values[key] = new
            return .swapped(true)
        }
    }

    // MARK: Snapshots

    func snapshotData() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(appliedIndex)
        writer.write(UInt8(holdsEveryPayload ? 1 : 0))
        writer.write(UInt64(values.count))
        for key in values.keys.sorted() {
            writer.write(key)
            writer.write(values[key]!)
        }
        writer.write(UInt64(sessions.sessions.count))
        for client in sessions.sessions.keys.sorted() {
            let session = sessions.sessions[client]!
            writer.write(client)
            writer.write(session.lastSeries)
            writer.write(session.lastActiveIndex)
            Self.write(session.lastResult, to: &writer)
        }
        return writer.bytes
    }

    init(snapshotData bytes: [UInt8]) throws(ByteReader.Truncated) {
        var reader = ByteReader(bytes)
        appliedIndex = try reader.readUInt64()
        holdsEveryPayload = try reader.readUInt8() == 1
        for _ in 0..<(try reader.readUInt64()) {
            let key = try reader.readString()
            values[key] = try reader.readString()
        }
        var restored: [UInt64: ClientSessions<Output>.Session] = [:]
        for _ in 0..<(try reader.readUInt64()) {
            let client = try reader.readUInt64()
            let series = try reader.readUInt64()
            let index = try reader.readUInt64()
            let result = try Self.readOutput(&reader)
            restored[client] = .init(lastSeries: series, lastResult: result, lastActiveIndex: index)
        }
        sessions = ClientSessions(sessions: restored)
    }

    private static func write(_ output: Output, to writer: inout ByteWriter) {
        switch output {
        case .ok: writer.write(UInt8(0))
        case .value(nil): writer.write(UInt8(1))
        case .value(let value?):
            writer.write(UInt8(2))
            writer.write(value)
        case .swapped(let swapped): writer.write(UInt8(swapped ? 4 : 3))
        }
    }

    private static func readOutput(_ reader: inout ByteReader) throws(ByteReader.Truncated) -> Output {
        switch try reader.readUInt8() {
        case 0: return .ok
        case 1: return .value(nil)
        case 2: return .value(try reader.readString())
        case 3: return .swapped(false)
        case 4: return .swapped(true)
        default: throw ByteReader.Truncated()
        }
    }
}
