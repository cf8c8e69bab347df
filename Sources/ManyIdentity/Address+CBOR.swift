import CBOR

/// Addresses travel as tag 10000 around their bytes: `10000(h'01…')` (many-rs
/// `minicbor.rs`). ``CBOREncoder`` and ``CBORDecoder`` use that form; the reader
/// helper also takes the textual form as a text string, as many-rs does.
extension Address: CBORTaggedCodable {
    /// The MANY address tag.
    public static var cborTag: UInt64 { 10000 }

    public init(from decoder: any Decoder) throws {
        let bytes = try decoder.singleValueContainer().decode([UInt8].self)
        do {
            try self.init(bytes: bytes)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description, underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bytes)
    }

    /// Writes `10000(h'…')`.
    public func write(to writer: inout CBORWriter) {
        writer.writeTag(Self.cborTag)
        writer.writeBytes(bytes)
    }

    /// The address as a CBOR item: `10000(h'…')`.
    public var cbor: CBOR { .tagged(Self.cborTag, .bytes(bytes)) }

    /// Most tags accepted in front of an address (many-rs skips any number; we bound it).
    static let leadingTagCountMax = 4

    /// Reads an address as many-rs accepts it: any tags (one must be 10000 for the binary
    /// form), then a byte string, or a text string in the textual form.
    public init(reading reader: inout CBORReader) throws(AddressDecodingError) {
        var isTagged = false
        var tagCount = 0
        while try Self.cbor({ () throws(CBORError) in try reader.peekHeader().majorType }) == .tag {
            tagCount += 1
            guard tagCount <= Self.leadingTagCountMax else { throw .tooManyTags(offset: reader.offset) }
            if try Self.cbor({ () throws(CBORError) in try reader.readTag() }) == Self.cborTag { isTagged = true }
        }
        let offset = reader.offset
        if try Self.cbor({ () throws(CBORError) in try reader.peekHeader().majorType }) == .text {
            let text = try Self.cbor { () throws(CBORError) in try reader.readText() }
            do { try self.init(string: text) } catch { throw .invalid(error, offset: offset) }
            return
        }
        guard isTagged else { throw .untagged(offset: offset) }
        let bytes = try Self.cbor { () throws(CBORError) in try reader.readBytes() }
        do { try self.init(bytes: bytes) } catch { throw .invalid(error, offset: offset) }
    }

    private static func cbor<T>(_ body: () throws(CBORError) -> T) throws(AddressDecodingError) -> T {
        do { return try body() } catch { throw .cbor(error) }
    }
}
