import CBOR

/// One signer's part of a COSE_Sign message (RFC 9052 §4.1): its own headers and
/// signature. The algorithm is in these headers, not the message's.
public struct COSESignature: Sendable, Hashable {
    /// The signer's protected header parameters.
    public let protected: COSEHeaderMap
    /// The signer's protected bucket exactly as sent.
    public let protectedBytes: [UInt8]
    /// The signer's unprotected header parameters.
    public var unprotected: COSEHeaderMap
    /// The signature.
    public var signature: [UInt8]

    /// A signature from its parts; the protected bucket is serialized from `protected`.
    public init(protected: COSEHeaderMap, unprotected: COSEHeaderMap, signature: [UInt8]) {
        self.init(
            protected: protected, protectedBytes: protected.protectedSerialization, unprotected: unprotected,
            signature: signature)
    }

    init(protected: COSEHeaderMap, protectedBytes: [UInt8], unprotected: COSEHeaderMap, signature: [UInt8]) {
        self.protected = protected
        self.protectedBytes = protectedBytes
        self.unprotected = unprotected
        self.signature = signature
    }

    /// The algorithm this signer's headers name; throws when missing or not supported.
    public func algorithm() throws(COSEError) -> COSEAlgorithm {
        try HeaderRules.algorithm(protected: protected, unprotected: unprotected)
    }

    /// Reads `[protected, unprotected, signature]`.
    static func read(from reader: inout MessageReader, options: CBORDecodingOptions) throws(COSEError) -> Self {
        try reader.readArrayHeader(count: 3, "COSE_Signature")
        let protectedBytes = try reader.readByteString("signer protected header")
        let protected = try COSEHeaderMap(protectedSerialization: protectedBytes, options: options)
        let unprotected = try reader.readHeaderMap("signer unprotected header")
        let signature = try reader.readByteString("signature")
        return Self(
            protected: protected, protectedBytes: protectedBytes, unprotected: unprotected, signature: signature)
    }

    /// Writes `[protected, unprotected, signature]`.
    func write(to writer: inout CBORWriter) {
        writer.writeArrayHeader(count: 3)
        writer.writeBytes(protectedBytes)
        unprotected.write(to: &writer)
        writer.writeBytes(signature)
    }
}
