import NIOCore

/// A task executor that runs every job on one NIO event loop. A request handler started
/// with it as its preference runs on its connection's own thread: one that does not
/// suspend on anything else finishes there, with no hop to the global pool and back, so
/// its response is queued in the same event-loop pass that read the request. A client
/// task that prefers its connection's loop (``HTTP2Client/executor``) likewise sends and
/// resumes on that thread.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
