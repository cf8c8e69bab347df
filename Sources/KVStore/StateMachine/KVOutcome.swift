/// What applying a command did: the code in `StateMachineResult.value`. Every replica
/// computes the same outcome, refusals included, so refusals are results, not errors.
public enum KVOutcome: UInt64, Sendable, Hashable {
    case ok = 0
    /// The key has no value (delete, transfer) or no metadata (query).
    case notFound = 1
    /// The key has an owner and the writer is not it (many-rs -30001).
    case permissionDenied = 2
    /// The key is disabled (many-rs -30003).
    case keyDisabled = 3
    /// Compare-and-set found another value.
    case compareFailed = 4
    /// An anonymous alternative or new owner (many-rs -30004).
    case anonymousOwnerDenied = 5
    /// A subresource alternative owner that is not a known account (many-rs -30005).
    case subresourceOwnerUnsupported = 6
    /// Disable of a key without a value (many-rs -30007).
    case cannotDisableEmptyKey = 7
    /// The sender lacks a role on the account; the result's data is the role (many-rs -90003).
    case needsRole = 8
    /// The command bytes were not a command this version knows.
    case badCommand = 9
    /// `initialize` on a store that already has its initial state.
    case alreadyInitialized = 10
}
