import NIOCore
import Synchronization

/// Idle keep-alive connections per host and port, a few each.
final class ConnectionPool: Sendable {
    struct Key: Hashable, Sendable {
        let host: String
        let port: Int
    }

    private struct State {
        var idle: [Key: [any Channel]] = [:]
        var isShutDown = false
    }

    private let state = Mutex(State())
    private let idleConnectionsPerHostMax: Int

    init(idleConnectionsPerHostMax: Int) {
        self.idleConnectionsPerHostMax = idleConnectionsPerHostMax
    }

    /// An idle connection to `key` that is still open, if any.
    func take(_ key: Key) -> (any Channel)? {
        state.withLock { state in
            while let channel = state.idle[key]?.popLast() {
                if channel.isActive { return channel }
            }
            return nil
        }
    }

    /// Keeps `channel` for reuse; false when the pool is full or shut down (close it then).
    func put(_ channel: any Channel, for key: Key) -> Bool {
        state.withLock { state in
            guard !state.isShutDown, channel.isActive, state.idle[key, default: []].count < idleConnectionsPerHostMax else {
                return false
            }
            state.idle[key, default: []].append(channel)
            return true
        }
    }

    var isShutDown: Bool { state.withLock { $0.isShutDown } }

    /// Refuses further connections and returns the idle ones to close.
    func shutDown() -> [any Channel] {
        state.withLock { state in
            state.isShutDown = true
            defer { state.idle = [:] }
            return state.idle.values.flatMap { $0 }
        }
    }
}
