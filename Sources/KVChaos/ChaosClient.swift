import Foundation
import LoadGeneration
import Simulation

/// One client thread: put, get (at `readLevel`), compare-and-set and delete on a few keys
/// through our JSON API (`/v1/kv/<key>`, `/v1/cas`), each to a random node, with a
/// timeout; everything recorded in the history.
struct ChaosClient: Sendable {
    let index: Int
    let nodes: [UInt16]
    let keys: [String]
    let history: ChaosHistory
    let timeoutSeconds: Double
    let started: UInt64
    let readLevel: String

    enum Outcome {
        /// The answer, to record as completed.
        case done(ChaosHistory.Output)
        /// The request had no effect: refused at connect, refused by a node that knew no
        /// leader (503 "no leader known": the engine dropped it before the log), or lost in
        /// a leader change (503 "lost in a leader change": its entry was overwritten).
        case notSent
        /// Sent, but no usable answer: it may or may not have taken effect.
        case unknown
    }

    func run(until deadline: UInt64, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var clientID = history.newClientID()
        var counter = 0
        while LoadClock.nanoseconds() < deadline {
            counter += 1
            let key = keys[Int.random(in: 0..<keys.count, using: &random)]
            let value = "c\(index).\(counter)"
            let input: ChaosHistory.Input
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<3: input = .put(key, value)
            case 3..<7: input = .get(key)
            case 7..<9: input = .compareAndSet(key, expected: Bool.random(using: &random) ? nil : "c\(Int.random(in: 0..<4, using: &random)).\(max(1, counter - 1))", new: value)
            default: input = .delete(key)
            }
            let port = nodes[Int.random(in: 0..<nodes.count, using: &random)]
            let call = now()
            switch perform(input, port: port) {
            case .done(let output):
                history.record(ClientOperation(clientID: clientID, input: input, output: output, callTick: call, returnTick: now()))
            case .notSent:
                usleep(20_000)
            case .unknown:
                history.record(.pending(clientID: clientID, input: input, callTick: call))
                clientID = history.newClientID()
            }
        }
    }

    private func now() -> Int64 { Int64(LoadClock.nanoseconds() - started) }

    func perform(_ input: ChaosHistory.Input, port: UInt16) -> Outcome {
        let connection: BlockingHTTPConnection
        do { connection = try BlockingHTTPConnection(port: port, timeoutSeconds: timeoutSeconds) } catch { return .notSent }
        let request: [UInt8]
        switch input {
        case let .put(key, value): request = Self.http("PUT", "/v1/kv/\(key)", body: value)
        case let .get(key): request = Self.http("GET", "/v1/kv/\(key)?level=\(readLevel)", body: nil)
        case let .delete(key): request = Self.http("DELETE", "/v1/kv/\(key)", body: nil)
        case let .compareAndSet(key, expected, new):
            let expectedJSON = expected.map { "\"\($0)\"" } ?? "null"
            request = Self.http("POST", "/v1/cas", body: "{\"key\":\"\(key)\",\"expected\":\(expectedJSON),\"value\":\"\(new)\"}")
        }
        let response: BlockingHTTPConnection.Response
        do { response = try connection.exchange(request) } catch { return .unknown }
        // The engine refused it without a leader (it never entered the log), or a later
        // leader overwrote its entry (it never applies): both certainly had no effect, a
        // claim the checker tests, as a write recorded as absent must never be read.
        if response.status == 503 {
            let text = String(decoding: response.body, as: UTF8.self)
            if text.contains("no leader known") { return .notSent }
            if text.contains("lost in a leader change") {
                history.noteLost()
                return .notSent
            }
        }
        switch (input, response.status) {
        case (.put, 200), (.delete, 200): return .done(.ok)
        case (.get, 200):
            guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                let value = object["value"] as? String
            else { return .unknown }
            return .done(.value(value))
        case (.get, 404): return .done(.value(nil))
        case (.compareAndSet, 200):
            guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                let swapped = object["succeeded"] as? Bool
            else { return .unknown }
            return .done(.swapped(swapped))
        default:
            return .unknown
        }
    }

    static func http(_ method: String, _ path: String, body: String?) -> [UInt8] {
        BlockingHTTPConnection.request(method, path, host: "127.0.0.1", body: body, closing: true)
    }
}
