import Dispatch
import Synchronization

/// The run loop's queue: any thread posts, the loop takes everything at once and sleeps
/// on a semaphore until the next post or tick.
final class HostInbox: Sendable {
    private struct State {
        var commands: [HostCommand] = []
        var isClosed = false
    }

    private let state = Mutex(State())
    private let wakeup = DispatchSemaphore(value: 0)

    /// Queues `command`; after ``close()`` it is failed with `.shuttingDown` instead.
    func post(_ command: HostCommand) {
        let (accepted, wasEmpty) = state.withLock { state -> (Bool, Bool) in
            if state.isClosed { return (false, false) }
            state.commands.append(command)
            return (true, state.commands.count == 1)
        }
        if !accepted {
            command.fail(.shuttingDown)
        } else if wasEmpty {
            wakeup.signal()
        }
    }

    /// Everything queued so far, oldest first.
    func take() -> [HostCommand] {
        state.withLock { state in
            defer { state.commands.removeAll(keepingCapacity: true) }
            return state.commands
        }
    }

    /// Sleeps until something is posted or `deadline` passes.
    func wait(until deadline: DispatchTime) {
        _ = wakeup.wait(timeout: deadline)
    }

    /// Refuses further posts and wakes the loop; false when it was closed already.
    func close() -> Bool {
        let wasOpen = state.withLock { state in
            defer { state.isClosed = true }
            return !state.isClosed
        }
        if wasOpen { wakeup.signal() }
        return wasOpen
    }

    var isClosed: Bool { state.withLock { $0.isClosed } }
}
