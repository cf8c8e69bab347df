import Dispatch
import ManyIdentity
import ManyModules
import ManyProtocol
import Synchronization

/// Signed `status` and `heartbeat` requests, each with its own id, timestamp and random
/// 16-byte nonce (as ManyClient makes them), framed as complete HTTP/1.1 requests.
///
/// They are made before the timed window: signing costs about a fifth of a verification,
/// and client and server share the machine's cores, so signing during the run would take
/// that CPU from the server being measured.
struct RequestPool: Sendable {
    struct Request: Sendable {
        let id: UInt64
        let method: String
        /// The whole HTTP request: head and envelope body.
        let http: [UInt8]
    }

    let requests: [Request]

    /// `count` requests with ids `firstID...`, alternating status and heartbeat, signed on
    /// `threadCount` threads.
    init(count: Int, firstID: UInt64, identity: Ed25519Identity, to server: Address, host: String, threadCount: Int) {
        let chunkCount = max(1, threadCount)
        let chunks = Mutex([[Request]](repeating: [], count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = (count * chunk / chunkCount)..<(count * (chunk + 1) / chunkCount)
            let made = range.map { index in
                Self.request(id: firstID + UInt64(index), identity: identity, to: server, host: host)
            }
            chunks.withLock { $0[chunk] = made }
        }
        requests = chunks.withLock { $0.flatMap { $0 } }
    }

    static func request(id: UInt64, identity: Ed25519Identity, to server: Address, host: String) -> Request {
        let method = id.isMultiple(of: 2) ? BaseModule.Method.status : BaseModule.Method.heartbeat
        var generator = SystemRandomNumberGenerator()
        let nonce = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let message = RequestMessage(
            from: identity.address, to: server, method: method, timestamp: .now(), id: id, nonce: nonce)
        let body: [UInt8]
        do {
            body = try Envelope.sign(message, identity: identity).encoded()
        } catch {
            preconditionFailure("an Ed25519 identity signs: \(error)")
        }
        return Request(id: id, method: method, http: httpPost(body, host: host))
    }

    /// `POST /` with a CBOR body, kept alive.
    static func httpPost(_ body: [UInt8], host: String) -> [UInt8] {
        let head = "POST / HTTP/1.1\r\nHost: \(host)\r\nContent-Type: application/cbor\r\nContent-Length: \(body.count)\r\n\r\n"
        return Array(head.utf8) + body
    }
}
