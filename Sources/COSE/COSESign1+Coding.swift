import CBOR

extension COSESign1 {
    /// Decodes a COSE_Sign1 message, tagged (18) or untagged; any other tag is
    /// ``COSEError/wrongTag(_:)``.
    public init(decoding bytes: [UInt8], options: CBORDecodingOptions = .default) throws(COSEError) {
        var reader = MessageReader(bytes, options: options)
        let (protectedBytes, protected, unprotected, payload) = try reader.readMessageHead(
            tag: Self.tag, "COSE_Sign1", options: options)
        let signature = try reader.readByteString("signature")
        try reader.finish()
        self.init(
            protected: protected, protectedBytes: protectedBytes, unprotected: unprotected, payload: payload,
            signature: signature)
    }

    /// The message's encoding: `[protected, unprotected, payload / nil, signature]`,
    /// behind tag 18 unless `tagged` is false. The protected bucket keeps its bytes.
    public func encoded(tagged: Bool = true) -> [UInt8] {
        var writer = CBORWriter(reservingCapacity: 32 + protectedBytes.count + (payload?.count ?? 0) + signature.count)
        if tagged { writer.writeTag(Self.tag) }
        writer.writeArrayHeader(count: 4)
        writer.writeBytes(protectedBytes)
        unprotected.write(to: &writer)
        if let payload { writer.writeBytes(payload) } else { writer.writeNull() }
        writer.writeBytes(signature)
        return writer.bytes
    }
}
