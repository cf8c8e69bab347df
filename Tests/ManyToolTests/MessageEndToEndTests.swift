import Foundation
import ManyIdentity
import ManyProtocol
import Testing
import TestSupport

/// `many server`, `many-mock` and `many message` run as processes on loopback, as a user
/// runs them: outputs, exit codes and bad input.
@Suite(.serialized)
struct MessageEndToEndTests {
    static let mockFile = #"""
        # many-rs src/many-mock/tests/testmockfile.toml
        simplefield = '"hello"'
        object = '{"numfield":10,"arrayfield":["foo","bar","baz"]}'
        echo = '{"method": "${method}", "data": "${data}"}'
        widths = '''[24, -25, 1.5, 1.5_2, 100000.0_3, h'0102', 21(h'fbff'), 22(h'fbff'), "a\"b", {}, 1000000_2]'''
        floats = '[-0.0_3, 1.0e-7_3, 1.0e21_3, NaN, -Infinity]'
        small = '{1: [2, 3], -1000: [_ 1, 2]}'
        """#

    @Test func statusFromManyServer() throws {
        let keys = try KeyFolder()
        let pem = try keys.openssl("ed25519", name: "server.pem")
        let address = try PrivateKeyPEM.identity(pem: String(contentsOfFile: pem, encoding: .utf8)).address
        let server = try LiveServer("many", ["server", "--pem", pem, "--port", "0", "--name", "e2e"])
        let output = try ManyTool.many("message", "--server", server.url, "status")
        #expect(output.status == 0, "\(output.stderr)")
        let hex = address.bytes.map { String(format: "%02x", $0) }.joined()
        #expect(output.text.hasPrefix("{\n    0: 1,\n    1: \"e2e\",\n    2: h'"))
        #expect(output.text.contains("    3: 10000_1(h'\(hex)'),\n"))
        #expect(output.text.hasSuffix("\n}\n"))
        // Signed, and addressed to the server by --to.
        let client = try keys.openssl("p256", name: "client.pem")
        let signed = try ManyTool.many("message", "--server", server.url, "--pem", client, "--to", "\(address)", "heartbeat")
        #expect(signed.status == 0 && signed.text == "null\n", "\(signed.stderr)")
        #expect(server.stop() == 0)
        #expect(server.logText.contains("Stopping on SIGTERM"))
    }

    @Test func mockServerAnswersAsManyRsMockFile() throws {
        let keys = try KeyFolder()
        let mock = try keys.write("mock.toml", Self.mockFile)
        let server = try LiveServer("many-mock", ["--port", "0", mock])
        defer { server.stop() }
        func message(_ arguments: String...) throws -> ChildProcess.Output {
            try ManyTool.many(arguments: ["message", "--server", server.url] + arguments)
        }
        #expect(try message("simplefield").text == "\"hello\"\n")
        #expect(try message("object").text == #"{"numfield": 10, "arrayfield": ["foo", "bar", "baz"]}"# + "\n")
        #expect(try message("echo", "[1, 2]").text == #"{"method": "echo", "data": h'820102'}"# + "\n")
        #expect(try message("small").text == #"{1: [2, 3], -1000_1: [_ 1, 2]}"# + "\n")
        // cbor-diag's pretty form: width indicators from the wire, long items broken up.
        #expect(try message("widths").text == #"""
            [
                24_0,
                -25_0,
                1.5_1,
                1.5_2,
                100000.0_3,
                h'0102',
                21(b64'-_8'),
                22(b64'+/8='),
                "a\"b",
                {},
                1000000_2,
            ]

            """#)
        #expect(try message("floats").text == """
            [
                -0.0_3,
                0.0000001_3,
                1000000000000000000000.0_3,
                NaN_1,
                -Infinity_1,
            ]

