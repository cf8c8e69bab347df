/// One header field: a name and a value as octets, and how it may be indexed.
///
/// Names and values are octets, not `String`s, so a value with bytes that are not
/// UTF-8 (HTTP allows obs-text) survives decoding and re-encoding unchanged.
public struct HeaderField: Hashable, Sendable {
    /// The field name; HTTP/2 wants it in lowercase, which HPACK itself does not check.
    public var name: [UInt8]
    /// The field value.
    public var value: [UInt8]
    /// How the field was (decoding) or may be (encoding) stored in the dynamic table.
    public var indexing: HeaderIndexing

    /// A field from octets.
    public init(name: [UInt8], value: [UInt8], indexing: HeaderIndexing = .indexable) {
        self.name = name
        self.value = value
        self.indexing = indexing
    }

    /// A field from text, stored as its UTF-8 octets.
    public init(name: String, value: String, indexing: HeaderIndexing = .indexable) {
        self.init(name: Array(name.utf8), value: Array(value.utf8), indexing: indexing)
    }

    /// The name as text (invalid UTF-8 is replaced by U+FFFD).
    public var nameText: String { String(decoding: name, as: UTF8.self) }
    /// The value as text (invalid UTF-8 is replaced by U+FFFD).
    public var valueText: String { String(decoding: value, as: UTF8.self) }

    /// The size RFC 7541 §4.1 counts for a table entry (and RFC 9113 for
    /// SETTINGS_MAX_HEADER_LIST_SIZE): the octets of name and value plus 32.
    public var size: Int { name.count + value.count + TableEntry.overheadBytes }
}

/// How a header field may be kept in the dynamic table (RFC 7541 §6.2).
public enum HeaderIndexing: Hashable, Sendable {
    /// Decoded: the field was indexed or added to the table. Encoding: the encoder
    /// decides (it may still decline, e.g. for a large value or a short cookie).
    case indexable
    /// A literal without indexing: this hop does not add it to the table.
    case notIndexed
    /// A never-indexed literal: no hop may add it to a table, and a proxy must
    /// re-encode it the same way (RFC 7541 §7.1.3). Use it for secrets.
    case neverIndexed
}
