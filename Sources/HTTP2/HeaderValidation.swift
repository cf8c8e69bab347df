import HPACK

/// RFC 9113 §8.2–8.3 rules for field blocks: a block that breaks one is malformed,
/// a stream error PROTOCOL_ERROR (§8.1.1).
enum HeaderValidation {
    /// What a field block is meant to be.
    enum Kind {
        case request, response, trailers
    }

    /// What validation learned that the connection needs later.
    struct Summary: Equatable {
        var contentLength: Int?
        /// A 1xx response, which another HEADERS frame follows (RFC 9113 §8.1).
        var isInformational = false
    }

    private static let requestPseudo: Set<[UInt8]> = [":method", ":scheme", ":path", ":authority", ":protocol"].map { Array($0.utf8) }.reduce(into: []) { $0.insert($1) }
    private static let connectionSpecific: Set<[UInt8]> = ["connection", "proxy-connection", "keep-alive", "transfer-encoding", "upgrade"].map { Array($0.utf8) }.reduce(into: []) { $0.insert($1) }

    /// Checks `fields` as a `kind` block, returning why it is malformed on failure.
    static func validate(_ fields: [HeaderField], as kind: Kind) -> Result<Summary, ValidationFailure> {
        var summary = Summary()
        var pseudo: [[UInt8]: [UInt8]] = [:]
        var sawRegular = false
        for field in fields {
            if let failure = checkName(field.name) ?? checkValue(field.value) { return .failure(failure) }
            if field.name.first == UInt8(ascii: ":") {
                if sawRegular { return .failure("pseudo-header \(field.nameText) after a regular field") }
                let allowed = kind == .request ? requestPseudo.contains(field.name) : (kind == .response && field.name == Array(":status".utf8))
                guard allowed else { return .failure("pseudo-header \(field.nameText) not allowed here") }
                guard pseudo.updateValue(field.value, forKey: field.name) == nil else {
                    return .failure("duplicated \(field.nameText)")
                }
                continue
            }
            sawRegular = true
            if connectionSpecific.contains(field.name) { return .failure("connection-specific field \(field.nameText)") }
            if field.name == Array("te".utf8) && field.value != Array("trailers".utf8) {
                return .failure("te other than trailers")
            }
            if field.name == Array("content-length".utf8) {
                guard let length = parseContentLength(field.value), summary.contentLength ?? length == length else {
                    return .failure("invalid content-length")
                }
                summary.contentLength = length
            }
        }
        switch kind {
        case .request: if let failure = checkRequest(pseudo) { return .failure(failure) }
        case .response:
            guard let status = pseudo[Array(":status".utf8)], status.count == 3,
                  status.allSatisfy({ (0x30...0x39).contains($0) })
            else { return .failure("missing or invalid :status") }
            summary.isInformational = status[0] == UInt8(ascii: "1")
        case .trailers: break
        }
        return .success(summary)
    }

    private static func checkRequest(_ pseudo: [[UInt8]: [UInt8]]) -> ValidationFailure? {
        guard let method = pseudo[Array(":method".utf8)] else { return "missing :method" }
        if method == Array("CONNECT".utf8) && pseudo[Array(":protocol".utf8)] == nil {
            guard pseudo[Array(":authority".utf8)] != nil else { return "CONNECT without :authority" }
            guard pseudo[Array(":scheme".utf8)] == nil, pseudo[Array(":path".utf8)] == nil else {
                return "CONNECT with :scheme or :path"
            }
            return nil
        }
        guard pseudo[Array(":scheme".utf8)] != nil else { return "missing :scheme" }
        guard let path = pseudo[Array(":path".utf8)] else { return "missing :path" }
        guard !path.isEmpty else { return "empty :path" }
        return nil
    }

    /// RFC 9113 §8.2.1: no uppercase, no controls, space, DEL or non-ASCII; a colon only first.
    private static func checkName(_ name: [UInt8]) -> ValidationFailure? {
        guard !name.isEmpty else { return "empty field name" }
        for (index, byte) in name.enumerated() {
            if byte <= 0x20 || (0x41...0x5a).contains(byte) || byte >= 0x7f || (byte == UInt8(ascii: ":") && index > 0) {
                return "invalid field name \(String(decoding: name, as: UTF8.self))"
            }
        }
        return nil
    }

    /// RFC 9113 §8.2.1: no NUL, CR or LF; no leading or trailing whitespace.
    private static func checkValue(_ value: [UInt8]) -> ValidationFailure? {
        if value.contains(where: { $0 == 0 || $0 == 0x0a || $0 == 0x0d }) { return "NUL, CR or LF in a field value" }
        if let first = value.first, let last = value.last, first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 {
            return "field value with leading or trailing whitespace"
        }
        return nil
    }

    private static func parseContentLength(_ value: [UInt8]) -> Int? {
        guard !value.isEmpty, value.count <= 18, value.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return value.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}

/// Why a field block is malformed.
struct ValidationFailure: Error, Equatable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    var reason: String
    init(stringLiteral value: String) { reason = value }
    init(stringInterpolation: DefaultStringInterpolation) { reason = String(stringInterpolation: stringInterpolation) }
}
