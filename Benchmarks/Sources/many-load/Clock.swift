#if canImport(Glibc)
import Glibc
#endif

/// Time and CPU time as the load generator reads them.
enum Clock {
    /// Monotonic time in nanoseconds.
    static func nanoseconds() -> UInt64 {
        read(CLOCK_MONOTONIC)
    }

    /// CPU time of the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        Double(read(CLOCK_THREAD_CPUTIME_ID)) / 1e9
    }

    /// CPU time of the whole process (user and system), in seconds.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Online cores.
    static var coreCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    private static func read(_ clock: clockid_t) -> UInt64 {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
