import NIOCore
import Synchronization

/// The run loop's queue: any thread posts; the first post into an empty queue schedules
/// a turn on the host's event loop, which takes everything queued at once.
///
/// Posts before ``attach(to:turn:)`` wait in the queue; attaching schedules a turn for them.
/// A post from the event loop itself (a batch the transport just read) costs no wake-up:
/// the turn runs after the loop has read everything that arrived with it.
final class HostInbox: Sendable {
    private struct State {
        var commands: [HostCommand] = []
        var isClosed = false
        var runner: Runner?
    }

    /// Where and what a scheduled turn runs.
    private struct Runner {
        let eventLoop: any EventLoop
        let turn: @Sendable () -> Void

        func schedule() { eventLoop.execute(turn) }
    }

    private let state = Mutex(State())

    /// Runs `turn` on `eventLoop` whenever commands arrive (and once now if some wait).
    func attach(to eventLoop: any EventLoop, turn: @escaping @Sendable () -> Void) {
        let runner = Runner(eventLoop: eventLoop, turn: turn)
        let pending = state.withLock { state in
            state.runner = runner
            return !state.commands.isEmpty || state.isClosed
        }
        if pending { runner.schedule() }
    }

    /// Queues `command`; after ``close()`` it is failed with `.shuttingDown` instead.
    func post(_ command: HostCommand) {
        let (accepted, runner) = state.withLock { state -> (Bool, Runner?) in
            if state.isClosed { return (false, nil) }
            state.commands.append(command)
            return (true, state.commands.count == 1 ? state.runner : nil)
        }
        if !accepted {
            command.fail(.shuttingDown)
        } else {
            runner?.schedule()
        }
    }

    /// Everything queued so far, oldest first.
    func take() -> [HostCommand] {
        state.withLock { state in
            defer { state.commands.removeAll(keepingCapacity: true) }
            return state.commands
        }
    }

    /// Refuses further posts and schedules a last turn; false when it was closed already.
    func close() -> Bool {
        let (wasOpen, runner) = state.withLock { state in
            defer { state.isClosed = true }
            return (!state.isClosed, state.runner)
        }
        if wasOpen { runner?.schedule() }
        return wasOpen
    }

    var isClosed: Bool { state.withLock { $0.isClosed } }
}
