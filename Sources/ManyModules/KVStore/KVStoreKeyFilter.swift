import CBOR
import ManyIdentity

/// A filter of `kvstore.list` (many-rs `_3_kvstore.rs` `KeyFilterType`): a two-element
/// array, a tag then its value:
///
/// | wire | keeps keys |
/// |---|---|
/// | `[0, address]` | owned by the address |
/// | `[1, address]` | whose previous owner is the address |
/// | `[2, bool]` | disabled (`true`) or not (`false`) |
///
/// As in many-rs, the array must have a definite length of 2 and an unknown tag is an error.
/// The textual forms many-rs's CLI parses (`owner:ADDR`, `previous_owner:ADDR`,
/// `disabled:BOOL`) are ``init(parsing:)``.
public enum KVStoreKeyFilter: Sendable, Hashable {
    case owner(Address)
    case previousOwner(Address)
    case disabled(Bool)

    /// The tag on the wire.
    public var tag: UInt32 {
        switch self {
        case .owner: return 0
        case .previousOwner: return 1
        case .disabled: return 2
        }
    }

    /// Parses `owner:ADDR`, `previous_owner:ADDR` or `disabled:true|false`; nil otherwise.
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let value = String(text[text.index(after: colon)...])
        switch text[..<colon] {
        case "owner":
            guard let address = try? Address(string: value) else { return nil }
            self = .owner(address)
        case "previous_owner":
            guard let address = try? Address(string: value) else { return nil }
            self = .previousOwner(address)
        case "disabled":
            guard let flag = Bool(value) else { return nil }
            self = .disabled(flag)
        default:
            return nil
        }
    }
}

extension KVStoreKeyFilter: Codable {
    public init(from decoder: any Decoder) throws {
        let path = decoder.codingPath
        guard case let .array(items) = try decoder.singleValueContainer().decode(CBOR.self), items.count == 2 else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "array of length 2 expected"))
        }
        guard let tag = items[0].uint64Value else {
            throw DecodingError.typeMismatch(UInt32.self, .init(codingPath: path, debugDescription: "a filter tag"))
        }
        switch tag {
        case 0: self = .owner(try KVStoreFieldCoding.address(items[1], codingPath: path))
        case 1: self = .previousOwner(try KVStoreFieldCoding.address(items[1], codingPath: path))
        case 2:
            guard let flag = items[1].boolValue else {
                throw DecodingError.typeMismatch(Bool.self, .init(codingPath: path, debugDescription: "the disabled filter's boolean"))
            }
            self = .disabled(flag)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "unexpected tag"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var array = encoder.unkeyedContainer()
        try array.encode(tag)
        switch self {
        case let .owner(address), let .previousOwner(address): try array.encode(address)
        case let .disabled(flag): try array.encode(flag)
        }
    }
}
