import ArgumentParser
import CBOR
import Foundation

/// `cbor`: converts between CBOR bytes, hex, diagnostic notation and JSON.
@main
struct CBORCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cbor",
        abstract: "Convert between CBOR bytes, hex, diagnostic notation (RFC 8949 §8) and JSON.",
        discussion: """
        Reads FILE (or standard input) and writes standard output. Examples:
          echo a16161f5 | cbor --from hex --to diag
          cbor --from diag --to bytes <<< '{1: h'"'"'00ff'"'"', "a": [_ 1, 2.5]}' > out.cbor
          cbor --to hex --canonical out.cbor
        Bad input exits with status 1 and says where it is wrong.
        """
    )

    @Option(help: "Input format: auto, bytes, hex, diag or json. auto tries hex, then diag, then bytes.")
    var from: InputFormat = .auto

    @Option(help: "Output format: diag, hex, bytes or json.")
    var to: OutputFormat = .diag

    @Flag(help: "Re-encode deterministically (RFC 8949 §4.2.1: shortest forms, definite lengths, sorted keys).")
    var canonical = false

    @Option(help: "Map key order for --canonical and --require-deterministic: bytewise (RFC 8949) or length-first (RFC 7049, cbor2).")
    var keyOrder: KeyOrderOption = .bytewise

    @Flag(help: "Reject binary or hex input that is not deterministically encoded.")
    var requireDeterministic = false

    @Option(help: "Diagnostic style: standard (RFC 8949) or cbor-diag (as the cbor-diag tool and many-rs print).")
    var style: StyleOption = .standard

    @Option(help: "Largest nesting depth accepted.")
    var maxNesting = 256

    @Argument(help: "Input file; standard input when absent.")
    var file: String?

    func run() throws {
        let input = try readInput()
        let options = CBORDecodingOptions(
            maxNesting: maxNesting, requireDeterministic: requireDeterministic, keyOrder: keyOrder.order)
        let value = try InputDecoder(options: options).decode(input, as: from)
        try write(value)
    }

    private func readInput() throws -> [UInt8] {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ToolError("cannot read \(file)")
            }
            return [UInt8](data)
        }
        return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }

    private func write(_ value: CBOR) throws {
        let bytes = canonical ? value.deterministicEncoded(keyOrder: keyOrder.order) : value.encoded()
        let shown = canonical ? try CBOR(decoding: bytes) : value
        switch to {
        case .bytes: FileHandle.standardOutput.write(Data(bytes))
        case .hex: print(Hex.encode(bytes))
        case .diag: print(shown.diagnostic(style.style))
        case .json: print(shown.json())
        }
    }
}
