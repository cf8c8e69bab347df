/// How the encoder decides to index a field the caller left ``HeaderIndexing/indexable``.
///
/// - Credentials are never indexed: `authorization`, `proxy-authorization`, and
///   `cookie` values under 20 octets, which are short enough to guess one byte at a
///   time through compression (CRIME, RFC 7541 §7.1.3; nghttp2 uses the same rule).
/// - Fields that change with every message (`:path`, `content-length`, `etag`, dates,
///   `location`, `set-cookie`) would only push reusable entries out: not indexed.
/// - A field larger than three quarters of the table would empty it: not indexed.
enum IndexingPolicy {
    static let shortCookieBytes = 20

    static let neverIndexedNames: Set<[UInt8]> = ["authorization", "proxy-authorization"].map { Array($0.utf8) }
        .reduce(into: []) { $0.insert($1) }

    static let notIndexedNames: Set<[UInt8]> = [
        ":path", "content-length", "etag", "if-modified-since", "if-none-match", "last-modified", "location",
        "set-cookie", "date", "age",
    ].map { Array($0.utf8) }.reduce(into: []) { $0.insert($1) }

    static let cookie = Array("cookie".utf8)

    /// The representation to use for `field` with a table of `maxTableSize` octets.
    static func indexing(for field: HeaderField, maxTableSize: Int) -> HeaderIndexing {
        guard field.indexing == .indexable else { return field.indexing }
        if neverIndexedNames.contains(field.name) { return .neverIndexed }
        if field.value.count < shortCookieBytes && field.name == cookie { return .neverIndexed }
        if field.size > maxTableSize / 4 * 3 || notIndexedNames.contains(field.name) { return .notIndexed }
        return .indexable
    }
}
