import HPACK

/// The RFC 9218 priority signal carried by the `priority` header field: urgency 0
/// (highest) ... 7 and whether the response may be delivered incrementally.
///
/// A server takes each request's signal as the priority of its response (see
/// ``HTTP2Connection/setPriority(_:on:)`` to override it), and queued DATA leaves in
/// that order; RFC 7540 PRIORITY frames are validated and otherwise ignored, as RFC
/// 9113 §5.3.2 allows.
public struct HTTP2Priority: Equatable, Sendable {
    public var urgency: Int
    public var incremental: Bool

    /// RFC 9218 §4's default urgency.
    public static let defaultUrgency = 3

    /// RFC 9218 §4's defaults: urgency 3, not incremental.
    public init(urgency: Int = defaultUrgency, incremental: Bool = false) {
        self.urgency = urgency
        self.incremental = incremental
    }

    /// The signal in `fields`' `priority` field (RFC 9218 §5: a Structured Fields
    /// dictionary; unknown members and out-of-range values are ignored), or the defaults.
    public init(fields: [HeaderField]) {
        self.init()
        for field in fields where field.name == Self.fieldName {
            for member in field.valueText.split(separator: ",") {
                let parts = member.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
                guard let key = parts.first else { continue }
                let value = parts.count == 2 ? parts[1] : "?1"
                switch key {
                case "u":
                    if let number = Int(value), (0...7).contains(number) { urgency = number }
                case "i":
                    if value == "?1" { incremental = true } else if value == "?0" { incremental = false }
                default: continue
                }
            }
        }
    }
}

extension HTTP2Priority {
    static let fieldName: [UInt8] = Array("priority".utf8)
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var slice = self
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return slice
    }
}
