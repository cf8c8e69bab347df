/// Whether a key is disabled (many-rs `Either<bool, Reason<u64>>`, untagged): a boolean, or
/// the ``Reason`` it was disabled for. Decoding tries the boolean first, as many-rs does.
///
/// many-rs writes `false` when a key is put, `true` when it is disabled without a reason,
/// and the reason otherwise; only `false` counts as enabled.
public enum KVStoreDisabled: Sendable, Hashable {
    case flag(Bool)
    case reason(Reason)

    /// Whether the key is disabled: anything but `false`.
    public var isDisabled: Bool { self != .flag(false) }
}

extension KVStoreDisabled: Codable {
    public init(from decoder: any Decoder) throws {
        if let flag = try? decoder.singleValueContainer().decode(Bool.self) {
            self = .flag(flag)
        } else {
            self = .reason(try Reason(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case let .flag(flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case let .reason(reason):
            try reason.encode(to: encoder)
        }
    }
}
