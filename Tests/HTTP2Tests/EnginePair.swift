import HPACK
import HTTP2

/// A client engine and a server engine wired back to back in memory, with a tiny
/// application on each side: the server answers `GET /bytes/N` with N pattern octets
/// seeded by the stream id (`/fixed/N`: seed 0)
/// and echoes POST bodies; the client collects responses. Data is consumed as it
/// arrives (so windows reopen) unless `clientConsumes` is off.
struct EnginePair {
    struct Response: Equatable {
        var headers: [HeaderField] = []
        var body: [UInt8] = []
        var trailers: [HeaderField] = []
        var ended = false
        var reset: HTTP2ErrorCode?
        var status: String? { headers.first { $0.nameText == ":status" }?.valueText }
    }

    var client: HTTP2Connection
    var server: HTTP2Connection
    var responses: [HTTP2StreamID: Response] = [:]
    var requestBodies: [HTTP2StreamID: [UInt8]] = [:]
    var requestPaths: [HTTP2StreamID: String] = [:]
    var clientEvents: [HTTP2Event] = []
    var serverEvents: [HTTP2Event] = []
    var clientConsumes = true
    /// Paths the server pushes alongside any GET /index.html.
    var pushes: [String] = []
    /// The largest DATA payload the server sent.
    var largestDataFrame = 0

    init(client: HTTP2Connection.Configuration = .init(), server: HTTP2Connection.Configuration = .init()) {
        self.client = HTTP2Connection(role: .client, configuration: client)
        self.server = HTTP2Connection(role: .server, configuration: server)
    }

    static func pattern(_ count: Int, seed: Int = 0) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8 &+ seed) } }

    static func get(_ path: String) -> [HeaderField] {
        [.init(name: ":method", value: "GET"), .init(name: ":scheme", value: "http"), .init(name: ":path", value: path),
         .init(name: ":authority", value: "localhost")]
    }

    static func post(_ path: String) -> [HeaderField] {
        [.init(name: ":method", value: "POST"), .init(name: ":scheme", value: "http"), .init(name: ":path", value: path),
         .init(name: ":authority", value: "localhost")]
    }

    /// Moves bytes both ways until neither side has anything to say (bounded).
    mutating func run(maxRounds: Int = 10_000) {
        for _ in 0..<maxRounds {
            let toServer = client.takeOutbound(), toClient = server.takeOutbound()
            if toServer.isEmpty && toClient.isEmpty { return }
            if !toServer.isEmpty { handleServer(server.receive(toServer)) }
            if !toClient.isEmpty {
                for frame in Wire.parse(toClient) where frame.type == Wire.data {
                    largestDataFrame = max(largestDataFrame, frame.payload.count)
                }
                handleClient(client.receive(toClient))
            }
        }
    }

    mutating func handleClient(_ events: [HTTP2Event]) {
        clientEvents += events
        for event in events {
            switch event {
            case let .headersReceived(id, fields, endStream):
                if fields.first(where: { $0.nameText == ":status" })?.valueText.first == "1" { continue }
                responses[id, default: .init()].headers = fields
                if endStream { responses[id]?.ended = true }
            case let .dataReceived(id, bytes, endStream):
                responses[id, default: .init()].body += bytes
                if endStream { responses[id]?.ended = true }
                if clientConsumes { client.dataConsumed(bytes.count, on: id) }
            case let .trailersReceived(id, fields):
                responses[id, default: .init()].trailers = fields
                responses[id]?.ended = true
            case let .streamReset(id, code, _):
                responses[id, default: .init()].reset = code
            default: break
            }
        }
    }

    mutating func handleServer(_ events: [HTTP2Event]) {
        serverEvents += events
        for event in events {
            switch event {
            case let .headersReceived(id, fields, endStream):
                requestPaths[id] = fields.first { $0.nameText == ":path" }?.valueText
                if endStream { respond(id) }
            case let .dataReceived(id, bytes, endStream):
                requestBodies[id, default: []] += bytes
                server.dataConsumed(bytes.count, on: id)
                if endStream { respond(id) }
            case let .trailersReceived(id, _):
                respond(id)
            default: break
            }
        }
    }

    private mutating func respond(_ id: HTTP2StreamID) {
        let path = requestPaths[id] ?? "/"
        if path == "/index.html" {
            for pushed in pushes {
                guard let promised = try? server.sendPushPromise(Self.get(pushed), on: id) else { continue }
                try? server.sendHeaders([.init(name: ":status", value: "200")], on: promised, endStream: false)
                try? server.sendData(Array(pushed.utf8), on: promised, endStream: true)
            }
        }
        let body: [UInt8]
        if let body0 = requestBodies[id] {
            body = body0
        } else if path.hasPrefix("/bytes/"), let count = Int(path.dropFirst(7)) {
            body = Self.pattern(count, seed: Int(id.rawValue))
        } else if path.hasPrefix("/fixed/"), let count = Int(path.dropFirst(7)) {
            body = Self.pattern(count, seed: 0)
        } else {
            body = Array(path.utf8)
        }
        try? server.sendHeaders([.init(name: ":status", value: "200"), .init(name: "content-length", value: "\(body.count)")], on: id, endStream: false)
        try? server.sendData(body, on: id, endStream: true)
    }
}
