/// How fresh a read must be (raftdb's `level=stale|default|consistent`).
public enum KVReadLevel: String, Sendable, Hashable, CaseIterable {
    /// The local replica's state, possibly behind the leader.
    case stale
    /// The leader's state while its lease holds (raftdb `default`, hslam `LeaseRead`).
    case lease
    /// The leader confirms with a quorum first (ReadIndex; raftdb `consistent`).
    case readIndex
}
