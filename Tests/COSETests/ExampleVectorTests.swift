import CBOR
import COSE
import Crypto
import Testing
import TestSupport

/// The cose-wg examples (RFC 8152) under `../shared/testdata/cose`: Sig_structure bytes,
/// verification of the published messages, rejection of the `fail: true` ones, and
/// byte-for-byte reproduction of the deterministic EdDSA messages.
struct ExampleVectorTests {
    /// What each `fail: true` case altered after signing, and the error that must say so.
    static let expectedFailures: [String: COSEError] = [
        "sign1-tests/sign-fail-01.json": .wrongTag(998),  // tag 18 replaced by 998
        "sign1-tests/sign-fail-02.json": .signatureMismatch,  // last payload byte changed
        "sign1-tests/sign-fail-03.json": .unsupportedAlgorithm,  // protected alg changed to -999
        "sign1-tests/sign-fail-04.json": .unsupportedAlgorithm,  // protected alg changed to "unknown"
        "sign1-tests/sign-fail-06.json": .signatureMismatch,  // ctyp added to the protected header
        "sign1-tests/sign-fail-07.json": .signatureMismatch,  // ctyp removed from the protected header
    ]

    @Test func everyFileIsLoadedAndOnlyOtherCurvesAreSkipped() {
        #expect(ExampleVectors.all.count == 21)
        #expect(ExampleVectors.supported.count == 13)
        // ES384/P-384, ES512/P-521, ES512 on P-256 (SHA-512) and Ed448 are not supported.
        #expect(ExampleVectors.skipped.count == 8)
        for example in ExampleVectors.skipped {
            print("skipped \(example.name): \(example.skipReason!)")
        }
        #expect(ExampleVectors.supported.filter(\.shouldFail).count == 6)
    }

    @Test(arguments: ExampleVectors.supported)
    func ourSigStructureFromTheInputsMatchesIntermediates(_ example: ExampleCase) throws {
        let unsigned = Self.unsignedMessage(example)
        for (index, signer) in example.signers.enumerated() {
            let expected = try #require(signer.toBeSigned, "\(example.name) has no ToBeSign_hex")
            #expect(try unsigned.toBeSigned(index, signer.externalAAD).hex == expected.hex)
        }
    }

    @Test(arguments: ExampleVectors.supported.filter { !$0.shouldFail })
    func sigStructureOfTheDecodedOutputMatchesIntermediates(_ example: ExampleCase) throws {
        let decoded = try Self.decode(example)
        for (index, signer) in example.signers.enumerated() {
            #expect(try decoded.toBeSigned(index, signer.externalAAD).hex == signer.toBeSigned?.hex)
        }
    }

    @Test(arguments: ExampleVectors.supported.filter { !$0.shouldFail })
    func publishedMessageVerifies(_ example: ExampleCase) throws {
        let decoded = try Self.decode(example)
        for (index, signer) in example.signers.enumerated() {
            try decoded.verify(index, with: signer.key.publicKey, signer.externalAAD)
            try decoded.verify(index, with: signer.key, signer.externalAAD)
        }
    }

    @Test(arguments: ExampleVectors.supported.filter(\.shouldFail))
    func alteredMessageIsRejectedForItsAlteration(_ example: ExampleCase) throws {
        let expected = try #require(Self.expectedFailures[example.name], "no expected error for \(example.name)")
        let signer = example.signers[0]
        #expect(throws: expected) {
            try Self.decode(example).verify(0, with: signer.key.publicKey, signer.externalAAD)
        }
    }

    @Test(arguments: ExampleVectors.supported.filter { !$0.shouldFail && $0.isEdDSA })
    func ourEdDSAMessageEqualsThePublishedBytes(_ example: ExampleCase) throws {
        let ours = try Self.sign(example)
        #if os(Linux)
            // BoringSSL's Ed25519 is deterministic (RFC 8032); Apple's CryptoKit randomizes.
            #expect(ours.hex == example.output.hex)
        #else
            try Self.decode(Self.withOutput(example, ours)).verify(0, with: example.signers[0].key, [])
        #endif
    }

    @Test(arguments: ExampleVectors.supported.filter { !$0.isEdDSA })
    func ourFreshES256SignatureVerifies(_ example: ExampleCase) throws {
        let ours = try Self.decode(Self.withOutput(example, try Self.sign(example)))
        for (index, signer) in example.signers.enumerated() {
            #expect(ours.signature(at: index).count == 64)  // r‖s, not DER
            try ours.verify(index, with: signer.key.publicKey, signer.externalAAD)
            try ours.verify(index, with: try signer.key.p256PublicKey(), signer.externalAAD)
        }
    }
}

// MARK: - Both structures through one interface

/// A COSE_Sign1 or COSE_Sign, so each test reads the same for both.
enum AnyMessage {
    case sign1(COSESign1)
    case sign(COSESign)

    func toBeSigned(_ index: Int, _ externalAAD: [UInt8]) throws(COSEError) -> [UInt8] {
        switch self {
        case let .sign1(message): return try message.toBeSigned(externalAAD: externalAAD)
        case let .sign(message): return try message.toBeSigned(signatureAt: index, externalAAD: externalAAD)
        }
    }

    func verify(_ index: Int, with key: some COSEVerifier, _ externalAAD: [UInt8]) throws(COSEError) {
        switch self {
        case let .sign1(message): try message.verify(with: key, externalAAD: externalAAD)
        case let .sign(message): try message.verify(signatureAt: index, with: key, externalAAD: externalAAD)
        }
    }

    func signature(at index: Int) -> [UInt8] {
        switch self {
        case let .sign1(message): return message.signature
        case let .sign(message): return message.signatures[index].signature
        }
    }
}

extension ExampleVectorTests {
    static func decode(_ example: ExampleCase) throws(COSEError) -> AnyMessage {
        switch example.structure {
        case .sign1: return .sign1(try COSESign1(decoding: example.output))
        case .sign: return .sign(try COSESign(decoding: example.output))
        }
    }

    /// The message built from the inputs with empty signatures, for its Sig_structures.
    static func unsignedMessage(_ example: ExampleCase) -> AnyMessage {
        switch example.structure {
        case let .sign1(signer):
            return .sign1(
                COSESign1(
                    protected: signer.protected, unprotected: signer.unprotected, payload: example.payload,
                    signature: []))
        case let .sign(protected, unprotected, signers):
            let signatures = signers.map {
                COSESignature(protected: $0.protected, unprotected: $0.unprotected, signature: [])
            }
            return .sign(
                COSESign(
                    protected: protected, unprotected: unprotected, payload: example.payload, signatures: signatures))
        }
    }

    /// Signs the inputs with our code and returns the encoded (tagged) message.
    static func sign(_ example: ExampleCase) throws(COSEError) -> [UInt8] {
        switch example.structure {
        case let .sign1(signer):
            return try COSESign1.sign(
                payload: example.payload, protected: signer.protected, unprotected: signer.unprotected,
                externalAAD: signer.externalAAD, signer: signer.key
            ).encoded()
        case let .sign(protected, unprotected, signers):
            var message = COSESign(protected: protected, unprotected: unprotected, payload: example.payload)
            for signer in signers {
                try message.addSignature(
                    protected: signer.protected, unprotected: signer.unprotected, externalAAD: signer.externalAAD,
                    signer: signer.key)
            }
            return message.encoded()
        }
    }

    static func withOutput(_ example: ExampleCase, _ output: [UInt8]) -> ExampleCase {
        var copy = example
        copy.output = output
        return copy
    }
}
