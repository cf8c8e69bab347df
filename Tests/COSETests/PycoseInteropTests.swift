import CBOR
import COSE
import Crypto
import Foundation
import Testing
import TestSupport

/// COSE_Sign1 against Python's pycose, both ways, in one Python process: pycose verifies
/// the messages we sign (Ed25519 and P-256, with and without external AAD, several payload
/// sizes, attached and detached, tagged and untagged), and we verify the messages pycose signs.
///
/// python3 with pycose is a required test dependency (scripts/test installs it): when
/// either is missing the test fails rather than skips.
struct PycoseInteropTests {
    /// argv[1]: one message of ours a line, `name message key aad detached` (hex, `-` for
    /// none, `=` for zero bytes). argv[2]: receives `verified name result` for each, then `created name message
    /// key aad detached` for each message pycose made.
    static let script = """
        import sys, cbor2
        from collections.abc import Mapping
        from pycose.messages import Sign1Message
        from pycose.keys import CoseKey, OKPKey, EC2Key
        from pycose.headers import Algorithm, KID
        from pycose.algorithms import EdDSA, Es256

        def thaw(item):
            # cbor2 6 returns tag contents as tuples and frozen maps, which pycose 1.1's
            # CoseMessage.decode rejects; give from_cose_obj the lists and dicts it expects.
            if isinstance(item, Mapping):
                return {thaw(k): thaw(v) for k, v in item.items()}
            if isinstance(item, (list, tuple)):
                return [thaw(v) for v in item]
            return item

        def decode(data):
            item = cbor2.loads(data)
            if isinstance(item, cbor2.CBORTag):
                assert item.tag == 18, item.tag
                item = item.value
            return Sign1Message.from_cose_obj(thaw(item), True)

        def unhex(field):
            return None if field == "-" else b"" if field == "=" else bytes.fromhex(field)

        def field(data):
            return "-" if data is None else "=" if data == b"" else data.hex()

        out = []
        for line in open(sys.argv[1]):
            if not line.strip():
                continue
            name, message, key, aad, detached = line.split()
            try:
                msg = decode(unhex(message))
                msg.key = CoseKey.decode(unhex(key))
                msg.external_aad = unhex(aad) or b""
                result = str(msg.verify_signature(detached_payload=unhex(detached)))
            except Exception as error:
                result = "error:" + type(error).__name__ + ":" + str(error).replace(" ", "_")
            out.append(f"verified {name} {result}")

        makers = [("EdDSA", EdDSA, lambda: OKPKey.generate_key(crv="ED25519")),
                  ("ES256", Es256, lambda: EC2Key.generate_key(crv="P_256"))]
        for alg_name, alg, make_key in makers:
            for size in (0, 33, 200, 1500):
                for aad in (b"", b"\\x00pycose-aad"):
                    for detached in (False, True):
                        key = make_key()
                        payload = bytes((i * 7 + size) % 256 for i in range(size))
                        msg = Sign1Message(phdr={Algorithm: alg}, uhdr={KID: b"pycose"},
                                           payload=None if detached else payload, external_aad=aad)
                        msg.key = key
                        encoded = msg.encode(detached_payload=payload if detached else None)
                        name = f"{alg_name}-{size}-{len(aad)}-{'detached' if detached else 'attached'}"
                        out.append(f"created {name} {encoded.hex()} {key.encode().hex()} {field(aad)} "
                                   f"{field(payload if detached else None)}")
        with open(sys.argv[2], "w") as sink:
            sink.write("\\n".join(out) + "\\n")
        """

    /// One message of ours for pycose, and what pycose must answer.
    struct Ours {
        var name: String
        var message: [UInt8]
        var key: COSEKey
        var externalAAD: [UInt8]
        var detachedPayload: [UInt8]?
        var expected: String
    }

    @Test func pycoseAndWeVerifyEachOthersSign1Messages() throws {
        let ours = try Self.ourMessages()
        let lines = try runPycose(ours)
        let verified = lines.filter { $0.hasPrefix("verified ") }.map { $0.split(separator: " ").map(String.init) }
        try #require(verified.count == ours.count, "pycose answered \(verified.count) of \(ours.count) messages")
        for (message, answer) in zip(ours, verified) {
            #expect(answer[1] == message.name)
            #expect(answer[2] == message.expected, "pycose on \(message.name): \(answer[2])")
        }
        let created = lines.filter { $0.hasPrefix("created ") }.map { $0.split(separator: " ").map(String.init) }
        #expect(created.count == 32)
        for fields in created { try verifyPycoseMessage(fields) }
    }

