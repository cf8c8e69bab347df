import HTTP2
import Testing

/// RFC 9113's MUST rules as h2spec's `http2` and `hpack` sections list them, each
/// violated by a client against a server-role engine.
struct ServerConformanceTests {
    typealias C = ConformanceCase
    static let get = Wire.headersFrame(1)
    static let postOpen = Wire.headersFrame(1, Wire.postRequest, flags: Wire.endHeaders)
    static let getNoEnd = Wire.headersFrame(1, Wire.getRequest, flags: Wire.endStream)  // no END_HEADERS
    static let fragment = Wire.block([("x-a", "1")])
    static func continuation(_ stream: UInt32, end: Bool = true) -> [UInt8] {
        Wire.frame(Wire.continuation, flags: end ? Wire.endHeaders : 0, stream: stream, fragment)
    }
    static func request(_ extra: [(String, String)], base: [(String, String)] = Wire.getRequest, stream: UInt32 = 1) -> [UInt8] {
        Wire.headersFrame(stream, base + extra)
    }
    static func rawBlock(_ block: [UInt8]) -> [UInt8] {
        Wire.frame(Wire.headers, flags: Wire.endHeaders | Wire.endStream, stream: 1, block)
    }
    static let p = Code.protocolError, size = Code.frameSize, closed = Code.streamClosed
    static let flow = Code.flowControl, compression = Code.compression

    static let cases: [C] = framing + streamStates + frameDefinitions + settingsAndFlow + httpSemantics + hpack

    static let framing: [C] = [
        C(section: "3.4", rule: "first frame after the preface must be SETTINGS",
          steps: [], expect: .accepted),
        C(section: "4.1/1", rule: "unknown frame type is ignored",
          steps: [.peer(Wire.frame(0x16, stream: 0, [1, 2, 3]))], expect: .accepted),
        C(section: "4.1/2", rule: "undefined flags are ignored",
          steps: [.peer(Wire.ping([0, 0, 0, 0, 0, 0, 0, 1], flags: 0x16 & ~Wire.ack))], expect: .accepted),
        C(section: "4.1/3", rule: "the reserved bit of the stream id is ignored",
          steps: [.peer(Wire.frame(Wire.headers, flags: Wire.endHeaders | Wire.endStream, stream: 0x8000_0001, Wire.block(Wire.getRequest)))],
          expect: .accepted),
        C(section: "4.2/1", rule: "DATA of 2^14 octets is accepted",
          steps: [.peer(postOpen + Wire.dataFrame(1, [UInt8](repeating: 7, count: 16384), endStream: true))], expect: .accepted),
        C(section: "4.2/2", rule: "DATA above SETTINGS_MAX_FRAME_SIZE: FRAME_SIZE_ERROR",
          steps: [.peer(postOpen + Wire.dataFrame(1, [UInt8](repeating: 7, count: 16385)))],
          expect: .streamOrConnectionError(1, [size])),
        C(section: "4.2/3", rule: "HEADERS above SETTINGS_MAX_FRAME_SIZE: connection FRAME_SIZE_ERROR",
          steps: [.peer(request([("x-big", String(repeating: "a", count: 16400))]))], expect: .connectionError([size])),
        C(section: "4.3/1", rule: "undecodable field block: COMPRESSION_ERROR",
          steps: [.peer(rawBlock([0x00]))], expect: .connectionError([compression])),
        C(section: "4.3/2", rule: "PRIORITY between HEADERS and CONTINUATION: PROTOCOL_ERROR",
          steps: [.peer(getNoEnd + Wire.frame(Wire.priority, stream: 1, Wire.be32(0) + [15]) + continuation(1))],
          expect: .connectionError([p])),
        C(section: "4.3/3", rule: "HEADERS of another stream inside a field block: PROTOCOL_ERROR",
          steps: [.peer(getNoEnd + Wire.headersFrame(3))], expect: .connectionError([p])),
        C(section: "5.5/1", rule: "unknown extension frame on a stream is ignored",
          steps: [.peer(get + Wire.frame(0xfa, stream: 1, [0xff]))], expect: .accepted),
        C(section: "5.5/2", rule: "unknown frame inside a field block: PROTOCOL_ERROR",
          steps: [.peer(getNoEnd + Wire.frame(0xfa, stream: 1, [0xff]) + continuation(1))], expect: .connectionError([p])),
    ]

