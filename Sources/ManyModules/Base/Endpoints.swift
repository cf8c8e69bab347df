/// The return value of `endpoints`: every method name the server answers, written as an
/// array of text strings in sorted order (many-rs `Endpoints(BTreeSet<String>)`, transparent).
public struct Endpoints: Sendable, Hashable, Codable {
    /// The method names, sorted by their UTF-8 bytes.
    public private(set) var methods: [String]

    public init(_ methods: some Sequence<String>) {
        self.methods = Set(methods).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    public func contains(_ method: String) -> Bool { methods.contains(method) }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(methods)
    }
}
