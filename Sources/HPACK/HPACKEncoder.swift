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
    private var index = EncoderIndex()
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
        let known = IndexingPolicy.knownNames[NameKey(field.name)]
        let staticNames = known?.staticIndices
        let indexing = switch self.indexing {
        case .automatic: IndexingPolicy.indexing(for: field, known: known, maxTableSize: table.maxSize)
        case .asMarked: field.indexing
        }
        if indexing != .neverIndexed, let fieldIndex = fullMatch(field, staticNames: staticNames) {
            PrefixInteger.encode(fieldIndex, prefixBits: 7, flags: 0x80, into: &block)
            return
        }
        let nameIndex = staticNames?.lowerBound ?? index.idOfName[NameKey(field.name)].flatMap(dynamicIndex) ?? 0
        switch indexing {
        case .indexable: PrefixInteger.encode(nameIndex, prefixBits: 6, flags: 0x40, into: &block)
        case .notIndexed: PrefixInteger.encode(nameIndex, prefixBits: 4, flags: 0x00, into: &block)
        case .neverIndexed: PrefixInteger.encode(nameIndex, prefixBits: 4, flags: 0x10, into: &block)
        }
        if nameIndex == 0 { writeString(field.name, into: &block) }
        writeString(field.value, into: &block)
        if indexing == .indexable {
            let entry = TableEntry(name: field.name, value: field.value)
            if table.insert(entry, observer: &index) {
                index.inserted(entry, id: table.insertedCount - 1)
            }
        }
    }

    /// The index of an entry equal to `field`: static first, then dynamic.
    private func fullMatch(_ field: HeaderField, staticNames: Range<Int>?) -> Int? {
        if let staticNames {
            for candidate in staticNames where StaticTable.entries[candidate - 1].value == field.value {
                return candidate
            }
        }
        return index.idOfEntry[TableEntry(name: field.name, value: field.value)].flatMap(dynamicIndex)
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

/// The encoder's lookups into its dynamic table: the newest id of each entry and of
/// each name, forgotten as entries are evicted so they never outgrow the table.
struct EncoderIndex: EvictionObserver, Sendable {
    private(set) var idOfEntry: [TableEntry: Int] = [:]
    private(set) var idOfName: [NameKey: Int] = [:]

    mutating func inserted(_ entry: TableEntry, id: Int) {
        idOfEntry[entry] = id
        idOfName[NameKey(entry.name)] = id
    }

    mutating func evicted(_ entry: TableEntry, id: Int) {
        // A newer entry with the same key has its own id: keep it.
        if let slot = idOfEntry.index(forKey: entry), idOfEntry[slot].value == id {
            idOfEntry.remove(at: slot)
        }
        if let slot = idOfName.index(forKey: NameKey(entry.name)), idOfName[slot].value == id {
            idOfName.remove(at: slot)
        }
    }
}
