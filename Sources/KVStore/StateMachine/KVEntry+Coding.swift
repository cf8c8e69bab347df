import ManyModules

/// Entry encoding, shared by the `entry` answer and snapshots: optional value, optional
/// owner, disabled state (0 none, 1 `false`, 2 `true`, 3 a reason), optional previous owner.
extension KVByteWriter {
    mutating func entry(_ entry: KVEntry) {
        optionalData(entry.value)
        optionalAddress(entry.owner)
        switch entry.disabled {
        case nil: u8(0)
        case .flag(false)?: u8(1)
        case .flag(true)?: u8(2)
        case let .reason(reason)?:
            u8(3)
            self.reason(reason)
        }
        optionalAddress(entry.previousOwner)
    }
}

extension KVByteReader {
    mutating func entry() throws(KVCodingError) -> KVEntry {
        let value = try optionalData(sizeBytesMax: KVCodingLimits.valueBytesMax)
        let owner = try optionalAddress()
        let start = position
        let disabled: KVStoreDisabled?
        switch try u8() {
        case 0: disabled = nil
        case 1: disabled = .flag(false)
        case 2: disabled = .flag(true)
        case 3: disabled = .reason(try reason())
        default: throw KVCodingError(offset: start, reason: "unknown disabled state")
        }
        return KVEntry(value: value, owner: owner, disabled: disabled, previousOwner: try optionalAddress())
    }
}

extension KVEntry {
    /// The answer to ``KVQuery/entry(key:)``: a presence byte, then the entry.
    static func encodeAnswer(_ entry: KVEntry?) -> [UInt8] {
        var writer = KVByteWriter()
        writer.u8(entry == nil ? 0 : 1)
        if let entry { writer.entry(entry) }
        return writer.bytes
    }

    /// Reads the answer to ``KVQuery/entry(key:)``.
    public static func decodeAnswer(_ bytes: [UInt8]) throws(KVCodingError) -> KVEntry? {
        var reader = KVByteReader(bytes)
        let entry = try reader.bool() ? try reader.entry() : nil
        try reader.expectEnd()
        return entry
    }
}
