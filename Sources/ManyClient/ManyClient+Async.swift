import ManyModules
import ManyProtocol

extension ManyClient {
    /// Async tokens followed at most this deep (a deferred answer that is itself deferred).
    static let asyncDepthMax = 4

    /// The response's value, or its error; an empty value with an async token is polled
    /// through `async.status` until done (many's `wait_response`).
    public func result(of response: ResponseMessage) async throws(ManyClientError) -> [UInt8] {
        var response = response
        for _ in 0...Self.asyncDepthMax {
            let value: [UInt8]
            switch response.data {
            case let .failure(error): throw .server(error)
            case let .success(bytes): value = bytes
            }
            let token: [UInt8]?
            do { token = try AsyncAttribute.token(in: response.attributes) } catch { throw .invalidResponse(error) }
            guard value.isEmpty, let token else { return value }
            response = try await poll(token: token)
        }
        throw .invalidResponse(.unknown("async responses nested deeper than \(Self.asyncDepthMax)"))
    }

    /// Polls `async.status` until the call is done; returns the deferred response, verified.
    public func poll(token: [UInt8]) async throws(ManyClientError) -> ResponseMessage {
        let deadline = ContinuousClock.now + .seconds(configuration.asyncTimeoutSeconds)
        var intervalMilliseconds = configuration.asyncPollIntervalMilliseconds
        while true {
            let reply = try await send(request(method: AsyncModule.Method.status, data: encodeArgs(token)))
            let status: AsyncStatusReturn
            switch reply.data {
            case let .failure(error): throw .server(error)
            case let .success(bytes):
                do { status = try ManyCodec.decode(AsyncStatusReturn.self, from: bytes) } catch { throw .decoding(error) }
            }
            switch status {
            case .done:
                return try verify(status.taggedResponse ?? []).response
            case .unknown, .expired:
                throw .asyncResultUnavailable(token: token, status: status.kind)
            case .queued, .processing:
                guard ContinuousClock.now < deadline else { throw .asyncTimedOut(token: token) }
                do { try await Task.sleep(for: .milliseconds(intervalMilliseconds)) } catch { throw .cancelled }
                intervalMilliseconds = min(intervalMilliseconds * 3 / 2, configuration.asyncPollIntervalMillisecondsMax)
            }
        }
    }

    private func encodeArgs(_ token: [UInt8]) throws(ManyClientError) -> [UInt8] {
        do { return try ManyCodec.encode(AsyncStatusArgs(token: token)) } catch { throw .encoding(error) }
    }
}
