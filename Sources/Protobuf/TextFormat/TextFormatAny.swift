/// `google.protobuf.Any` in text format's expanded form, `[type.googleapis.com/pkg.T] { ... }`:
/// which type URLs it takes and how a value is packed and unpacked, as protoc's `TextFormat` does.
enum TextFormatAny {
    static let typeName = "google.protobuf.Any"
    /// The URL prefixes protoc's default finder resolves; other prefixes are not expanded.
    static let prefixes = ["type.googleapis.com/", "type.googleprod.com/"]

    /// The message type a type URL names, when its prefix is one protoc resolves and the pool holds it.
    static func messageType(url: String, pool: DescriptorPool) -> MessageType? {
        guard let slash = url.lastIndex(of: "/"), prefixes.contains(String(url[...slash])) else { return nil }
        return pool.messageType(String(url[url.index(after: slash)...]))
    }

    /// An Any's type URL and its value decoded, with its required fields checked (as C++'s
    /// `ParseFromString`); nil when it cannot be expanded.
    static func unpack(_ any: DynamicMessage, pool: DescriptorPool) -> (url: String, message: DynamicMessage)? {
        guard case let .single(.string(url))? = any[1], let type = messageType(url: url, pool: pool) else { return nil }
        var bytes: [UInt8] = []
        if case let .single(.bytes(value))? = any[2] { bytes = value }
        guard let message = try? DynamicMessage(serializedBytes: bytes, type: type, pool: pool) else { return nil }
        return (url, message)
    }
}
