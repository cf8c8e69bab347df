import CBOR
import COSE
import ManyIdentity

/// The `"keyset"` protected header many-rs puts in signed envelopes
/// (`many-identity/src/cose.rs` `add_keyset_header`): a text label whose value is a byte
/// string holding a COSE_KeySet (a CBOR array of COSE_Key). The signer's entry is its
/// MANY public key with `kid` set to its address bytes.
enum Keyset {
    static let label: COSEHeaderLabel = .text("keyset")

    /// The header value for `publicKey` signed as `address`.
    static func headerValue(publicKey: COSEKey, address: Address) -> CBOR {
        var key = publicKey
        key.keyID = address.bytes
        return .bytes(CBOR.array([key.cbor]).encoded())
    }

    /// The keys of an envelope's keyset, or nil when the header is missing or unreadable
    /// (many-rs `keyset_from_cose_sign1` returns None then).
    static func keys(in protected: COSEHeaderMap) -> [COSEKey]? {
        guard let bytes = protected[label]?.bytesValue,
            let items = (try? CBOR(decoding: bytes))?.arrayValue
        else { return nil }
        var keys: [COSEKey] = []
        for item in items {
            guard let key = try? COSEKey(cbor: item) else { return nil }
            keys.append(key)
        }
        return keys
    }
}
