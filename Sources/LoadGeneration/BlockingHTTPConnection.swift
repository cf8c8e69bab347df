#if canImport(Glibc)
import Glibc
#endif

/// A blocking HTTP/1.1 keep-alive connection for one load-generator thread: one request
/// written, its response read whole, then the next. Plain sockets keep the client's share
/// of the CPU (which the server under test shares) to a few system calls per request.
/// Responses must carry a `Content-Length` or use chunked encoding.
public final class BlockingHTTPConnection {
    /// Why an exchange failed.
    public enum Failure: Error, CustomStringConvertible {
        case system(String, Int32)
        case closed
        case malformedResponse(String)

        /// A send or receive waited longer than the connection's timeout.
        public var isTimeout: Bool {
            if case let .system(_, code) = self { return code == EAGAIN || code == EWOULDBLOCK }
            return false
        }

        public var description: String {
            switch self {
            case let .system(call, code): return "\(call): \(String(cString: strerror(code)))"
            case .closed: return "the server closed the connection"
            case let .malformedResponse(why): return "malformed HTTP response: \(why)"
            }
        }
    }

    /// A whole response.
    public struct Response {
        public let status: Int
        public let body: [UInt8]
    }

    private let socket: Int32
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    /// Bytes read past the previous response (none unless the server sends extra).
    private var pending: [UInt8] = []
    static let headBytesMax = 16 * 1024
    static let bodyBytesMax = 16 * 1024 * 1024

    /// Connects to an IPv4 `host` (dotted quad) and `port`. With `timeoutSeconds`, a
    /// send or receive that waits longer fails with `EAGAIN` (``Failure/isTimeout``).
    public init(host: String = "127.0.0.1", port: UInt16, timeoutSeconds: Double? = nil) throws(Failure) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw .system("inet_pton \(host)", EINVAL) }
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw .system("socket", errno) }
        var noDelay: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        if let timeoutSeconds {
            var time = timeval(tv_sec: Int(timeoutSeconds), tv_usec: Int((timeoutSeconds - timeoutSeconds.rounded(.down)) * 1e6))
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(socket)
            throw .system("connect", code)
        }
    }

    deinit { close(socket) }

    /// The bytes of an HTTP/1.1 request, for ``exchange(_:)``: a body gets its
    /// `Content-Length` (and `Content-Type` when given); `closing` asks the server to close
    /// the connection after answering.
    public static func request(
        _ method: String, _ path: String, host: String, body: String? = nil, contentType: String? = nil, closing: Bool = false
    ) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\n"
        if closing { text += "Connection: close\r\n" }
        if let body {
            if let contentType { text += "Content-Type: \(contentType)\r\n" }
            text += "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
        } else {
            text += "\r\n"
        }
        return Array(text.utf8)
    }

    /// Writes `request` (a whole HTTP request) and reads the response.
    public func exchange(_ request: [UInt8]) throws(Failure) -> Response {
        try writeAll(request)
        return try readResponse()
    }

    private func writeAll(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { send(socket, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .system("send", errno)
            }
            offset += written
        }
    }

    private func readResponse() throws(Failure) -> Response {
        var data = pending
        pending = []
        var headEnd = Self.find(crlfcrlf, in: data, from: 0)
        while headEnd == nil {
            guard data.count < Self.headBytesMax else { throw .malformedResponse("head over \(Self.headBytesMax) bytes") }
            try readMore(into: &data)
            headEnd = Self.find(crlfcrlf, in: data, from: 0)
        }
        let bodyStart = headEnd! + 4
        let (status, framing) = try Self.parseHead(data[..<headEnd!])
        switch framing {
        case .length(let length):
            let total = bodyStart + length
            while data.count < total { try readMore(into: &data) }
            if data.count > total { pending = Array(data[total...]) }
            return Response(status: status, body: Array(data[bodyStart..<total]))
        case .chunked:
            return Response(status: status, body: try readChunks(&data, from: bodyStart))
        }
    }

    /// Decodes a chunked body starting at `offset`; keeps what follows it for the next response.
    private func readChunks(_ data: inout [UInt8], from offset: Int) throws(Failure) -> [UInt8] {
        var body: [UInt8] = []
        var cursor = offset
        while true {
            var lineEnd = Self.find(crlf, in: data, from: cursor)
            while lineEnd == nil {
                guard data.count - cursor < 1024 else { throw .malformedResponse("chunk size line") }
                try readMore(into: &data)
                lineEnd = Self.find(crlf, in: data, from: cursor)
            }
            let sizeText = String(decoding: data[cursor..<lineEnd!], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingSpaces, radix: 16), size >= 0, body.count + size <= Self.bodyBytesMax else {
                throw .malformedResponse("chunk size \(sizeText)")
            }
            cursor = lineEnd! + 2
            if size == 0 {
                // Trailers (none expected) end with an empty line.
                var end = Self.find(crlf, in: data, from: cursor)
                while end == nil { try readMore(into: &data); end = Self.find(crlf, in: data, from: cursor) }
                cursor = end! + 2
                if data.count > cursor { pending = Array(data[cursor...]) }
                return body
            }
            while data.count < cursor + size + 2 { try readMore(into: &data) }
            body.append(contentsOf: data[cursor..<(cursor + size)])
            cursor += size + 2
        }
    }

    private func readMore(into data: inout [UInt8]) throws(Failure) {
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                data.append(contentsOf: buffer[..<count])
                return
            }
            if count == 0 { throw .closed }
            if errno != EINTR { throw .system("recv", errno) }
        }
    }

    private enum Framing { case length(Int), chunked }

    private static func find(_ pattern: [UInt8], in data: [UInt8], from start: Int) -> Int? {
        guard data.count >= start + pattern.count else { return nil }
        outer: for index in start...(data.count - pattern.count) {
            for (offset, byte) in pattern.enumerated() where data[index + offset] != byte { continue outer }
            return index
        }
        return nil
    }

    /// The status code and how the body is framed.
    private static func parseHead(_ head: ArraySlice<UInt8>) throws(Failure) -> (status: Int, framing: Framing) {
        let lines = String(decoding: head, as: UTF8.self).split(separator: "\r\n")
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/1.1 "),
              let status = Int(statusLine.dropFirst(9).prefix(3))
        else { throw .malformedResponse("status line") }
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].lowercased()
            let value = parts[1].trimmingSpaces
            if name == "transfer-encoding", value.lowercased() == "chunked" { return (status, .chunked) }
            if name == "content-length" {
                guard let length = Int(value), (0...bodyBytesMax).contains(length) else {
                    throw .malformedResponse("Content-Length \(value)")
                }
                return (status, .length(length))
            }
        }
        throw .malformedResponse("neither Content-Length nor chunked")
    }
}

private let crlf: [UInt8] = [13, 10]
private let crlfcrlf: [UInt8] = [13, 10, 13, 10]

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
