import Foundation
import Testing
import TestSupport
import Transport

/// Python `h2` (hyper-h2, installed by scripts/test) as the client of our NIO server: over
/// TLS with ALPN `h2` (the `ssl` module verifying our certificate) and over HTTP/1.1
/// `Upgrade: h2c` (h2's `initiate_upgrade_connection`). The peer prints the status, the
/// negotiated protocol and the body in hex.
@Suite(.serialized)
struct HTTP2ServerPythonTests {
    static let client = #"""
import socket, ssl, sys
import h2.config, h2.connection, h2.events

port, mode, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True, header_encoding="utf-8"))
sock = socket.create_connection(("127.0.0.1", port), timeout=10)
protocol = "h2c-upgrade"
if mode == "tls":
    context = ssl.create_default_context(cafile=sys.argv[4])
    context.set_alpn_protocols(["h2"])
    sock = context.wrap_socket(sock, server_hostname="127.0.0.1")
    protocol = sock.selected_alpn_protocol()
    conn.initiate_connection()
    conn.send_headers(1, [(":method", "GET"), (":scheme", "https"), (":authority", "127.0.0.1"), (":path", path)], end_stream=True)
    sock.sendall(conn.data_to_send())
else:
    settings = conn.initiate_upgrade_connection()
    sock.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                 + b"Upgrade: h2c\r\nHTTP2-Settings: " + settings + b"\r\n\r\n")
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        head += sock.recv(1)  # one octet at a time: HTTP/2 frames follow the 101 at once
    assert head.startswith(b"HTTP/1.1 101 "), head
    sock.sendall(conn.data_to_send())
status, body, ended = None, b"", False
while not ended:
    data = sock.recv(65536)
    if not data:
        break
    for event in conn.receive_data(data):
        if isinstance(event, h2.events.ResponseReceived) and event.stream_id == 1:
            status = dict(event.headers)[":status"]
        elif isinstance(event, h2.events.DataReceived):
            body += event.data
            conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
        elif isinstance(event, h2.events.StreamEnded) and event.stream_id == 1:
            ended = True
        elif isinstance(event, (h2.events.StreamReset, h2.events.ConnectionTerminated)):
            sys.exit(f"unexpected {event}")
    sock.sendall(conn.data_to_send())
conn.close_connection()
sock.sendall(conn.data_to_send())
print(status, protocol, ended)
print(body.hex())
"""#

    /// Uploads `limit + 1` octets on stream 1 without a content-length and without ending
    /// the stream, waits for the server's answer, then asks for 10 octets on stream 3 of the
    /// same connection. Prints the first stream's status and reset code, then the second's status.
    static let oversizedUpload = #"""
import socket, sys
import h2.config, h2.connection, h2.events

port, limit = int(sys.argv[1]), int(sys.argv[2])
conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True, header_encoding="utf-8"))
sock = socket.create_connection(("127.0.0.1", port), timeout=10)
conn.initiate_connection()
conn.send_headers(1, [(":method", "POST"), (":scheme", "http"), (":authority", "127.0.0.1"), (":path", "/echo")])
sent, status, reset, second = 0, {}, None, None
while reset is None or second is None:
    while sent <= limit and reset is None:
        n = min(conn.local_flow_control_window(1), conn.max_outbound_frame_size, limit + 1 - sent)
        if n <= 0:
            break
        conn.send_data(1, bytes(n))
        sent += n
    sock.sendall(conn.data_to_send())
    data = sock.recv(65536)
    if not data:
        sys.exit("connection closed")
    for event in conn.receive_data(data):
        if isinstance(event, h2.events.ResponseReceived):
            status[event.stream_id] = dict(event.headers)[":status"]
        elif isinstance(event, h2.events.StreamReset) and event.stream_id == 1:
            reset = event.error_code
            conn.send_headers(3, [(":method", "GET"), (":scheme", "http"), (":authority", "127.0.0.1"), (":path", "/bytes/10")], end_stream=True)
        elif isinstance(event, h2.events.DataReceived):
            conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
        elif isinstance(event, h2.events.StreamEnded) and event.stream_id == 3:
            second = status.get(3)
        elif isinstance(event, h2.events.ConnectionTerminated):
            sys.exit(f"unexpected {event}")
    sock.sendall(conn.data_to_send())
print(status.get(1), int(reset), second)
"""#

    /// Runs the peer on a thread of its own: it blocks on its socket.
    static func peer(_ arguments: [String], script: String = client) async throws -> [String] {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<String, any Error>, Never>) in
            Thread { continuation.resume(returning: Result { try PythonOracle.run(script, arguments: arguments) }) }.start()
        }
        return try result.get().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func pythonH2FetchesOverTLS() async throws {
        let certificate = try HTTP2ServerNegotiationTests.makeCertificate()
        defer { try? FileManager.default.removeItem(at: certificate.directory) }
        let server = try await HTTP2ServerTests.start(tls: certificate.tls)
        let lines = try await Self.peer(["\(server.port)", "tls", "/bytes/40000", certificate.caPath])
        #expect(lines.first == "200 h2 True")
        #expect(lines.dropFirst().first == HTTP2ServerTests.pattern(40_000).hex)
        await server.shutdown()
    }

    @Test func pythonH2UpgradesFromHTTP1() async throws {
        let server = try await HTTP2ServerTests.start()
        let lines = try await Self.peer(["\(server.port)", "upgrade", "/bytes/40000"])
        #expect(lines.first == "200 h2c-upgrade True")
        #expect(lines.dropFirst().first == HTTP2ServerTests.pattern(40_000).hex)
        await server.shutdown()
    }

    /// A body without a content-length is counted as it streams in: one octet over the
    /// limit is answered 413 and the stream reset with NO_ERROR (RFC 9113 §8.1), and the
    /// connection goes on serving.
    @Test func aStreamedBodyOverTheLimitIsAnswered413AndTheConnectionServesOn() async throws {
        let server = try await HTTP2ServerTests.start(bodySizeBytesMax: 100_000)
        let lines = try await Self.peer(["\(server.port)", "100000"], script: Self.oversizedUpload)
        #expect(lines.first == "413 0 200")
        await server.shutdown()
    }
}
