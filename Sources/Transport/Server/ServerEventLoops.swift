import NIOCore
import NIOPosix

/// Which event loops a server runs its listener and connections on.
public enum ServerEventLoops: Sendable {
    /// A group of its own with this many threads, stopped at shutdown.
    case own(threads: Int)
    /// Loops someone else owns and stops, e.g. a Raft host's, so that a request and the
    /// work it hands over run on one thread; left running at shutdown.
    case shared(any EventLoopGroup)

    /// One thread per core.
    public static var perCore: ServerEventLoops { .own(threads: System.coreCount) }

    var isUsable: Bool {
        if case let .own(threads) = self { return threads > 0 }
        return true
    }
}
