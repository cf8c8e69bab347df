import CBOR

/// `application/x-www-form-urlencoded` fields, as in a query string (`a=1&b=x%20y`):
/// `+` is a space and `%XX` a byte; malformed escapes or non-UTF-8 text make it nil.
struct HTTPForm: Sendable {
    var fields: [(name: String, value: String)] = []

    init?(_ text: some StringProtocol) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else { return nil }
            fields.append((name, value))
        }
    }

    /// The query of a request target (`/get?key=a` → `key=a`), empty without one.
    init?(query target: String) {
        guard let mark = target.firstIndex(of: "?") else {
            self.init("")
            return
        }
        self.init(target[target.index(after: mark)...])
    }

    /// The first value of `name`.
    subscript(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Percent-decodes one component; nil when an escape is malformed or the bytes are not UTF-8.
    static func decode(_ text: some StringProtocol, plusIsSpace: Bool = true) -> String? {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < utf8.count, let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) else { return nil }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? { Hex.value(of: byte) }
}
