/// Appends fixed-width and length-prefixed fields; the simulator's command and
/// snapshot encodings are built from it.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func write(_ text: String) {
        let utf8 = Array(text.utf8)
        write(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}

/// Reads what ``ByteWriter`` wrote; every read is bounds-checked.
struct ByteReader {
    struct Truncated: Error {}

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position == bytes.count }

    mutating func readUInt8() throws(Truncated) -> UInt8 {
        guard position < bytes.count else { throw Truncated() }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readUInt64() throws(Truncated) -> UInt64 {
        guard bytes.count - position >= 8 else { throw Truncated() }
        var value: UInt64 = 0
        for shift in 0..<8 { value |= UInt64(bytes[position + shift]) << (8 * shift) }
        position += 8
        return value
    }

    mutating func readString() throws(Truncated) -> String {
        let count = try readUInt64()
        guard count <= UInt64(bytes.count - position) else { throw Truncated() }
        let text = String(decoding: bytes[position..<position + Int(count)], as: UTF8.self)
        position += Int(count)
        return text
    }
}
