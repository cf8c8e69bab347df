import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM, so a server can shut down cleanly instead of dying.
public enum TerminationSignal {
    /// Suspends until the process receives SIGINT or SIGTERM; returns its name.
    public static func next() async -> String {
        let signals: [(Int32, String)] = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")]
        let queue = DispatchQueue(label: "many.signals")
        return await withCheckedContinuation { continuation in
            let once = Once(continuation)
            var sources = [any DispatchSourceSignal]()
            for (number, name) in signals {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { once.resume(name) }
                source.resume()
                sources.append(source)
            }
            once.keep(sources)
        }
    }

    /// Resumes the continuation once, and keeps the signal sources alive until then.
    private final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<String, Never>?
        private var sources: [any DispatchSourceSignal] = []

        init(_ continuation: CheckedContinuation<String, Never>) { self.continuation = continuation }

        func keep(_ sources: [any DispatchSourceSignal]) {
            lock.withLock { self.sources = sources }
        }

        func resume(_ name: String) {
            let pending: CheckedContinuation<String, Never>? = lock.withLock {
                defer { continuation = nil }
                return continuation
            }
            pending?.resume(returning: name)
        }
    }
}
