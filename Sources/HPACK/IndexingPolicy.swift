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

    /// What the encoder knows of a name: its static table indices and its rule. One
    /// lookup per field gives both.
    struct KnownName: Sendable {
        var staticIndices: Range<Int>?
        var rule: NameRule?
    }

    static let knownNames: [NameKey: KnownName] = {
        var names = StaticTable.indicesOfName.mapValues { KnownName(staticIndices: $0, rule: nil) }
        let rules: [(String, NameRule)] = [
            ("authorization", .neverIndexed), ("proxy-authorization", .neverIndexed), ("cookie", .cookie),
            (":path", .notIndexed), ("content-length", .notIndexed), ("etag", .notIndexed),
            ("if-modified-since", .notIndexed), ("if-none-match", .notIndexed), ("last-modified", .notIndexed),
            ("location", .notIndexed), ("set-cookie", .notIndexed),
        ]
        for (name, rule) in rules {
            names[NameKey(Array(name.utf8)), default: KnownName()].rule = rule
        }
        return names
    }()

    /// The representation to use for `field`, whose name is `known`, with a table of
    /// `maxTableSize` octets.
    @inline(__always)
    static func indexing(for field: HeaderField, known: KnownName?, maxTableSize: Int) -> HeaderIndexing {
        guard field.indexing == .indexable else { return field.indexing }
        switch known?.rule {
        case .neverIndexed?: return .neverIndexed
        case .notIndexed?: return .notIndexed
        case .cookie? where field.value.count < shortCookieBytes: return .neverIndexed
        case .cookie?, nil: break
        }
        return field.size > maxTableSize / 4 * 3 ? .notIndexed : .indexable
    }
}
