import Foundation
import CBOR
import ManyIdentity
import ManyProtocol

/// The placeholders of a mock template: a quoted `"${name}"` stands for the request's
/// field of that name, written in diagnostic notation (many-rs `many-mock` `lib.rs`
/// `fill_placeholders`, which replaced `"${id}"` … with the field as JSON).
enum MockPlaceholders {
    static let names = ["id", "version", "method", "nonce", "data", "timestamp", "attributes", "from", "to"]

    static func contains(_ template: String) -> Bool {
        names.contains { template.contains(token($0)) }
    }

    static func token(_ name: String) -> String { "\"${\(name)}\"" }

    /// `template` with each placeholder replaced by `request`'s field.
    static func fill(_ template: String, with request: RequestMessage) -> String {
        var text = template
        for name in names where text.contains(token(name)) {
            text = text.replacingAll(token(name), with: value(name, of: request).diagnostic())
        }
        return text
    }

    /// `template` with every placeholder replaced by `null`, to check its syntax.
    static func fillWithNull(_ template: String) -> String {
        names.reduce(template) { $0.replacingAll(token($1), with: "null") }
    }

    private static func value(_ name: String, of request: RequestMessage) -> CBOR {
        switch name {
        case "id": return request.id.map { .unsigned($0) } ?? .null
        case "version": return request.version.map { .unsigned(UInt64($0)) } ?? .null
        case "method": return .text(request.method)
        case "nonce": return request.nonce.map { .bytes($0) } ?? .null
        case "data": return .bytes(request.data)
        case "timestamp": return request.timestamp.map { .tagged(1, .unsigned($0.seconds)) } ?? .null
        case "attributes":
            return .array(request.attributes.sorted.map { attribute in
                attribute.arguments.isEmpty
                    ? .unsigned(UInt64(attribute.id))
                    : .array([.unsigned(UInt64(attribute.id))] + attribute.arguments)
            })
        case "from": return request.sender.cbor
        case "to": return request.to.cbor
        default: return .null
        }
    }
}

extension String {
    /// Every occurrence of `target` replaced, left to right, without rescanning replacements.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
