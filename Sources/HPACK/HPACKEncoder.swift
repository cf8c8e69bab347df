/// Encodes header lists into header blocks (RFC 7541), keeping the dynamic table
/// between blocks.
///
/// One encoder per connection direction. By default it indexes by ``IndexingPolicy``
/// (credentials never, churning and huge fields not; see ``IndexingStrategy``), uses static and dynamic matches, and codes a
/// string with Huffman when that is shorter (``huffman``). ``setMaxTableSize(_:)``
/// follows the peer's SETTINGS_HEADER_TABLE_SIZE; the next block begins with the size
/// updates RFC 7541 §4.2 asks for.
///
/// ```swift
/// var encoder = HPACKEncoder()
/// let block = encoder.encode([HeaderField(name: ":method", value: "GET")])
/// ```
public struct HPACKEncoder: Sendable {
    /// When string literals are Huffman-coded.
    public enum HuffmanPolicy: Sendable {
        /// When the code is strictly shorter than the raw octets.
        case whenShorter
        /// Always.
        case always
        /// Never.
        case never
    }

    /// Which fields marked ``HeaderIndexing/indexable`` go into the dynamic table.
    public enum IndexingStrategy: Sendable {
        /// ``IndexingPolicy``: credentials never, churning or huge fields not, the rest yes.
        case automatic
        /// Every field marked indexable, as RFC 7541 Appendix C's examples do.
        case asMarked
    }

    private var table: DynamicTable
    private(set) var index = EncoderIndex()
    /// When strings are Huffman-coded.
    public var huffman: HuffmanPolicy
    /// Which indexable fields are indexed.
    public var indexing: IndexingStrategy
    /// The smallest table size set since the last block, if it changed.
    private var pendingSizeUpdateMinimum: Int?

    /// An encoder with a table of `maxTableSize` octets (at most the peer's
    /// SETTINGS_HEADER_TABLE_SIZE, 4,096 unless it said otherwise).
    public init(
        maxTableSize: Int = HPACKDecoder.defaultTableSize, huffman: HuffmanPolicy = .whenShorter,
        indexing: IndexingStrategy = .automatic
    ) {
        self.table = DynamicTable(maxSize: HPACKDecoder.defaultTableSize)
        self.huffman = huffman
        self.indexing = indexing
        setMaxTableSize(maxTableSize)
    }

    /// The table size in use, as the last size update announces it.
    public var maxTableSize: Int { table.maxSize }

    /// Changes the table size (keep it at most the peer's SETTINGS_HEADER_TABLE_SIZE).
    /// Entries that no longer fit are evicted now; the next block announces the change.
    public mutating func setMaxTableSize(_ size: Int) {
        let size = min(max(size, 0), PrefixInteger.maxValue)
        guard size != table.maxSize else { return }
        pendingSizeUpdateMinimum = min(pendingSizeUpdateMinimum ?? size, size)
        table.setMaxSize(size, observer: &index)
    }

    /// Encodes `fields` as one header block.
    public mutating func encode(_ fields: [HeaderField]) -> [UInt8] {
        var block: [UInt8] = []
        encode(fields, into: &block)
        return block
    }

    /// Appends the header block for `fields` to `block`.
    public mutating func encode(_ fields: [HeaderField], into block: inout [UInt8]) {
        if let minimum = pendingSizeUpdateMinimum {
            // A smaller size passed since the last block: the decoder must evict to it first.
            if minimum < table.maxSize {
                PrefixInteger.encode(minimum, prefixBits: 5, flags: 0x20, into: &block)
            }
            PrefixInteger.encode(table.maxSize, prefixBits: 5, flags: 0x20, into: &block)
            pendingSizeUpdateMinimum = nil
        }
        for field in fields {
            encode(field, into: &block)
        }
    }

    private mutating func encode(_ field: HeaderField, into block: inout [UInt8]) {
        let name = NameKey(field.name)
        let (indexing, fieldIndex, nameIndex) = plan(field, name)
        if let fieldIndex {
            PrefixInteger.encode(fieldIndex, prefixBits: 7, flags: 0x80, into: &block)
            return
        }
        switch indexing {
        case .indexable: PrefixInteger.encode(nameIndex, prefixBits: 6, flags: 0x40, into: &block)
        case .notIndexed: PrefixInteger.encode(nameIndex, prefixBits: 4, flags: 0x00, into: &block)
        case .neverIndexed: PrefixInteger.encode(nameIndex, prefixBits: 4, flags: 0x10, into: &block)
        }
        if nameIndex == 0 { writeString(field.name, into: &block) }
        writeString(field.value, into: &block)
        if indexing == .indexable {
            if table.insert(TableEntry(name: field.name, value: field.value), observer: &index) {
                index.inserted(name, field.value, id: table.insertedCount - 1)
            }
        }
    }