            """)
        let endpoints = try message("endpoints").text
        #expect(endpoints.contains("\"simplefield\",") && endpoints.contains("\"status\","))
        // A method the file does not have: many-rs's server error output, exit 1.
        let unknown = try message("nope")
        #expect(unknown.status == 1 && unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("""
            Error returned by server:
            Code: -8 ("Could not find a handler for the message.")
            Message:
            |  Could not find a handler for the message.
            """), "\(unknown.stderr)")
    }

    @Test func mockFileThroughManyServer() throws {
        let keys = try KeyFolder()
        let pem = try keys.openssl("ed25519", name: "server.pem")
        let mock = try keys.write("mock.toml", "status = '\"not mine\"'\nsimplefield = '\"hello\"'\n")
        let server = try LiveServer("many", ["server", "--pem", pem, "--port", "0", "--mockfile", mock])
        defer { server.stop() }
        #expect(try ManyTool.many("message", "--server", server.url, "simplefield").text == "\"hello\"\n")
        // The server's own status wins over the mock file's, as many-rs's fallback module.
        #expect(try ManyTool.many("message", "--server", server.url, "status").text.contains("many-server"))
    }

    @Test func hexEnvelopeIsSentWithFromHex() throws {
        let keys = try KeyFolder()
        let pem = try keys.openssl("ed25519", name: "server.pem")
        let server = try LiveServer("many", ["server", "--pem", pem, "--port", "0"])
        defer { server.stop() }
        let client = try keys.openssl("ed25519", name: "client.pem")
        let hex = try ManyTool.many("message", "--hex", "--pem", client, "heartbeat")
        #expect(hex.status == 0)
        let envelope = hex.text.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(envelope.hasPrefix("84"), "many-rs prints the untagged COSE_Sign1")
        let sent = try ManyTool.many("message", "--server", server.url, "--from-hex", envelope)
        #expect(sent.status == 0 && sent.text == "null\n", "\(sent.stderr)")
        let base64 = try ManyTool.many("message", "--base64", "status", "null")
        #expect(base64.status == 0 && base64.text.hasPrefix("hE"))
    }

    /// `many server --http2-port` answers the same envelopes over HTTP/2: curl (libcurl with
    /// nghttp2, prior knowledge) posts a signed heartbeat and gets the server's signed response.
    @Test func manyServerAnswersOverHTTP2() throws {
        let keys = try KeyFolder()
        let pem = try keys.openssl("ed25519", name: "server.pem")
        let serverAddress = try PrivateKeyPEM.identity(pem: String(contentsOfFile: pem, encoding: .utf8)).address
        let http2Port = try Self.freePort()
        let server = try LiveServer("many", ["server", "--pem", pem, "--port", "0", "--http2-port", "\(http2Port)"])
        defer { server.stop() }
        let client = try keys.openssl("ed25519", name: "client.pem")
        let hex = try ManyTool.many("message", "--hex", "--pem", client, "heartbeat").text.trimmingCharacters(in: .whitespacesAndNewlines)
        let envelope = try keys.write("heartbeat.cbor", "")
        try Data([0xD2] + [UInt8](hex: hex)).write(to: URL(fileURLWithPath: envelope))  // tag 18: COSE_Sign1
        let curl = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "curl", "-sS", "--http2-prior-knowledge", "-H", "Content-Type: application/cbor", "--data-binary", "@" + envelope,
            "http://127.0.0.1:\(http2Port)/",
        ])
        #expect(curl.status == 0, "\(curl.stderr)")
        let (response, sender) = try Envelope.verifyResponse(curl.stdout)
        #expect(sender == serverAddress)
        #expect(response.data == .success([0xF6]), "heartbeat answers null")
    }

    private static func freePort() throws -> Int {
        let output = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])",
        ])
        guard let port = Int(output.text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ManyTool.Failure(description: "no free port: \(output.stderr)")
        }
        return port
    }

    @Test func timestampOutsideTheWindowIsTheServersError() throws {
        let keys = try KeyFolder()
        let pem = try keys.openssl("ed25519", name: "server.pem")
        let server = try LiveServer("many", ["server", "--pem", pem, "--port", "0"])
        defer { server.stop() }
        let output = try ManyTool.many("message", "--server", server.url, "--timestamp", "1000", "status")
        #expect(output.status == 1)
        #expect(output.stderr.contains("Code: -1005"), "\(output.stderr)")
    }

    @Test func badInputIsAClearMessageAndNonZeroExit() throws {
        let keys = try KeyFolder()
        let junk = try keys.write("junk.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        let cases: [([String], Int32, String)] = [
            (["message", "--hex", "status", "{1: "], 1, "DATA is not CBOR diagnostic notation"),
            (["message", "--hex", "--pem", junk, "status"], 1, "Could not read a key from"),
            (["message", "--hex", "--pem", keys.path("missing.pem"), "status"], 1, "Could not read PEM file"),
            (["message", "--hex", "--to", "mnot-an-address", "status"], 2, "--to: not an address"),
            (["message", "--server", "http://127.0.0.1:1", "status"], 1, "An error happened on the client"),
            (["message", "--server", "http://127.0.0.1:1", "--from-hex", "zz"], 1, "--from-hex: not hexadecimal"),
            (["message", "status"], 2, "exactly one of --server, --hex or --base64"),
            (["message", "--hex", "--base64", "status"], 2, "exactly one of"),
            (["message", "--hex"], 2, "METHOD is required"),
            (["message", "--hex", "--from-hex", "00", "status"], 2, "--from-hex requires --server"),
            (["server", "--pem", junk, "--port", "0"], 1, "Could not generate identity from PEM file"),
            (["server", "--pem", junk, "--addr", "nowhere"], 2, "--addr"),
            (["server", "--pem", junk, "--port", "0", "--mockfile", keys.path("missing.toml")], 1, "does not exist"),
        ]
        for (arguments, status, message) in cases {
            let output = try ManyTool.many(arguments: arguments)
            #expect(output.status == status, "\(arguments): \(output.stderr)")
            #expect(output.stderr.contains(message), "\(arguments): \(output.stderr)")
        }
    }

    @Test func badMockFileIsRefusedWithItsLine() throws {
        let keys = try KeyFolder()
        let mock = try keys.write("bad.toml", "ok = '1'\nbroken = '{1: '\n")
        let process = try ChildProcess.run(try ManyTool.url("many-mock"), ["--port", "0", mock])
        #expect(process.status == 1)
        #expect(process.stderr.contains("line 2") && process.stderr.contains("broken"), "\(process.stderr)")
    }
}
