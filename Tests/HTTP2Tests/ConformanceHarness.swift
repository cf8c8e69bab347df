import HPACK
import HTTP2
import Testing

/// Error codes as RFC 9113 §7 numbers them (typed in from the RFC, not from the engine).
enum Code {
    static let noError: UInt32 = 0x0, protocolError: UInt32 = 0x1, internalError: UInt32 = 0x2
    static let flowControl: UInt32 = 0x3, streamClosed: UInt32 = 0x5, frameSize: UInt32 = 0x6
    static let refusedStream: UInt32 = 0x7, cancel: UInt32 = 0x8, compression: UInt32 = 0x9
}

/// One MUST rule of RFC 9113 (or RFC 7541 through it): what a misbehaving peer sends
/// and the error the RFC prescribes.
struct ConformanceCase: CustomTestStringConvertible, Sendable {
    enum Step: Sendable {
        /// Octets from the peer.
        case peer([UInt8])
        /// Our application answers the stream with a complete response (server) or
        /// sends a request without a body (client; the stream number is then 1, 3, ...).
        case respond(UInt32)
        /// Our application starts a graceful shutdown (GOAWAY with NO_ERROR).
        case goAway
    }

    enum Expectation: Sendable {
        /// GOAWAY with one of the codes.
        case connectionError(Set<UInt32>)
        /// RST_STREAM on the stream with one of the codes, and no GOAWAY.
        case streamError(UInt32, Set<UInt32>)
        /// Either of the above (the RFC lets the receiver choose).
        case streamOrConnectionError(UInt32, Set<UInt32>)
        /// No error: a PING sent afterwards is answered.
        case accepted
    }

    let section: String
    let rule: String
    let steps: [Step]
    let expect: Expectation
    var settings = HTTP2Settings()
    var connectionWindowBytes = 1 << 20

    var testDescription: String { "\(section) \(rule)" }
}

/// Drives one engine through a case: the peer's preface and SETTINGS (with the ACK of
/// ours), then the steps, then (for `.accepted`) a PING; returns every frame the engine wrote.
struct ConformanceRunner {
    static let probe: [UInt8] = Array("h2specok".utf8)

    static func run(_ testCase: ConformanceCase, role: HTTP2Connection.Role) -> [Wire.Frame] {
        var engine = HTTP2Connection(
            role: role,
            configuration: .init(settings: testCase.settings, connectionWindowBytes: testCase.connectionWindowBytes))
        _ = engine.takeOutbound()
        let preface = role == .server ? Wire.preface : []
        _ = engine.receive(preface + Wire.settingsFrame() + Wire.settingsAck)
        var written = engine.takeOutbound()
        for step in testCase.steps {
            switch step {
            case let .peer(bytes):
                _ = engine.receive(bytes)
            case .goAway:
                engine.goAway()
            case let .respond(stream):
                if role == .server {
                    try? engine.sendHeaders([HeaderField(name: ":status", value: "200")], on: HTTP2StreamID(stream), endStream: true)
                } else {
                    _ = try? engine.sendRequest(Wire.getRequest.map { HeaderField(name: $0.0, value: $0.1) })
                }
            }
            written += engine.takeOutbound()
        }
        if case .accepted = testCase.expect {
            _ = engine.receive(Wire.ping(probe))
            written += engine.takeOutbound()
        }
        return Wire.parse(written)
    }

    /// Checks `frames` against the expectation, recording issues in the current test.
    static func check(_ frames: [Wire.Frame], _ expect: ConformanceCase.Expectation) {
        let goAway = frames.first { $0.type == Wire.goAway }
        func reset(on stream: UInt32) -> Wire.Frame? { frames.first { $0.type == Wire.rstStream && $0.stream == stream } }
        switch expect {
        case let .connectionError(codes):
            #expect(goAway.flatMap(\.errorCode).map(codes.contains) == true, "expected GOAWAY \(codes), got \(frames)")
        case let .streamError(stream, codes):
            #expect(goAway == nil, "expected only RST_STREAM, got GOAWAY \(String(describing: goAway?.errorCode))")
            #expect(reset(on: stream).flatMap(\.errorCode).map(codes.contains) == true, "expected RST_STREAM \(codes) on \(stream), got \(frames)")
        case let .streamOrConnectionError(stream, codes):
            let code = reset(on: stream)?.errorCode ?? goAway?.errorCode
            #expect(code.map(codes.contains) == true, "expected \(codes) on stream \(stream) or connection, got \(frames)")
        case .accepted:
            #expect(goAway.flatMap(\.errorCode) ?? Code.noError == Code.noError && !frames.contains { $0.type == Wire.rstStream }, "expected no error, got \(frames)")
            #expect(frames.contains { $0.type == Wire.ping && $0.flags & Wire.ack != 0 && $0.payload == probe }, "PING not answered")
        }
    }
}
