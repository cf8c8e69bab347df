/// The entries of one map in the input: each key and where its value starts.
///
/// Codable asks for keys in any order, so a keyed container first walks the
/// map once, noting keys without copying text keys and skipping values. A
/// lookup starts where the last one matched (Codable often asks for one key
/// several times in a row), so reading fields in the order they were written
/// costs one or two comparisons each.
final class CBORMapIndex {
    enum EntryKey {
        case unsigned(UInt64)
        case negative(UInt64)
        /// A definite-length text key: its UTF-8 bytes in the input.
        case text(Range<Int>)
        /// An indefinite-length text key, joined.
        case joinedText(String)
        /// A key of another kind (bytes, array, ...); no `CodingKey` names it.
        case other
    }

    struct Entry {
        let key: EntryKey
        let valueOffset: Int
    }

    let input: [UInt8]
    let entries: [Entry]
    private var hint = 0

    /// Reads the map at `source.reader` and moves the reader past it.
    init(_ source: inout CBORDecodingSource) throws {
        input = source.state.input
        let count = try source.read([String: Any].self) { reader throws(CBORError) in try reader.readMapHeader() }
        var entries: [Entry] = []
        entries.reserveCapacity(count ?? 0)
        while try source.hasNextElement(index: entries.count, count: count) {
            entries.append(try source.read([String: Any].self) { reader throws(CBORError) in
                let key = try Self.readKey(&reader)
                let valueOffset = reader.offset
                try reader.skip()
                return Entry(key: key, valueOffset: valueOffset)
            })
        }
        self.entries = entries
    }

    private static func readKey(_ reader: inout CBORReader) throws(CBORError) -> EntryKey {
        let start = reader.offset
        let header = try reader.readHeader()
        switch header.majorType {
        case .unsigned: return .unsigned(header.argument)
        case .negative: return .negative(header.argument)
        case .text where !header.isIndefinite:
            return .text(reader.take(try reader.checkedLength(header, minimumBytesPerUnit: 1)))
        case .text:
            reader.offset = start
            return .joinedText(try reader.readText())
        default:
            reader.offset = start
            try reader.skip()
            return .other
        }
    }

    /// The index of the first entry whose key is `key`: an integer key if
    /// `key.intValue` is set, else a text key equal to `key.stringValue`.
    func find(_ key: some CodingKey) -> Int? {
        let count = entries.count
        var index = hint
        for _ in 0..<count {
            if index >= count { index = 0 }
            if matches(entries[index].key, key) {
                hint = index
                return index
            }
            index += 1
        }
        return nil
    }

    private func matches(_ entryKey: EntryKey, _ key: some CodingKey) -> Bool {
        if let int = key.intValue {
            switch entryKey {
            case let .unsigned(n): return int >= 0 && n == UInt64(int)
            case let .negative(n): return int < 0 && n == UInt64(-1 - int)
            default: return false
            }
        }
        switch entryKey {
        case let .text(range):
            let text = key.stringValue.utf8
            return text.count == range.count && text.elementsEqual(input[range])
        case let .joinedText(text):
            return text == key.stringValue
        default:
            return false
        }
    }

    /// The keys of type `Key` present in the map, in map order; only those that
    /// ``find(_:)`` finds again (a text key must make a key without an integer value).
    func keys<Key: CodingKey>(as type: Key.Type) -> [Key] {
        entries.compactMap { entry in
            switch entry.key {
            case let .unsigned(n): return Int(exactly: n).flatMap(Key.init(intValue:))
            case let .negative(n): return Int(exactly: n).flatMap { Key(intValue: -1 - $0) }
            case let .text(range): return textKey(String(decoding: input[range], as: UTF8.self))
            case let .joinedText(text): return textKey(text)
            case .other: return nil
            }
        }
    }

    private func textKey<Key: CodingKey>(_ text: String) -> Key? {
        guard let key = Key(stringValue: text), key.intValue == nil else { return nil }
        return key
    }
}
