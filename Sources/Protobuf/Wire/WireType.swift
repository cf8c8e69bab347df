/// The six wire types of the Protocol Buffers binary format: the low three bits of every tag.
public enum WireType: UInt8, Sendable, Hashable {
    /// Variable-length integer: int32, int64, uint32, uint64, sint32, sint64, bool, enum.
    case varint = 0
    /// Eight little-endian bytes: fixed64, sfixed64, double.
    case fixed64 = 1
    /// A varint length then that many bytes: string, bytes, messages, packed repeated fields.
    case lengthDelimited = 2
    /// Start of a proto2 group; its fields follow until the matching end-group tag.
    case startGroup = 3
    /// End of a proto2 group.
    case endGroup = 4
    /// Four little-endian bytes: fixed32, sfixed32, float.
    case fixed32 = 5
}
