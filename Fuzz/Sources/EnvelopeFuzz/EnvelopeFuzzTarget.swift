// libFuzzer entry point for the MANY envelope decoder and the server's request pipeline;
// built by `scripts/fuzz envelope SECONDS` (swift build -Xswiftc -sanitize=fuzzer,address),
// which links libFuzzer; `main` below runs its driver (LLVMFuzzerRunDriver).
//
// Every input goes through the decoders on their own (request, response, envelope, textual
// address) and through `ManyServer.handle`, which must answer with a response envelope
// signed by the server that agrees with `RequestChecks`. Any crash, hang or failed
// precondition below is a finding.

import CBOR
import CLibFuzzer
import ManyIdentity
import ManyProtocol
import ManyServer

#if canImport(Glibc)
import Glibc
#endif

/// `envelope-fuzz [libFuzzer flags] CORPUS…` fuzzes; `envelope-fuzz --write-seeds DIR`
/// writes the seed corpus to DIR instead.
@main
enum EnvelopeFuzz {
    static func main() {
        let arguments = CommandLine.arguments
        if arguments.count == 3, arguments[1] == "--write-seeds" {
            print("wrote \(SeedCorpus.write(to: arguments[2])) seeds to \(arguments[2])")
            return
        }
        // Build the servers before the first input is timed.
        _ = FuzzWorld.server.address
        _ = FuzzWorld.guardedServer.address
        var argc = CommandLine.argc
        var argv = Optional(CommandLine.unsafeArgv)
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            testOneInput(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        })
    }
}

/// One input: the decoders alone, then the whole pipeline.
func testOneInput(_ bytes: [UInt8]) -> CInt {
    checkDecoders(bytes)
    checkPipeline(bytes)
    return 0
}

/// The message decoders: typed errors only, and what decodes re-encodes stably.
private func checkDecoders(_ bytes: [UInt8]) {
    if let request = try? RequestMessage(decoding: bytes) {
        let encoded = request.encoded()
        let again = try? RequestMessage(decoding: encoded)
        expect(again?.encoded() == encoded, "request re-encoding is not stable: \(bytes)")
    }
    if let response = try? ResponseMessage(decoding: bytes) {
        let encoded = response.encoded()
        let again = try? ResponseMessage(decoding: encoded)
        expect(again?.encoded() == encoded, "response re-encoding is not stable: \(bytes)")
    }
    _ = try? Envelope.verify(bytes)
    _ = try? Envelope.verifyResponse(bytes)

    let text = String(decoding: bytes, as: UTF8.self)
    if let address = try? Address(string: text) {
        let again = try? Address(string: address.description)
        expect(again == address, "address text does not round-trip: \(text)")
        expect((try? Address(bytes: address.bytes)) == address, "address bytes do not round-trip: \(text)")
    }
    if let address = try? Address(bytes: bytes) {
        expect((try? Address(string: address.description)) == address, "address \(bytes) does not round-trip as text")
    }
}

/// The server answers everything with a signed response that agrees with its checks.
private func checkPipeline(_ bytes: [UInt8]) {
    let server = FuzzWorld.server
    let checked = Result { () throws(RequestRejection) in try server.checks.check(bytes, now: FuzzWorld.now) }
    let reply = FuzzWorld.handle(bytes, on: server)
    let response = signedResponse(reply, from: server)
    switch checked {
    case let .failure(rejection):
        expect(response.id == rejection.id, "a refused request's response has id \(String(describing: response.id))")
        guard case let .failure(error) = response.data, error.code == rejection.error.code else {
            fail("refused with \(rejection.error.code), answered \(response.data)")
        }
    case let .success((request, sender)):
        expect(response.id == request.id, "the response does not echo the request id")
        // Errors after the checks (no route, denied, bad argument) carry no `to`, as many-rs's
        // `ResponseMessage::error`; anything else goes back to the sender.
        if let to = response.to { expect(to == sender, "the response is addressed to \(to), not the sender \(sender)") }
        if case .success = response.data { expect((response.to ?? .anonymous) == sender, "a result without `to`") }
    }

    // With a replay cache the answer is still a signed response (a replay is an error).
    _ = signedResponse(FuzzWorld.handle(bytes, on: FuzzWorld.guardedServer), from: FuzzWorld.guardedServer)
}

private func signedResponse(_ reply: [UInt8], from server: ManyServer) -> ResponseMessage {
    do {
        let (response, signer) = try Envelope.verifyResponse(reply)
        expect(signer == server.address, "the response is signed by \(signer), not the server")
        return response
    } catch {
        fail("the server's reply does not verify: \(error)")
    }
}

/// A finding: says what failed on stderr, then aborts so that libFuzzer saves the input
/// (a Swift precondition prints no message in an optimized build).
func expect(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fail(message()) }
}

func fail(_ message: String) -> Never {
    var line = "envelope-fuzz: \(message)\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    abort()
}
