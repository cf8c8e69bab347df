extension CBOR: Equatable {
    /// Structural equality. Floats compare by bit pattern and width, so NaN
    /// equals the same NaN and `.half(1)` differs from `.double(1)`.
    public static func == (lhs: CBOR, rhs: CBOR) -> Bool {
        switch (lhs, rhs) {
        case let (.unsigned(a), .unsigned(b)), let (.negative(a), .negative(b)): return a == b
        case let (.bytes(a), .bytes(b)): return a == b
        case let (.text(a), .text(b)): return a.utf8.elementsEqual(b.utf8)
        case let (.array(a), .array(b)), let (.indefiniteArray(a), .indefiniteArray(b)): return a == b
        case let (.map(a), .map(b)), let (.indefiniteMap(a), .indefiniteMap(b)): return entriesEqual(a, b)
        case let (.tagged(t, a), .tagged(u, b)): return t == u && a == b
        case let (.simple(a), .simple(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.null, .null), (.undefined, .undefined): return true
        case let (.half(a), .half(b)): return a.bitPattern == b.bitPattern
        case let (.float(a), .float(b)): return a.bitPattern == b.bitPattern
        case let (.double(a), .double(b)): return a.bitPattern == b.bitPattern
        case let (.indefiniteBytes(a), .indefiniteBytes(b)): return a == b
        case let (.indefiniteText(a), .indefiniteText(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.utf8.elementsEqual($1.utf8) }
        default: return false
        }
    }

    private static func entriesEqual(_ a: [(key: CBOR, value: CBOR)], _ b: [(key: CBOR, value: CBOR)]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where x.key != y.key || x.value != y.value { return false }
        return true
    }
}

extension CBOR: Hashable {
    public func hash(into hasher: inout Hasher) {
        // Hash the encoding: it is what equality compares, case and width included.
        hasher.combine(encoded())
    }
}
