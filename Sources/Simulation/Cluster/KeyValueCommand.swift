/// A client's proposal as it travels through the log: which session and series it
/// belongs to, and the operation.
struct KeyValueCommand: Equatable {
    typealias Operation = KeyValueInput<String, String>

    var client: UInt64
    var series: UInt64
    var operation: Operation

    func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(client)
        writer.write(series)
        switch operation {
        case .put(let key, let value):
            writer.write(UInt8(0))
            writer.write(key)
            writer.write(value)
        case .get(let key):
            writer.write(UInt8(1))
            writer.write(key)
        case .delete(let key):
            writer.write(UInt8(2))
            writer.write(key)
        case .compareAndSet(let key, let expected, let new):
            writer.write(UInt8(expected == nil ? 3 : 4))
            writer.write(key)
            if let expected { writer.write(expected) }
            writer.write(new)
        }
        return writer.bytes
    }

    init(client: UInt64, series: UInt64, operation: Operation) {
        self.client = client
        self.series = series
        self.operation = operation
    }

    /// `nil` for bytes that are not a command (a leader's empty no-op entry).
    init?(decoding bytes: [UInt8]) {
        guard !bytes.isEmpty else { return nil }
        var reader = ByteReader(bytes)
        do {
            client = try reader.readUInt64()
            series = try reader.readUInt64()
            let kind = try reader.readUInt8()
            let key = try reader.readString()
            switch kind {
            case 0: operation = .put(key, try reader.readString())
            case 1: operation = .get(key)
            case 2: operation = .delete(key)
            case 3: operation = .compareAndSet(key, expected: nil, new: try reader.readString())
            case 4:
                let expected = try reader.readString()
                operation = .compareAndSet(key, expected: expected, new: try reader.readString())
            default: return nil
            }
        } catch {
            return nil
        }
    }
}
