import ManyIdentity
import ManyModules

/// A write the store replicates: the bytes a client proposes to a group's log.
///
/// The plain commands serve the HTTP APIs; they refuse keys that have a MANY owner. The
/// `many…` commands carry the sender the MANY server verified, and follow many-rs's
/// `many-kvstore/src/module.rs`.
public enum KVCommand: Sendable, Hashable {
    case put(key: [UInt8], value: [UInt8])
    /// Removes the key; the result's data is `[1]` when it existed, `[0]` otherwise.
    case delete(key: [UInt8])
    /// Sets `new` (nil deletes) only when the current value is `expected` (nil: absent).
    case compareAndSet(key: [UInt8], expected: [UInt8]?, new: [UInt8]?)
    case manyPut(sender: Address, KVStorePutArgs)
    case manyDisable(sender: Address, KVStoreDisableArgs)
    case manyTransfer(sender: Address, KVStoreTransferArgs)
    /// Loads the initial ACL and accounts; refused once a store has been initialized.
    case initialize(KVInitialState)

    /// The key the command writes, for sharding; nil for `initialize` (every group).
    public var key: [UInt8]? {
        switch self {
        case let .put(key, _), let .delete(key), let .compareAndSet(key, _, _): return key
        case let .manyPut(_, args): return args.key
        case let .manyDisable(_, args): return args.key
        case let .manyTransfer(_, args): return args.key
        case .initialize: return nil
        }
    }
}

/// The largest fields the decoders accept, whatever the API limits are (so a log written
/// under looser limits stays readable).
enum KVCodingLimits {
    static let keyBytesMax = 64 * 1024
    static let valueBytesMax = 64 * 1024 * 1024
    static let textBytesMax = 64 * 1024
    static let itemsMax = 1 << 24
}
