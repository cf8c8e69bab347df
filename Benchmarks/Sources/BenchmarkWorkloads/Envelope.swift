import CBOR

/// A MANY-like request envelope, the CBOR hot path of every MANY server:
///
/// ```
/// 18([                                  / COSE_Sign1, tagged /
///   << {1: -8, 4: h'<32-byte kid>'} >>, / protected: alg EdDSA, kid /
///   {},                                 / unprotected /
///   << 10001({                          / payload: a MANY request /
///     0: 1,                             / version /
///     1: 10000(h'<29 bytes>'),          / from: an identity /
///     2: 10000(h'<29 bytes>'),          / to /
///     3: "ledger.send",                 / method /
///     4: h'<1024 bytes>',               / data /
///     5: 1(1700000000),                 / timestamp, epoch seconds /
///     6: 424242                         / id /
///   }) >>,
///   h'<64-byte signature>'
/// ])
/// ```
///
/// ``encoded()`` writes it with ``CBORWriter`` field by field; ``init(decoding:)`` reads
/// it back with ``CBORReader`` without a value tree, reading the two embedded items
/// (the protected header and the payload) in place inside their byte strings.
public struct Envelope: Sendable, Equatable {
    public var algorithm: Int64
    public var keyID: [UInt8]
    public var version: UInt64
    public var from: [UInt8]
    public var to: [UInt8]
    public var method: String
    public var data: [UInt8]
    public var timestampSeconds: UInt64
    public var id: UInt64
    public var signature: [UInt8]

    static let coseSign1Tag: UInt64 = 18
    static let requestTag: UInt64 = 10001
    static let identityTag: UInt64 = 10000
    static let epochTag: UInt64 = 1

    /// The envelope every benchmark uses: fixed contents, 1 KiB of data.
    public static let sample = Envelope(
        algorithm: -8,
        keyID: Pattern.bytes(count: 32, seed: 1),
        version: 1,
        from: [0x01] + Pattern.bytes(count: 28, seed: 2),
        to: [0x01] + Pattern.bytes(count: 28, seed: 3),
        method: "ledger.send",
        data: Pattern.bytes(count: 1024, seed: 4),
        timestampSeconds: 1_700_000_000,
        id: 424_242,
        signature: Pattern.bytes(count: 64, seed: 5)
    )

    public init(
        algorithm: Int64, keyID: [UInt8], version: UInt64, from: [UInt8], to: [UInt8], method: String,
        data: [UInt8], timestampSeconds: UInt64, id: UInt64, signature: [UInt8]
    ) {
        self.algorithm = algorithm
        self.keyID = keyID
        self.version = version
        self.from = from
        self.to = to
        self.method = method
        self.data = data
        self.timestampSeconds = timestampSeconds
        self.id = id
        self.signature = signature
    }
}

// MARK: Streaming

extension Envelope {
    /// The wire bytes, written with the streaming writer: the protected header and the
    /// payload are encoded first, then wrapped in byte strings (as a signer must, since
    /// the signature covers those exact bytes).
    public func encoded() -> [UInt8] {
        var protected = CBORWriter(reservingCapacity: 48)
        protected.writeMapHeader(count: 2)
        protected.writeUnsigned(1)
        protected.writeInt(algorithm)
        protected.writeUnsigned(4)
        protected.writeBytes(keyID)

        var payload = CBORWriter(reservingCapacity: data.count + 160)
        payload.writeTag(Self.requestTag)
        payload.writeMapHeader(count: 7)
        payload.writeUnsigned(0)
        payload.writeUnsigned(version)
        payload.writeUnsigned(1)
        payload.writeTag(Self.identityTag)
        payload.writeBytes(from)
        payload.writeUnsigned(2)
        payload.writeTag(Self.identityTag)
        payload.writeBytes(to)
        payload.writeUnsigned(3)
        payload.writeText(method)
        payload.writeUnsigned(4)
        payload.writeBytes(data)
        payload.writeUnsigned(5)
        payload.writeTag(Self.epochTag)
        payload.writeUnsigned(timestampSeconds)
        payload.writeUnsigned(6)
        payload.writeUnsigned(id)

        var envelope = CBORWriter(reservingCapacity: protected.bytes.count + payload.bytes.count + signature.count + 16)
        envelope.writeTag(Self.coseSign1Tag)
        envelope.writeArrayHeader(count: 4)
        envelope.writeBytes(protected.bytes)
        envelope.writeMapHeader(count: 0)
        envelope.writeBytes(payload.bytes)
        envelope.writeBytes(signature)
        return envelope.bytes
    }

    /// Reads an envelope with the streaming reader: no value tree, and no copy of the
    /// protected header or the payload before parsing them.
    public init(decoding bytes: [UInt8]) throws(CBORError) {
        var reader = CBORReader(bytes)
        try reader.expectTag(Self.coseSign1Tag)
        guard try reader.readArrayHeader() == 4 else { throw reader.shapeError("a 4-element COSE_Sign1 array") }

        let protectedEnd = try reader.enterEmbeddedItem()
        var algorithm: Int64 = 0
        var keyID: [UInt8] = []
        for _ in 0..<(try reader.definiteMapCount()) {
            switch try reader.readInteger(Int64.self) {
            case 1: algorithm = try reader.readInteger()
            case 4: keyID = try reader.readBytes()
            default: try reader.skip()
            }
        }
        try reader.leaveEmbeddedItem(end: protectedEnd)

        try reader.skip()  // unprotected

        let payloadEnd = try reader.enterEmbeddedItem()
        self = try Self.readRequest(&reader, algorithm: algorithm, keyID: keyID)
        try reader.leaveEmbeddedItem(end: payloadEnd)

        signature = try reader.readBytes()
        try reader.finish()
    }

