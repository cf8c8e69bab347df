import CBOR
import COSE
import Crypto
import Testing
import TestSupport

/// Bad input of every kind gets its own typed error, never a crash: each row is decoded
/// and verified, and must fail with the error named.
struct BadInputTests {
    /// What a row must fail with.
    enum Expected: Sendable, CustomStringConvertible {
        case error(COSEError)
        case malformed(containing: String)
        case invalidKey(containing: String)

        func matches(_ error: COSEError) -> Bool {
            switch (self, error) {
            case let (.error(expected), error): return expected == error
            case let (.malformed(text), .malformedStructure(reason)): return reason.contains(text)
            case let (.invalidKey(text), .invalidKey(reason)): return reason.contains(text)
            default: return false
            }
        }

        var description: String {
            switch self {
            case let .error(error): return "\(error)"
            case let .malformed(text): return "malformed structure containing \"\(text)\""
            case let .invalidKey(text): return "invalid key containing \"\(text)\""
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var expected: Expected
        var key: COSEKey = Fixture.publicKey
        var isSign: Bool = false
        var testDescription: String { name }
    }

    /// A good Ed25519 COSE_Sign1 and its parts, to break one part at a time.
    enum Fixture {
        static let publicKey = COSEKey(publicKey: TestKeys.ed25519.publicKey)
        static let payload = Array("This is the content.".utf8)
        static let message = try! COSESign1.sign(
            payload: payload, unprotected: [.keyID: .bytes([0x31, 0x31])], signer: TestKeys.ed25519)
        static let bytes = message.encoded()
        static let protected = CBOR.bytes(message.protectedBytes)
        static let unprotected: CBOR = [4: .bytes([0x31, 0x31])]
        static let signature = CBOR.bytes(message.signature)

        /// `[protected, unprotected, payload, signature]` with some parts replaced, tagged 18.
        static func sign1(
            _ protected: CBOR = protected, _ unprotected: CBOR = unprotected, payload: CBOR = .bytes(payload),
            signature: CBOR = signature
        ) -> [UInt8] {
            CBOR.tagged(18, [protected, unprotected, payload, signature]).encoded()
        }

        /// A message signed with `protected` and `unprotected` as given (unchecked headers).
        static func signed(_ protected: COSEHeaderMap, _ unprotected: COSEHeaderMap = [:]) -> [UInt8] {
            COSESign1(protected: protected, unprotected: unprotected, payload: payload, signature: message.signature)
                .encoded()
        }
    }

    static let structureRows: [Row] = [
        Row(
            name: "tag 17 instead of 18",
            bytes: CBOR.tagged(17, try! CBOR(decoding: Fixture.message.encoded(tagged: false))).encoded(),
            expected: .error(.wrongTag(17))),
        Row(
            name: "COSE_Sign tag 98 read as COSE_Sign1", bytes: [0xD8, 0x62] + Fixture.message.encoded(tagged: false),
            expected: .error(.wrongTag(98))),
        Row(
            name: "not an array", bytes: CBOR.tagged(18, [:]).encoded(),
            expected: .malformed(containing: "expected array, found map")),
        Row(
            name: "untagged text", bytes: CBOR.text("COSE").encoded(),
            expected: .malformed(containing: "expected array, found text")),
        Row(
            name: "array of 3",
            bytes: CBOR.tagged(18, [Fixture.protected, Fixture.unprotected, Fixture.signature]).encoded(),
            expected: .malformed(containing: "has 3 elements, expected 4")),
        Row(
            name: "array of 5",
            bytes: CBOR.tagged(18, [Fixture.protected, Fixture.unprotected, .bytes([]), Fixture.signature, .null])
                .encoded(),
            expected: .malformed(containing: "has 5 elements, expected 4")),
        Row(
            name: "indefinite-length array",
            bytes: CBOR.tagged(
                18, .indefiniteArray([Fixture.protected, Fixture.unprotected, .null, Fixture.signature])
            ).encoded(),
            expected: .malformed(containing: "indefinite length")),
        Row(
            name: "protected is a map, not a bstr", bytes: Fixture.sign1([1: -8]),
            expected: .malformed(containing: "protected header: expected byte string, found map")),
        Row(
            name: "protected bstr holds an integer", bytes: Fixture.sign1(.bytes([0x01])),
            expected: .malformed(containing: "protected header: expected map, found unsigned integer")),
        Row(
            name: "protected bstr holds a map and a trailing byte", bytes: Fixture.sign1(.bytes([0xA0, 0x00])),
            expected: .error(.cbor(.trailingBytes(offset: 1)))),
        Row(
            name: "protected bstr holds reserved CBOR", bytes: Fixture.sign1(.bytes([0x1C])),
            expected: .error(.cbor(.reservedAdditionalInfo(offset: 0, value: 28)))),
        Row(
            name: "unprotected is an array", bytes: Fixture.sign1(Fixture.protected, [4]),
            expected: .malformed(containing: "unprotected header: expected map, found array")),
        Row(
            name: "header label is a byte string", bytes: Fixture.sign1(Fixture.protected, [.bytes([4]): 1]),
            expected: .malformed(containing: "label is a byte string")),
        Row(
            name: "unprotected repeats a label",
            bytes: Fixture.sign1(Fixture.protected, [4: .bytes([1]), 4: .bytes([2])]),
            expected: .malformed(containing: "repeats label 4")),
        Row(
            name: "payload is text", bytes: Fixture.sign1(payload: "This is the content."),
            expected: .malformed(containing: "payload: expected byte string, found text string")),
        Row(
            name: "signature is null", bytes: Fixture.sign1(signature: .null),
            expected: .malformed(containing: "signature: expected byte string")),
        Row(name: "COSE_Sign1 read as COSE_Sign", bytes: Fixture.bytes, expected: .error(.wrongTag(18)), isSign: true),
        Row(
            name: "COSE_Sign without signers", bytes: CBOR.tagged(98, [.bytes([]), [:], .bytes([1]), []]).encoded(),
            expected: .malformed(containing: "signatures must be a non-empty"), isSign: true),
        Row(
            name: "COSE_Signature of 2 elements",
            bytes: CBOR.tagged(98, [.bytes([]), [:], .bytes([1]), [[Fixture.protected, Fixture.signature]]]).encoded(),
            expected: .malformed(containing: "COSE_Signature has 2 elements"), isSign: true),
    ]

    static let headerRows: [Row] = [
        Row(
            name: "unknown alg -999", bytes: Fixture.signed([.algorithm: -999]), expected: .error(.unsupportedAlgorithm)
        ),
        Row(
            name: "alg as text", bytes: Fixture.signed([.algorithm: "unknown"]), expected: .error(.unsupportedAlgorithm)
        ),
        Row(name: "ES384 (-35)", bytes: Fixture.signed([.algorithm: -35]), expected: .error(.unsupportedAlgorithm)),
        Row(
            name: "missing alg", bytes: Fixture.signed([.contentType: 0], [.keyID: .bytes([1])]),
            expected: .error(.missingAlgorithm)),
        Row(
            name: "alg in both buckets", bytes: Fixture.signed([.algorithm: -8], [.algorithm: -8]),
            expected: .malformed(containing: "in both the protected and unprotected")),
        Row(
            name: "crit names a label we do not process",
            bytes: Fixture.signed([.algorithm: -8, .critical: [99], 99: 1]),
            expected: .error(.unknownCriticalHeader(99))),
        Row(
            name: "crit names a label that is absent", bytes: Fixture.signed([.algorithm: -8, .critical: [3]]),
            expected: .malformed(containing: "crit lists 3")),
        Row(
            name: "crit in the unprotected header", bytes: Fixture.signed([.algorithm: -8], [.critical: [1]]),
            expected: .malformed(containing: "crit must be in the protected header")),
        Row(
            name: "empty crit", bytes: Fixture.signed([.algorithm: -8, .critical: []]),
            expected: .malformed(containing: "non-empty array")),
    ]

    static let keyAndSignatureRows: [Row] = [
        Row(
            name: "P-256 key for an EdDSA message", bytes: Fixture.bytes,
            expected: .invalidKey(containing: "cannot be used with EdDSA"),
            key: COSEKey(publicKey: TestKeys.p256.publicKey)),
        Row(
            name: "OKP key on curve P-256", bytes: Fixture.bytes,
            expected: .invalidKey(containing: "curve 1 is not supported"),
            key: COSEKey(keyType: .okp, curve: .p256, x: Fixture.publicKey.x)),
        Row(
            name: "x of 31 bytes", bytes: Fixture.bytes,
            expected: .invalidKey(containing: "x is 31 bytes, expected 32"),
            key: COSEKey(keyType: .okp, curve: .ed25519, x: Array(Fixture.publicKey.x!.dropLast()))),
        Row(
            name: "key without x", bytes: Fixture.bytes, expected: .invalidKey(containing: "x is missing"),
            key: COSEKey(keyType: .okp, curve: .ed25519)),
        Row(
            name: "key_ops without verify", bytes: Fixture.bytes, expected: .invalidKey(containing: "key_ops"),
            key: {
                var key = Fixture.publicKey; key.keyOperations = [.sign]; return key
            }()),
        Row(
            name: "signature over a different payload",
            bytes: Fixture.sign1(payload: .bytes(Array("This is the content!".utf8))),
            expected: .error(.signatureMismatch)),
        Row(
            name: "signature by another key", bytes: Fixture.bytes, expected: .error(.signatureMismatch),
            key: COSEKey(publicKey: TestKeys.otherEd25519.publicKey)),
        Row(
            name: "signature of 63 bytes",
            bytes: Fixture.sign1(signature: .bytes(Array(Fixture.message.signature.dropLast()))),
            expected: .error(.signatureMismatch)),
        Row(
            name: "kid moved into the protected header",
            bytes: Fixture.signed([.algorithm: -8, .keyID: .bytes([0x31, 0x31])]),
            expected: .error(.signatureMismatch)),
    ]

    static let cborRows: [Row] = [
        Row(name: "empty input", bytes: [], expected: .error(.cbor(.truncated(offset: 0, needed: 1)))),
        Row(name: "only the tag", bytes: [0xD2], expected: .error(.cbor(.truncated(offset: 1, needed: 1)))),
        Row(
            name: "truncated in the signature", bytes: Array(Fixture.bytes.dropLast()),
            expected: .error(.cbor(.lengthBeyondInput(offset: Fixture.bytes.count - 66, length: 64, available: 63)))),
        Row(
            name: "a byte after the message", bytes: Fixture.bytes + [0x00],
            expected: .error(.cbor(.trailingBytes(offset: Fixture.bytes.count)))),
        Row(
            name: "arrays nested 300 deep in the unprotected header",
            bytes: Fixture.sign1(Fixture.protected, [5: (0..<300).reduce(CBOR.bytes([])) { inner, _ in [inner] }]),
            expected: .error(.cbor(.nestingTooDeep(offset: 5 + Fixture.message.protectedBytes.count + 256, limit: 256)))
        ),
    ]

    @Test(arguments: structureRows + headerRows + keyAndSignatureRows + cborRows)
    func badInputFailsWithItsTypedError(_ row: Row) {
        do throws(COSEError) {
            if row.isSign {
                try COSESign(decoding: row.bytes).verify(signatureAt: 0, with: row.key)
            } else {
                try COSESign1(decoding: row.bytes).verify(with: row.key)
            }
            Issue.record("\(row.name) was accepted; expected \(row.expected)")
        } catch {
            #expect(row.expected.matches(error), "\(row.name): got \(error), expected \(row.expected)")
        }
    }

    @Test func everyPrefixOfAMessageIsACBORError() {
        for length in 0..<Fixture.bytes.count {
            #expect(throws: COSEError.self) { try COSESign1(decoding: Array(Fixture.bytes.prefix(length))) }
            do throws(COSEError) {
                _ = try COSESign1(decoding: Array(Fixture.bytes.prefix(length)))
            } catch {
                guard case .cbor = error else { Issue.record("prefix of \(length) bytes: \(error)"); continue }
            }
        }
    }

    /// Flips every bit of a good message: each result fails with a typed error (nothing
    /// traps) unless the flip was inside the unprotected header, which no signature covers.
    @Test func everyBitFlipOutsideTheUnprotectedHeaderIsRejected() {
        let unprotectedStart = 3 + Fixture.message.protectedBytes.count  // tag, array, bstr header
        let unprotectedRange = unprotectedStart..<(unprotectedStart + Fixture.message.unprotected.encoded().count)
        for index in Fixture.bytes.indices {
            for bit in 0..<8 {
                var bytes = Fixture.bytes
                bytes[index] ^= 1 << bit
                let accepted = (try? COSESign1(decoding: bytes).verify(with: Fixture.publicKey)) != nil
                #expect(!accepted || unprotectedRange.contains(index), "flip of bit \(bit) at byte \(index) accepted")
            }
        }
    }

    /// Duplicate checks are linear: a header of 100,000 labels decodes at once (a quadratic
    /// check would take minutes), and a repeated label at the end is still found.
    @Test func headerWithManyLabelsDecodesAndDuplicatesAreFound() throws {
        let labelCount = 100_000
        var unprotected = [(key: CBOR, value: CBOR)]()
        unprotected.reserveCapacity(labelCount + 1)
        for label in 0..<Int64(labelCount) { unprotected.append((.int(label + 100), .null)) }
        let message = try COSESign1(decoding: Fixture.sign1(Fixture.protected, .map(unprotected)))
        #expect(message.unprotected.count == labelCount)
        unprotected.append((.int(100), .null))
        #expect(throws: COSEError.malformedStructure(reason: "unprotected header repeats label 100")) {
            try COSESign1(decoding: Fixture.sign1(Fixture.protected, .map(unprotected)))
        }
    }
}
