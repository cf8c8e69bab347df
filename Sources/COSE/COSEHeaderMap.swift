import CBOR

/// An ordered map of header parameters (RFC 9052 §3): labels to CBOR values, kept in
/// the order they were set or read so that re-encoding gives the same bytes.
///
/// Setting a label that is present replaces its value in place; setting `nil` removes
/// it. Typed accessors cover the common parameters of RFC 9052 §3.1.
public struct COSEHeaderMap: Sendable, Hashable {
    /// The parameters in order.
    public private(set) var entries: [(label: COSEHeaderLabel, value: CBOR)]

    /// An empty map.
    public init() {
        entries = []
    }

    /// A map of `entries` in order; a repeated label keeps its last value.
    public init(_ entries: [(label: COSEHeaderLabel, value: CBOR)]) {
        self.entries = []
        for entry in entries { self[entry.label] = entry.value }
    }

    /// Whether the map has no parameters.
    public var isEmpty: Bool { entries.isEmpty }

    /// The number of parameters.
    public var count: Int { entries.count }

    /// The labels in order.
    public var labels: [COSEHeaderLabel] { entries.map(\.label) }

    /// The value under `label`; assigning `nil` removes it.
    public subscript(label: COSEHeaderLabel) -> CBOR? {
        get { entries.first { $0.label == label }?.value }
        set {
            let index = entries.firstIndex { $0.label == label }
            switch (index, newValue) {
            case let (index?, value?): entries[index].value = value
            case let (index?, nil): entries.remove(at: index)
            case let (nil, value?): entries.append((label, value))
            case (nil, nil): break
            }
        }
    }

    /// Appends an entry unless `label` is present, and says whether it did. Small maps are
    /// scanned; from 16 entries on, `labelIndex` (built once) keeps decoding linear.
    mutating func appendIfNew(
        _ label: COSEHeaderLabel, _ value: CBOR, labelIndex: inout Set<COSEHeaderLabel>?
    ) -> Bool {
        if entries.count < Self.scanLimit {
            if entries.contains(where: { $0.label == label }) { return false }
        } else {
            if labelIndex == nil { labelIndex = Set(labels) }
            if !labelIndex!.insert(label).inserted { return false }
        }
        entries.append((label, value))
        return true
    }

    /// Up to this many entries, a linear scan beats building a hash set.
    static let scanLimit = 16

    /// Inserts `value` under `label` as the first entry (replacing any existing one).
    public mutating func prepend(_ label: COSEHeaderLabel, _ value: CBOR) {
        self[label] = nil
        entries.insert((label, value), at: 0)
    }

    public static func == (lhs: COSEHeaderMap, rhs: COSEHeaderMap) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.label == $1.label && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.label)
            hasher.combine(entry.value)
        }
    }
}

extension COSEHeaderMap: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (COSEHeaderLabel, CBOR)...) {
        self.init(elements.map { (label: $0.0, value: $0.1) })
    }
}
