import NIOCore
import Synchronization

/// The server's open connections and in-flight requests, shared by every event loop, so
/// that shutdown can stop accepting, let running requests finish and then close the rest.
final class ConnectionTracker: Sendable {
    fileprivate struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var runningHandlerCount = 0
        var isShuttingDown = false
        var drainedWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    let connectionCountMax: Int

    init(connectionCountMax: Int) {
        self.connectionCountMax = connectionCountMax
    }

    /// Registers an accepted connection; false when shutting down or full (the caller closes it).
    func add(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard !state.isShuttingDown, state.channels.count < connectionCountMax else { return false }
            state.channels[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    /// Forgets a closed connection; wakes shutdown when nothing is left.
    func remove(_ channel: any Channel) {
        update { $0.channels[ObjectIdentifier(channel)] = nil }
    }

    /// A request handler task started.
    func handlerStarted() {
        update { $0.runningHandlerCount += 1 }
    }

    /// A request handler task finished and handed its response to the event loop.
    func handlerFinished() {
        update { $0.runningHandlerCount -= 1 }
    }

    private func update(_ body: (inout State) -> Void) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            body(&state)
            guard state.isShuttingDown, state.isDrained else { return [] }
            defer { state.drainedWaiters = [] }
            return state.drainedWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    var isShuttingDown: Bool { state.withLock { $0.isShuttingDown } }

    /// Marks the server as shutting down and returns the open connections, which are told
    /// to close once idle.
    func beginShutdown() -> [any Channel] {
        state.withLock { state in
            state.isShuttingDown = true
            return Array(state.channels.values)
        }
    }

    /// The connections still open.
    var openChannels: [any Channel] { state.withLock { Array($0.channels.values) } }

    /// Returns once every connection has closed and every handler task has finished (call
    /// after ``beginShutdown()``).
    func waitUntilDrained() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isDrained = state.withLock { state -> Bool in
                if state.isDrained { return true }
                state.drainedWaiters.append(continuation)
                return false
            }
            if isDrained { continuation.resume() }
        }
    }
}

extension ConnectionTracker.State {
    var isDrained: Bool { channels.isEmpty && runningHandlerCount == 0 }
}

/// Sent down a connection's pipeline when the server shuts down: close now if idle, else
/// after the response in progress.
struct HTTPServerQuiesceEvent: Sendable {}
