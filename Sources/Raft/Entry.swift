/// One record of the replicated log.
public struct Entry: Sendable, Equatable, CustomStringConvertible {
    /// What the payload means to the layer above.
    public enum Kind: Sendable, Equatable {
        /// Application data (an empty payload is the no-op a new leader appends).
        case normal
        /// A membership change; interpreted by the caller, then applied with a
        /// configuration change call (not part of this engine yet).
        case confChange
        /// A normal entry whose payload was withheld: what a witness stores.
        case metadata
    }

    public var term: Term
    public var index: Index
    public var kind: Kind
    public var data: [UInt8]

    public init(term: Term, index: Index, kind: Kind = .normal, data: [UInt8] = []) {
        self.term = term
        self.index = index
        self.kind = kind
        self.data = data
    }

    /// Bytes this entry counts for in size limits: the payload plus a fixed header
    /// (term, index, kind) so that empty entries are not free.
    public var sizeBytes: UInt64 { UInt64(data.count) + Entry.headerSizeBytes }

    /// Approximate encoded size of term, index and kind.
    public static let headerSizeBytes: UInt64 = 17

    public var description: String {
        let kindText = kind == .normal ? "" : kind == .confChange ? " conf" : " meta"
        return "\(term)/\(index)\(kindText)\(data.isEmpty ? "" : " \(data.count)B")"
    }
}

extension Array where Element == Entry {
    /// The longest prefix whose total size stays within `maxSizeBytes`; the first
    /// entry is always kept so that progress is possible with any limit.
    func limited(toSizeBytes maxSizeBytes: UInt64) -> [Entry] {
        guard let first = self.first else { return self }
        var sizeBytes = first.sizeBytes
        var count = 1
        while count < self.count {
            sizeBytes += self[count].sizeBytes
            if sizeBytes > maxSizeBytes { break }
            count += 1
        }
        return count == self.count ? self : Array(self[0..<count])
    }

    var sizeBytes: UInt64 { reduce(0) { $0 + $1.sizeBytes } }

    var payloadSizeBytes: UInt64 { reduce(0) { $0 + UInt64($1.data.count) } }

    /// The entries as a witness receives them: normal payloads withheld, membership
    /// changes kept (a witness must know the membership it votes in).
    var forWitness: [Entry] {
        map { entry in
            entry.kind == .confChange ? entry : Entry(term: entry.term, index: entry.index, kind: .metadata)
        }
    }
}
