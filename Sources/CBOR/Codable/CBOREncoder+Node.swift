/// A container being encoded whose count is not known yet.
///
/// Codable hands out containers before it knows how many values they will hold,
/// and CBOR writes the count first. So each array or map gets a node: scalars
/// go straight into the node's bytes, and a nested container becomes a child
/// node spliced in at the byte position where it was opened. When the
/// top-level value is done, ``emit(into:keyOrder:)`` writes every node with its
/// header. There is no ``CBOR`` value tree: a flat struct is one node and one
/// buffer of encoded fields.
final class CBOREncodingNode {
    enum Kind {
        /// An array: `count` elements.
        case array
        /// A map: `count` key/value pairs.
        case map
        /// One item with no header (the top level, `superEncoder()`).
        case item
    }

    struct Child {
        /// Where in `writer.bytes` the child's encoding goes.
        let position: Int
        /// The map entry whose value holds the child (maps only).
        let entry: Int
        let node: CBOREncodingNode
    }

    let kind: Kind
    /// Where this container is in the value, for errors found when it is written out.
    let codingPath: [any CodingKey]
    /// The encoded elements (or keys and values), without the nested containers.
    var writer = CBORWriter()
    /// Elements or entries so far.
    var count = 0
    private(set) var children: [Child] = []
    /// The byte range of each key, kept only for maps that will be sorted.
    private var keyRanges: [Range<Int>]?
    /// Whether maps in this subtree are written in key order (deterministic encoding).
    let sortsKeys: Bool

    init(_ kind: Kind, codingPath: [any CodingKey], sortsKeys: Bool) {
        self.kind = kind
        self.codingPath = codingPath
        self.sortsKeys = sortsKeys
        keyRanges = sortsKeys && kind == .map ? [] : nil
    }

    /// Whether nothing at all has been written into this node.
    var isEmpty: Bool { writer.bytes.isEmpty && children.isEmpty }

    /// A size marker that changes whenever anything is written into the node.
    var mark: (bytes: Int, children: Int) { (writer.bytes.count, children.count) }

    /// Opens a nested container at the current position.
    func appendChild(_ kind: Kind, codingPath: [any CodingKey]) -> CBOREncodingNode {
        let child = CBOREncodingNode(kind, codingPath: codingPath, sortsKeys: sortsKeys)
        children.append(Child(position: writer.bytes.count, entry: max(count - 1, 0), node: child))
        return child
    }

    /// Starts a map entry: `write` writes its key into `writer`.
    func appendKey(_ write: () throws -> Void) rethrows {
        let start = writer.bytes.count
        try write()
        count += 1
        keyRanges?.append(start..<writer.bytes.count)
    }
}

// MARK: Writing out

extension CBOREncodingNode {
    /// The number of bytes this node will write, header included, as an estimate
    /// for reserving the output.
    var estimatedByteCount: Int {
        children.reduce(9 + writer.bytes.count) { $0 + $1.node.estimatedByteCount }
    }

    /// Writes this container, its header first and its children spliced in; a
    /// map is sorted by encoded key when `keyOrder` is given.
    func emit(into out: inout CBORWriter, keyOrder: CBORKeyOrder?) throws(CBORCodingError) {
        switch kind {
        case .array: out.writeArrayHeader(count: count)
        case .map: out.writeMapHeader(count: count)
        case .item where isEmpty: out.writeMapHeader(count: 0)  // as for any value that encodes nothing
        case .item: break
        }
        if let keyOrder, let keyRanges, count > 1 {
            try emitSorted(into: &out, keyOrder: keyOrder, keyRanges: keyRanges)
        } else {
            try emitSpan(0..<writer.bytes.count, children: children[...], into: &out, keyOrder: keyOrder)
        }
    }

    private func emitSpan(
        _ span: Range<Int>, children: ArraySlice<Child>, into out: inout CBORWriter, keyOrder: CBORKeyOrder?
    ) throws(CBORCodingError) {
        var position = span.lowerBound
        for child in children {
            out.writeEncoded(writer.bytes[position..<child.position])
            try child.node.emit(into: &out, keyOrder: keyOrder)
            position = child.position
        }
        out.writeEncoded(writer.bytes[position..<span.upperBound])
    }

    /// Writes the entries in key order (RFC 8949 §4.2.1); equal keys are an error.
    private func emitSorted(into out: inout CBORWriter, keyOrder: CBORKeyOrder, keyRanges: [Range<Int>]) throws(CBORCodingError) {
        let bytes = writer.bytes
        var order = Array(0..<count)
        order.sort { keyOrder.precedes(bytes[keyRanges[$0]], bytes[keyRanges[$1]]) }
        for (a, b) in zip(order, order.dropFirst()) where bytes[keyRanges[a]] == bytes[keyRanges[b]] {
            throw CBORCodingError(kind: .duplicateKey, codingPath: codingPath)
        }
        // Children are in entry order, so each entry's children are one run.
        var firstChild = [Int](repeating: children.count, count: count + 1)
        var next = 0
        for entry in 0...count {
            while next < children.count && children[next].entry < entry { next += 1 }
            firstChild[entry] = next
        }
        for entry in order {
            let end = entry + 1 < count ? keyRanges[entry + 1].lowerBound : bytes.count
            let span = keyRanges[entry].lowerBound..<end
            try emitSpan(span, children: children[firstChild[entry]..<firstChild[entry + 1]], into: &out, keyOrder: keyOrder)
        }
    }
}
