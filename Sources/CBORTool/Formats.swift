import ArgumentParser
import CBOR

/// Where the `cbor` tool's input comes from.
enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case auto, bytes, hex, diag, json
}

/// What the `cbor` tool writes.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case diag, hex, bytes, json
}

/// `--key-order` values.
enum KeyOrderOption: String, ExpressibleByArgument, CaseIterable {
    case bytewise
    case lengthFirst = "length-first"

    var order: CBORKeyOrder { self == .bytewise ? .bytewise : .lengthFirst }
}

/// `--style` values.
enum StyleOption: String, ExpressibleByArgument, CaseIterable {
    case standard
    case cborDiag = "cbor-diag"

    var style: DiagnosticStyle { self == .standard ? .standard : .cborDiag }
}

/// A failure the tool reports as `Error: <message>` with exit status 1.
struct ToolError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
