import CBOR

/// Reading MANY structures from CBOR: every CBOR failure becomes a
/// ``ManyError/deserializationError(_:)`` naming what was being read, as many-rs maps
/// decoding errors.
enum FieldReading {
    /// Runs a streaming read, converting its error.
    static func read<T>(_ what: String, _ body: () throws(CBORError) -> T) throws(ManyError) -> T {
        do {
            return try body()
        } catch {
            throw .deserializationError("\(what): \(error)")
        }
    }

    /// Walks a map with integer keys (definite or indefinite length), calling `field` for
    /// each key with the reader positioned on its value; `field` must consume the value.
    static func readIntegerKeyedMap(
        _ reader: inout CBORReader, _ what: String,
        field: (Int64, inout CBORReader) throws(ManyError) -> Void
    ) throws(ManyError) {
        let count = try read(what) { () throws(CBORError) in try reader.readMapHeader() }
        var index = 0
        while true {
            if let count {
                if index == count { return }
            } else if try read(what, { () throws(CBORError) in try reader.readBreakIfPresent() }) {
                return
            }
            let key = try read("\(what) key") { () throws(CBORError) in try reader.readInteger(Int64.self) }
            try field(key, &reader)
            index += 1
        }
    }

    /// Reads a tag and throws unless it is `expected`.
    static func expectTag(_ reader: inout CBORReader, _ expected: UInt64, _ what: String) throws(ManyError) {
        let offset = reader.offset
        let tag = try read(what) { () throws(CBORError) in try reader.readTag() }
        guard tag == expected else {
            throw .deserializationError("\(what): expected tag \(expected) at byte \(offset), found tag \(tag)")
        }
    }
}

/// A map entry a message type does not know, kept so that it re-encodes unchanged.
public struct UnknownField: Sendable, Hashable {
    /// The integer key.
    public var key: Int64
    /// The value as read.
    public var value: CBOR

    public init(key: Int64, value: CBOR) {
        self.key = key
        self.value = value
    }
}
