import Protobuf
import XCTest

/// The generated `corpus.p3.v1.Store` stubs end to end: a client struct over an in-process
/// transport that hands the bytes to a server implementing the generated protocol.
final class GeneratedServiceTests: XCTestCase {
    typealias Everything = Corpus_P3_V1_Everything

    /// Answers each call from its requests' `a_int32` values.
    struct Store: Corpus_P3_V1_StoreService {
        func get(_ request: Everything) async throws -> Everything {
            var reply = Everything()
            reply.aInt32 = request.aInt32 + 1
            return reply
        }

        func list(_ request: Everything) -> AsyncThrowingStream<Everything, any Error> {
            AsyncThrowingStream { continuation in
                for index in 0..<request.aInt32 {
                    var reply = Everything()
                    reply.aInt32 = index
                    continuation.yield(reply)
                }
                continuation.finish()
            }
        }

        func put(_ requests: AsyncThrowingStream<Everything, any Error>) async throws -> Corpus_Shared_SharedMessage {
            var texts: [String] = []
            for try await request in requests { texts.append(request.aString) }
            var reply = Corpus_Shared_SharedMessage()
            reply.text = texts.joined(separator: ",")
            return reply
        }

        func chat(_ requests: AsyncThrowingStream<Everything, any Error>) -> AsyncThrowingStream<Everything, any Error> {
            AsyncThrowingStream { continuation in
                let task = Task {
                    do {
                        for try await request in requests {
                            var reply = Everything()
                            reply.aString = request.aString.uppercased()
                            continuation.yield(reply)
                        }
                        continuation.finish()
                    } catch {
                        continuation.finish(throwing: error)
                    }
                }
                continuation.onTermination = { _ in task.cancel() }
            }
        }
    }

    /// Hands calls to a service's generated `handle` methods, as a network transport would after framing.
    struct Loopback<Service: Corpus_P3_V1_StoreService>: ProtoTransport {
        let service: Service

        func unary(path: String, request: [UInt8]) async throws -> [UInt8] {
            try await service.handleUnary(path: path, request: request)
        }

        func serverStreaming(path: String, request: [UInt8]) -> AsyncThrowingStream<[UInt8], any Error> {
            service.handleStreaming(path: path, requests: AsyncThrowingStream { $0.yield(request); $0.finish() })
        }

        func clientStreaming(path: String, requests: AsyncThrowingStream<[UInt8], any Error>) async throws -> [UInt8] {
            try await service.handleClientStreaming(path: path, requests: requests)
        }

        func bidirectionalStreaming(path: String, requests: AsyncThrowingStream<[UInt8], any Error>) -> AsyncThrowingStream<[UInt8], any Error> {
            service.handleStreaming(path: path, requests: requests)
        }
    }

    private func messages(_ texts: [String]) -> AsyncThrowingStream<Everything, any Error> {
        AsyncThrowingStream { continuation in
            for text in texts {
                var message = Everything()
                message.aString = text
                continuation.yield(message)
            }
            continuation.finish()
        }
    }

    func testEveryKindOfCallReachesTheServerAndBack() async throws {
        let client = Corpus_P3_V1_StoreClient(transport: Loopback(service: Store()))
        var request = Everything()
        request.aInt32 = 41
        let reply = try await client.get(request)
        XCTAssertEqual(reply.aInt32, 42)

        request.aInt32 = 3
        var listed: [Int32] = []
        for try await item in client.list(request) { listed.append(item.aInt32) }
        XCTAssertEqual(listed, [0, 1, 2])

        let put = try await client.put(messages(["a", "b", "c"]))
        XCTAssertEqual(put.text, "a,b,c")

        var chatted: [String] = []
        for try await item in client.chat(messages(["x", "yz"])) { chatted.append(item.aString) }
        XCTAssertEqual(chatted, ["X", "YZ"])
    }

    func testUnknownPathsAndMalformedRequestsAreTypedErrors() async throws {
        let store = Store()
        do {
            _ = try await store.handleUnary(path: "/corpus.p3.v1.Store/Nope", request: [])
            XCTFail("an unknown path was answered")
        } catch let error as UnknownMethodError {
            XCTAssertEqual(error.path, "/corpus.p3.v1.Store/Nope")
        }
        do {
            _ = try await store.handleUnary(path: "/corpus.p3.v1.Store/Get", request: [0x0a, 0x05])
            XCTFail("a truncated request was answered")
        } catch let error as GeneratedMessageError {
            XCTAssertEqual(error, .wire(.lengthBeyondInput(offset: 1, length: 5, available: 0)))
        }
    }

    /// A transport that fails every call: what a client must not reach with an incomplete request.
    struct Unreachable: ProtoTransport {
        struct Reached: Error {}

        func unary(path: String, request: [UInt8]) async throws -> [UInt8] { throw Reached() }
        func serverStreaming(path: String, request: [UInt8]) -> AsyncThrowingStream<[UInt8], any Error> {
            AsyncThrowingStream { $0.finish(throwing: Reached()) }
        }
        func clientStreaming(path: String, requests: AsyncThrowingStream<[UInt8], any Error>) async throws -> [UInt8] { throw Reached() }
        func bidirectionalStreaming(path: String, requests: AsyncThrowingStream<[UInt8], any Error>) -> AsyncThrowingStream<[UInt8], any Error> {
            AsyncThrowingStream { $0.finish(throwing: Reached()) }
        }
    }

    /// proto2 `corpus.p2.Search` takes `Scalars`, whose `id` is required: a request without it
    /// fails in the client, unary or streaming, before anything is sent.
    func testRequestsLackingRequiredFieldsAreNotSent() async throws {
        let client = Corpus_P2_SearchClient(transport: Unreachable())
        do {
            _ = try await client.find(Corpus_P2_Scalars())
            XCTFail("an incomplete request was sent")
        } catch let error as GeneratedMessageError {
            XCTAssertEqual(error, .missingRequiredField(path: "id"))
        }
        do {
            for try await _ in client.watch(Corpus_P2_Scalars()) { XCTFail("an incomplete request was answered") }
            XCTFail("an incomplete request was sent")
        } catch let error as GeneratedMessageError {
            XCTAssertEqual(error, .missingRequiredField(path: "id"))
        }
    }
}
