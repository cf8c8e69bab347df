#if canImport(Glibc)
import Glibc
#endif

/// Time and CPU time as a load generator reads them.
public enum LoadClock {
    /// Monotonic time in nanoseconds.
    public static func nanoseconds() -> UInt64 {
        read(CLOCK_MONOTONIC)
    }

    /// CPU time of the calling thread, in seconds.
    public static func threadCPUSeconds() -> Double {
        Double(read(CLOCK_THREAD_CPUTIME_ID)) / 1e9
    }

    /// CPU time of the whole process (user and system), in seconds.
    public static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// CPU time (user and system) of another process so far, from /proc/PID/stat; nil if
    /// it cannot be read.
    public static func processCPUSeconds(pid: Int32) -> Double? {
        guard let file = fopen("/proc/\(pid)/stat", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 4096)
        guard fgets(&line, Int32(line.count), file) != nil else { return nil }
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Fields after the command, which is in parentheses and may hold spaces:
        // state is field 3, utime 14 and stime 15.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Online cores.
    public static var coreCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    private static func read(_ clock: clockid_t) -> UInt64 {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