    /// How to send `field`: its indexing, the index of an equal entry if one may be
    /// used, else the index of its name (0 for none). The name's slot is read here and
    /// released on return, so inserting afterwards does not copy its entries.
    private func plan(_ field: HeaderField, _ name: NameKey) -> (HeaderIndexing, fieldIndex: Int?, nameIndex: Int) {
        let known = index.slot(for: name)
        let indexing = switch self.indexing {
        case .automatic: IndexingPolicy.indexing(for: field, rule: known?.rule, maxTableSize: table.maxSize)
        case .asMarked: field.indexing
        }
        guard let known else { return (indexing, nil, 0) }
        if indexing != .neverIndexed, let fieldIndex = fullMatch(field.value, known) {
            return (indexing, fieldIndex, 0)
        }
        let nameIndex = known.staticIndices?.lowerBound ?? known.dynamic.last.flatMap { dynamicIndex(ofID: $0.id) }
        return (indexing, nil, nameIndex ?? 0)
    }

    /// The index of an entry with `value` under a known name: static first, then the
    /// newest dynamic one.
    private func fullMatch(_ value: [UInt8], _ known: EncoderIndex.Slot) -> Int? {
        if let staticIndices = known.staticIndices {
            for candidate in staticIndices where StaticTable.entries[candidate - 1].value == value {
                return candidate
            }
        }
        for entry in known.dynamic.reversed() where entry.value == value {
            return dynamicIndex(ofID: entry.id)
        }
        return nil
    }

    /// The index (62 and up) of a dynamic entry's id, if it is still in the table.
    private func dynamicIndex(ofID id: Int) -> Int? {
        id >= table.evictedCount ? StaticTable.count + table.index(ofID: id) : nil
    }

    private func writeString(_ bytes: [UInt8], into block: inout [UInt8]) {
        if huffman != .never {
            let huffmanLength = Huffman.encodedLength(bytes)
            if huffman == .always || huffmanLength < bytes.count {
                PrefixInteger.encode(huffmanLength, prefixBits: 7, flags: 0x80, into: &block)
                Huffman.encode(bytes, into: &block)
                return
            }
        }
        PrefixInteger.encode(bytes.count, prefixBits: 7, flags: 0x00, into: &block)
        block.append(contentsOf: bytes)
    }
}

/// The encoder's lookups, one per name: its static table indices, its indexing rule,
/// and the ids and values of its live dynamic entries (oldest first), so one hash of the
/// name finds everything. Evicted entries leave; a name with nothing left goes too, so
/// the index never outgrows the table.
struct EncoderIndex: EvictionObserver, Sendable {
    struct Slot: Sendable {
        var staticIndices: Range<Int>?
        var rule: IndexingPolicy.NameRule?
        var dynamic: [(id: Int, value: [UInt8])] = []

        var isEmpty: Bool { staticIndices == nil && rule == nil && dynamic.isEmpty }
    }

    /// The static table's names and the names with a rule.
    private static let knownNames: [NameKey: Slot] = {
        var slots = StaticTable.indicesOfName.mapValues { Slot(staticIndices: $0) }
        for (name, rule) in IndexingPolicy.rules {
            slots[NameKey(Array(name.utf8)), default: Slot()].rule = rule
        }
        return slots
    }()

    private(set) var slots = Self.knownNames

    func slot(for name: NameKey) -> Slot? {
        slots[name]
    }

    mutating func inserted(_ name: NameKey, _ value: [UInt8], id: Int) {
        slots[name, default: Slot()].dynamic.append((id, value))
    }

    mutating func evicted(_ entry: TableEntry, id: Int) {
        // The table evicts its oldest entry, which is the oldest of its name too.
        guard let slot = slots.index(forKey: NameKey(entry.name)), slots.values[slot].dynamic.first?.id == id else {
            return
        }
        slots.values[slot].dynamic.removeFirst()
        if slots.values[slot].isEmpty { slots.remove(at: slot) }
    }
}
