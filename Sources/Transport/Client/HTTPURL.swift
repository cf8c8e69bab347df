/// An `http://host[:port][/target]` URL, parsed without Foundation.
struct HTTPURL: Sendable, Hashable {
    /// The host as it connects: a name, an IPv4 address, or an IPv6 address without brackets.
    let host: String
    let port: Int
    /// The request target: the path and query, `/` when absent.
    let target: String
    /// The `Host` header value.
    let authority: String

    /// The longest URL accepted.
    static let lengthMax = 8192

    init(parsing text: String) throws(HTTPClientError) {
        let scheme = "http://"
        guard text.utf8.count <= Self.lengthMax, text.lowercased().hasPrefix(scheme) else { throw .invalidURL(text) }
        let rest = text.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = String(rest[..<authorityEnd])
        var target = String(rest[authorityEnd...])
        if let fragment = target.firstIndex(of: "#") { target = String(target[..<fragment]) }
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        guard !authority.isEmpty, !authority.contains("@"), !authority.contains(where: \.isWhitespace) else {
            throw .invalidURL(text)
        }
        let (host, port) = try Self.splitAuthority(authority, text)
        self.host = host
        self.port = port
        self.target = target
        self.authority = authority
    }

    private static func splitAuthority(_ authority: String, _ text: String) throws(HTTPClientError) -> (String, Int) {
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidURL(text) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidURL(text) }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = Substring(authority)
        }
        guard !host.isEmpty else { throw .invalidURL(text) }
        guard let portText else { return (String(host), 80) }
        guard let port = Int(portText), (1...65535).contains(port) else { throw .invalidURL(text) }
        return (String(host), port)
    }
}
