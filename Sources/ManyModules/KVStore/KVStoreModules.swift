/// The kvstore module (many-rs `many-modules/src/_3_kvstore.rs`, attribute 3): reading a
/// key-value store whose keys each have an owner.
///
/// | method | argument | returns |
/// |---|---|---|
/// | `kvstore.info` | ``KVStoreInfoArgs`` (`null`) | ``KVStoreInfoReturn`` |
/// | `kvstore.get` | ``KVStoreGetArgs`` | ``KVStoreGetReturn`` |
/// | `kvstore.query` | ``KVStoreQueryArgs`` | ``KVStoreQueryReturn`` |
/// | `kvstore.list` | ``KVStoreListArgs`` | ``KVStoreListReturn`` |
///
/// Its errors are attribute 3's (codes -30001…-30007, see `ManyError+KVStore.swift`).
public enum KVStoreModule {
    /// The module's attribute id.
    public static let attributeID: UInt32 = 3
    public static let name = "KvStoreModule"

    public enum Method {
        public static let info = "kvstore.info"
        public static let get = "kvstore.get"
        public static let query = "kvstore.query"
        public static let list = "kvstore.list"
    }

    /// The endpoints, sorted.
    public static let endpoints = [Method.get, Method.info, Method.list, Method.query]
}

/// The kvstore commands module (many-rs `many-modules/src/_7_kvstore_commands.rs`,
/// attribute 7): writing keys. many-rs marks both endpoints `deny_anonymous`: an anonymous
/// sender is refused before the handler runs.
///
/// | method | argument | returns |
/// |---|---|---|
/// | `kvstore.put` | ``KVStorePutArgs`` | ``KVStorePutReturn`` (`null`) |
/// | `kvstore.disable` | ``KVStoreDisableArgs`` | ``KVStoreDisableReturn`` (`null`) |
///
/// Older many-rs versions had `kvstore.delete` here (`{0: key}`); `kvstore.disable`
/// replaced it and it is not served.
public enum KVStoreCommandsModule {
    /// The module's attribute id.
    public static let attributeID: UInt32 = 7
    public static let name = "KvStoreCommandsModule"

    public enum Method {
        public static let put = "kvstore.put"
        public static let disable = "kvstore.disable"
    }

    /// The endpoints, sorted.
    public static let endpoints = [Method.disable, Method.put]
}

/// The kvstore transfer module (many-rs `many-modules/src/_13_kvstore_transfer.rs`,
/// attribute 13): giving a key to another owner. many-rs marks it `deny_anonymous`.
///
/// | method | argument | returns |
/// |---|---|---|
/// | `kvstore.transfer` | ``KVStoreTransferArgs`` | ``KVStoreTransferReturn`` (`null`) |
public enum KVStoreTransferModule {
    /// The module's attribute id.
    public static let attributeID: UInt32 = 13
    public static let name = "KvStoreTransferModule"

    public enum Method {
        public static let transfer = "kvstore.transfer"
    }

    public static let endpoints = [Method.transfer]
}
