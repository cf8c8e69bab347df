import CBOR

/// The rules RFC 9052 §3 sets on a pair of header buckets, shared by every structure.
enum HeaderRules {
    /// The labels whose meaning this library knows, and so may appear in `crit`.
    static let understoodLabels: Set<COSEHeaderLabel> = [.algorithm, .critical, .contentType, .keyID, .iv]

    /// The algorithm of a layer: from the protected bucket, else the unprotected one.
    static func algorithm(protected: COSEHeaderMap, unprotected: COSEHeaderMap) throws(COSEError) -> COSEAlgorithm {
        guard let value = protected[.algorithm] ?? unprotected[.algorithm] else { throw .missingAlgorithm }
        guard let identifier = value.int64Value else { throw .unsupportedAlgorithm }
        let algorithm = COSEAlgorithm(rawValue: identifier)
        guard algorithm.isSupported else { throw .unsupportedAlgorithm }
        return algorithm
    }

    /// Checks that the buckets share no label and that `crit` is well-formed and lists
    /// only understood labels present in the protected bucket.
    static func validate(protected: COSEHeaderMap, unprotected: COSEHeaderMap) throws(COSEError) {
        // A hash set only for large maps, so that every check stays linear.
        let protectedIndex = protected.count > COSEHeaderMap.scanLimit ? Set(protected.labels) : nil
        let isProtected = { (label: COSEHeaderLabel) in protectedIndex?.contains(label) ?? (protected[label] != nil) }
        for label in unprotected.labels where isProtected(label) {
            throw .malformedStructure(reason: "label \(label) is in both the protected and unprotected headers")
        }
        guard unprotected[.critical] == nil else {
            throw .malformedStructure(reason: "crit must be in the protected header")
        }
        guard protected[.critical] != nil else { return }
        try validateCritical(protected.critical, isProtected: isProtected)
    }

    private static func validateCritical(
        _ labels: [COSEHeaderLabel]?, isProtected: (COSEHeaderLabel) -> Bool
    ) throws(COSEError) {
        guard let labels, !labels.isEmpty else {
            throw .malformedStructure(reason: "crit must be a non-empty array of labels")
        }
        for label in labels {
            guard isProtected(label) else {
                throw .malformedStructure(reason: "crit lists \(label), which the protected header lacks")
            }
            guard understoodLabels.contains(label) else { throw .unknownCriticalHeader(label) }
        }
    }

    /// The protected bucket to sign with: `protected` with the signer's algorithm added
    /// first when neither bucket names one; a named algorithm must be the signer's.
    static func protectedForSigning(
        _ protected: COSEHeaderMap, _ unprotected: COSEHeaderMap, signer: some COSESigner
    ) throws(COSEError) -> COSEHeaderMap {
        let signerAlgorithm = try signer.signingAlgorithm()
        var protected = protected
        if protected[.algorithm] == nil && unprotected[.algorithm] == nil {
            protected.prepend(.algorithm, .int(signerAlgorithm.rawValue))
        }
        let named = try algorithm(protected: protected, unprotected: unprotected)
        guard named == signerAlgorithm else {
            throw .invalidKey(reason: "the headers name \(named) but the signer uses \(signerAlgorithm)")
        }
        try validate(protected: protected, unprotected: unprotected)
        return protected
    }
}
