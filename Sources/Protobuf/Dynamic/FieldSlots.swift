/// A message's field values by position, copy-on-write like an array, in one allocation of
/// a non-generic class: an `Array<FieldValue?>` looks up its generic storage metadata on every
/// allocation, which was a tenth of decoding a small message, and one is made per message.
struct FieldSlots: RandomAccessCollection, MutableCollection, Equatable, @unchecked Sendable {
    // Sendable: the storage is only written through `makeUnique`, so no two values share a
    // buffer that is being written; every other access reads.
    private var storage: SlotStorage

    /// `count` unset slots.
    init(count: Int) {
        storage = SlotStorage.make(count: count)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { storage.count }

    subscript(position: Int) -> DynamicMessage.FieldValue? {
        get {
            precondition(position >= 0 && position < storage.count, "slot out of range")
            return storage.withUnsafeMutablePointerToElements { $0[position] }
        }
        _modify {
            precondition(position >= 0 && position < storage.count, "slot out of range")
            makeUnique()
            let elements = storage.withUnsafeMutablePointerToElements { $0 }
            yield &elements[position]
        }
    }

    /// The value at `position`, moved out and the slot left unset: no copy, so the caller can
    /// change it in place and put it back.
    mutating func take(_ position: Int) -> DynamicMessage.FieldValue? {
        precondition(position >= 0 && position < storage.count, "slot out of range")
        makeUnique()
        return storage.withUnsafeMutablePointerToElements { elements in
            let value = (elements + position).move()
            (elements + position).initialize(to: nil)
            return value
        }
    }

    /// Stores `value` at `position`, moved in rather than copied.
    mutating func set(_ position: Int, _ value: consuming DynamicMessage.FieldValue?) {
        precondition(position >= 0 && position < storage.count, "slot out of range")
        makeUnique()
        // The buffer stays alive: `storage` holds it.
        let elements = storage.withUnsafeMutablePointerToElements { $0 }
        (elements + position).pointee = value
    }

    static func == (lhs: FieldSlots, rhs: FieldSlots) -> Bool {
        lhs.storage === rhs.storage || lhs.elementsEqual(rhs)
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }
}

/// The tail-allocated slots behind ``FieldSlots``; the header is the slot count.
private final class SlotStorage: ManagedBuffer<Int, DynamicMessage.FieldValue?> {
    static func make(count: Int) -> SlotStorage {
        let buffer = create(minimumCapacity: count) { _ in count }
        buffer.withUnsafeMutablePointerToElements { $0.initialize(repeating: nil, count: count) }
        // `create` is declared to return the base class, but allocates `Self`.
        return unsafeDowncast(buffer, to: SlotStorage.self)
    }

    /// The header, read through its pointer: reading `header` itself checks exclusive access at run time.
    var count: Int {
        withUnsafeMutablePointerToHeader { $0.pointee }
    }

    func copy() -> SlotStorage {
        let buffer = SlotStorage.create(minimumCapacity: count) { _ in count }
        withUnsafeMutablePointerToElements { source in
            buffer.withUnsafeMutablePointerToElements { $0.initialize(from: source, count: count) }
        }
        return unsafeDowncast(buffer, to: SlotStorage.self)
    }

    deinit {
        _ = withUnsafeMutablePointers { count, elements in elements.deinitialize(count: count.pointee) }
    }
}
