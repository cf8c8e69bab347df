import CBOR
import COSE
import Testing
import TestSupport

/// Header maps: order kept, typed accessors, and the two serializations of RFC 9052 §3.
struct HeaderMapTests {
    @Test func typedAccessorsReadAndWriteTheirLabels() {
        var headers = COSEHeaderMap()
        headers.algorithm = .es256
        headers.critical = [.contentType]
        headers.contentType = .mediaType("application/cbor")
        headers.keyID = [1, 2]
        headers.iv = [0, 0, 7]
        #expect(headers.labels == [1, 2, 3, 4, 5])
        #expect(headers[.algorithm] == -7 && headers.algorithm == .es256)
        #expect(headers[.critical] == [3] && headers.critical == [.contentType])
        #expect(headers[.contentType] == "application/cbor")
        #expect(headers[.keyID] == .bytes([1, 2]) && headers.keyID == [1, 2])
        #expect(headers.iv == [0, 0, 7])
        headers.contentType = .format(60)
        #expect(headers[.contentType] == 60 && headers.contentType == .format(60))
        headers.iv = nil
        #expect(headers.labels == [1, 2, 3, 4])
    }

    @Test func accessorsAreNilForValuesOfTheWrongType() {
        let headers: COSEHeaderMap = [.algorithm: "EdDSA", .critical: 3, .contentType: -1, .keyID: "11", .iv: 5]
        #expect(headers.algorithm == nil && headers.critical == nil && headers.contentType == nil)
        #expect(headers.keyID == nil && headers.iv == nil)
        #expect(headers[.algorithm] == "EdDSA")  // still there, as sent
    }

    @Test func orderIsKeptAndReplacingKeepsThePosition() {
        var headers: COSEHeaderMap = [4: .bytes([1]), "custom": 1, 1: -8]
        headers[4] = .bytes([2])
        #expect(headers.labels == [4, "custom", 1])
        headers.prepend(.contentType, 0)
        #expect(headers.labels == [3, 4, "custom", 1])
        #expect(headers.encoded().hex == "a4030004410266637573746f6d010127")
    }

    @Test func emptyProtectedBucketIsZeroBytes() throws {
        #expect(COSEHeaderMap().protectedSerialization == [])
        #expect(COSEHeaderMap().encoded() == [0xA0])
        // With alg in the unprotected bucket, the protected one is an empty bstr (0x40).
        let message = try COSESign1.sign(payload: [1], unprotected: [.algorithm: -8], signer: TestKeys.ed25519)
        #expect(message.encoded()[2] == 0x40)
        #expect(message.protectedBytes.isEmpty)
    }

    @Test func algorithmIdentifiersCompareByValue() {
        #expect(COSEAlgorithm.other(-8) == .edDSA)
        #expect(COSEAlgorithm(rawValue: -7) == .es256 && COSEAlgorithm(rawValue: -35) == .other(-35))
        #expect(!COSEAlgorithm.other(-35).isSupported && COSEAlgorithm.other(-7).isSupported)
        #expect(Set([COSEAlgorithm.other(-8), .edDSA]).count == 1)
    }
}
