import CBOR

/// The argument of `kvstore.info`: none (many-rs `InfoArg = EmptyArg`).
public typealias KVStoreInfoArgs = EmptyArgument

/// The return value of `kvstore.info` (many-rs `_3_kvstore/info.rs` `InfoReturns`): the
/// hash of the store's state.
///
/// many-rs derives its minicbor coding without `#[cbor(map)]`, so unlike the other kvstore
/// types this is an **array** `[hash]` (minicbor-derive's default), not `{0: hash}` as the
/// specification's CDDL has it. Decoding takes further elements and ignores them.
public struct KVStoreInfoReturn: Sendable, Hashable {
    public var hash: [UInt8]

    public init(hash: [UInt8]) {
        self.hash = hash
    }
}

extension KVStoreInfoReturn: Codable {
    public init(from decoder: any Decoder) throws {
        var array = try decoder.unkeyedContainer()
        guard !array.isAtEnd else {
            throw DecodingError.valueNotFound(
                [UInt8].self, .init(codingPath: array.codingPath, debugDescription: "missing value at index 0 (hash)"))
        }
        hash = try KVStoreFieldCoding.byteString(array.decode(CBOR.self), codingPath: array.codingPath)
    }

    public func encode(to encoder: any Encoder) throws {
        var array = encoder.unkeyedContainer()
        try array.encode(hash)
    }
}
