import HPACK

/// An HTTP/1.1 request head asking for `Upgrade: h2c` (RFC 7540 §3.2), parsed from the
/// first octets of a plaintext connection and turned into what the HTTP/2 engine takes:
/// the request as HTTP/2 fields and the decoded `HTTP2-Settings` payload.
struct HTTP1UpgradeRequest: Sendable {
    /// The largest request head read before giving up.
    static let headBytesMax = 16 * 1024

    var fields: [HeaderField]
    var settingsPayload: [UInt8]

    /// Why a request head cannot be upgraded.
    enum Failure: Error, Equatable {
        /// Not a well-formed HTTP/1.1 request head.
        case malformed
        /// Well-formed, but without `Upgrade: h2c` and one `HTTP2-Settings`, or with a body.
        case notAnUpgrade
    }

    /// Fields that belong to the HTTP/1.1 connection, not to the request (RFC 9113 §8.2.2).
    private static let hopByHop: Set<String> = [
        "connection", "upgrade", "http2-settings", "keep-alive", "proxy-connection", "transfer-encoding", "host", "te",
    ]

    /// Parses `head`, the octets up to and including the blank line ending the header section.
    init(head: ArraySlice<UInt8>) throws(Failure) {
        let lines = head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { $0.last == UInt8(ascii: "\r") ? $0.dropLast() : $0 }
        let requestLine = lines.first.map { $0.split(separator: UInt8(ascii: " ")) } ?? []
        guard requestLine.count == 3, requestLine[2].elementsEqual("HTTP/1.1".utf8) else { throw .malformed }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { throw .malformed }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingSpaces
            headers.append((name, value))
        }
        func values(_ name: String) -> [String] { headers.filter { $0.name == name }.map(\.value) }
        let tokens = (values("upgrade") + values("connection")).flatMap { $0.split(separator: ",") }
            .map { String($0).trimmingSpaces.lowercased() }
        let settings = values("http2-settings")
        guard tokens.contains("h2c"), tokens.contains("http2-settings"), settings.count == 1,
              let payload = Self.base64URLDecoded(settings[0]),
              values("transfer-encoding").isEmpty, values("content-length").allSatisfy({ $0 == "0" })
        else { throw .notAnUpgrade }
        settingsPayload = payload
        fields = [
            HeaderField(name: Array(":method".utf8), value: Array(requestLine[0])),
            HeaderField(name: ":scheme", value: "http"),
            HeaderField(name: Array(":path".utf8), value: Array(requestLine[1])),
        ]
        if let host = values("host").first { fields.append(HeaderField(name: ":authority", value: host)) }
        for header in headers where !Self.hopByHop.contains(header.name) {
            fields.append(HeaderField(name: header.name, value: header.value))
        }
    }

    /// The octets of unpadded base64url text (RFC 4648 §5), or nil when it is not that.
    static func base64URLDecoded(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        for character in text.utf8 {
            let sextet: UInt8
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): sextet = character - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): sextet = character - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sextet = character - UInt8(ascii: "0") + 52
            case UInt8(ascii: "-"): sextet = 62
            case UInt8(ascii: "_"): sextet = 63
            default: return nil
            }
            accumulator = accumulator << 6 | UInt32(sextet)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return bits < 6 ? output : nil  // six spare bits: a length no encoder produces
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
