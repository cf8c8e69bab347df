/// The dynamic table of RFC 7541 §2.3.2: newest entry first, evicted oldest first
/// whenever the entries' total size would exceed ``maxSize``.
///
/// Entries are appended to an array, newest last, and evicted by advancing `first`;
/// the evicted prefix is dropped once it outgrows the live part, so insertion and
/// eviction cost O(1) amortized. Every entry ever inserted has an id (0, 1, 2, ...):
/// the encoder keys its lookups by id and checks ``evictedCount`` to tell a live one.
struct DynamicTable: Sendable {
    private var storage: [TableEntry] = []
    private var first = 0
    /// Sum of the live entries' sizes (RFC 7541 §4.1).
    private(set) var size = 0
    /// The size the entries may take; set by a dynamic table size update.
    private(set) var maxSize: Int
    /// Entries inserted so far; the newest has id `insertedCount - 1`.
    private(set) var insertedCount = 0

    init(maxSize: Int) {
        self.maxSize = maxSize
    }

    /// Live entries.
    var count: Int { storage.count - first }

    /// Entries evicted so far: ids below this are gone.
    var evictedCount: Int { insertedCount - count }

    /// The entry at dynamic index `index`, 1 being the newest; the caller checks `1...count`.
    subscript(index: Int) -> TableEntry {
        storage[storage.count - index]
    }

    /// The dynamic index (1 = newest) of a live entry's id.
    func index(ofID id: Int) -> Int {
        insertedCount - id
    }

    /// Adds `entry` as the newest, evicting as needed; an entry larger than `maxSize`
    /// empties the table and is not added (RFC 7541 §4.4). `observer` sees each
    /// entry that leaves, with its id. Returns whether `entry` was added.
    @discardableResult
    mutating func insert(_ entry: TableEntry, observer: inout some EvictionObserver) -> Bool {
        let entrySize = entry.size
        evict(downTo: maxSize - entrySize, &observer)
        guard entrySize <= maxSize else { return false }
        storage.append(entry)
        size += entrySize
        insertedCount += 1
        return true
    }

    /// Sets the maximum size, evicting entries that no longer fit (RFC 7541 §4.3).
    mutating func setMaxSize(_ newMaxSize: Int, observer: inout some EvictionObserver) {
        maxSize = newMaxSize
        evict(downTo: newMaxSize, &observer)
    }

    /// ``insert(_:observer:)`` for a table nobody indexes (the decoder's).
    mutating func insert(_ entry: TableEntry) {
        var ignore = IgnoredEvictions()
        insert(entry, observer: &ignore)
    }

    /// ``setMaxSize(_:observer:)`` for a table nobody indexes (the decoder's).
    mutating func setMaxSize(_ newMaxSize: Int) {
        var ignore = IgnoredEvictions()
        setMaxSize(newMaxSize, observer: &ignore)
    }

    private mutating func evict(downTo target: Int, _ observer: inout some EvictionObserver) {
        while size > max(target, 0) && first < storage.count {
            let oldest = storage[first]
            observer.evicted(oldest, id: evictedCount)
            size -= oldest.size
            storage[first] = TableEntry(name: [], value: [])
            first += 1
        }
        if first > 32 && first >= count {
            storage.removeFirst(first)
            first = 0
        }
    }
}

/// Told of every entry the dynamic table evicts, so a lookup index can forget it.
protocol EvictionObserver {
    mutating func evicted(_ entry: TableEntry, id: Int)
}

/// The observer of a table that has no index to keep.
struct IgnoredEvictions: EvictionObserver {
    func evicted(_ entry: TableEntry, id: Int) {}
}
