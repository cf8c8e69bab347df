import CBOR

/// One element of the mixed-maps workload: a map with text keys holding unsigned and
/// negative integers, text (some of it non-ASCII), a byte string, a double, a boolean
/// and nested arrays.
public struct Record: Sendable, Equatable {
    public var id: UInt64
    public var delta: Int64
    public var name: String
    public var blob: [UInt8]
    public var score: Double
    public var active: Bool
    public var tags: [String]
    public var samples: [[Int64]]

    public init() {
        id = 0
        delta = 0
        name = ""
        blob = []
        score = 0
        active = false
        tags = []
        samples = []
    }
}

/// A definite-length array of ``Record`` maps, about 1 MiB encoded.
///
/// Doubles are drawn so that none fits a narrower float: every encoder that writes
/// floats as doubles (cbor2 does) then produces exactly these bytes.
public struct MixedMaps: Sendable {
    public var records: [Record]

    /// The benchmark input: records are added until the encoding reaches `targetBytes`.
    public static let sample = MixedMaps(targetBytes: 1 << 20)

    public init(targetBytes: Int, seed: UInt64 = 0x4d41_4e59) {
        var generator = SplitMix64(seed: seed)
        records = []
        var estimatedBytes = 3
        while estimatedBytes < targetBytes {
            let record = Self.makeRecord(&generator)
            estimatedBytes += Self.encodedSize(record)
            records.append(record)
        }
    }

    private static let words = ["alpha", "beta", "gamma", "delta", "ledger", "kvstore", "idstore", "über", "naïve", "東京"]

    private static func makeRecord(_ generator: inout SplitMix64) -> Record {
        var record = Record()
        record.id = generator.next() >> UInt64.random(in: 0...60, using: &generator)
        record.delta = -Int64.random(in: 1...1_000_000, using: &generator)
        let wordCount = Int.random(in: 1...3, using: &generator)
        record.name = (0..<wordCount).map { _ in words.randomElement(using: &generator)! }.joined(separator: "-")
        record.blob = (0..<Int.random(in: 16...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        // Random mantissa bits: never exactly representable as a float or a half.
        record.score = Double.random(in: -1e6...1e6, using: &generator)
        record.active = Bool.random(using: &generator)
        record.tags = (0..<Int.random(in: 0...4, using: &generator)).map { _ in words.randomElement(using: &generator)! }
        record.samples = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
            (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                Int64.random(in: -100_000...1 << 40, using: &generator) >> Int64.random(in: 0...40, using: &generator)
            }
        }
        return record
    }

    private static func encodedSize(_ record: Record) -> Int {
        var writer = CBORWriter()
        write(record, to: &writer)
        return writer.bytes.count
    }
}

// MARK: Streaming

extension MixedMaps {
    /// The encoding, written record by record with the streaming writer.
    public func encoded() -> [UInt8] {
        var writer = CBORWriter(reservingCapacity: (1 << 20) + 4096)
        writer.writeArrayHeader(count: records.count)
        for record in records { Self.write(record, to: &writer) }
        return writer.bytes
    }

    static func write(_ record: Record, to writer: inout CBORWriter) {
        writer.writeMapHeader(count: 8)
        writer.writeText("id")
        writer.writeUnsigned(record.id)
        writer.writeText("delta")
        writer.writeInt(record.delta)
        writer.writeText("name")
        writer.writeText(record.name)
        writer.writeText("blob")
        writer.writeBytes(record.blob)
        writer.writeText("score")
        writer.writeDouble(record.score)
        writer.writeText("active")
        writer.writeBool(record.active)
        writer.writeText("tags")
        writer.writeArrayHeader(count: record.tags.count)
        for tag in record.tags { writer.writeText(tag) }
        writer.writeText("samples")
        writer.writeArrayHeader(count: record.samples.count)
        for row in record.samples {
            writer.writeArrayHeader(count: row.count)
            for sample in row { writer.writeInt(sample) }
        }
    }

    /// Reads the records back with the streaming reader, field by field by key.
    public init(decoding bytes: [UInt8]) throws(CBORError) {
        var reader = CBORReader(bytes)
        let count = try reader.definiteArrayCount()
        records = []
        records.reserveCapacity(count)
        for _ in 0..<count { records.append(try Self.readRecord(&reader)) }
        try reader.finish()
    }

    private static func readRecord(_ reader: inout CBORReader) throws(CBORError) -> Record {
        var record = Record()
        for _ in 0..<(try reader.definiteMapCount()) {
            switch try reader.readText() {
            case "id": record.id = try reader.readUnsigned()
            case "delta": record.delta = try reader.readInteger()
            case "name": record.name = try reader.readText()
            case "blob": record.blob = try reader.readBytes()
            case "score": record.score = try reader.readDouble()
            case "active": record.active = try reader.readBool()
            case "tags":
                let count = try reader.definiteArrayCount()
                record.tags.reserveCapacity(count)
                for _ in 0..<count { record.tags.append(try reader.readText()) }
            case "samples":
                let rows = try reader.definiteArrayCount()
                record.samples.reserveCapacity(rows)
                for _ in 0..<rows {
                    let count = try reader.definiteArrayCount()
                    var row: [Int64] = []
                    row.reserveCapacity(count)
                    for _ in 0..<count { row.append(try reader.readInteger()) }
                    record.samples.append(row)
                }
            default: try reader.skip()
            }
        }
        return record
    }
}

extension CBORReader {
    mutating func definiteArrayCount() throws(CBORError) -> Int {
        guard let count = try readArrayHeader() else { throw shapeError("a definite-length array") }
        return count
    }
}

// MARK: Value tree

extension MixedMaps {
    /// The records as one value tree.
    public var tree: CBOR {
        .array(records.map { record in
            .map([
                ("id", .unsigned(record.id)),
                ("delta", .int(record.delta)),
                ("name", .text(record.name)),
                ("blob", .bytes(record.blob)),
                ("score", .double(record.score)),
                ("active", .bool(record.active)),
                ("tags", .array(record.tags.map { .text($0) })),
                ("samples", .array(record.samples.map { row in .array(row.map { .int($0) }) })),
            ])
        })
    }
}
