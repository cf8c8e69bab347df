import CBOR
import ManyIdentity
import ManyModules
import ManyProtocol
import ManyServer
import Testing

/// The request pipeline without sockets: envelope bytes in, signed response bytes out.
struct PipelineTests {
    static let now = Timestamp(seconds: 1_700_000_000)

    static func server(replayCacheEntriesMax: Int? = nil) throws -> ManyServer {
        let configuration = ManyServerConfiguration(replayCacheEntriesMax: replayCacheEntriesMax, clock: { PipelineTests.now })
        let server = ManyServer(identity: Fixtures.server, name: "pipeline", configuration: configuration)
        try server.register(CalculatorModule())
        return server
    }

    /// Runs `bytes` through the server; the response must be signed by the server.
    static func answer(_ server: ManyServer, _ bytes: [UInt8]) async throws -> ResponseMessage {
        let reply = await server.handle(bytes)
        let (response, signer) = try Envelope.verifyResponse(reply)
        #expect(signer == Fixtures.server.address)
        #expect(response.from == Fixtures.server.address)
        return response
    }

    static func request(_ method: String, data: [UInt8] = [], timestamp: Timestamp? = now, to: Address = .anonymous) -> RequestMessage {
        Fixtures.request(method, data: data, to: to, timestamp: timestamp)
    }

    static func errorCode(_ response: ResponseMessage) -> Int64? {
        if case let .failure(error) = response.data { return error.code }
        return nil
    }

    @Test func goodRequest() async throws {
        let server = try Self.server()
        let args = try CBOREncoder().encode(AddArgs(a: 2, b: 40))
        let response = try await Self.answer(server, Fixtures.envelope(Self.request("calc.add", data: args)))
        #expect(response.id == 7)
        #expect(response.to == Fixtures.alice.address)
        #expect(response.timestamp == Self.now)
        let value = try response.data.get()
        #expect(try CBORDecoder().decode(AddReturn.self, from: value) == AddReturn(sum: 42))
    }

    @Test func addressedToThisServer() async throws {
        let server = try Self.server()
        let response = try await Self.answer(server, Fixtures.envelope(Self.request("heartbeat", to: Fixtures.server.address)))
        #expect(try response.data.get() == [0xf6])
    }

    @Test func anonymousRequest() async throws {
        let server = try Self.server()
        let request = RequestMessage(method: "calc.echo", data: [0x01], timestamp: Self.now)
        let response = try await Self.answer(server, Fixtures.envelope(request, identity: AnonymousIdentity()))
        #expect(try response.data.get() == [0x01])
        #expect(response.to == nil)
    }

    /// Each bad input and the ManyError it gets; the id is echoed once the request was read.
    @Test(arguments: BadInput.allCases)
    func badInput(_ input: BadInput) async throws {
        let server = try Self.server()
        let response = try await Self.answer(server, input.bytes)
        #expect(Self.errorCode(response) == input.expectedCode, "\(input)")
        #expect(response.id == input.expectedID)
    }

    enum BadInput: CaseIterable {
        case empty, notCBOR, truncated, untaggedArray, wrongTag, requestNotEnvelope, badSignature
        case senderMismatch, wrongDestination, expired, future, noTimestamp, unknownMethod
        case wrongArgumentType, argumentNotCBOR, anonymousDenied, applicationError

        var good: [UInt8] { Fixtures.envelope(PipelineTests.request("heartbeat")) }

        var bytes: [UInt8] {
            switch self {
            case .empty: return []
            case .notCBOR: return Array("POST / HTTP/1.1".utf8)
            case .truncated: return Array(good.dropLast(20))
            case .untaggedArray: return Array(good.dropFirst())  // the COSE_Sign1 array without tag 18
            case .wrongTag: return [0xd8, 0x62] + good.dropFirst()  // tag 98 (COSE_Sign)
            case .requestNotEnvelope: return PipelineTests.request("heartbeat").encoded()
            case .badSignature:
                var bytes = good
                bytes[bytes.count - 1] ^= 0x01
                return bytes
            case .senderMismatch:
                return Fixtures.envelope(Fixtures.request("heartbeat", from: Fixtures.bob, timestamp: PipelineTests.now))
            case .wrongDestination: return Fixtures.envelope(PipelineTests.request("heartbeat", to: Fixtures.bob.address))
            case .expired: return Fixtures.envelope(PipelineTests.request("heartbeat", timestamp: Timestamp(seconds: PipelineTests.now.seconds - 300)))
            case .future: return Fixtures.envelope(PipelineTests.request("heartbeat", timestamp: Timestamp(seconds: PipelineTests.now.seconds + 300)))
            case .noTimestamp: return Fixtures.envelope(PipelineTests.request("heartbeat", timestamp: nil))
            case .unknownMethod: return Fixtures.envelope(PipelineTests.request("ledger.info"))
            case .wrongArgumentType:
                return Fixtures.envelope(PipelineTests.request("calc.add", data: try! CBOREncoder().encode(["a": "x"])))
            case .argumentNotCBOR: return Fixtures.envelope(PipelineTests.request("calc.add", data: [0xff, 0x00]))
            case .anonymousDenied:
                return Fixtures.envelope(RequestMessage(method: "calc.whoami", timestamp: PipelineTests.now, id: 7), identity: AnonymousIdentity())
            case .applicationError:
                let args = try! CBOREncoder().encode(AddArgs(a: .max, b: 1))
                return Fixtures.envelope(PipelineTests.request("calc.add", data: args))
            }
        }

