/// A name-value pair as the static and dynamic tables hold it.
struct TableEntry: Hashable, Sendable {
    /// RFC 7541 §4.1: each entry costs its octets plus 32.
    static let overheadBytes = 32

    var name: [UInt8]
    var value: [UInt8]

    var size: Int { name.count + value.count + Self.overheadBytes }
}
