import Raft

/// Who sends and receives in a simulated run.
enum Endpoint: Hashable, CustomStringConvertible {
    case node(NodeID)
    case client(Int)

    var description: String {
        switch self {
        case .node(let id): "n\(id)"
        case .client(let index): "c\(index)"
        }
    }
}

/// A client's request to a node.
struct ClientRequest {
    enum Kind {
        /// A write or a logged read, applied once per session series.
        case propose(KeyValueCommand)
        /// A read served after a ReadIndex round, without a log write.
        case readIndex(key: String)
    }

    var client: Int
    var requestID: UInt64
    var kind: Kind
}

/// A node's answer to a client.
struct ClientReply {
    enum Kind {
        case output(KeyValueOutput<String>)
        /// The node did not take the request (it knows no leader, or proposals are
        /// dropped); nothing was proposed.
        case refused
    }

    var requestID: UInt64
    /// The leader as the node knows it, so the client goes there next time.
    var leaderHint: NodeID
    var kind: Kind
}

/// What travels through the simulated network.
enum SimulatedPayload {
    case raft(Message)
    case request(ClientRequest)
    case reply(ClientReply)
}
