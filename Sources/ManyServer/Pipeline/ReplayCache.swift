import ManyIdentity
import ManyProtocol
import SHA3
import Synchronization

/// Recently seen requests, to refuse the same signed request twice.
///
/// A request is identified by its sender and the SHA3-256 of its encoding (which holds
/// the method, data, timestamp, id and nonce). An entry is needed only while its
/// timestamp is inside the window (older requests fail the timestamp check anyway); at most
/// `entriesMax` are kept, the first recorded dropped first, so under a flood a replay
/// of an evicted request can get through: the bound is memory, not perfection.
final class ReplayCache: Sendable {
    private struct State {
        var expiries: [[UInt8]: UInt64] = [:]
        /// Keys in insertion order with their expiry, for eviction.
        var order: [(key: [UInt8], expiry: UInt64)] = []
        var orderStart = 0
    }

    private let state = Mutex(State())
    let entriesMax: Int

    init(entriesMax: Int) {
        self.entriesMax = max(1, entriesMax)
    }

    /// The key of `request` from `sender`.
    static func key(request: RequestMessage, sender: Address) -> [UInt8] {
        sender.bytes + [0xff] + SHA3_256.hash(request.encoded())
    }

    /// Records the request; false when it was already seen and has not expired.
    /// `expiry` is the second after which the request's timestamp leaves the window.
    func admit(_ key: [UInt8], nowSeconds: UInt64, expirySeconds: UInt64) -> Bool {
        state.withLock { state in
            if let expiry = state.expiries[key], expiry > nowSeconds { return false }
            Self.evict(&state, nowSeconds: nowSeconds, entriesMax: entriesMax - 1)
            state.expiries[key] = expirySeconds
            state.order.append((key, expirySeconds))
            return true
        }
    }

    var count: Int { state.withLock { $0.expiries.count } }

    /// Drops expired entries from the front, then the oldest until at most `entriesMax` remain.
    private static func evict(_ state: inout State, nowSeconds: UInt64, entriesMax: Int) {
        while state.orderStart < state.order.count {
            let (key, expiry) = state.order[state.orderStart]
            guard expiry <= nowSeconds || state.expiries.count > entriesMax else { break }
            if state.expiries[key] == expiry { state.expiries[key] = nil }
            state.orderStart += 1
        }
        if state.orderStart > 1024, state.orderStart * 2 > state.order.count {
            state.order.removeFirst(state.orderStart)
            state.orderStart = 0
        }
    }
}
