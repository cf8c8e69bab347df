import KVStore

/// Where `many-kvstore` gets its replication from. Today: one node, no Raft, state in
/// memory (``LocalKVBackend``). The NodeHost-backed backend replaces this one function.
enum BackendWiring {
    static func makeBackend(groupCount: Int, persistentPath: String) -> any KVBackend {
        LocalKVBackend(groupCount: groupCount)
    }
}
