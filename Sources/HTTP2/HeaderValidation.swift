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

    /// The pseudo-header fields a block carried, each at most once. Names are compared
    /// octet by octet against constants: no hashing and no allocation per field.
    private struct PseudoFields {
        var method: [UInt8]?
        var scheme: [UInt8]?
        var path: [UInt8]?
        var authority: [UInt8]?
        var `protocol`: [UInt8]?
        var status: [UInt8]?

        /// Stores `value` under `name`, unless the name is not allowed in `kind` or repeated.
        mutating func set(_ name: [UInt8], _ value: [UInt8], kind: Kind) -> SetResult {
            switch kind {
            case .request:
                if name.equals(Names.method) { return Self.store(value, in: &method) }
                if name.equals(Names.scheme) { return Self.store(value, in: &scheme) }
                if name.equals(Names.path) { return Self.store(value, in: &path) }
                if name.equals(Names.authority) { return Self.store(value, in: &authority) }
                if name.equals(Names.protocol) { return Self.store(value, in: &`protocol`) }
                return .notAllowed
            case .response:
                return name.equals(Names.status) ? Self.store(value, in: &status) : .notAllowed
            case .trailers:
                return .notAllowed
            }
        }

        private static func store(_ value: [UInt8], in slot: inout [UInt8]?) -> SetResult {
            guard slot == nil else { return .duplicate }
            slot = value
            return .stored
        }

        enum SetResult { case stored, notAllowed, duplicate }
    }

    /// Field names and values the rules mention (compared with `equals`, no refcounting).
    private enum Names {
        static let method: StaticString = ":method"
        static let scheme: StaticString = ":scheme"
        static let path: StaticString = ":path"
        static let authority: StaticString = ":authority"
        static let `protocol`: StaticString = ":protocol"
        static let status: StaticString = ":status"
        static let te: StaticString = "te"
        static let trailers: StaticString = "trailers"
        static let contentLength: StaticString = "content-length"
        static let connect: StaticString = "CONNECT"
    }

    /// Checks `fields` as a `kind` block, returning why it is malformed on failure.
    static func validate(_ fields: [HeaderField], as kind: Kind) -> Result<Summary, ValidationFailure> {
        var summary = Summary()
        var pseudo = PseudoFields()
        var sawRegular = false
        for field in fields {
            if let failure = checkName(field.name) ?? checkValue(field.value) { return .failure(failure) }
            if field.name.first == UInt8(ascii: ":") {
                if sawRegular { return .failure("pseudo-header \(field.nameText) after a regular field") }
                switch pseudo.set(field.name, field.value, kind: kind) {
                case .stored: continue
                case .notAllowed: return .failure("pseudo-header \(field.nameText) not allowed here")
                case .duplicate: return .failure("duplicated \(field.nameText)")
                }
            }
            sawRegular = true
            if let failure = checkRegular(field, &summary) { return .failure(failure) }
        }
        switch kind {
        case .request: if let failure = checkRequest(pseudo) { return .failure(failure) }
        case .response:
            guard let status = pseudo.status, status.count == 3,
                  status.allSatisfy({ (0x30...0x39).contains($0) })
            else { return .failure("missing or invalid :status") }
            summary.isInformational = status[0] == UInt8(ascii: "1")
        case .trailers: break
        }
        return .success(summary)
    }

    /// A regular field: not connection-specific, `te` only `trailers`, content-length
    /// a number (the same one if repeated).
    private static func checkRegular(_ field: HeaderField, _ summary: inout Summary) -> ValidationFailure? {
        let name = field.name
        if isConnectionSpecific(name) { return "connection-specific field \(field.nameText)" }
        if name.equals(Names.te) && !field.value.equals(Names.trailers) {
            return "te other than trailers"
        }
        if name.equals(Names.contentLength) {
            guard let length = parseContentLength(field.value), summary.contentLength ?? length == length else {
                return "invalid content-length"
            }
            summary.contentLength = length
        }
        return nil
    }

    /// Whether `name` is one of RFC 9113 §8.2.2's connection-specific fields; names of
    /// other lengths are ruled out without comparing octets.
    private static func isConnectionSpecific(_ name: [UInt8]) -> Bool {
        switch name.count {
        case 7: name.equals("upgrade")
        case 10: name.equals("connection") || name.equals("keep-alive")
        case 16: name.equals("proxy-connection")
        case 17: name.equals("transfer-encoding")
        default: false
        }
    }

    private static func checkRequest(_ pseudo: PseudoFields) -> ValidationFailure? {
        guard let method = pseudo.method else { return "missing :method" }
        if method.equals(Names.connect) && pseudo.protocol == nil {
            guard pseudo.authority != nil else { return "CONNECT without :authority" }
            guard pseudo.scheme == nil, pseudo.path == nil else { return "CONNECT with :scheme or :path" }
            return nil
        }
        guard pseudo.scheme != nil else { return "missing :scheme" }
        guard let path = pseudo.path else { return "missing :path" }
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
