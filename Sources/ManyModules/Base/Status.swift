import CBOR
import COSE
import ManyIdentity
import ManyProtocol

/// The return value of the base module's `status` endpoint (many-rs
/// `many-modules/src/_0_base.rs`): a map with integer keys
///
/// | key | field |
/// |---|---|
/// | 0 | protocol version (1) |
/// | 1 | server name |
/// | 2 | public key: the bytes of the server's COSE key (absent for anonymous servers) |
/// | 3 | the server's address (tag 10000) |
/// | 4 | attributes: the modules' attribute ids, an array in id order |
/// | 5 | server version text (optional) |
/// | 7 | timeout: the accepted timestamp skew in seconds (optional) |
///
/// followed by `extras` under text keys. Key 6 is unused, as in many-rs.
public struct Status: Sendable, Equatable {
    public var version: UInt8
    public var name: String
    /// The server's COSE public key.
    public var publicKey: COSEKey?
    /// The server's address.
    public var identity: Address
    public var attributes: AttributeSet
    public var serverVersion: String?
    /// How far a request's timestamp may be from the server's clock, in seconds.
    public var timeoutSeconds: UInt64?
    /// Further server-specific entries, under text keys.
    public var extras: [String: CBOR]

    public init(
        version: UInt8 = 1, name: String, publicKey: COSEKey? = nil, identity: Address, attributes: AttributeSet = [],
        serverVersion: String? = nil, timeoutSeconds: UInt64? = nil, extras: [String: CBOR] = [:]
    ) {
        self.version = version
        self.name = name
        self.publicKey = publicKey
        self.identity = identity
        self.attributes = attributes
        self.serverVersion = serverVersion
        self.timeoutSeconds = timeoutSeconds
        self.extras = extras
    }
}

extension Status: Codable {
    private enum Field: Int {
        case version = 0, name = 1, publicKey = 2, identity = 3, attributes = 4, serverVersion = 5, timeout = 7

        var key: DynamicCodingKey { DynamicCodingKey(intValue: rawValue) }
    }

    public init(from decoder: any Decoder) throws {
        let map = try decoder.container(keyedBy: DynamicCodingKey.self)
        version = try map.decode(UInt8.self, forKey: Field.version.key)
        name = try map.decode(String.self, forKey: Field.name.key)
        if let keyBytes = try map.decodeIfPresent([UInt8].self, forKey: Field.publicKey.key) {
            publicKey = try COSEKey(decoding: keyBytes)
        }
        identity = try map.decode(Address.self, forKey: Field.identity.key)
        attributes = try AttributeCoding.attributeSet(map.decode(CBOR.self, forKey: Field.attributes.key))
        serverVersion = try map.decodeIfPresent(String.self, forKey: Field.serverVersion.key)
        timeoutSeconds = try map.decodeIfPresent(UInt64.self, forKey: Field.timeout.key)
        extras = [:]
        for key in map.allKeys where key.intValue == nil {
            extras[key.stringValue] = try map.decode(CBOR.self, forKey: key)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var map = encoder.container(keyedBy: DynamicCodingKey.self)
        try map.encode(version, forKey: Field.version.key)
        try map.encode(name, forKey: Field.name.key)
        if let publicKey { try map.encode(publicKey.encoded(), forKey: Field.publicKey.key) }
        try map.encode(identity, forKey: Field.identity.key)
        try map.encode(AttributeCoding.cbor(attributes), forKey: Field.attributes.key)
        try map.encodeIfPresent(serverVersion, forKey: Field.serverVersion.key)
        try map.encodeIfPresent(timeoutSeconds, forKey: Field.timeout.key)
        // many-rs keeps extras in a BTreeMap: sorted by key.
        for (key, value) in extras.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            try map.encode(value, forKey: DynamicCodingKey(key))
        }
    }
}
