import CBOR
import ManyIdentity
import ManyProtocol

#if canImport(Glibc)
import Glibc
#endif

/// The seed corpus: valid envelopes (signed by Ed25519 and P-256 keys, and anonymous) for
/// every path of the pipeline, a server response, bare messages and textual addresses.
enum SeedCorpus {
    /// Writes each seed to `directory/seed-NAME`; returns how many.
    static func write(to directory: String) -> Int {
        let all = seeds()
        for (name, bytes) in all {
            let path = "\(directory)/seed-\(name)"
            guard let file = fopen(path, "wb") else { preconditionFailure("cannot write \(path)") }
            precondition(fwrite(bytes, 1, bytes.count, file) == bytes.count, "short write to \(path)")
            fclose(file)
        }
        return all.count
    }

    static func seeds() -> [(String, [UInt8])] {
        let alice = FuzzWorld.alice
        let carol = FuzzWorld.carol
        let server = FuzzWorld.serverIdentity.address
        let add = CBOR.map([(.unsigned(0), .unsigned(2)), (.unsigned(1), .negative(4))]).encoded()
        var seeds: [(String, [UInt8])] = [
            ("status-ed25519", envelope(request("status", from: alice), alice)),
            ("heartbeat-ed25519", envelope(request("heartbeat", from: alice, to: server), alice)),
            ("endpoints-ed25519", envelope(request("endpoints", from: alice, nonce: [1, 2, 3, 4]), alice)),
            ("add-ed25519", envelope(request("calc.add", data: add, from: alice), alice)),
            ("add-bad-argument", envelope(request("calc.add", data: [0x61, 0x78], from: alice), alice)),
            ("add-not-cbor", envelope(request("calc.add", data: [0xff], from: alice), alice)),
            ("whoami-ed25519", envelope(request("calc.whoami", data: [0xf6], from: alice), alice)),
            ("unknown-method", envelope(request("ledger.send", from: alice), alice)),
            ("status-p256", envelope(request("status", from: carol), carol)),
            ("add-p256", envelope(request("calc.add", data: add, from: carol, to: server), carol)),
            ("status-anonymous", envelope(request("status", from: nil), AnonymousIdentity())),
            ("add-anonymous", envelope(request("calc.add", data: add, from: nil), AnonymousIdentity())),
            ("whoami-anonymous", envelope(request("calc.whoami", from: nil), AnonymousIdentity())),
            ("expired", envelope(request("status", from: alice, timestamp: Timestamp(seconds: 1_600_000_000)), alice)),
            ("fractional-time", envelope(request("status", from: alice, timestamp: Timestamp(seconds: 1_700_000_000, nanoseconds: 500_000_000)), alice)),
            ("no-timestamp", envelope(request("status", from: alice, timestamp: nil), alice)),
            ("wrong-to", envelope(request("status", from: alice, to: alice.address), alice)),
            ("sender-mismatch", envelope(request("status", fromAddress: carol.address), alice)),
            ("attributes", envelope(attributed(request("status", from: alice)), alice)),
        ]
        // A response as the server signs it, for the response decoders.
        let response = ResponseMessage(
            version: 1, from: server, to: alice.address, data: .success([0xf6]), timestamp: FuzzWorld.now, id: 9,
            attributes: [Attribute(id: 1, arguments: [.bytes([7, 7])])])
        seeds.append(("response", try! Envelope.sign(response, identity: FuzzWorld.serverIdentity).encoded()))
        let failure = ResponseMessage(from: server, data: .failure(.couldNotRouteMessage()), timestamp: FuzzWorld.now)
        seeds.append(("response-error", try! Envelope.sign(failure, identity: FuzzWorld.serverIdentity).encoded()))
        seeds.append(("bare-request", request("status", from: alice).encoded()))
        seeds.append(("bare-response", response.encoded()))
        // Textual and binary addresses.
        let subresource = try! server.with(subresource: 12_345)
        for (name, address) in [("anonymous", Address.anonymous), ("key", server), ("subresource", subresource)] {
            seeds.append(("address-text-\(name)", Array(address.description.utf8)))
            seeds.append(("address-bytes-\(name)", address.bytes))
        }
        return seeds
    }

    private static func request(
        _ method: String, data: [UInt8] = [], from identity: (any Identity)?, to: Address = .anonymous,
        timestamp: Timestamp? = FuzzWorld.now, nonce: [UInt8]? = nil
    ) -> RequestMessage {
        RequestMessage(from: identity?.address, to: to, method: method, data: data, timestamp: timestamp, id: 7, nonce: nonce)
    }

    private static func request(_ method: String, fromAddress address: Address) -> RequestMessage {
        RequestMessage(from: address, method: method, timestamp: FuzzWorld.now, id: 8)
    }

    private static func attributed(_ request: RequestMessage) -> RequestMessage {
        var request = request
        request.attributes = [Attribute(id: 2), Attribute(id: 3, arguments: [.text("x"), .unsigned(1)])]
        return request
    }

    private static func envelope(_ request: RequestMessage, _ identity: any Identity) -> [UInt8] {
        do {
            return try Envelope.sign(request, identity: identity).encoded()
        } catch {
            preconditionFailure("a seed request signs: \(error)")
        }
    }
}
