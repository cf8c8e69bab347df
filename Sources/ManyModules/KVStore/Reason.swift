import CBOR
import ManyProtocol

/// Why a key was disabled (many-rs `many_error::Reason<u64>`): a code, an optional message
/// template with `{field}` placeholders, and the fields' values.
///
/// On the wire a map `{0: code, 1: message, 2: {field: value, …}}`; the message is left out
/// when nil and the arguments when empty, and the arguments are written sorted by key (a
/// `BTreeMap` in many-rs). Decoding takes a missing code as 0 and ignores unknown keys.
public struct Reason: Sendable, Hashable {
    public var code: UInt64
    public var message: String?
    public var arguments: [String: String]

    public init(code: UInt64, message: String? = nil, arguments: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.arguments = arguments
    }
}

extension Reason: CustomStringConvertible {
    /// The message with its placeholders filled as many-rs renders it; without a message,
    /// `Error '‹code›'`.
    public var description: String {
        guard let message else { return "Error '\(code)'" }
        // ManyError renders a template as many-rs's Reason does; with a message the code plays no part.
        return ManyError(code: 0, message: message, arguments: arguments).description
    }
}

extension Reason: Codable {
    private enum CodingKeys: Int, CodingKey {
        case code = 0, message = 1, arguments = 2
    }

    public init(from decoder: any Decoder) throws {
        let map = try decoder.container(keyedBy: CodingKeys.self)
        code = try map.decodeIfPresent(UInt64.self, forKey: .code) ?? 0
        message = try map.decodeIfPresent(String.self, forKey: .message)
        arguments = try map.decodeIfPresent([String: String].self, forKey: .arguments) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var map = encoder.container(keyedBy: CodingKeys.self)
        try map.encode(code, forKey: .code)
        try map.encodeIfPresent(message, forKey: .message)
        guard !arguments.isEmpty else { return }
        var fields = map.nestedContainer(keyedBy: DynamicCodingKey.self, forKey: .arguments)
        for (field, value) in arguments.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            try fields.encode(value, forKey: DynamicCodingKey(field))
        }
    }
}
