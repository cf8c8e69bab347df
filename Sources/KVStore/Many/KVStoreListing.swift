import ManyModules

/// `kvstore.list` over the store's owned keys (many-rs `_3_kvstore/list.rs`): every filter
/// must pass (owner, previous owner, disabled); without a disabled filter, disabled keys
/// are left out (many-rs `tests/kvstore.rs` `list`). Ascending unless `descending`; at
/// most `count` keys.
enum KVStoreListing {
    static func keys(_ owned: KVOwnedAnswer, _ args: KVStoreListArgs) -> [[UInt8]] {
        let filters = args.filter ?? []
        let decidesDisabled = filters.contains { if case .disabled = $0 { true } else { false } }
        var keys = zip(owned.keys, owned.entries).filter { _, entry in
            (decidesDisabled || !entry.isDisabled) && filters.allSatisfy { filter in
                switch filter {
                case let .owner(address): return entry.owner == address
                case let .previousOwner(address): return entry.previousOwner == address
                case let .disabled(flag): return entry.isDisabled == flag
                }
            }
        }.map(\.0)
        if args.order == .descending { keys.reverse() }
        if let count = args.count, count < UInt64(keys.count) { keys = Array(keys.prefix(Int(count))) }
        return keys
    }
}