        var expectedCode: Int64 {
            switch self {
            case .empty, .notCBOR, .truncated, .untaggedArray, .wrongTag, .requestNotEnvelope: return -3
            case .badSignature: return -1002
            case .senderMismatch: return -1001
            case .wrongDestination: return -1003
            case .expired, .future: return -1005
            case .noTimestamp: return -1006
            case .unknownMethod: return -8
            case .wrongArgumentType, .argumentNotCBOR: return -3
            case .anonymousDenied: return -104
            case .applicationError: return 1
            }
        }

        /// Errors found before the request is read have no id.
        var expectedID: UInt64? {
            switch self {
            case .empty, .notCBOR, .truncated, .untaggedArray, .wrongTag, .requestNotEnvelope, .badSignature, .senderMismatch:
                return nil
            default: return 7
            }
        }
    }

    @Test func timestampWindowEdges() async throws {
        let server = try Self.server()
        for offset in [-299, 0, 299] {
            let timestamp = Timestamp(seconds: UInt64(Int64(Self.now.seconds) + Int64(offset)))
            let response = try await Self.answer(server, Fixtures.envelope(Self.request("heartbeat", timestamp: timestamp)))
            #expect(Self.errorCode(response) == nil, "offset \(offset)")
        }
        // A fraction past the window: 299.5 s is still inside (whole seconds, as many-rs).
        let late = Timestamp(seconds: Self.now.seconds - 300, nanoseconds: 500_000_000)
        let response = try await Self.answer(server, Fixtures.envelope(Self.request("heartbeat", timestamp: late)))
        #expect(Self.errorCode(response) == nil)
    }

    @Test func zeroWindowRefusesEverything() async throws {
        let server = ManyServer(
            identity: Fixtures.server, name: "strict",
            configuration: ManyServerConfiguration(timestampWindowSeconds: 0, clock: { PipelineTests.now }))
        let response = try await Self.answer(server, Fixtures.envelope(Self.request("heartbeat")))
        #expect(Self.errorCode(response) == -1005)
    }

    @Test func replayIsRefusedWhenTheCacheIsOn() async throws {
        let envelope = Fixtures.envelope(Self.request("heartbeat"))
        let guarded = try Self.server(replayCacheEntriesMax: 100)
        #expect(Self.errorCode(try await Self.answer(guarded, envelope)) == nil)
        let replay = try await Self.answer(guarded, envelope)
        #expect(Self.errorCode(replay) == -1)
        #expect(replay.id == 7)
        // Another request from the same sender (another nonce) still goes through.
        let other = Fixtures.envelope(Fixtures.request("heartbeat", timestamp: Self.now, nonce: [1]))
        #expect(Self.errorCode(try await Self.answer(guarded, other)) == nil)

        let open = try Self.server()
        #expect(Self.errorCode(try await Self.answer(open, envelope)) == nil)
        #expect(Self.errorCode(try await Self.answer(open, envelope)) == nil)
    }

    @Test func errorRendering() async throws {
        let server = try Self.server()
        let response = try await Self.answer(server, Fixtures.envelope(Self.request("nope")))
        guard case let .failure(error) = response.data else {
            Issue.record("expected an error")
            return
        }
        #expect(error.description == "Could not find a handler for the message.")
    }

    /// Every prefix and a bit flip at each byte of a good envelope: always a signed answer.
    @Test func mangledEnvelopesNeverTrap() async throws {
        let server = try Self.server()
        let good = Fixtures.envelope(Self.request("calc.add", data: try CBOREncoder().encode(AddArgs(a: 1, b: 2))))
        for count in 0..<good.count {
            _ = try await Self.answer(server, Array(good.prefix(count)))
        }
        for index in good.indices {
            var bytes = good
            bytes[index] ^= 0x40
            _ = try await Self.answer(server, bytes)
        }
    }
}
