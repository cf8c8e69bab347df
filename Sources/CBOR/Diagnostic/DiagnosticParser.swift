extension CBOR {
    /// Reads one data item written in diagnostic notation (RFC 8949 §8 and the
    /// EDN of RFC 8610 Appendix G / draft-ietf-cbor-edn-literals).
    ///
    /// Accepts everything ``diagnostic(_:)`` writes in the `.standard` style and
    /// also `h'…'` with blanks and comments, `b64'…'`, `'…'` byte strings,
    /// `<<…>>` embedded CBOR, string concatenation (juxtaposed or with `+`),
    /// encoding indicators, bignum-sized integers, and `/ … /` and `# …`
    /// comments. Float encoding indicators select the width; those on integers,
    /// lengths and tags are checked but cannot be kept in the tree. Nesting of
    /// arrays, maps, tags and `<<…>>` is limited to 256 levels, as in
    /// ``CBORDecodingOptions/default``; application-oriented literals such as
    /// `DT'…'` are not supported.
    public init(diagnostic text: String) throws(DiagnosticError) {
        var parser = DiagnosticParser(text)
        self = try parser.parseItem()
    }
}

/// Reads diagnostic notation without recursion: open containers wait on an
/// explicit stack, so deep input costs heap, not call stack, and is cut off
/// at ``maxNesting``.
struct DiagnosticParser {
    /// Deepest nesting of arrays, maps, tags and `<<…>>` accepted, as ``CBORDecodingOptions/default``.
    static let maxNesting = 256

    var scanner: DiagnosticScanner

    init(_ text: String) { scanner = DiagnosticScanner(text) }

    /// A container whose elements are still being read.
    struct Frame {
        enum Kind: Equatable {
            case array, indefiniteArray, map, indefiniteMap, embedded
            case tag(UInt64)
        }
        var kind: Kind
        /// Elements; for maps, keys and values alternate.
        var items: [CBOR] = []
        /// For `<<…>>`: the encodings read so far.
        var encoded: [UInt8] = []

        func finished() -> CBOR {
            switch kind {
            case .array: return .array(items)
            case .indefiniteArray: return .indefiniteArray(items)
            case .map: return .map(pairs())
            case .indefiniteMap: return .indefiniteMap(pairs())
            case .embedded: return .bytes(encoded)
            case let .tag(tag): return .tagged(tag, items.first ?? .null)
            }
        }

        private func pairs() -> [(key: CBOR, value: CBOR)] {
            stride(from: 0, to: items.count - 1, by: 2).map { (items[$0], items[$0 + 1]) }
        }
    }

    /// What the start of an item turned out to be.
    enum Start {
        case value(CBOR)
        case open(Frame.Kind)
    }

    /// Reads exactly one item; only blank space and comments may follow.
    mutating func parseItem() throws(DiagnosticError) -> CBOR {
        var stack: [Frame] = []
        while true {
            try scanner.skipSpace()
            let start = scanner.offset
            var value: CBOR
            switch try parseStart() {
            case let .value(item):
                value = item
            case let .open(kind):
                guard stack.count < Self.maxNesting else {
                    throw scanner.error({ .nestingTooDeep(limit: Self.maxNesting, line: $0, column: $1) }, at: start)
                }
                stack.append(Frame(kind: kind))
                guard try closesEmpty(kind) else { continue }
                value = stack.removeLast().finished()
            }
            if let result = try fold(value, into: &stack) {
                try scanner.skipSpace()
                guard scanner.isAtEnd else {
                    throw scanner.error({ .trailingInput(line: $0, column: $1) }, at: scanner.offset)
                }
                return result
            }
        }
    }

    /// Consumes the closing bracket of a container opened just before, if it is empty.
    private mutating func closesEmpty(_ kind: Frame.Kind) throws(DiagnosticError) -> Bool {
        try scanner.skipSpace()
        switch kind {
        case .array, .indefiniteArray: return scanner.consume(UInt8(ascii: "]"))
        case .map, .indefiniteMap: return scanner.consume(UInt8(ascii: "}"))
        case .embedded: return scanner.consume(">>")
        case .tag: return false
        }
    }

    /// Adds a finished value to the innermost open container and closes every
    /// container that ends there; returns the top-level item once the stack is empty.
    private mutating func fold(_ finished: CBOR, into stack: inout [Frame]) throws(DiagnosticError) -> CBOR? {
        var value = finished
        while let top = stack.indices.last {
            switch stack[top].kind {
            case .tag:
                try scanner.expect(UInt8(ascii: ")"), "')'")
                stack[top].items = [value]
            case .array, .indefiniteArray:
                stack[top].items.append(value)
                guard try closesAfterElement("]", expected: "',' or ']'") else { return nil }
            case .map, .indefiniteMap:
                stack[top].items.append(value)
                if stack[top].items.count % 2 == 1 {
                    try scanner.expect(UInt8(ascii: ":"), "':'")
                    return nil
                }
                guard try closesAfterElement("}", expected: "',' or '}'") else { return nil }
            case .embedded:
                stack[top].encoded += value.encoded()
                guard try closesAfterElement(">>", expected: "',' or '>>'") else { return nil }
            }
            value = stack.removeLast().finished()
        }
        return value
    }

    /// After an element: `close` ends the container (also after a trailing
    /// comma), a comma asks for the next element.
    private mutating func closesAfterElement(_ close: StaticString, expected: String) throws(DiagnosticError) -> Bool {
        try scanner.skipSpace()
        if scanner.consume(close) { return true }
        guard scanner.consume(UInt8(ascii: ",")) else { throw scanner.unexpected(expected) }
        try scanner.skipSpace()
        return scanner.consume(close)
    }

    /// Reads an item up to its end, or the opening of a container.
    private mutating func parseStart() throws(DiagnosticError) -> Start {
        guard let byte = scanner.peek() else { throw scanner.unexpected("value") }
        switch byte {
        case UInt8(ascii: "["):
            scanner.offset += 1
            return .open(try parseContainerSpec() ? .indefiniteArray : .array)
        case UInt8(ascii: "{"):
            scanner.offset += 1
            return .open(try parseContainerSpec() ? .indefiniteMap : .map)
        case UInt8(ascii: "<") where scanner.peek(1) == UInt8(ascii: "<"):
            scanner.offset += 2
            return .open(.embedded)
        case UInt8(ascii: "("):
            return .value(try parseChunks())
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return .value(try parseStrings())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumberOrTag()
        case _ where Self.isWordByte(byte):
            return .value(try parseWord())
        default:
            throw scanner.unexpected("value")
        }
    }

    /// After `[` or `{`: `_` alone marks indefinite length; `_0`…`_3` or `_i`
    /// give the width of the count, which the tree does not keep.
    private mutating func parseContainerSpec() throws(DiagnosticError) -> Bool {
        guard scanner.peek() == UInt8(ascii: "_") else { return false }
        if let next = scanner.peek(1), Self.isWordByte(next) {
            _ = try parseIndicator()
            return false
        }
        scanner.offset += 1
        return true
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
