import ManyProtocol

/// The kvstore errors (many-rs `many-kvstore/src/error.rs`): attribute 3's, codes
/// `3 × -10000 − n`, and the store's two application errors (codes 1 and 2).
extension ManyError {
    /// -30001: the sender (or the alternative owner it acts for) may not modify the key.
    public static func kvStorePermissionDenied() -> ManyError {
        kvStore(1, "You do not have the authorization to modify this key.")
    }

    /// -30002: the store's state does not have the hash the initial state file names.
    public static func kvStoreInvalidInitialHash(expected: String, actual: String) -> ManyError {
        kvStore(2, "Invalid initial hash. Expected '{expected}', was '{actual}'.", ["expected": expected, "actual": actual])
    }

    /// -30003: the key is disabled (`kvstore.get` of a disabled key).
    public static func kvStoreKeyDisabled() -> ManyError {
        kvStore(3, "The key was disabled by its owner.")
    }

    /// -30004: an anonymous alternative owner, or an anonymous new owner in a transfer.
    public static func kvStoreAnonymousAlternativeOwnerDenied() -> ManyError {
        kvStore(4, "Anonymous alternative owner denied.")
    }

    /// -30005: a subresource as alternative owner.
    public static func kvStoreSubresourceAlternativeOwnerUnsupported() -> ManyError {
        kvStore(5, "Subresource alternative owner unsupported.")
    }

    /// -30006: the key has no metadata (`kvstore.query`, `kvstore.transfer`).
    public static func kvStoreKeyNotFound() -> ManyError {
        kvStore(6, "The key was not found.")
    }

    /// -30007: `kvstore.disable` of a key without a value.
    public static func kvStoreCannotDisableEmptyKey() -> ManyError {
        kvStore(7, "Unable to disable an empty key.")
    }

    /// Application error 1: writing to the persistent store failed.
    public static func kvStoreStorageApplyFailed(_ desc: String) -> ManyError {
        applicationSpecific(code: 1, message: "Unable to apply change to persistent storage: {desc}.", arguments: ["desc": desc])
    }

    /// Application error 2: reading from the persistent store failed.
    public static func kvStoreStorageGetFailed(_ desc: String) -> ManyError {
        applicationSpecific(code: 2, message: "Unable to get data from persistent storage: {desc}.", arguments: ["desc": desc])
    }

    private static func kvStore(_ id: UInt32, _ message: String, _ arguments: [String: String] = [:]) -> ManyError {
        attributeSpecific(attribute: KVStoreModule.attributeID, id: id, message: message, arguments: arguments)
    }
}
