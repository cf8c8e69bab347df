/// A `HOST:PORT` to listen on; `[v6]:PORT` for IPv6 hosts.
public struct ListenAddress: Sendable, Equatable {
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// The text is not `HOST:PORT` with a port in 0...65535.
    public struct Invalid: Error {}

    /// Parses `HOST:PORT` or `[IPv6]:PORT`.
    public init(_ text: String) throws {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port) else { throw Invalid() }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw Invalid() }
        self.host = host
        self.port = port
    }
}
