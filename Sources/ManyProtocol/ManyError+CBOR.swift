import CBOR

/// ManyError in CBOR (many-rs `reason/minicbor.rs`): a map `{0: code, ? 1: message,
/// ? 2: {* text => text}}`, arguments in byte order of their names as a `BTreeMap` writes them.
extension ManyError {
    /// Writes the error map.
    public func write(to writer: inout CBORWriter) {
        writer.writeMapHeader(count: 1 + (message == nil ? 0 : 1) + (arguments.isEmpty ? 0 : 1))
        writer.writeUnsigned(0)
        writer.writeInt(code)
        if let message {
            writer.writeUnsigned(1)
            writer.writeText(message)
        }
        guard !arguments.isEmpty else { return }
        writer.writeUnsigned(2)
        writer.writeMapHeader(count: arguments.count)
        for (name, value) in arguments.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            writer.writeText(name)
            writer.writeText(value)
        }
    }

    /// The error's encoding.
    public func encoded() -> [UInt8] {
        var writer = CBORWriter()
        write(to: &writer)
        return writer.bytes
    }

    /// Reads an error map. A missing code is -1 (many-rs's default); unknown keys are
    /// skipped; the code is kept as sent (many-rs turns unknown negative codes into -1).
    public init(reading reader: inout CBORReader) throws(ManyError) {
        var code: Int64 = -1
        var message: String?
        var arguments: [String: String] = [:]
        try FieldReading.readIntegerKeyedMap(&reader, "error") { key, reader throws(ManyError) in
            switch key {
            case 0: code = try FieldReading.read("error code") { () throws(CBORError) in try reader.readInteger(Int64.self) }
            case 1: message = try FieldReading.read("error message") { () throws(CBORError) in try reader.readText() }
            case 2: arguments = try Self.readArguments(&reader)
            default: try FieldReading.read("error field \(key)") { () throws(CBORError) in try reader.skip() }
            }
        }
        self.init(code: code, message: message, arguments: arguments)
    }

    /// Decodes an error from its encoding.
    public init(decoding bytes: [UInt8]) throws(ManyError) {
        var reader = CBORReader(bytes)
        try self.init(reading: &reader)
        try FieldReading.read("error") { () throws(CBORError) in try reader.finish() }
    }

    private static func readArguments(_ reader: inout CBORReader) throws(ManyError) -> [String: String] {
        try FieldReading.read("error arguments") { () throws(CBORError) in
            var arguments: [String: String] = [:]
            let count = try reader.readMapHeader()
            var index = 0
            while true {
                if let count {
                    if index == count { break }
                } else if try reader.readBreakIfPresent() {
                    break
                }
                let name = try reader.readText()
                arguments[name] = try reader.readText()
                index += 1
            }
            return arguments
        }
    }
}
