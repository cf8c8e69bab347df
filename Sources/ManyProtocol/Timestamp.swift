import CBOR

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A MANY timestamp: tag 1 around integer seconds since the epoch, or around a float when
/// there are fractional seconds (many-rs `many-types/src/timestamp.rs`).
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public var seconds: UInt64
    /// Nanoseconds past ``seconds`` (0 writes an integer).
    public var nanoseconds: UInt32

    public init(seconds: UInt64, nanoseconds: UInt32 = 0) {
        self.seconds = seconds
        self.nanoseconds = min(nanoseconds, 999_999_999)
    }

    /// The current time of the system clock, whole seconds (what MANY peers expect).
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(seconds: UInt64(max(0, spec.tv_sec)))
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    /// Writes `1(seconds)`, or `1(float seconds)` when there are nanoseconds.
    public func write(to writer: inout CBORWriter) {
        writer.writeTag(1)
        if nanoseconds == 0 {
            writer.writeUnsigned(seconds)
        } else {
            writer.writeDouble(Double(seconds) + Double(nanoseconds) / 1e9)
        }
    }

    /// Reads tag 1 around an unsigned integer or a non-negative float.
    public init(reading reader: inout CBORReader) throws(ManyError) {
        try FieldReading.expectTag(&reader, 1, "timestamp")
        let header = try FieldReading.read("timestamp") { () throws(CBORError) in try reader.peekHeader() }
        if header.majorType == .unsigned {
            self.init(seconds: try FieldReading.read("timestamp") { () throws(CBORError) in try reader.readUnsigned() })
            return
        }
        let value = try FieldReading.read("timestamp") { () throws(CBORError) in try reader.readDouble() }
        guard value.isFinite, value >= 0, value < 18_446_744_073_709_551_616.0 else {
            throw .deserializationError("timestamp: \(value) is not a time")
        }
        let whole = value.rounded(.down)
        self.init(seconds: UInt64(whole), nanoseconds: UInt32(((value - whole) * 1e9).rounded(.down)))
    }
}
