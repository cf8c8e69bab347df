import Dispatch
import ManyIdentity
import ManyModules
import ManyProtocol
import Synchronization

/// After the timed window, every response is checked as a client would: it verifies, the
/// server signed it, it answers its request's id, and it carries a result, not an error
/// (heartbeat's result is CBOR null). Done afterwards because a client-side verification
/// costs as much as the server's, on the same cores.
enum ResponseCheck {
    /// Failures by description; empty when every response is good.
    static func failures(
        _ responses: [(index: Int, body: [UInt8])], pool: RequestPool, server: Address, threadCount: Int
    ) -> [String: Int] {
        let chunkCount = max(1, threadCount)
        let failures = Mutex([String: Int]())
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            var local: [String: Int] = [:]
            let range = (responses.count * chunk / chunkCount)..<(responses.count * (chunk + 1) / chunkCount)
            for (index, body) in responses[range] {
                if let failure = failure(body, request: pool.requests[index], server: server) {
                    local[failure, default: 0] += 1
                }
            }
            failures.withLock { $0.merge(local, uniquingKeysWith: +) }
        }
        return failures.withLock { $0 }
    }

    private static func failure(_ body: [UInt8], request: RequestPool.Request, server: Address) -> String? {
        let response: ResponseMessage
        do {
            let (verified, signer) = try Envelope.verifyResponse(body)
            guard signer == server else { return "signed by another identity" }
            response = verified
        } catch {
            return "response does not verify: \(error.code)"
        }
        guard response.id == request.id else { return "response id does not match" }
        switch response.data {
        case let .failure(error):
            return "ManyError \(error.code): \(error)"
        case let .success(bytes):
            if request.method == BaseModule.Method.heartbeat, bytes != [0xf6] { return "heartbeat result is not null" }
            if bytes.isEmpty { return "empty result" }
            return nil
        }
    }
}
