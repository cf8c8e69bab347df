import CBOR

extension COSEHeaderMap {
    /// The protected bucket's serialization: the map's encoding, or zero bytes when the
    /// map is empty (RFC 9052 §3).
    public var protectedSerialization: [UInt8] {
        guard !isEmpty else { return [] }
        var writer = CBORWriter()
        write(to: &writer)
        return writer.bytes
    }

    /// The map's encoding, as it appears in the unprotected bucket.
    public func encoded() -> [UInt8] {
        var writer = CBORWriter()
        write(to: &writer)
        return writer.bytes
    }

    /// Writes the map, entries in order.
    func write(to writer: inout CBORWriter) {
        writer.writeMapHeader(count: count)
        for entry in entries {
            entry.label.write(to: &writer)
            writer.write(entry.value)
        }
    }

    /// Decodes a protected bucket: zero bytes are the empty map, otherwise exactly one map.
    init(protectedSerialization bytes: [UInt8], options: CBORDecodingOptions) throws(COSEError) {
        guard !bytes.isEmpty else {
            self.init()
            return
        }
        var reader = MessageReader(bytes, options: options)
        self = try reader.readHeaderMap("protected header")
        try reader.finish()
    }
}
