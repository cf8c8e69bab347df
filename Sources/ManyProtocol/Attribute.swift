import CBOR

/// A message or module attribute: an id and its arguments (many-rs
/// `many-types/src/attributes.rs`). Written as the bare id when there are no arguments,
/// else as `[id, arguments…]`.
public struct Attribute: Sendable, Hashable {
    /// The attribute id.
    public var id: UInt32
    /// The arguments, any CBOR.
    public var arguments: [CBOR]

    public init(id: UInt32, arguments: [CBOR] = []) {
        self.id = id
        self.arguments = arguments
    }

    /// Writes `id` or `[id, arguments…]`.
    public func write(to writer: inout CBORWriter) {
        if arguments.isEmpty {
            writer.writeUnsigned(UInt64(id))
            return
        }
        writer.writeArrayHeader(count: 1 + arguments.count)
        writer.writeUnsigned(UInt64(id))
        for argument in arguments { writer.write(argument) }
    }

    /// Reads an id or an array whose first element is the id.
    public init(reading reader: inout CBORReader) throws(ManyError) {
        let major = try FieldReading.read("attribute") { () throws(CBORError) in try reader.peekHeader().majorType }
        if major != .array {
            self.init(id: try FieldReading.read("attribute id") { () throws(CBORError) in try reader.readInteger(UInt32.self) })
            return
        }
        let items = try FieldReading.read("attribute") { () throws(CBORError) in try reader.readValue().arrayValue ?? [] }
        guard let first = items.first else { throw .deserializationError("attribute: Invalid empty attribute.") }
        guard let id = first.uint64Value.flatMap(UInt32.init(exactly:)) else {
            throw .deserializationError("attribute: Expected an attribute ID.")
        }
        self.init(id: id, arguments: Array(items.dropFirst()))
    }
}

/// The attributes of a message: at most one per id, kept in id order (many-rs's
/// `BTreeSet<Attribute>` ordered by id), written as an array.
public struct AttributeSet: Sendable, Hashable, Sequence {
    private var byID: [UInt32: Attribute] = [:]

    public init() {}

    public init(_ attributes: some Sequence<Attribute>) {
        for attribute in attributes { insert(attribute) }
    }

    /// Adds `attribute` unless one with its id is present; returns whether it was added.
    @discardableResult
    public mutating func insert(_ attribute: Attribute) -> Bool {
        guard byID[attribute.id] == nil else { return false }
        byID[attribute.id] = attribute
        return true
    }

    public var isEmpty: Bool { byID.isEmpty }
    public var count: Int { byID.count }
    /// The attribute with `id`, if present.
    public subscript(id: UInt32) -> Attribute? { byID[id] }
    public func contains(id: UInt32) -> Bool { byID[id] != nil }

    /// The attributes in id order.
    public var sorted: [Attribute] { byID.values.sorted { $0.id < $1.id } }

    public func makeIterator() -> IndexingIterator<[Attribute]> { sorted.makeIterator() }

    /// Writes the attributes as an array in id order.
    public func write(to writer: inout CBORWriter) {
        writer.writeArrayHeader(count: count)
        for attribute in sorted { attribute.write(to: &writer) }
    }

    /// Reads an array of attributes; a repeated id keeps the first, as a `BTreeSet` does.
    public init(reading reader: inout CBORReader) throws(ManyError) {
        let count = try FieldReading.read("attributes") { () throws(CBORError) in try reader.readArrayHeader() }
        var index = 0
        while true {
            if let count {
                if index == count { return }
            } else if try FieldReading.read("attributes", { () throws(CBORError) in try reader.readBreakIfPresent() }) {
                return
            }
            insert(try Attribute(reading: &reader))
            index += 1
        }
    }
}

extension AttributeSet: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Attribute...) { self.init(elements) }
}
