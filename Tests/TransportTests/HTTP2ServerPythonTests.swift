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

    /// Runs the peer on a thread of its own: it blocks on its socket.
    static func peer(_ arguments: [String]) async throws -> [String] {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<String, any Error>, Never>) in
            Thread { continuation.resume(returning: Result { try PythonOracle.run(client, arguments: arguments) }) }.start()
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
}
