/// How the encoder decides to index a field the caller left ``HeaderIndexing/indexable``.
///
/// - Credentials are never indexed: `authorization`, `proxy-authorization`, and
///   `cookie` values under 20 octets, which are short enough to guess one byte at a
///   time through compression (CRIME, RFC 7541 §7.1.3; nghttp2 uses the same rule).
/// - Fields that change with every message (`:path`, `content-length`, `etag`,
///   `if-modified-since`, `if-none-match`, `last-modified`, `location`, `set-cookie`, as
///   in nghttp2) would only push reusable entries out: not indexed.
/// - A field larger than three quarters of the table would empty it: not indexed.
enum IndexingPolicy {
    static let shortCookieBytes = 20

    /// What a name alone says about indexing.
    enum NameRule: Sendable {
        case neverIndexed
        case notIndexed
        case cookie
    }

    /// The rule of each name that has one.
    static let rules: [(name: String, rule: NameRule)] = [
        ("authorization", .neverIndexed), ("proxy-authorization", .neverIndexed), ("cookie", .cookie),
        (":path", .notIndexed), ("content-length", .notIndexed), ("etag", .notIndexed),
        ("if-modified-since", .notIndexed), ("if-none-match", .notIndexed), ("last-modified", .notIndexed),
        ("location", .notIndexed), ("set-cookie", .notIndexed),
    ]

    /// The representation to use for `field`, whose name has `rule`, with a table of
    /// `maxTableSize` octets.
    @inline(__always)
    static func indexing(for field: HeaderField, rule: NameRule?, maxTableSize: Int) -> HeaderIndexing {
        guard field.indexing == .indexable else { return field.indexing }
        switch rule {
        case .neverIndexed?: return .neverIndexed
        case .notIndexed?: return .notIndexed
        case .cookie? where field.value.count < shortCookieBytes: return .neverIndexed
        case .cookie?, nil: break
        }
        return field.size > maxTableSize / 4 * 3 ? .notIndexed : .indexable
    }
}
