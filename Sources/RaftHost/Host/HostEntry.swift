import Raft

/// What a normal entry of a ``NodeHost`` group carries. The host frames every payload
/// so that whichever node applies an entry can tell whose proposal it was.
///
/// Layouts (little-endian):
/// - empty: the no-op a new leader appends.
/// - `1, proposer: u64, sequence: u64, command...`: a client proposal; `proposer` is the
///   node whose ``NodeHost/propose(group:command:timeout:)`` waits for it.
/// - `2, node: u64, port: u16, host...`: where a member's host listens, proposed just
///   before the membership change that adds it, so every replica learns (and persists)
///   the address with the change.
enum HostEntry: Equatable {
    case noop
    case proposal(ProposalKey, command: [UInt8])
    case address(NodeID, PeerAddress)

    static let proposalTag: UInt8 = 1
    static let addressTag: UInt8 = 2

    static func encodeProposal(_ key: ProposalKey, command: [UInt8]) -> [UInt8] {
        var writer = ByteWriter(capacity: 17 + command.count)
        writer.u8(proposalTag)
        writer.u64(key.proposer)
        writer.u64(key.sequence)
        writer.raw(command)
        return writer.bytes
    }

    static func encodeAddress(_ node: NodeID, _ address: PeerAddress) -> [UInt8] {
        var writer = ByteWriter()
        writer.u8(addressTag)
        writer.u64(node)
        writer.u16(UInt16(clamping: address.port))
        writer.raw(Array(address.host.utf8))
        return writer.bytes
    }

    /// The entry's meaning; `nil` for bytes no host of this version writes.
    init?(decoding data: [UInt8]) {
        if data.isEmpty {
            self = .noop
            return
        }
        var reader = ByteReader(data)
        do {
            switch try reader.u8() {
            case Self.proposalTag:
                let key = ProposalKey(proposer: try reader.u64(), sequence: try reader.u64())
                self = .proposal(key, command: Array(data[reader.position...]))
            case Self.addressTag:
                let node = try reader.u64()
                let port = Int(try reader.u16())
                guard let host = String(validating: data[reader.position...], as: UTF8.self) else { return nil }
                self = .address(node, PeerAddress(host: host, port: port))
            default:
                return nil
            }
        } catch {
            return nil
        }
    }
}

/// Names one proposal across the group: the node that made it and its sequence number
/// there (unique for the host's lifetime; restarts start from a random offset).
struct ProposalKey: Hashable {
    var proposer: NodeID
    var sequence: UInt64
}

/// The bytes a ``NodeHost`` stores in a Raft snapshot: the member addresses, then the
/// state machine's serialized state.
///
/// `version: u8 = 1, count: u32, (node: u64, port: u16, host length: u16, host) * count,
/// state machine data...`
enum HostSnapshotData {
    static let version: UInt8 = 1

    /// What precedes the state machine's bytes, which its serializer appends.
    static func header(addresses: [NodeID: PeerAddress]) -> [UInt8] {
        var writer = ByteWriter(capacity: 64)
        writer.u8(version)
        AddressBook.write(addresses, into: &writer)
        return writer.bytes
    }

    static func decode(_ data: [UInt8]) throws(NodeHostError) -> (addresses: [NodeID: PeerAddress], stateMachine: [UInt8]) {
        var reader = ByteReader(data)
        do {
            guard try reader.u8() == version else { throw NodeHostError.storage("snapshot data: unknown host version") }
            let addresses = try AddressBook.read(&reader)
            return (addresses, Array(data[reader.position...]))
        } catch let error as NodeHostError {
            throw error
        } catch {
            throw .storage("snapshot data: \(error)")
        }
    }
}
