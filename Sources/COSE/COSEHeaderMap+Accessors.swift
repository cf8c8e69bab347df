import CBOR

extension COSEHeaderMap {
    /// `alg` (1); nil when absent or not an integer (a text algorithm stays readable
    /// through the subscript).
    public var algorithm: COSEAlgorithm? {
        get { self[.algorithm]?.int64Value.map(COSEAlgorithm.init(rawValue:)) }
        set { self[.algorithm] = newValue.map { .int($0.rawValue) } }
    }

    /// `crit` (2); nil when absent or not an array of labels.
    public var critical: [COSEHeaderLabel]? {
        get {
            guard let items = self[.critical]?.arrayValue else { return nil }
            let labels = items.compactMap(COSEHeaderLabel.init(cbor:))
            return labels.count == items.count ? labels : nil
        }
        set { self[.critical] = newValue.map { .array($0.map(\.cbor)) } }
    }

    /// `content type` (3); nil when absent or neither a uint nor text.
    public var contentType: COSEContentType? {
        get {
            switch self[.contentType] {
            case let .unsigned(format)?: return .format(format)
            case let .text(type)?: return .mediaType(type)
            default: return nil
            }
        }
        set {
            switch newValue {
            case let .format(format)?: self[.contentType] = .unsigned(format)
            case let .mediaType(type)?: self[.contentType] = .text(type)
            case nil: self[.contentType] = nil
            }
        }
    }

    /// `kid` (4); nil when absent or not a byte string.
    public var keyID: [UInt8]? {
        get { self[.keyID]?.bytesValue }
        set { self[.keyID] = newValue.map(CBOR.bytes) }
    }

    /// `IV` (5); nil when absent or not a byte string.
    public var iv: [UInt8]? {
        get { self[.iv]?.bytesValue }
        set { self[.iv] = newValue.map(CBOR.bytes) }
    }
}
