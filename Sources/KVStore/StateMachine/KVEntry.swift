import ManyIdentity
import ManyModules

/// One key's state: its value, and the MANY metadata when the key was written through
/// the MANY API or named in the initial ACL (many-rs `KvStoreMetadata`).
///
/// A key written through the plain HTTP APIs has no owner. A key named in the initial
/// ACL has an owner and no value until its owner puts one.
public struct KVEntry: Sendable, Hashable {
    public var value: [UInt8]?
    public var owner: Address?
    /// many-rs writes `false` on put, `true` or a reason on disable; nil for plain keys.
    public var disabled: KVStoreDisabled?
    /// The owner before the last `kvstore.transfer`.
    public var previousOwner: Address?

    public init(value: [UInt8]? = nil, owner: Address? = nil, disabled: KVStoreDisabled? = nil, previousOwner: Address? = nil) {
        self.value = value
        self.owner = owner
        self.disabled = disabled
        self.previousOwner = previousOwner
    }

    /// Whether reads of the value are refused (many-rs `storage.get`: anything but `false`).
    public var isDisabled: Bool { disabled?.isDisabled ?? false }
}
