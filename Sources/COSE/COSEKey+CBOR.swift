import CBOR

extension COSEKey {
    /// Labels of the common parameters (RFC 9052 §7.1) and of OKP/EC2 keys (RFC 9053 §7).
    enum Label {
        static let keyType: COSEHeaderLabel = 1
        static let keyID: COSEHeaderLabel = 2
        static let algorithm: COSEHeaderLabel = 3
        static let keyOperations: COSEHeaderLabel = 4
        static let curve: COSEHeaderLabel = -1
        static let x: COSEHeaderLabel = -2
        static let y: COSEHeaderLabel = -3
        static let d: COSEHeaderLabel = -4
    }

    /// Whether labels -1...-4 mean crv, x, y, d (they depend on the key type).
    private var hasCurveParameters: Bool { keyType == .okp || keyType == .ec2 }

    /// The key as a CBOR map with integer labels: kty, kid, alg, key_ops, crv, x, y, d,
    /// then the other parameters in order.
    public var cbor: CBOR {
        var map = COSEHeaderMap()
        map[Label.keyType] = .int(keyType.rawValue)
        map[Label.keyID] = keyID.map(CBOR.bytes)
        map[Label.algorithm] = algorithm.map { .int($0.rawValue) }
        map[Label.keyOperations] = keyOperations.map { .array($0.map(\.cbor)) }
        map[Label.curve] = curve.map { .int($0.rawValue) }
        map[Label.x] = x.map(CBOR.bytes)
        map[Label.y] = y.map(CBOR.bytes)
        map[Label.d] = d.map(CBOR.bytes)
        var labelIndex: Set<COSEHeaderLabel>?
        for entry in otherParameters.entries {
            _ = map.appendIfNew(entry.label, entry.value, labelIndex: &labelIndex)  // modelled labels win
        }
        return .map(map.entries.map { (key: $0.label.cbor, value: $0.value) })
    }

    /// The key's CBOR encoding (see ``cbor``).
    public func encoded() -> [UInt8] { cbor.encoded() }

    /// Decodes a COSE_Key from its CBOR encoding.
    public init(decoding bytes: [UInt8], options: CBORDecodingOptions = .default) throws(COSEError) {
        let value: CBOR
        do throws(CBORError) {
            value = try CBOR(decoding: bytes, options: options)
        } catch {
            throw .cbor(error)
        }
        try self.init(cbor: value)
    }

    /// Reads a COSE_Key map. `kty` is required; parameters of the wrong type are
    /// ``COSEError/invalidKey(reason:)``; unknown labels are kept in ``otherParameters``.
    public init(cbor: CBOR) throws(COSEError) {
        var parameters = try Self.parameterMap(cbor)
        guard let kty = parameters[Label.keyType] else { throw .invalidKey(reason: "kty is missing") }
        self.init(keyType: COSEKeyType(rawValue: try Self.integer(kty, "kty")))
        parameters[Label.keyType] = nil
        keyID = try Self.take(Label.keyID, from: &parameters, "kid", Self.bytes)
        algorithm = try Self.take(Label.algorithm, from: &parameters, "alg") { value, name throws(COSEError) in
            COSEAlgorithm(rawValue: try Self.integer(value, name))
        }
        keyOperations = try Self.take(Label.keyOperations, from: &parameters, "key_ops", Self.operations)
        if hasCurveParameters {
            curve = try Self.take(Label.curve, from: &parameters, "crv") { value, name throws(COSEError) in
                COSECurve(rawValue: try Self.integer(value, name))
            }
            x = try Self.take(Label.x, from: &parameters, "x", Self.bytes)
            // A boolean y (compressed point) is kept as it is, among the other parameters;
            // OKP keys have no y.
            if keyType == .ec2, parameters[Label.y]?.bytesValue != nil {
                y = try Self.take(Label.y, from: &parameters, "y", Self.bytes)
            }
            d = try Self.take(Label.d, from: &parameters, "d", Self.bytes)
        }
        otherParameters = parameters
    }

    private static func parameterMap(_ cbor: CBOR) throws(COSEError) -> COSEHeaderMap {
        guard let entries = cbor.mapValue else { throw .invalidKey(reason: "a COSE_Key must be a map") }
        var map = COSEHeaderMap()
        var labelIndex: Set<COSEHeaderLabel>?
        for entry in entries {
            guard let label = COSEHeaderLabel(cbor: entry.key) else {
                throw .invalidKey(reason: "a COSE_Key label must be an integer or text")
            }
            guard map.appendIfNew(label, entry.value, labelIndex: &labelIndex) else {
                throw .invalidKey(reason: "label \(label) appears twice")
            }
        }
        return map
    }

    /// Removes `label` from `parameters` and converts its value, if present.
    private static func take<T>(
        _ label: COSEHeaderLabel, from parameters: inout COSEHeaderMap, _ name: String,
        _ convert: (CBOR, String) throws(COSEError) -> T
    ) throws(COSEError) -> T? {
        guard let value = parameters[label] else { return nil }
        parameters[label] = nil
        return try convert(value, name)
    }

    private static func integer(_ value: CBOR, _ name: String) throws(COSEError) -> Int64 {
        guard let integer = value.int64Value else { throw .invalidKey(reason: "\(name) must be an integer") }
        return integer
    }

    private static func bytes(_ value: CBOR, _ name: String) throws(COSEError) -> [UInt8] {
        guard let bytes = value.bytesValue else { throw .invalidKey(reason: "\(name) must be a byte string") }
        return bytes
    }

    private static func operations(_ value: CBOR, _ name: String) throws(COSEError) -> [COSEKeyOperation] {
        guard let items = value.arrayValue else { throw .invalidKey(reason: "\(name) must be an array") }
        var operations: [COSEKeyOperation] = []
        for item in items {
            guard let operation = COSEKeyOperation(cbor: item) else {
                throw .invalidKey(reason: "\(name) entries must be integers or text")
            }
            operations.append(operation)
        }
        return operations
    }
}
