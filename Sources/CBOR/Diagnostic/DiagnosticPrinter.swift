extension CBOR {
    /// The item in diagnostic notation (RFC 8949 §8, RFC 8610 Appendix G).
    ///
    /// `.standard` text reads back with ``CBOR/init(diagnostic:)`` to an equal
    /// item, except for NaN payloads and signs, which diagnostic notation
    /// cannot spell. `.cborDiag` matches the Python package `cbor-diag`; see
    /// ``DiagnosticStyle``.
    public func diagnostic(_ style: DiagnosticStyle = .standard) -> String {
        switch style {
        case .standard:
            var writer = StandardDiagnosticWriter()
            writer.write(self)
            return writer.output
        case .cborDiag:
            return CBORDiagFormatter.item(self).rendered()
        }
    }
}

/// Writes RFC 8949 §8 diagnostic notation on one line.
struct StandardDiagnosticWriter {
    private(set) var output = ""

    mutating func write(_ value: CBOR) {
        switch value {
        case let .unsigned(n): output += String(n)
        case let .negative(n): output += DiagnosticFormatting.negative(n)
        case let .bytes(bytes): output += "h'" + DiagnosticFormatting.hex(bytes) + "'"
        case let .text(text): output += DiagnosticFormatting.standardText(text)
        case let .array(elements): writeElements(elements, open: "[")
        case let .indefiniteArray(elements): writeElements(elements, open: "[_ ")
        case let .map(entries): writeEntries(entries, open: "{")
        case let .indefiniteMap(entries): writeEntries(entries, open: "{_ ")
        case let .tagged(tag, content):
            output += "\(tag)("
            write(content)
            output += ")"
        case let .simple(n): output += "simple(\(n))"
        case let .bool(b): output += b ? "true" : "false"
        case .null: output += "null"
        case .undefined: output += "undefined"
        case let .half(f): writeFloat(Double(f), widthBytes: 2)
        case let .float(f): writeFloat(Double(f), widthBytes: 4)
        case let .double(d): writeFloat(d, widthBytes: 8)
        case let .indefiniteBytes(chunks):
            // An empty indefinite string has no chunk to show: `''_` (draft-ietf-cbor-edn-literals).
            writeChunks(chunks.map { "h'" + DiagnosticFormatting.hex($0) + "'" }, empty: "''_")
        case let .indefiniteText(chunks):
            writeChunks(chunks.map(DiagnosticFormatting.standardText), empty: "\"\"_")
        }
    }

    private mutating func writeElements(_ elements: [CBOR], open: String) {
        output += open
        for (index, element) in elements.enumerated() {
            if index > 0 { output += ", " }
            write(element)
        }
        output += "]"
    }

    private mutating func writeEntries(_ entries: [(key: CBOR, value: CBOR)], open: String) {
        output += open
        for (index, entry) in entries.enumerated() {
            if index > 0 { output += ", " }
            write(entry.key)
            output += ": "
            write(entry.value)
        }
        output += "}"
    }

    private mutating func writeChunks(_ chunks: [String], empty: String) {
        output += chunks.isEmpty ? empty : "(_ " + chunks.joined(separator: ", ") + ")"
    }

    /// The encoding indicator appears only when a shorter float holds the value
    /// (RFC 8949 §8.1), so that reading the text back picks the same width.
    private mutating func writeFloat(_ value: Double, widthBytes: Int) {
        output += DiagnosticFormatting.standardFloat(value)
        if CBOR.preferredFloatWidth(value) < widthBytes {
            output += widthBytes == 4 ? "_2" : "_3"
        }
    }
}
