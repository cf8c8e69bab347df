import Foundation
import Raft
import RaftHost

/// WAL append + fdatasync throughput with group commit, beside `peers/wal_peer.c` (the
/// same bytes written and synced with bare `pwrite` + `fdatasync`, no encoding and no
/// checksum: the disk's own cost). See `scripts/bench wal`. Prints one JSON line:
///
///     {"name": "wal.batch16.payload1024", "entries_per_s": ..., "syncs_per_s": ..., ...}
///
/// Each sync covers `--batch` single-entry records from as many groups (group commit:
/// a host's Readies of one round), each entry carrying `--payload` bytes. The run
/// writes into a fresh WAL under `--dir` for `--seconds` and is timed from the first
/// append to the last sync, segment roll-overs included. `append_ns_per_entry` is the
/// time spent in `append` alone (encoding and CRC32C, no I/O unless the write buffer
/// fills): our CPU cost per entry, which the disk's sync time hides.
///
///     wal-bench --batch N --payload BYTES [--seconds S] [--dir PATH]
///     wal-bench --checksum [--seconds S]     CRC32C over a 4 MiB buffer: {"name": "crc32c.4mib", "mb_per_s": ...}
@main
struct WALBench {
    static func main() throws {
        var batch = 16
        var payloadBytes = 16
        var seconds = 1.0
        var directory = NSTemporaryDirectory()
        var checksumOnly = false
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--batch": batch = Int(arguments.popFirst() ?? "") ?? batch
            case "--payload": payloadBytes = Int(arguments.popFirst() ?? "") ?? payloadBytes
            case "--seconds": seconds = Double(arguments.popFirst() ?? "") ?? seconds
            case "--dir": directory = arguments.popFirst() ?? directory
            case "--checksum": checksumOnly = true
            default:
                FileHandle.standardError.write(Data("usage: wal-bench --batch N --payload BYTES [--seconds S] [--dir PATH]\n".utf8))
                exit(2)
            }
        }
        if checksumOnly { return checksumThroughput(seconds: seconds) }
        let path = directory + "/wal-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let wal = try WriteAheadLog(directory: path)
        let groups = max(1, batch)
        var nextIndex = [Index](repeating: 1, count: groups)
        var payload = [UInt8](repeating: 0xA5, count: payloadBytes)
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .milliseconds(Int64(seconds * 1000))
        var entries = 0
        var syncs = 0
        var appending = Duration.zero
        repeat {
            let batchStart = clock.now
            for group in 0..<groups {
                payload[0] = UInt8(truncatingIfNeeded: entries)
                let entry = Entry(term: 1, index: nextIndex[group], data: payload)
                try wal.append(entries: [entry], group: GroupID(group + 1))
                nextIndex[group] += 1
                entries += 1
            }
            appending += clock.now - batchStart
            try wal.sync()
            syncs += 1
        } while clock.now < deadline
        let elapsed = (clock.now - start).seconds
        let segments = wal.segmentPaths.count
        try wal.close()
        // The peer writes the same number of bytes per entry: frame, batch and entry headers.
        let recordBytes = 9 + 20 + 13 + payloadBytes
        let line = "{\"name\": \"wal.batch\(batch).payload\(payloadBytes)\", \"impl\": \"ours\", \"batch\": \(batch), "
            + "\"payload_bytes\": \(payloadBytes), \"record_bytes\": \(recordBytes), \"entries\": \(entries), "
            + "\"syncs\": \(syncs), \"segments\": \(segments), \"seconds\": \(String(format: "%.3f", elapsed)), "
            + "\"entries_per_s\": \(String(format: "%.1f", Double(entries) / elapsed)), "
            + "\"syncs_per_s\": \(String(format: "%.1f", Double(syncs) / elapsed)), "
            + "\"append_ns_per_entry\": \(String(format: "%.1f", appending.seconds * 1e9 / Double(entries)))}"
        print(line)
    }
}

/// CRC32C throughput over one 4 MiB buffer, repeated for `seconds`.
func checksumThroughput(seconds: Double) {
    let buffer = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let clock = ContinuousClock()
    let start = clock.now
    var rounds = 0
    var check: UInt32 = 0
    repeat {
        check = CRC32C.checksum(buffer)
        rounds += 1
    } while (clock.now - start).seconds < seconds
    let elapsed = (clock.now - start).seconds
    let megabytesPerSecond = Double(rounds * buffer.count) / elapsed / 1e6
    print("{\"name\": \"crc32c.4mib\", \"impl\": \"ours\", \"mb_per_s\": \(String(format: "%.1f", megabytesPerSecond)), \"check\": \(check)}")
}

extension Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
