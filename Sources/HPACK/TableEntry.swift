/// A name-value pair as the static and dynamic tables hold it.
struct TableEntry: Hashable, Sendable {
    /// RFC 7541 §4.1: each entry costs its octets plus 32.
    static let overheadBytes = 32

    var name: [UInt8]
    var value: [UInt8]

    var size: Int { name.count + value.count + Self.overheadBytes }

    /// Hashes the octets in bulk (an array of bytes hashes them one by one).
    func hash(into hasher: inout Hasher) {
        name.withUnsafeBytes { hasher.combine(bytes: $0) }
        hasher.combine(name.count)
        value.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// A field name as a dictionary key, hashed in bulk.
struct NameKey: Hashable, Sendable {
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
