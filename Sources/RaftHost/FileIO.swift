#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A system call on a file failed: which call, on which path, and `errno`.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var code: Int32

    public var description: String {
        "\(operation) \(path): \(String(cString: strerror(code))) (errno \(code))"
    }
}

/// An open file descriptor with the handful of calls the WAL and snapshot files need.
/// Not shared between threads; the owner closes it.
struct File {
    let descriptor: Int32
    let path: String

    /// Opens `path` for reading and writing, creating it when `create`.
    static func open(_ path: String, create: Bool = false, readOnly: Bool = false) throws(FileError) -> File {
        var flags = readOnly ? O_RDONLY : O_RDWR
        if create { flags |= O_CREAT }
        let descriptor = retryingInterrupts { systemOpen(path, flags | O_CLOEXEC, 0o644) }
        if descriptor < 0 { throw FileError(operation: "open", path: path, code: errno) }
        return File(descriptor: descriptor, path: path)
    }

    func close() {
        systemClose(descriptor)
    }

    /// Writes every byte at `offset` (pwrite, looping over short writes).
    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(FileError) {
        var done = 0
        while done < bytes.count {
            let base = bytes.baseAddress! + done
            let written = retryingInterrupts { pwrite(descriptor, base, bytes.count - done, off_t(offset) + off_t(done)) }
            if written < 0 { throw FileError(operation: "pwrite", path: path, code: errno) }
            done += written
        }
    }

    func write(_ bytes: [UInt8], at offset: UInt64) throws(FileError) {
        if bytes.isEmpty { return }
        let failure: FileError? = bytes.withUnsafeBytes { raw in
            do throws(FileError) { try write(raw, at: offset) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    /// The whole file's contents.
    func readAll() throws(FileError) -> [UInt8] {
        let count = Int(try size())
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read = bytes.withUnsafeMutableBytes { raw in
                retryingInterrupts { pread(descriptor, raw.baseAddress! + done, count - done, off_t(done)) }
            }
            if read < 0 { throw FileError(operation: "pread", path: path, code: errno) }
            if read == 0 { return Array(bytes[0..<done]) }  // shrank under us
            done += read
        }
        return bytes
    }

    func size() throws(FileError) -> UInt64 {
        var status = stat()
        if fstat(descriptor, &status) != 0 { throw FileError(operation: "fstat", path: path, code: errno) }
        return UInt64(status.st_size)
    }

    /// Makes written data durable (fdatasync: the size is metadata it flushes too).
    func sync() throws(FileError) {
        #if canImport(Darwin)
        let result = retryingInterrupts { fsync(descriptor) }
        #else
        let result = retryingInterrupts { fdatasync(descriptor) }
        #endif
        if result != 0 { throw FileError(operation: "fdatasync", path: path, code: errno) }
    }

    /// Takes an exclusive advisory lock (flock) without waiting; false if another open
    /// file (in any process) holds it.
    func tryLock() throws(FileError) -> Bool {
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
        if errno == EWOULDBLOCK { return false }
        throw FileError(operation: "flock", path: path, code: errno)
    }

    /// Makes a full sync, size and every other piece of metadata included (fsync).
    func syncAll() throws(FileError) {
        if retryingInterrupts({ fsync(descriptor) }) != 0 { throw FileError(operation: "fsync", path: path, code: errno) }
    }

    /// Reserves blocks up to `size` and extends the file to it (reading as zeros), so that
    /// later writes inside it do not change the size: an fdatasync after such a write
    /// need not flush the inode (on ext4 here: 85 instead of 133 µs). glibc writes zeros
    /// where the file system cannot allocate; if even that fails, writes extend the file
    /// as before.
    func preallocate(to size: UInt64) {
        #if os(Linux)
        _ = posix_fallocate(descriptor, 0, off_t(size))
        #endif
    }

    func truncate(to size: UInt64) throws(FileError) {
        if retryingInterrupts({ ftruncate(descriptor, off_t(size)) }) != 0 {
            throw FileError(operation: "ftruncate", path: path, code: errno)
        }
    }
}

/// Directory operations: listing, creating, renaming into, and syncing the entry table.
enum Directory {
    /// Creates `path` if it is missing, and then syncs its parent so that the new
    /// directory itself survives a crash.
    static func create(_ path: String) throws(FileError) {
        if mkdir(path, 0o755) == 0 {
            let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
            try sync(parent.isEmpty ? "/" : parent)
        } else if errno != EEXIST {
            throw FileError(operation: "mkdir", path: path, code: errno)
        }
    }

    /// The names in `path` (without `.` and `..`).
    static func list(_ path: String) throws(FileError) -> [String] {
        guard let handle = opendir(path) else { throw FileError(operation: "opendir", path: path, code: errno) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// fsync on the directory, so that created, renamed and removed names survive a crash.
    static func sync(_ path: String) throws(FileError) {
        let descriptor = retryingInterrupts { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        if descriptor < 0 { throw FileError(operation: "open", path: path, code: errno) }
        defer { _ = close(descriptor) }
        if retryingInterrupts({ fsync(descriptor) }) != 0 { throw FileError(operation: "fsync", path: path, code: errno) }
    }

    static func rename(_ from: String, to: String) throws(FileError) {
        if systemRename(from, to) != 0 { throw FileError(operation: "rename", path: from, code: errno) }
    }

    static func remove(_ path: String) throws(FileError) {
        if unlink(path) != 0 && errno != ENOENT { throw FileError(operation: "unlink", path: path, code: errno) }
    }
}

/// Repeats a system call while it fails with EINTR.
private func retryingInterrupts<Result: BinaryInteger>(_ call: () -> Result) -> Result {
    while true {
        let result = call()
        if result >= 0 || errno != EINTR { return result }
    }
}

// Module-level names for the calls that `File` and `Directory` shadow with their own methods.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemClose(_ descriptor: Int32) { _ = close(descriptor) }
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
