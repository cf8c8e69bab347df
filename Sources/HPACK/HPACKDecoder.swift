/// Decodes header blocks (RFC 7541), keeping the dynamic table between blocks.
///
/// One decoder per connection direction; feed it every header block in order. Limits:
/// ``maxTableSizeLimit`` is the SETTINGS_HEADER_TABLE_SIZE this side advertised
/// (size updates above it are errors) and ``maxHeaderListSize`` bounds each block's
/// fields (name + value + 32 each), checked before a string is allocated.
///
/// ```swift
/// var decoder = HPACKDecoder()
/// let fields = try decoder.decode(headerBlock)   // [HeaderField], or an HPACKError
/// ```
///
/// Any error leaves the table out of step with the peer's encoder: HTTP/2 treats it
/// as a connection error (COMPRESSION_ERROR), and the decoder should not be used again.
public struct HPACKDecoder: Sendable {
    /// The protocol's initial table size (RFC 9113 §6.5.2, SETTINGS_HEADER_TABLE_SIZE).
    public static let defaultTableSize = 4096
    /// A default bound on a block's decoded size: 64 KiB, as nghttp2 and Python hpack use.
    public static let defaultMaxHeaderListSize = 65536

    private(set) var table: DynamicTable
    /// This decoder's own copy of the static table (see ``StaticTable/makeEntries()``).
    private let staticEntries = StaticTable.makeEntries()
    /// The largest table size the encoder may choose: this side's SETTINGS_HEADER_TABLE_SIZE.
    public private(set) var maxTableSizeLimit: Int
    /// The largest header list a block may decode to (sum of name + value + 32).
    public var maxHeaderListSize: Int
    /// Set when the limit fell below the table's size: the next block must start with an update.
    private var sizeUpdateRequired = false

    /// A decoder for a connection whose SETTINGS_HEADER_TABLE_SIZE is `maxTableSizeLimit`.
    /// The table starts at the protocol's 4,096 octets, as the peer's encoder assumes; a
    /// lower limit obliges the first block to begin with a size update.
    public init(maxTableSizeLimit: Int = defaultTableSize, maxHeaderListSize: Int = defaultMaxHeaderListSize) {
        self.table = DynamicTable(maxSize: Self.defaultTableSize)
        self.maxTableSizeLimit = Self.defaultTableSize
        self.maxHeaderListSize = maxHeaderListSize
        setMaxTableSizeLimit(maxTableSizeLimit)
    }

    /// The dynamic table's current maximum size, as the last size update set it.
    public var tableSize: Int { table.maxSize }

    /// Sets the limit once the peer has acknowledged a new SETTINGS_HEADER_TABLE_SIZE.
    /// A limit below the current table size obliges the next block to begin with a
    /// size update (RFC 7541 §4.2).
    public mutating func setMaxTableSizeLimit(_ limit: Int) {
        maxTableSizeLimit = min(max(limit, 0), PrefixInteger.maxValue)
        if maxTableSizeLimit < table.maxSize { sizeUpdateRequired = true }
    }

    /// Decodes one complete header block (the HEADERS frame and its CONTINUATIONs joined).
    public mutating func decode(_ block: [UInt8]) throws(HPACKError) -> [HeaderField] {
        try block.withUnsafeBufferPointer { (bytes) throws(HPACKError) in try decode(bytes) }
    }

    /// Decodes one complete header block from contiguous bytes.
    public mutating func decode(_ block: UnsafeBufferPointer<UInt8>) throws(HPACKError) -> [HeaderField] {
        var reader = HeaderBlockReader(block)
        var fields: [HeaderField] = []
        var listSize = 0
        try readSizeUpdates(&reader)
        while !reader.isAtEnd {
            let start = reader.position
            let field = try readField(&reader, listSize: listSize, start: start)
            listSize += field.size
            guard listSize <= maxHeaderListSize else {
                throw .headerListTooLarge(offset: start, size: listSize, limit: maxHeaderListSize)
            }
            fields.append(field)
        }
        return fields
    }

    /// Reads the size updates a block may begin with (RFC 7541 §4.2 allows more than
    /// one: the smallest size since the last block, then the final one).
    private mutating func readSizeUpdates(_ reader: inout HeaderBlockReader) throws(HPACKError) {
        if sizeUpdateRequired && (reader.isAtEnd || reader.peek & 0xe0 != 0x20) {
            throw .tableSizeUpdateMissing(offset: reader.position)
        }
        while !reader.isAtEnd && reader.peek & 0xe0 == 0x20 {
            let start = reader.position
            let size = try reader.readInteger(prefixBits: 5, start: start)
            guard size <= maxTableSizeLimit else {
                throw .tableSizeUpdateAboveLimit(offset: start, size: size, limit: maxTableSizeLimit)
            }
            table.setMaxSize(size)
            sizeUpdateRequired = false
        }
    }

    /// Reads one field representation (RFC 7541 §6), adding it to the table if it says so.
    private mutating func readField(
        _ reader: inout HeaderBlockReader, listSize: Int, start: Int
    ) throws(HPACKError) -> HeaderField {
        let first = reader.peek
        if first & 0x80 != 0 {
            let index = try reader.readInteger(prefixBits: 7, start: start)
            guard index != 0 else { throw .zeroIndex(offset: start) }
            let entry = try lookup(index, start: start)
            return HeaderField(name: entry.name, value: entry.value, indexing: .indexable)
        }
        let prefixBits: Int
        let indexing: HeaderIndexing
        switch first >> 4 {
        case 4...7: (prefixBits, indexing) = (6, .indexable)
        case 2...3: throw .tableSizeUpdateNotAtStart(offset: start)
        case 1: (prefixBits, indexing) = (4, .neverIndexed)
        default: (prefixBits, indexing) = (4, .notIndexed)
        }
        let nameIndex = try reader.readInteger(prefixBits: prefixBits, start: start)
        let budget = maxHeaderListSize - listSize - TableEntry.overheadBytes
        let used = listSize + TableEntry.overheadBytes
        let name: [UInt8]
        if nameIndex == 0 {
            name = try reader.readString(budget: budget, used: used, limit: maxHeaderListSize, start: start)
        } else {
            name = try lookup(nameIndex, start: start).name
        }
        let value = try reader.readString(
            budget: budget - name.count, used: used + name.count, limit: maxHeaderListSize, start: start)
        if indexing == .indexable {
            table.insert(TableEntry(name: name, value: value))
        }
        return HeaderField(name: name, value: value, indexing: indexing)
    }

    /// The entry at `index` in the static table followed by the dynamic one.
    @inline(__always)
    private func lookup(_ index: Int, start: Int) throws(HPACKError) -> TableEntry {
        if index <= StaticTable.count {
            return staticEntries[index - 1]
        }
        let dynamicIndex = index - StaticTable.count
        guard dynamicIndex <= table.count else {
            throw .indexOutOfRange(offset: start, index: index, dynamicCount: table.count)
        }
        return table[dynamicIndex]
    }
}
