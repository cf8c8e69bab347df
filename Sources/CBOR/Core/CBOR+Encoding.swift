extension CBOR {
    /// Decodes exactly one data item from `bytes`; trailing bytes are an error.
    public init(decoding bytes: [UInt8], options: CBORDecodingOptions = .default) throws(CBORError) {
        var reader = CBORReader(bytes, options: options)
        self = try reader.readValue()
        try reader.finish()
    }

    /// The item's encoding, exactly as the tree says: float widths and
    /// indefinite lengths kept, map entries in their order.
    public func encoded() -> [UInt8] {
        var writer = CBORWriter()
        writer.write(self)
        return writer.bytes
    }

    /// The item's deterministic encoding (RFC 8949 §4.2): shortest floats,
    /// definite lengths, map keys sorted by `keyOrder`.
    public func deterministicEncoded(keyOrder: CBORKeyOrder = .bytewise) -> [UInt8] {
        var writer = CBORWriter()
        writer.writeDeterministic(self, keyOrder: keyOrder)
        return writer.bytes
    }
}

extension CBORWriter {
    /// Writes a value tree as it is (see ``CBOR/encoded()``).
    public mutating func write(_ value: CBOR) {
        switch value {
        case let .unsigned(n): writeHeader(.unsigned, n)
        case let .negative(n): writeHeader(.negative, n)
        case let .bytes(b): writeBytes(b)
        case let .text(t): writeText(t)
        case let .array(elements):
            writeArrayHeader(count: elements.count)
            for element in elements { write(element) }
        case let .map(entries):
            writeMapHeader(count: entries.count)
            for (key, value) in entries { write(key); write(value) }
        case let .tagged(tag, content):
            writeTag(tag)
            write(content)
        case let .simple(v): writeHeader(.simpleOrFloat, UInt64(v))
        case let .bool(b): writeBool(b)
        case .null: writeNull()
        case .undefined: writeUndefined()
        case let .half(f): writeHalf(f)
        case let .float(f): writeFloat(f)
        case let .double(d): writeDouble(d)
        case let .indefiniteBytes(chunks):
            beginIndefinite(.bytes)
            for chunk in chunks { writeBytes(chunk) }
            writeBreak()
        case let .indefiniteText(chunks):
            beginIndefinite(.text)
            for chunk in chunks { writeText(chunk) }
            writeBreak()
        case let .indefiniteArray(elements):
            beginIndefinite(.array)
            for element in elements { write(element) }
            writeBreak()
        case let .indefiniteMap(entries):
            beginIndefinite(.map)
            for (key, value) in entries { write(key); write(value) }
            writeBreak()
        }
    }

    /// Writes a value tree deterministically (see ``CBOR/deterministicEncoded(keyOrder:)``).
    public mutating func writeDeterministic(_ value: CBOR, keyOrder: CBORKeyOrder = .bytewise) {
        switch value {
        case let .half(f): writePreferredFloat(Double(f))
        case let .float(f): writePreferredFloat(Double(f))
        case let .double(d): writePreferredFloat(d)
        case let .indefiniteBytes(chunks): writeBytes(chunks.joined())
        case let .indefiniteText(chunks): writeText(chunks.joined())
        case let .array(elements), let .indefiniteArray(elements):
            writeArrayHeader(count: elements.count)
            for element in elements { writeDeterministic(element, keyOrder: keyOrder) }
        case let .map(entries), let .indefiniteMap(entries):
            writeSortedMap(entries, keyOrder: keyOrder)
        case let .tagged(tag, content):
            writeTag(tag)
            writeDeterministic(content, keyOrder: keyOrder)
        default:
            write(value)
        }
    }

    private mutating func writeSortedMap(_ entries: [(key: CBOR, value: CBOR)], keyOrder: CBORKeyOrder) {
        writeMapHeader(count: entries.count)
        // Encode each key once, then sort the encodings (RFC 8949 §4.2.1).
        var encodedKeys: [(key: [UInt8], index: Int)] = []
        encodedKeys.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            var keyWriter = CBORWriter()
            keyWriter.writeDeterministic(entry.key, keyOrder: keyOrder)
            encodedKeys.append((keyWriter.bytes, index))
        }
        encodedKeys.sort { keyOrder.precedes($0.key[...], $1.key[...]) }
        for (key, index) in encodedKeys {
            writeEncoded(key)
            writeDeterministic(entries[index].value, keyOrder: keyOrder)
        }
    }
}