    /// Messages we sign for pycose: both algorithms, payloads of 0 to 4096 bytes, with and
    /// without external AAD, one detached and one untagged each, and tampered copies
    /// pycose must reject.
    static func ourMessages() throws -> [Ours] {
        let keys: [(String, COSEKey)] = [
            ("EdDSA", COSEKey(privateKey: TestKeys.ed25519, keyID: Array("ed".utf8))),
            ("ES256", COSEKey(privateKey: TestKeys.p256, keyID: Array("p256".utf8))),
        ]
        var messages: [Ours] = []
        for (name, key) in keys {
            for size in [0, 1, 200, 4096] {
                for aad in [[], Array("many-aad".utf8)] as [[UInt8]] {
                    let payload = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 5) }
                    let message = try COSESign1.sign(
                        payload: payload, unprotected: [.keyID: .bytes(key.keyID!)], externalAAD: aad, signer: key)
                    messages.append(
                        Ours(
                            name: "\(name)-\(size)-\(aad.count)", message: message.encoded(),
                            key: key.publicKey, externalAAD: aad, expected: "True"))
                }
            }
            messages += try variants(name, key)
        }
        return messages
    }

    /// Detached, untagged and tampered messages for one key.
    static func variants(_ name: String, _ key: COSEKey) throws -> [Ours] {
        let payload = Array("a MANY-like request payload".utf8)
        let detached = try COSESign1.sign(payload: payload, detached: true, signer: key)
        var tampered = try COSESign1.sign(payload: payload, signer: key)
        tampered.payload![0] ^= 1
        return [
            Ours(
                name: "\(name)-detached", message: detached.encoded(), key: key.publicKey, externalAAD: [],
                detachedPayload: payload, expected: "True"),
            Ours(
                name: "\(name)-untagged",
                message: try COSESign1.sign(payload: payload, signer: key).encoded(tagged: false),
                key: key.publicKey, externalAAD: [], expected: "True"),
            Ours(
                name: "\(name)-tampered", message: tampered.encoded(), key: key.publicKey, externalAAD: [],
                expected: "False"),
        ]
    }

    /// Checks one `created` line: it verifies with pycose's key (whole and public part,
    /// as COSEKey and as a swift-crypto key) and fails once payload or AAD change.
    func verifyPycoseMessage(_ fields: [String]) throws {
        try #require(fields.count == 6, "bad line: \(fields)")
        let (name, aad) = (fields[1], Self.unhex(fields[4]) ?? [])
        let detached = Self.unhex(fields[5])
        let message = try COSESign1(decoding: Self.unhex(fields[2])!)
        let key = try COSEKey(decoding: Self.unhex(fields[3])!)
        #expect(message.unprotected.keyID == Array("pycose".utf8), "\(name)")
        #expect((message.payload == nil) == (detached != nil), "\(name)")
        try message.verify(with: key.publicKey, externalAAD: aad, detachedPayload: detached)
        try message.verify(with: key, externalAAD: aad, detachedPayload: detached)
        switch try message.algorithm() {
        case .edDSA: try message.verify(with: try key.ed25519PublicKey(), externalAAD: aad, detachedPayload: detached)
        default: try message.verify(with: try key.p256PublicKey(), externalAAD: aad, detachedPayload: detached)
        }
        #expect(throws: COSEError.signatureMismatch, "\(name) with other AAD") {
            try message.verify(with: key, externalAAD: aad + [0], detachedPayload: detached)
        }
        var altered = message
        if altered.payload != nil { altered.payload!.append(0) }
        #expect(throws: COSEError.signatureMismatch, "\(name) with other payload") {
            try altered.verify(with: key, externalAAD: aad, detachedPayload: detached.map { $0 + [0] })
        }
    }

    static func field(_ bytes: [UInt8]?) -> String {
        bytes.map { $0.isEmpty ? "=" : $0.hex } ?? "-"
    }

    static func unhex(_ field: String) -> [UInt8]? {
        field == "-" ? nil : field == "=" ? [] : [UInt8](hex: field)
    }

    /// Writes our messages, runs the script once and returns its output lines.
    func runPycose(_ ours: [Ours]) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cose-pycose-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("ours.txt")
        let output = directory.appendingPathComponent("pycose.txt")
        let lines = ours.map { message in
            [
                message.name, message.message.hex, message.key.encoded().hex, Self.field(message.externalAAD),
                Self.field(message.detachedPayload),
            ].joined(separator: " ")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
        _ = try PythonOracle.run(Self.script, arguments: [input.path, output.path])
        return try String(contentsOf: output, encoding: .utf8).split(separator: "\n").map(String.init)
    }
}