    private static func readRequest(
        _ reader: inout CBORReader, algorithm: Int64, keyID: [UInt8]
    ) throws(CBORError) -> Envelope {
        var envelope = Envelope(
            algorithm: algorithm, keyID: keyID, version: 0, from: [], to: [], method: "", data: [],
            timestampSeconds: 0, id: 0, signature: [])
        try reader.expectTag(requestTag)
        for _ in 0..<(try reader.definiteMapCount()) {
            switch try reader.readUnsigned() {
            case 0: envelope.version = try reader.readUnsigned()
            case 1: envelope.from = try reader.readIdentity()
            case 2: envelope.to = try reader.readIdentity()
            case 3: envelope.method = try reader.readText()
            case 4: envelope.data = try reader.readBytes()
            case 5:
                try reader.expectTag(epochTag)
                envelope.timestampSeconds = try reader.readUnsigned()
            case 6: envelope.id = try reader.readUnsigned()
            default: try reader.skip()
            }
        }
        return envelope
    }
}

extension CBORReader {
    /// Reads a byte string's header and leaves the reader at its first content byte, so
    /// that the CBOR item embedded in it is read in place. Returns where the string ends.
    mutating func enterEmbeddedItem() throws(CBORError) -> Int {
        let header = try readHeader()
        guard header.majorType == .bytes, !header.isIndefinite else {
            throw .typeMismatch(offset: header.offset, expected: "byte string", found: "\(header.majorType)")
        }
        guard header.argument <= UInt64(remainingCount) else {
            throw .lengthBeyondInput(offset: header.offset, length: header.argument, available: remainingCount)
        }
        return offset + Int(header.argument)
    }

    /// Checks that the embedded item ended exactly where its byte string does.
    func leaveEmbeddedItem(end: Int) throws(CBORError) {
        if offset != end { throw .trailingBytes(offset: offset) }
    }

    mutating func expectTag(_ expected: UInt64) throws(CBORError) {
        let start = offset
        let tag = try readTag()
        if tag != expected { throw .typeMismatch(offset: start, expected: "tag \(expected)", found: "tag \(tag)") }
    }

    mutating func definiteMapCount() throws(CBORError) -> Int {
        guard let count = try readMapHeader() else { throw shapeError("a definite-length map") }
        return count
    }

    mutating func readIdentity() throws(CBORError) -> [UInt8] {
        try expectTag(Envelope.identityTag)
        return try readBytes()
    }

    func shapeError(_ expected: String) -> CBORError {
        .typeMismatch(offset: offset, expected: expected, found: "something else")
    }
}

// MARK: Value tree

extension Envelope {
    /// The envelope as value trees, the shape a generic CBOR library (and cbor2) works
    /// with: the protected header and the payload are separate items.
    public struct Trees: Sendable {
        public var protected: CBOR
        public var payload: CBOR
        public var signature: [UInt8]
    }

    public var trees: Trees {
        Trees(
            protected: .map([(.unsigned(1), .int(algorithm)), (.unsigned(4), .bytes(keyID))]),
            payload: .tagged(
                Self.requestTag,
                .map([
                    (.unsigned(0), .unsigned(version)),
                    (.unsigned(1), .tagged(Self.identityTag, .bytes(from))),
                    (.unsigned(2), .tagged(Self.identityTag, .bytes(to))),
                    (.unsigned(3), .text(method)),
                    (.unsigned(4), .bytes(data)),
                    (.unsigned(5), .tagged(Self.epochTag, .unsigned(timestampSeconds))),
                    (.unsigned(6), .unsigned(id)),
                ])),
            signature: signature)
    }
}

extension Envelope.Trees {
    /// Encodes the trees: protected header and payload first, then the COSE_Sign1 around them.
    public func encoded() -> [UInt8] {
        CBOR.tagged(
            Envelope.coseSign1Tag,
            .array([.bytes(protected.encoded()), .map([]), .bytes(payload.encoded()), .bytes(signature)])
        ).encoded()
    }

    /// Decodes the envelope and then the two items embedded in it into value trees.
    public init(decoding bytes: [UInt8]) throws(CBORError) {
        let envelope = try CBOR(decoding: bytes)
        guard case let .tagged(Envelope.coseSign1Tag, .array(items)) = envelope, items.count == 4,
            case let .bytes(protectedBytes) = items[0], case let .bytes(payloadBytes) = items[2],
            case let .bytes(signature) = items[3]
        else { throw .typeMismatch(offset: 0, expected: "a COSE_Sign1 array", found: "something else") }
        self.protected = try CBOR(decoding: protectedBytes)
        self.payload = try CBOR(decoding: payloadBytes)
        self.signature = signature
    }
}