    static let streamStates: [C] = [
        C(section: "5.1/1", rule: "idle: DATA is a connection PROTOCOL_ERROR",
          steps: [.peer(Wire.dataFrame(1, [1]))], expect: .connectionError([p])),
        C(section: "5.1/2", rule: "idle: RST_STREAM is a connection PROTOCOL_ERROR",
          steps: [.peer(Wire.rst(1, Code.cancel))], expect: .connectionError([p])),
        C(section: "5.1/3", rule: "idle: WINDOW_UPDATE is a connection PROTOCOL_ERROR",
          steps: [.peer(Wire.windowUpdate(1, 100))], expect: .connectionError([p])),
        C(section: "5.1/4", rule: "idle: CONTINUATION is a connection PROTOCOL_ERROR",
          steps: [.peer(continuation(1))], expect: .connectionError([p])),
        C(section: "5.1/5", rule: "half-closed (remote): DATA is STREAM_CLOSED",
          steps: [.peer(get + Wire.dataFrame(1, [1]))], expect: .streamOrConnectionError(1, [closed])),
        C(section: "5.1/6", rule: "half-closed (remote): HEADERS is STREAM_CLOSED",
          steps: [.peer(get + Wire.headersFrame(1, [("x-trailer", "1")]))], expect: .streamOrConnectionError(1, [closed])),
        C(section: "5.1/7", rule: "half-closed (remote): CONTINUATION is an error",
          steps: [.peer(get + continuation(1))], expect: .streamOrConnectionError(1, [closed, p])),
        C(section: "5.1/8", rule: "closed by RST_STREAM: DATA is STREAM_CLOSED",
          steps: [.peer(postOpen + Wire.rst(1, Code.cancel) + Wire.dataFrame(1, [1]))], expect: .streamOrConnectionError(1, [closed])),
        C(section: "5.1/9", rule: "closed by RST_STREAM: HEADERS is STREAM_CLOSED",
          steps: [.peer(postOpen + Wire.rst(1, Code.cancel) + Wire.headersFrame(1))], expect: .streamOrConnectionError(1, [closed])),
        C(section: "5.1/10", rule: "closed by RST_STREAM: CONTINUATION is an error",
          steps: [.peer(postOpen + Wire.rst(1, Code.cancel) + continuation(1))], expect: .streamOrConnectionError(1, [closed, p])),
        C(section: "5.1/11", rule: "closed after END_STREAM both ways: DATA is STREAM_CLOSED",
          steps: [.peer(get), .respond(1), .peer(Wire.dataFrame(1, [1]))], expect: .streamOrConnectionError(1, [closed])),
        C(section: "5.1/12", rule: "closed after END_STREAM both ways: HEADERS is STREAM_CLOSED",
          steps: [.peer(get), .respond(1), .peer(Wire.headersFrame(1))], expect: .streamOrConnectionError(1, [closed])),
        C(section: "5.1/13", rule: "closed after END_STREAM both ways: CONTINUATION is an error",
          steps: [.peer(get), .respond(1), .peer(continuation(1))], expect: .streamOrConnectionError(1, [closed, p])),
        C(section: "5.1", rule: "closed: WINDOW_UPDATE and RST_STREAM shortly after are accepted",
          steps: [.peer(get), .respond(1), .peer(Wire.windowUpdate(1, 10) + Wire.rst(1, Code.cancel))], expect: .accepted),
        C(section: "5.1", rule: "closed: PRIORITY is accepted",
          steps: [.peer(get), .respond(1), .peer(Wire.frame(Wire.priority, stream: 1, Wire.be32(3) + [10]))], expect: .accepted),
        C(section: "5.1", rule: "idle: PRIORITY is accepted",
          steps: [.peer(Wire.frame(Wire.priority, stream: 9, Wire.be32(0) + [10]))], expect: .accepted),
        C(section: "5.1", rule: "reset by us: DATA already in flight is ignored",
          steps: [.peer(postOpen + Wire.dataFrame(1, [1], endStream: true) + request([("content-length", "5")], base: Wire.postRequest, stream: 3)
                        + Wire.dataFrame(3, [1, 2, 3, 4, 5, 6]) + Wire.dataFrame(3, [1]))],
          expect: .streamError(3, [p])),
        C(section: "5.1", rule: "open: PRIORITY, WINDOW_UPDATE and an empty DATA with END_STREAM are accepted",
          steps: [.peer(postOpen + Wire.frame(Wire.priority, stream: 1, Wire.be32(0x8000_0000) + [255]) + Wire.windowUpdate(1, 1000)
                        + Wire.dataFrame(1, [], endStream: true))],
          expect: .accepted),
        C(section: "5.1", rule: "half-closed (remote): WINDOW_UPDATE, PRIORITY and RST_STREAM are accepted",
          steps: [.peer(get + Wire.windowUpdate(1, 1000) + Wire.frame(Wire.priority, stream: 1, Wire.be32(0) + [1]) + Wire.rst(1, Code.cancel))],
          expect: .accepted),
        C(section: "5.1", rule: "a stream id far above the last one is accepted (skipped ids close)",
          steps: [.peer(get + Wire.headersFrame(0x7fff_ffff))], expect: .accepted),
        C(section: "5.1.1/1", rule: "client opening an even stream: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(2))], expect: .connectionError([p])),
        C(section: "5.1.1/2", rule: "stream id below an earlier one: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(5) + Wire.headersFrame(3))], expect: .connectionError([p])),
        C(section: "5.1.2/1", rule: "beyond SETTINGS_MAX_CONCURRENT_STREAMS: REFUSED_STREAM",
          steps: [.peer(postOpen + Wire.headersFrame(3))], expect: .streamOrConnectionError(3, [Code.refusedStream, p]),
          settings: { var s = HTTP2Settings(); s.maxConcurrentStreams = 1; return s }()),
        C(section: "5.3.1/1", rule: "HEADERS depending on its own stream: PROTOCOL_ERROR",
          steps: [.peer(Wire.frame(Wire.headers, flags: Wire.endHeaders | Wire.endStream | Wire.priorityFlag, stream: 1,
                                   Wire.be32(1) + [15] + Wire.block(Wire.getRequest)))],
          expect: .streamError(1, [p])),
        C(section: "5.3.1/2", rule: "PRIORITY depending on its own stream: PROTOCOL_ERROR",
          steps: [.peer(Wire.frame(Wire.priority, stream: 1, Wire.be32(1) + [15]))], expect: .streamError(1, [p])),
        C(section: "5.3.2", rule: "HEADERS with an RFC 7540 priority is accepted (and the priority ignored)",
          steps: [.peer(Wire.frame(Wire.headers, flags: Wire.endHeaders | Wire.endStream | Wire.priorityFlag, stream: 1,
                                   Wire.be32(0x8000_0000) + [200] + Wire.block(Wire.getRequest)))],
          expect: .accepted),
        C(section: "5.4.1/2", rule: "an invalid PING closes the connection with GOAWAY",
          steps: [.peer(Wire.frame(Wire.ping, [1, 2, 3]))], expect: .connectionError([size])),
    ]

    static let frameDefinitions: [C] = [
        C(section: "6.1/1", rule: "DATA on stream 0: PROTOCOL_ERROR",
          steps: [.peer(Wire.dataFrame(0, [1]))], expect: .connectionError([p])),
        C(section: "6.1/2", rule: "DATA on a half-closed (remote) stream: STREAM_CLOSED",
          steps: [.peer(get + Wire.dataFrame(1, [1]))], expect: .streamOrConnectionError(1, [closed])),
        C(section: "6.1/3", rule: "DATA with pad length beyond the payload: PROTOCOL_ERROR",
          steps: [.peer(postOpen + Wire.frame(Wire.data, flags: Wire.padded, stream: 1, [6, 1, 2, 3]))], expect: .connectionError([p])),
        C(section: "6.1", rule: "padded DATA is accepted",
          steps: [.peer(postOpen + Wire.frame(Wire.data, flags: Wire.padded | Wire.endStream, stream: 1, [3, 9, 9, 0, 0, 0]))], expect: .accepted),
        C(section: "6.2/1", rule: "HEADERS without END_HEADERS then PRIORITY: PROTOCOL_ERROR",
          steps: [.peer(getNoEnd + Wire.frame(Wire.priority, stream: 3, Wire.be32(0) + [1]))], expect: .connectionError([p])),
        C(section: "6.2/2", rule: "HEADERS then CONTINUATION on another stream: PROTOCOL_ERROR",
          steps: [.peer(getNoEnd + continuation(3))], expect: .connectionError([p])),
        C(section: "6.2/3", rule: "HEADERS on stream 0: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(0))], expect: .connectionError([p])),
        C(section: "6.2/4", rule: "HEADERS with pad length beyond the payload: PROTOCOL_ERROR",
          steps: [.peer(Wire.frame(Wire.headers, flags: Wire.endHeaders | Wire.padded, stream: 1, [200] + Wire.block(Wire.getRequest)))],
          expect: .connectionError([p])),
        C(section: "6.2", rule: "padded HEADERS with priority is accepted",
          steps: [.peer(Wire.frame(Wire.headers, flags: Wire.endHeaders | Wire.endStream | Wire.padded | Wire.priorityFlag, stream: 1,
                                   [2] + Wire.be32(0) + [15] + Wire.block(Wire.getRequest) + [0, 0]))],
          expect: .accepted),
        C(section: "6.3/1", rule: "PRIORITY on stream 0: PROTOCOL_ERROR",
          steps: [.peer(Wire.frame(Wire.priority, stream: 0, Wire.be32(1) + [15]))], expect: .connectionError([p])),
        C(section: "6.3/2", rule: "PRIORITY of 4 octets: stream FRAME_SIZE_ERROR",
          steps: [.peer(Wire.frame(Wire.priority, stream: 1, Wire.be32(0)))], expect: .streamError(1, [size])),
        C(section: "6.4/1", rule: "RST_STREAM on stream 0: PROTOCOL_ERROR",
          steps: [.peer(Wire.rst(0, Code.cancel))], expect: .connectionError([p])),
        C(section: "6.4/2", rule: "RST_STREAM on an idle stream: PROTOCOL_ERROR",
          steps: [.peer(Wire.rst(5, Code.cancel))], expect: .connectionError([p])),
        C(section: "6.4/3", rule: "RST_STREAM of 3 octets: FRAME_SIZE_ERROR",
          steps: [.peer(postOpen + Wire.frame(Wire.rstStream, stream: 1, [0, 0, 8]))], expect: .connectionError([size])),
        C(section: "6.5/1", rule: "SETTINGS ACK with a payload: FRAME_SIZE_ERROR",
          steps: [.peer(Wire.frame(Wire.settings, flags: Wire.ack, Wire.setting(1, 4096)))], expect: .connectionError([size])),
        C(section: "6.5/2", rule: "SETTINGS on a stream: PROTOCOL_ERROR",
          steps: [.peer(Wire.frame(Wire.settings, stream: 1, Wire.setting(1, 4096)))], expect: .connectionError([p])),
        C(section: "6.5/3", rule: "SETTINGS not a multiple of 6 octets: FRAME_SIZE_ERROR",
          steps: [.peer(Wire.frame(Wire.settings, [0, 1, 0]))], expect: .connectionError([size])),
        C(section: "6.5.2/1", rule: "SETTINGS_ENABLE_PUSH of 2: PROTOCOL_ERROR",
          steps: [.peer(Wire.settingsFrame(Wire.setting(2, 2)))], expect: .connectionError([p])),
        C(section: "6.5.2/2", rule: "SETTINGS_INITIAL_WINDOW_SIZE of 2^31: FLOW_CONTROL_ERROR",
          steps: [.peer(Wire.settingsFrame(Wire.setting(4, 0x8000_0000)))], expect: .connectionError([flow])),
        C(section: "6.5.2/3", rule: "SETTINGS_MAX_FRAME_SIZE of 16383: PROTOCOL_ERROR",
          steps: [.peer(Wire.settingsFrame(Wire.setting(5, 16383)))], expect: .connectionError([p])),
        C(section: "6.5.2/4", rule: "SETTINGS_MAX_FRAME_SIZE of 2^24: PROTOCOL_ERROR",
          steps: [.peer(Wire.settingsFrame(Wire.setting(5, 1 << 24)))], expect: .connectionError([p])),
        C(section: "6.5.2/5", rule: "unknown SETTINGS identifier is ignored",
          steps: [.peer(Wire.settingsFrame(Wire.setting(0xff, 1)))], expect: .accepted),
        C(section: "6.7/1", rule: "PING is answered (checked by every accepted row)",
          steps: [.peer(Wire.ping())], expect: .accepted),
        C(section: "6.7/3", rule: "PING on a stream: PROTOCOL_ERROR",
          steps: [.peer(Wire.frame(Wire.ping, stream: 1, [UInt8](repeating: 0, count: 8)))], expect: .connectionError([p])),
        C(section: "6.7/4", rule: "PING of 6 octets: FRAME_SIZE_ERROR",
          steps: [.peer(Wire.frame(Wire.ping, [UInt8](repeating: 0, count: 6)))], expect: .connectionError([size])),
        C(section: "6.8/1", rule: "GOAWAY on a stream: PROTOCOL_ERROR",
          steps: [.peer(Wire.frame(Wire.goAway, stream: 1, Wire.be32(0) + Wire.be32(0)))], expect: .connectionError([p])),
        C(section: "6.8", rule: "GOAWAY shorter than 8 octets: FRAME_SIZE_ERROR",
          steps: [.peer(Wire.frame(Wire.goAway, Wire.be32(0)))], expect: .connectionError([size])),
        C(section: "6.9/1", rule: "WINDOW_UPDATE of 0 on the connection: PROTOCOL_ERROR",
          steps: [.peer(Wire.windowUpdate(0, 0))], expect: .connectionError([p])),
        C(section: "6.9/2", rule: "WINDOW_UPDATE of 0 on a stream: stream PROTOCOL_ERROR",
          steps: [.peer(postOpen + Wire.windowUpdate(1, 0))], expect: .streamError(1, [p])),
        C(section: "6.9/3", rule: "WINDOW_UPDATE of 3 octets: FRAME_SIZE_ERROR",
          steps: [.peer(Wire.frame(Wire.windowUpdate, [0, 0, 1]))], expect: .connectionError([size])),
        C(section: "6.10/1", rule: "several CONTINUATIONs are accepted",
          steps: [.peer(getNoEnd + continuation(1, end: false) + continuation(1))], expect: .accepted),
        C(section: "6.10/2", rule: "CONTINUATION then a non-CONTINUATION frame: PROTOCOL_ERROR",
          steps: [.peer(getNoEnd + continuation(1, end: false) + Wire.dataFrame(1, [1]))], expect: .connectionError([p])),
        C(section: "6.10/3", rule: "CONTINUATION on stream 0: PROTOCOL_ERROR",
          steps: [.peer(getNoEnd + continuation(0))], expect: .connectionError([p])),
        C(section: "6.10/4", rule: "CONTINUATION after END_HEADERS: PROTOCOL_ERROR",
          steps: [.peer(postOpen + continuation(1))], expect: .connectionError([p])),
        C(section: "6.10/5", rule: "CONTINUATION after a CONTINUATION with END_HEADERS: PROTOCOL_ERROR",
          steps: [.peer(getNoEnd + continuation(1) + continuation(1))], expect: .streamOrConnectionError(1, [p, closed])),
        C(section: "6.10/6", rule: "CONTINUATION after DATA: PROTOCOL_ERROR",
          steps: [.peer(postOpen + Wire.dataFrame(1, [1]) + continuation(1))], expect: .connectionError([p])),
        C(section: "7/1", rule: "GOAWAY with an unknown error code is accepted",
          steps: [.peer(Wire.frame(Wire.goAway, Wire.be32(0) + Wire.be32(0xff)))], expect: .accepted),
        C(section: "7/2", rule: "RST_STREAM with an unknown error code is accepted",
          steps: [.peer(postOpen + Wire.rst(1, 0xff))], expect: .accepted),
    ]

    static let settingsAndFlow: [C] = [
        C(section: "6.9.1/1", rule: "DATA beyond the stream window: FLOW_CONTROL_ERROR",
          steps: [.peer(postOpen + Wire.dataFrame(1, [UInt8](repeating: 1, count: 101)))],
          expect: .streamOrConnectionError(1, [flow]),
          settings: { var s = HTTP2Settings(); s.initialWindowSize = 100; return s }()),
        C(section: "6.9.1/1b", rule: "DATA exactly filling the stream window is accepted",
          steps: [.peer(postOpen + Wire.dataFrame(1, [UInt8](repeating: 1, count: 100), endStream: true))], expect: .accepted,
          settings: { var s = HTTP2Settings(); s.initialWindowSize = 100; return s }()),
        C(section: "6.9.1/1c", rule: "DATA beyond the connection window: connection FLOW_CONTROL_ERROR",
          steps: [.peer(postOpen + (0..<4).flatMap { _ in Wire.dataFrame(1, [UInt8](repeating: 1, count: 16384)) })],
          expect: .connectionError([flow]),
          settings: { var s = HTTP2Settings(); s.initialWindowSize = 1 << 20; return s }(), connectionWindowBytes: 65535),
        C(section: "6.9.1/1d", rule: "padding counts against the window",
          steps: [.peer(postOpen + Wire.frame(Wire.data, flags: Wire.padded, stream: 1, [50] + [UInt8](repeating: 1, count: 50) + [UInt8](repeating: 0, count: 50)))],
          expect: .streamOrConnectionError(1, [flow]),
          settings: { var s = HTTP2Settings(); s.initialWindowSize = 100; return s }()),
        C(section: "6.9.1/2", rule: "WINDOW_UPDATE taking the connection window past 2^31-1: FLOW_CONTROL_ERROR",
          steps: [.peer(Wire.windowUpdate(0, 0x7fff_ffff))], expect: .connectionError([flow])),
        C(section: "6.9.1/3", rule: "WINDOW_UPDATE taking a stream window past 2^31-1: stream FLOW_CONTROL_ERROR",
          steps: [.peer(postOpen + Wire.windowUpdate(1, 0x7fff_ffff))], expect: .streamError(1, [flow])),
        C(section: "6.9.2/2", rule: "SETTINGS_INITIAL_WINDOW_SIZE making a window negative is accepted",
          steps: [.peer(postOpen + Wire.settingsFrame(Wire.setting(4, 0)))], expect: .accepted),
        C(section: "6.9.2/3", rule: "SETTINGS_INITIAL_WINDOW_SIZE overflowing an open stream's window: FLOW_CONTROL_ERROR",
          steps: [.peer(postOpen + Wire.windowUpdate(1, 0x7fff_ffff - 65535) + Wire.settingsFrame(Wire.setting(4, 65536)))],
          expect: .connectionError([flow])),
    ]

    static let httpSemantics: [C] = [
        C(section: "8.1/1", rule: "a second HEADERS without END_STREAM: PROTOCOL_ERROR",
          steps: [.peer(postOpen + Wire.headersFrame(1, [("x-trailer", "1")], flags: Wire.endHeaders))], expect: .streamError(1, [p])),
        C(section: "8.1", rule: "trailers with END_STREAM are accepted",
          steps: [.peer(postOpen + Wire.dataFrame(1, [1]) + Wire.headersFrame(1, [("x-trailer", "1")]))], expect: .accepted),
        C(section: "8.1.1", rule: "END_STREAM on HEADERS whose content-length is not 0: PROTOCOL_ERROR",
          steps: [.peer(request([("content-length", "3")], base: Wire.postRequest))], expect: .streamError(1, [p])),
        C(section: "8.1.1/1", rule: "DATA shorter than content-length: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(1, Wire.postRequest + [("content-length", "4")], flags: Wire.endHeaders) + Wire.dataFrame(1, [1, 2, 3], endStream: true))],
          expect: .streamError(1, [p])),
        C(section: "8.1.1/2", rule: "several DATA longer than content-length: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(1, Wire.postRequest + [("content-length", "4")], flags: Wire.endHeaders)
                        + Wire.dataFrame(1, [1, 2, 3]) + Wire.dataFrame(1, [4, 5], endStream: true))],
          expect: .streamError(1, [p])),
        C(section: "8.1.1/4", rule: "trailers ending a body shorter than content-length: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(1, Wire.postRequest + [("content-length", "4")], flags: Wire.endHeaders)
                        + Wire.dataFrame(1, [1, 2]) + Wire.headersFrame(1, [("x-trailer", "1")]))],
          expect: .streamError(1, [p])),
        C(section: "6.8", rule: "frames of a stream opened after our GOAWAY are ignored",
          steps: [.peer(get), .goAway, .peer(Wire.headersFrame(3, Wire.postRequest, flags: Wire.endHeaders) + Wire.dataFrame(3, [1]))],
          expect: .accepted),
        C(section: "8.1.1/3", rule: "DATA matching content-length is accepted",
          steps: [.peer(Wire.headersFrame(1, Wire.postRequest + [("content-length", "4")], flags: Wire.endHeaders)
                        + Wire.dataFrame(1, [1, 2]) + Wire.dataFrame(1, [3, 4], endStream: true))],
          expect: .accepted),
        C(section: "8.2/1", rule: "uppercase field name: PROTOCOL_ERROR",
          steps: [.peer(request([("X-Upper", "1")]))], expect: .streamError(1, [p])),
        C(section: "8.2.1/1", rule: "CR or LF in a field value: PROTOCOL_ERROR",
          steps: [.peer(request([("x-a", "1\r\nx-b: 2")]))], expect: .streamError(1, [p])),
        C(section: "8.2.1/2", rule: "NUL in a field value: PROTOCOL_ERROR",
          steps: [.peer(request([("x-a", "1\u{0}2")]))], expect: .streamError(1, [p])),
        C(section: "8.2.1/3", rule: "space in a field name: PROTOCOL_ERROR",
          steps: [.peer(request([("x a", "1")]))], expect: .streamError(1, [p])),
        C(section: "8.2.1/4", rule: "leading whitespace in a field value: PROTOCOL_ERROR",
          steps: [.peer(request([("x-a", " 1")]))], expect: .streamError(1, [p])),
        C(section: "8.2.2/1", rule: "connection-specific field (connection): PROTOCOL_ERROR",
          steps: [.peer(request([("connection", "keep-alive")]))], expect: .streamError(1, [p])),
        C(section: "8.2.2/2", rule: "connection-specific field (transfer-encoding): PROTOCOL_ERROR",
          steps: [.peer(request([("transfer-encoding", "chunked")]))], expect: .streamError(1, [p])),
        C(section: "8.2.2/3", rule: "connection-specific field (upgrade): PROTOCOL_ERROR",
          steps: [.peer(request([("upgrade", "h2c")]))], expect: .streamError(1, [p])),
        C(section: "8.2.2/4", rule: "TE other than trailers: PROTOCOL_ERROR",
          steps: [.peer(request([("te", "gzip")]))], expect: .streamError(1, [p])),
        C(section: "8.2.2/5", rule: "TE: trailers is accepted",
          steps: [.peer(request([("te", "trailers")]))], expect: .accepted),
        C(section: "8.3/1", rule: "unknown pseudo-header: PROTOCOL_ERROR",
          steps: [.peer(request([(":foo", "bar")]))], expect: .streamError(1, [p])),
        C(section: "8.3/2", rule: "response pseudo-header in a request: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(1, [(":status", "200")] + Wire.getRequest))], expect: .streamError(1, [p])),
        C(section: "8.3/3", rule: "pseudo-header in trailers: PROTOCOL_ERROR",
          steps: [.peer(postOpen + Wire.headersFrame(1, [(":method", "POST")]))], expect: .streamError(1, [p])),
        C(section: "8.3/4", rule: "pseudo-header after a regular field: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(1, [(":method", "GET"), (":scheme", "http"), ("x-a", "1"), (":path", "/")]))],
          expect: .streamError(1, [p])),
        C(section: "8.3.1/1", rule: "empty :path: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(1, [(":method", "GET"), (":scheme", "http"), (":path", "")]))], expect: .streamError(1, [p])),
        C(section: "8.3.1/2", rule: "missing :method: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(1, [(":scheme", "http"), (":path", "/")]))], expect: .streamError(1, [p])),
        C(section: "8.3.1/3", rule: "missing :scheme: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(1, [(":method", "GET"), (":path", "/")]))], expect: .streamError(1, [p])),
        C(section: "8.3.1/4", rule: "missing :path: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(1, [(":method", "GET"), (":scheme", "http")]))], expect: .streamError(1, [p])),
        C(section: "8.3.1/5", rule: "duplicated :method: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(1, [(":method", "GET"), (":method", "GET"), (":scheme", "http"), (":path", "/")]))],
          expect: .streamError(1, [p])),
        C(section: "8.3.1/6", rule: "duplicated :scheme: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(1, [(":method", "GET"), (":scheme", "http"), (":scheme", "http"), (":path", "/")]))],
          expect: .streamError(1, [p])),
        C(section: "8.3.1/7", rule: "duplicated :path: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(1, [(":method", "GET"), (":scheme", "http"), (":path", "/"), (":path", "/")]))],
          expect: .streamError(1, [p])),
        C(section: "8.5", rule: "CONNECT without :authority: PROTOCOL_ERROR",
          steps: [.peer(Wire.headersFrame(1, [(":method", "CONNECT")], flags: Wire.endHeaders))], expect: .streamError(1, [p])),
        C(section: "8.5", rule: "CONNECT with :authority only is accepted",
          steps: [.peer(Wire.headersFrame(1, [(":method", "CONNECT"), (":authority", "example.com:443")], flags: Wire.endHeaders))],
          expect: .accepted),
        C(section: "8.4/1", rule: "PUSH_PROMISE from a client: PROTOCOL_ERROR",
          steps: [.peer(postOpen + Wire.frame(Wire.pushPromise, flags: Wire.endHeaders, stream: 1, Wire.be32(2) + Wire.block(Wire.getRequest)))],
          expect: .connectionError([p])),
        C(section: "8.1.1", rule: "malformed request leaves the connection usable for the next stream",
          steps: [.peer(request([("X-Upper", "1")]) + Wire.headersFrame(3))], expect: .streamError(1, [p])),
    ]

    static let hpack: [C] = [
        C(section: "hpack 2.3.3/1", rule: "index beyond the tables: COMPRESSION_ERROR",
          steps: [.peer(rawBlock([0xbe]))], expect: .connectionError([compression])),
        C(section: "hpack 4.2/1", rule: "table size update above SETTINGS_HEADER_TABLE_SIZE: COMPRESSION_ERROR",
          steps: [.peer(rawBlock([0x3f, 0xe2, 0x1f, 0x82]))], expect: .connectionError([compression])),
        C(section: "hpack 5.2/1", rule: "Huffman string with EOS: COMPRESSION_ERROR",
          steps: [.peer(rawBlock([0x04, 0x84, 0xff, 0xff, 0xff, 0xff]))], expect: .connectionError([compression])),
        C(section: "hpack 5.2/2", rule: "Huffman padding longer than 7 bits: COMPRESSION_ERROR",
          steps: [.peer(rawBlock([0x04, 0x82, 0x1f, 0xff]))], expect: .connectionError([compression])),
        C(section: "hpack 5.2/3", rule: "Huffman padding not of ones: COMPRESSION_ERROR",
          steps: [.peer(rawBlock([0x04, 0x81, 0x18]))], expect: .connectionError([compression])),
        C(section: "hpack 6.1/1", rule: "indexed field with index 0: COMPRESSION_ERROR",
          steps: [.peer(rawBlock([0x80]))], expect: .connectionError([compression])),
        C(section: "hpack 6.3/1", rule: "table size update after a field: COMPRESSION_ERROR",
          steps: [.peer(rawBlock([0x82, 0x20]))], expect: .connectionError([compression])),
        C(section: "hpack", rule: "a malformed block on a stream the server will refuse still breaks the connection",
          steps: [.peer(postOpen + Wire.frame(Wire.headers, flags: Wire.endHeaders | Wire.endStream, stream: 3, [0x80]))],
          expect: .connectionError([compression]),
          settings: { var s = HTTP2Settings(); s.maxConcurrentStreams = 1; return s }()),
    ]

    @Test(arguments: cases)
    func rule(_ testCase: ConformanceCase) {
        ConformanceRunner.check(ConformanceRunner.run(testCase, role: .server), testCase.expect)
    }

    /// RFC 7541 §4.2 via RFC 9113 §6.5.2: after the client's SETTINGS_HEADER_TABLE_SIZE = 0,
    /// our next field block starts with a dynamic table size update to 0 (0x20).
    @Test func headerTableSizeZeroIsHonoured() throws {
        var server = HTTP2Connection(role: .server)
        _ = server.receive(Wire.preface + Wire.settingsFrame(Wire.setting(1, 0)) + Wire.settingsAck + Wire.headersFrame(1))
        _ = server.takeOutbound()
        try server.sendHeaders([.init(name: ":status", value: "200"), .init(name: "x-a", value: "1")], on: HTTP2StreamID(1), endStream: true)
        let headers = Wire.parse(server.takeOutbound()).first { $0.type == Wire.headers }
        #expect(headers?.payload.first == 0x20)
    }

    @Test func invalidPrefaceIsAConnectionError() {
        var server = HTTP2Connection(role: .server)
        let events = server.receive(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(events == [.connectionError(.protocolError, reason: "invalid connection preface at octet 0")])
        let goAway = Wire.parse(server.takeOutbound()).first { $0.type == Wire.goAway }
        #expect(goAway?.errorCode == Code.protocolError)
    }

    @Test func prefaceWithoutSettingsIsAConnectionError() {
        var server = HTTP2Connection(role: .server)
        _ = server.receive(Wire.preface + Wire.ping())
        #expect(Wire.parse(server.takeOutbound()).first { $0.type == Wire.goAway }?.errorCode == Code.protocolError)
    }

    /// RFC 9113 §5.4.1 / h2spec 5.4.1/1: GOAWAY names the last stream the server processed.
    @Test func goAwayCarriesTheLastProcessedStream() {
        var server = HTTP2Connection(role: .server)
        _ = server.receive(Wire.preface + Wire.settingsFrame() + Wire.settingsAck + Wire.headersFrame(1) + Wire.headersFrame(3))
        _ = server.receive(Wire.frame(Wire.ping, [1]))
        let goAway = Wire.parse(server.takeOutbound()).first { $0.type == Wire.goAway }
        #expect(goAway?.word(0) == 3)
        #expect(server.isClosed)
        #expect(server.receive(Wire.headersFrame(5)).isEmpty, "nothing is read after a connection error")
    }

    /// h2spec 6.5.3/2 and 6.7/2: SETTINGS are acknowledged, PING ACKs are not answered.
    @Test func settingsAreAcknowledgedAndPingAcksAreNot() {
        var server = HTTP2Connection(role: .server)
        _ = server.takeOutbound()
        let events = server.receive(Wire.preface + Wire.settingsFrame(Wire.setting(4, 1000) + Wire.setting(4, 2000)) + Wire.ping([0, 0, 0, 0, 0, 0, 0, 9], flags: Wire.ack))
        let frames = Wire.parse(server.takeOutbound())
        #expect(frames == [Wire.Frame(type: Wire.settings, flags: Wire.ack, stream: 0, payload: [])])
        #expect(server.remoteSettings.initialWindowSize == 2000, "values are processed in order (6.5.3/1)")
        #expect(events.contains(.pingAcknowledged(opaque: 9)))
    }
}
