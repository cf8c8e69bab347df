import HTTP2
import Testing

/// RFC 9113 rules a server can break, against a client-role engine that has sent
/// `GET /` on stream 1 (half-closed local).
struct ClientConformanceTests {
    typealias C = ConformanceCase
    static let p = Code.protocolError
    static let status200 = Wire.headersFrame(1, [(":status", "200")], flags: Wire.endHeaders)
    static func promise(on stream: UInt32 = 1, _ promised: UInt32, _ fields: [(String, String)] = Wire.getRequest) -> [UInt8] {
        Wire.frame(Wire.pushPromise, flags: Wire.endHeaders, stream: stream, Wire.be32(promised) + Wire.block(fields))
    }
    static let noPush = { var s = HTTP2Settings(); s.enablePush = false; return s }()

    static let cases: [C] = [
        C(section: "6.5.2", rule: "a server sending SETTINGS_ENABLE_PUSH = 1: PROTOCOL_ERROR",
          steps: [.peer(Wire.settingsFrame(Wire.setting(2, 1)))], expect: .connectionError([p])),
        C(section: "8.4", rule: "PUSH_PROMISE after SETTINGS_ENABLE_PUSH = 0: PROTOCOL_ERROR",
          steps: [.respond(1), .peer(promise(2))], expect: .connectionError([p]), settings: noPush),
        C(section: "6.6", rule: "PUSH_PROMISE promising an odd stream: PROTOCOL_ERROR",
          steps: [.respond(1), .peer(promise(3))], expect: .connectionError([p])),
        C(section: "6.6", rule: "PUSH_PROMISE on an idle stream: PROTOCOL_ERROR",
          steps: [.respond(1), .peer(promise(on: 5, 2))], expect: .connectionError([p])),
        C(section: "6.6", rule: "PUSH_PROMISE on a closed stream: PROTOCOL_ERROR",
          steps: [.respond(1), .peer(Wire.headersFrame(1, [(":status", "200")])), .peer(promise(2))], expect: .connectionError([p])),
        C(section: "6.6", rule: "PUSH_PROMISE reusing a promised stream: PROTOCOL_ERROR",
          steps: [.respond(1), .peer(promise(2) + promise(2))], expect: .connectionError([p])),
        C(section: "8.4", rule: "a pushed request without :path: stream PROTOCOL_ERROR on the promised stream",
          steps: [.respond(1), .peer(promise(2, [(":method", "GET"), (":scheme", "http")]))], expect: .streamError(2, [p])),
        C(section: "8.4", rule: "push and pushed response are accepted",
          steps: [.respond(1), .peer(promise(2) + Wire.headersFrame(2, [(":status", "200")]) + Wire.headersFrame(1, [(":status", "200")]))],
          expect: .accepted),
        C(section: "5.1", rule: "reserved (remote): DATA is a connection PROTOCOL_ERROR",
          steps: [.respond(1), .peer(promise(2) + Wire.dataFrame(2, [1]))], expect: .connectionError([p])),
        C(section: "5.1", rule: "reserved (remote): WINDOW_UPDATE is a connection PROTOCOL_ERROR",
          steps: [.respond(1), .peer(promise(2) + Wire.windowUpdate(2, 1))], expect: .connectionError([p])),
        C(section: "5.1.1", rule: "a server opening a stream with HEADERS: PROTOCOL_ERROR",
          steps: [.respond(1), .peer(Wire.headersFrame(2, [(":status", "200")]))], expect: .connectionError([p])),
        C(section: "8.3.2", rule: "response without :status: PROTOCOL_ERROR",
          steps: [.respond(1), .peer(Wire.headersFrame(1, [("x-a", "1")]))], expect: .streamError(1, [p])),
        C(section: "8.3.2", rule: "response with a request pseudo-header: PROTOCOL_ERROR",
          steps: [.respond(1), .peer(Wire.headersFrame(1, [(":status", "200"), (":path", "/")]))], expect: .streamError(1, [p])),
        C(section: "8.3.2", rule: "non-numeric :status: PROTOCOL_ERROR",
          steps: [.respond(1), .peer(Wire.headersFrame(1, [(":status", "2x0")]))], expect: .streamError(1, [p])),
        C(section: "8.1", rule: "1xx then a final response is accepted",
          steps: [.respond(1), .peer(Wire.headersFrame(1, [(":status", "103"), ("link", "</a>")], flags: Wire.endHeaders) + Wire.headersFrame(1, [(":status", "200")]))],
          expect: .accepted),
        C(section: "8.1", rule: "1xx with END_STREAM: PROTOCOL_ERROR",
          steps: [.respond(1), .peer(Wire.headersFrame(1, [(":status", "100")]))], expect: .streamError(1, [p])),
        C(section: "5.1", rule: "half-closed (local) accepts DATA; closed afterwards rejects it",
          steps: [.respond(1), .peer(status200 + Wire.dataFrame(1, [1], endStream: true) + Wire.dataFrame(1, [2]))],
          expect: .streamOrConnectionError(1, [Code.streamClosed])),
    ]

    @Test(arguments: cases)
    func rule(_ testCase: ConformanceCase) {
        ConformanceRunner.check(ConformanceRunner.run(testCase, role: .client), testCase.expect)
    }
}
