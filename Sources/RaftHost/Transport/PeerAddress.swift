/// Where a host listens: an IP address (or name) and a TCP port.
public struct PeerAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var description: String { "\(host):\(port)" }
}

extension PeerAddress {
    /// Parses `HOST:PORT` (an IPv6 host keeps its colons; port 0…65535, 0 meaning "any"
    /// for a listener).
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"), colon != text.startIndex,
            let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port)
        else { return nil }
        self.init(host: String(text[..<colon]), port: port)
    }
}
