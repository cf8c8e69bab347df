import ManyIdentity
import ManyModules
import ManyProtocol
import Synchronization

/// Endpoint calls that outlive the async threshold: the first answer is a token, the result
/// is kept (bounded in count and time) until the client fetches it with `async.status`.
final class AsyncCalls: Sendable {
    /// How a call ended for the waiting request.
    enum Outcome: Sendable {
        case finished(Result<[UInt8], ManyError>)
        case deferred(token: [UInt8])
    }

    private struct Entry {
        let sender: Address
        let created: ContinuousClock.Instant
        var response: [UInt8]?
    }

    private let entries = Mutex<[[UInt8]: Entry]>([:])
    let threshold: Duration
    let lifetime: Duration
    let entriesMax: Int

    init(thresholdMilliseconds: Int64, lifetimeSeconds: Int64, entriesMax: Int) {
        threshold = .milliseconds(thresholdMilliseconds)
        lifetime = .seconds(lifetimeSeconds)
        self.entriesMax = max(1, entriesMax)
    }

    /// Runs `work`; returns its result if it finishes within the threshold, else a token.
    /// A deferred result is passed to `seal` (which signs the response envelope) and kept.
    func run(
        sender: Address, work: @escaping @Sendable () async -> Result<[UInt8], ManyError>,
        seal: @escaping @Sendable (Result<[UInt8], ManyError>) -> [UInt8]
    ) async -> Outcome {
        await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            let race = Race(continuation)
            let timer = Task {
                guard (try? await Task.sleep(for: threshold)) != nil else { return }
                let token = Self.newToken()
                insert(token, sender: sender)
                if !race.deferAnswer(token: token) { remove(token) }
            }
            Task {
                let result = await work()
                timer.cancel()
                if let token = race.finish(result) { complete(token, response: seal(result)) }
            }
        }
    }

    /// The state of the call behind `token` as `sender` may see it: another sender's token
    /// is unknown to it.
    func status(token: [UInt8], sender: Address) -> AsyncStatusReturn {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[token], entry.sender == sender else { return .unknown }
            if entry.created + lifetime < now {
                entries[token] = nil
                return .expired
            }
            guard let response = entry.response else { return .processing }
            return .done(response: response)
        }
    }

    private func insert(_ token: [UInt8], sender: Address) {
        let now = ContinuousClock.now
        entries.withLock { entries in
            if entries.count >= entriesMax {
                entries = entries.filter { $0.value.created + lifetime >= now }
            }
            while entries.count >= entriesMax, let oldest = entries.min(by: { $0.value.created < $1.value.created }) {
                entries[oldest.key] = nil
            }
            entries[token] = Entry(sender: sender, created: now)
        }
    }

    private func remove(_ token: [UInt8]) {
        _ = entries.withLock { $0.removeValue(forKey: token) }
    }

    private func complete(_ token: [UInt8], response: [UInt8]) {
        entries.withLock { entries in
            entries[token]?.response = response
        }
    }

    private static func newToken() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}

/// Who answers first: the work (its result) or the timer (a token).
private final class Race: Sendable {
    private enum State {
        case waiting(CheckedContinuation<AsyncCalls.Outcome, Never>)
        case finished
        case deferred(token: [UInt8])
    }

    private let state: Mutex<State>

    init(_ continuation: CheckedContinuation<AsyncCalls.Outcome, Never>) {
        state = Mutex(.waiting(continuation))
    }

    /// The timer fired: answers with the token unless the work already answered.
    func deferAnswer(token: [UInt8]) -> Bool {
        let continuation = state.withLock { state -> CheckedContinuation<AsyncCalls.Outcome, Never>? in
            guard case let .waiting(continuation) = state else { return nil }
            state = .deferred(token: token)
            return continuation
        }
        continuation?.resume(returning: .deferred(token: token))
        return continuation != nil
    }

    /// The work finished: answers with the result, or returns the token it was deferred under.
    func finish(_ result: Result<[UInt8], ManyError>) -> [UInt8]? {
        let (continuation, token) = state.withLock { state -> (CheckedContinuation<AsyncCalls.Outcome, Never>?, [UInt8]?) in
            switch state {
            case let .waiting(continuation):
                state = .finished
                return (continuation, nil)
            case let .deferred(token):
                return (nil, token)
            case .finished:
                return (nil, nil)
            }
        }
        continuation?.resume(returning: .finished(result))
        return token
    }
}
