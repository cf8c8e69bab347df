/// What generated service clients send their calls through: serialized requests out,
/// serialized responses back, by method path (`/package.Service/Method`, as gRPC names it).
/// Implement it over HTTP/2, an in-process loop, or anything else.
public protocol ProtoTransport: Sendable {
    func unary(path: String, request: [UInt8]) async throws -> [UInt8]
    func serverStreaming(path: String, request: [UInt8]) -> AsyncThrowingStream<[UInt8], any Error>
    func clientStreaming(path: String, requests: AsyncThrowingStream<[UInt8], any Error>) async throws -> [UInt8]
    func bidirectionalStreaming(path: String, requests: AsyncThrowingStream<[UInt8], any Error>) -> AsyncThrowingStream<[UInt8], any Error>
}

/// A service call named a method the service does not have.
public struct UnknownMethodError: Error, Equatable, Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }
}

/// Conversions between streams of messages and streams of their bytes, for generated stubs.
public enum ProtoStreams {
    /// Each message of `stream` serialized.
    public static func encode<M: GeneratedMessage>(_ stream: AsyncThrowingStream<M, any Error>) -> AsyncThrowingStream<[UInt8], any Error> {
        map(stream) { message throws(GeneratedMessageError) in try message.serializedBytes() }
    }

    /// Each element of `stream` decoded as an `M`; a malformed or incomplete one ends the stream
    /// with its ``GeneratedMessageError``.
    public static func decode<M: GeneratedMessage>(_ stream: AsyncThrowingStream<[UInt8], any Error>, as _: M.Type) -> AsyncThrowingStream<M, any Error> {
        map(stream) { bytes throws(GeneratedMessageError) in try M(serializedBytes: bytes) }
    }

    /// A server-streaming call from a client: the request serialized (one lacking a required
    /// field ends the stream with the error, unsent), the responses decoded.
    public static func call<In: GeneratedMessage, Out: GeneratedMessage>(
        _ transport: any ProtoTransport, path: String, request: In, responses _: Out.Type
    ) -> AsyncThrowingStream<Out, any Error> {
        do {
            return decode(transport.serverStreaming(path: path, request: try request.serializedBytes()), as: Out.self)
        } catch {
            return AsyncThrowingStream { $0.finish(throwing: error) }
        }
    }

    /// A server-streaming call's responses: the first request decoded and answered by
    /// `respond`, each response serialized.
    public static func respond<In: GeneratedMessage, Out: GeneratedMessage>(
        to requests: AsyncThrowingStream<[UInt8], any Error>, _ respond: @escaping @Sendable (In) -> AsyncThrowingStream<Out, any Error>
    ) -> AsyncThrowingStream<[UInt8], any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var iterator = requests.makeAsyncIterator()
                    let request = try In(serializedBytes: try await iterator.next() ?? [])
                    for try await response in respond(request) { continuation.yield(try response.serializedBytes()) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private static func map<In: Sendable, Out: Sendable>(
        _ stream: AsyncThrowingStream<In, any Error>, _ transform: @escaping @Sendable (In) throws(GeneratedMessageError) -> Out
    ) -> AsyncThrowingStream<Out, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await element in stream { continuation.yield(try transform(element)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
