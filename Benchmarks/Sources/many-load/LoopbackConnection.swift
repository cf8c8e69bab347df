#if canImport(Glibc)
import Glibc
#endif

/// A blocking HTTP/1.1 keep-alive connection for one client thread: one request written,
/// its response read whole, then the next. Plain sockets keep the client's share of the
/// CPU (which the server under test shares) to a few system calls per request.
final class LoopbackConnection {
    enum Failure: Error, CustomStringConvertible {
        case system(String, Int32)
        case closed
        case malformedResponse(String)

        var description: String {
            switch self {
            case let .system(call, code): return "\(call): \(String(cString: strerror(code)))"
            case .closed: return "the server closed the connection"
            case let .malformedResponse(why): return "malformed HTTP response: \(why)"
            }
        }
    }

    struct Response {
        let status: Int
        let body: [UInt8]
    }

    private let socket: Int32
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    /// Bytes read past the previous response (none unless the server sends extra).
    private var pending: [UInt8] = []
    /// Response heads are small; anything larger is not our server.
    static let headBytesMax = 16 * 1024
    static let bodyBytesMax = 4 * 1024 * 1024

    init(port: UInt16) throws(Failure) {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw .system("socket", errno) }
        var noDelay: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian  // 127.0.0.1
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

    /// Writes `request` (a whole HTTP request) and reads the response.
    func exchange(_ request: [UInt8]) throws(Failure) -> Response {
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
        var headEnd = Self.headEnd(data)
        while headEnd == nil {
            guard data.count < Self.headBytesMax else { throw .malformedResponse("head over \(Self.headBytesMax) bytes") }
            try readMore(into: &data)
            headEnd = Self.headEnd(data)
        }
        let (status, length) = try Self.parseHead(data[..<headEnd!])
        let total = headEnd! + 4 + length
        while data.count < total { try readMore(into: &data) }
        if data.count > total { pending = Array(data[total...]) }
        return Response(status: status, body: Array(data[(headEnd! + 4)..<total]))
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

    /// The index of the blank line ending the head, if it has arrived.
    private static func headEnd(_ data: [UInt8]) -> Int? {
        guard data.count >= 4 else { return nil }
        for index in 0...(data.count - 4)
        where data[index] == 13 && data[index + 1] == 10 && data[index + 2] == 13 && data[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// The status code and Content-Length (our server always sends one).
    private static func parseHead(_ head: ArraySlice<UInt8>) throws(Failure) -> (status: Int, length: Int) {
        let lines = String(decoding: head, as: UTF8.self).split(separator: "\r\n")
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/1.1 "),
              let status = Int(statusLine.dropFirst(9).prefix(3))
        else { throw .malformedResponse("status line") }
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { continue }
            guard let length = Int(parts[1].drop(while: { $0 == " " || $0 == "\t" })), (0...bodyBytesMax).contains(length) else {
                throw .malformedResponse("Content-Length \(parts[1])")
            }
            return (status, length)
        }
        throw .malformedResponse("no Content-Length")
    }
}
