import CBOR
import COSE
import Foundation
import Testing
import TestSupport

/// One signer of a cose-wg example: its key, headers, external AAD and, when the file
/// gives it, the expected Sig_structure bytes.
struct ExampleSigner: Sendable {
    var key: COSEKey
    var algorithmName: String
    var protected: COSEHeaderMap
    var unprotected: COSEHeaderMap
    var externalAAD: [UInt8]
    var toBeSigned: [UInt8]?
}

/// One JSON file of `../shared/testdata/cose` (the cose-wg/Examples format).
struct ExampleCase: Sendable, CustomTestStringConvertible {
    enum Structure: Sendable {
        /// `input.sign0`: a COSE_Sign1 message.
        case sign1(ExampleSigner)
        /// `input.sign`: a COSE_Sign message with the body's headers and its signers.
        case sign(protected: COSEHeaderMap, unprotected: COSEHeaderMap, signers: [ExampleSigner])
    }

    var name: String
    var title: String
    var shouldFail: Bool
    var payload: [UInt8]
    var output: [UInt8]
    var structure: Structure

    var testDescription: String { name }

    var signers: [ExampleSigner] {
        switch structure {
        case let .sign1(signer): return [signer]
        case let .sign(_, _, signers): return signers
        }
    }

    /// Why this library cannot run the case, or nil when it can (EdDSA on Ed25519, ES256 on P-256).
    var skipReason: String? {
        for signer in signers {
            let pair = (signer.algorithmName, signer.key.curve)
            guard pair == ("EdDSA", .ed25519) || pair == ("ES256", .p256) else {
                return "\(signer.algorithmName) with curve \(signer.key.curve.map { String($0.rawValue) } ?? "?")"
            }
        }
        return nil
    }

    var isEdDSA: Bool { signers.allSatisfy { $0.algorithmName == "EdDSA" } }
}

/// Loads every case under `../shared/testdata/cose/{sign1-tests,eddsa-examples,ecdsa-examples}`.
enum ExampleVectors {
    static let folders = ["sign1-tests", "eddsa-examples", "ecdsa-examples"]

    static let all: [ExampleCase] = folders.flatMap { folder in
        let directory = SharedTestData.root.appendingPathComponent("cose").appendingPathComponent(folder)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().map { file in
            let object = try! JSONSerialization.jsonObject(
                with: Data(contentsOf: directory.appendingPathComponent(file)))
            return parseCase(name: "\(folder)/\(file)", object as! [String: Any])
        }
    }

    static let supported = all.filter { $0.skipReason == nil }
    static let skipped = all.filter { $0.skipReason != nil }

    static func parseCase(name: String, _ json: [String: Any]) -> ExampleCase {
        let input = json["input"] as! [String: Any]
        let intermediates = json["intermediates"] as? [String: Any] ?? [:]
        let output = json["output"] as! [String: Any]
        let structure: ExampleCase.Structure
        if let sign0 = input["sign0"] as? [String: Any] {
            structure = .sign1(parseSigner(sign0, toBeSigned: intermediates["ToBeSign_hex"] as? String))
        } else {
            let sign = input["sign"] as! [String: Any]
            let expected = intermediates["signers"] as? [[String: Any]] ?? []
            let signers = (sign["signers"] as! [[String: Any]]).enumerated().map { index, signer in
                parseSigner(
                    signer,
                    toBeSigned: expected.indices.contains(index) ? expected[index]["ToBeSign_hex"] as? String : nil)
            }
            structure = .sign(
                protected: headers(sign["protected"]), unprotected: headers(sign["unprotected"]), signers: signers)
        }
        return ExampleCase(
            name: name, title: json["title"] as! String, shouldFail: json["fail"] as? Bool ?? false,
            payload: Array((input["plaintext"] as! String).utf8), output: [UInt8](hex: output["cbor"] as! String),
            structure: structure)
    }

    static func parseSigner(_ json: [String: Any], toBeSigned: String?) -> ExampleSigner {
        let protected = headers(json["protected"])
        let unprotected = headers(json["unprotected"])
        let name =
            json["alg"] as? String
            ?? (json["protected"] as? [String: Any])?["alg"] as? String
            ?? (json["unprotected"] as? [String: Any])?["alg"] as! String
        return ExampleSigner(
            key: key(json["key"] as! [String: Any]), algorithmName: name, protected: protected,
            unprotected: unprotected, externalAAD: [UInt8](hex: json["external"] as? String ?? ""),
            toBeSigned: toBeSigned.map { [UInt8](hex: $0) })
    }

    static let algorithmIDs: [String: Int64] = ["EdDSA": -8, "ES256": -7, "ES384": -35, "ES512": -36]

    /// A JSON header object as a header map. JSONSerialization does not keep key order;
    /// every example lists its labels in ascending order, so sorting restores it.
    static func headers(_ json: Any?) -> COSEHeaderMap {
        let object = json as? [String: Any] ?? [:]
        let entries: [(label: COSEHeaderLabel, value: CBOR)] = object.map { name, value in
            switch name {
            case "alg": return (.algorithm, .int(algorithmIDs[value as! String]!))
            case "ctyp": return (.contentType, .int(Int64(value as! Int)))
            case "kid": return (.keyID, .bytes(Array((value as! String).utf8)))
            default: preconditionFailure("header \(name) is not mapped")
            }
        }
        return COSEHeaderMap(entries.sorted { label($0.label) < label($1.label) })
    }

    private static func label(_ label: COSEHeaderLabel) -> Int64 {
        if case let .int(value) = label { return value }
        return .max
    }

    static let curveIDs: [String: COSECurve] = [
        "P-256": .p256, "P-384": .other(2), "P-521": .other(3), "Ed25519": .ed25519, "Ed448": .other(7),
    ]

    /// A JWK-like key object as a COSE_Key: base64url `x`/`y`/`d` or hex `x_hex`/`d_hex`.
    static func key(_ json: [String: Any]) -> COSEKey {
        func bytes(_ name: String) -> [UInt8]? {
            if let text = json[name] as? String { return [UInt8](base64URL: text) }
            return (json[name + "_hex"] as? String).map { [UInt8](hex: $0) }
        }
        return COSEKey(
            keyType: json["kty"] as! String == "OKP" ? .okp : .ec2, curve: curveIDs[json["crv"] as! String]!,
            x: bytes("x"), y: bytes("y"), d: bytes("d"), keyID: (json["kid"] as? String).map { Array($0.utf8) })
    }
}
