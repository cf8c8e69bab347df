import Foundation

/// Keys and tools shared by the identity tests.
enum Fixtures {
    /// many-rs `many-identity-dsa/src/impls/ed25519.rs` `eddsa_identity()`; address
    /// `maffbahksdwaqeenayy2gxke32hgb7aq4ao4wt745lsfs6wijp` (test `from_pem_eddsa`).
    static let manyRsEd25519PEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIHcoTY2RYa48O8ONAgfxEw+15MIyqSat0/QpwA1YxiPD
        -----END PRIVATE KEY-----
        """
    static let manyRsEd25519Address = "maffbahksdwaqeenayy2gxke32hgb7aq4ao4wt745lsfs6wijp"

    /// many-rs `impls/ecdsa.rs` `ecdsa_256_identity()`; address
    /// `magcncsncbfmfdvezjmfick47pwgefjnm6zcaghu7ffe3o3qtf` (tests `from_pem_ecdsa`, `serde_pub_key`).
    static let manyRsP256PEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgNsLo2hVPeUZEOPCw
        lLQbhLpwjUbt9BHXKCFMY0i+Wm6hRANCAATyM3MzaNX4ELK6bzqgNC/ODvGOUd60
        7A4yltVQLNKUxtTywYy2MIPV8ls1BlUp40zYmQfxCL3VANvZ62ofaMPv
        -----END PRIVATE KEY-----
        """
    static let manyRsP256Address = "magcncsncbfmfdvezjmfick47pwgefjnm6zcaghu7ffe3o3qtf"
    static let manyRsP256AddressBytes: [UInt8] = [
        1, 132, 209, 73, 162, 9, 88, 81, 212, 153, 75, 10, 129, 43, 159, 125, 140, 66, 165,
        172, 246, 68, 3, 30, 159, 41, 73, 183, 110,
    ]

    /// many-rs `fail_ecdsa_384`: a P-384 key, which must be refused.
    static let manyRsP384PEM = """
        -----BEGIN PRIVATE KEY-----
        MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDAo/RAjCOzB1SklJw3K
        ASQqyjtuVQv7hruJgoy7EotHqD7kFS8c9dyOuoaNyx0V9HChZANiAAQil9Mt9nV4
        LDxECgIOQvJJd3UcP1d2rTcBY8XMQDl51gLCvCp9c3v1tz9I/hRCEQcH/d96mNHn
        SigsOU15Tt1NMHHgrucDBMeDrMZ+uUIDdZbfpvvh0gCtvmvvH5FLs/Y=
        -----END PRIVATE KEY-----
        """

    /// many-rs `fail_ecdsa_512`: a P-521 key, which must be refused.
    static let manyRsP521PEM = """
        -----BEGIN PRIVATE KEY-----
        MIHuAgEAMBAGByqGSM49AgEGBSuBBAAjBIHWMIHTAgEBBEIB2zGGfgHhqK9J8Eug
        Sb5pnwnRA3OZ5Ks4eXEJJOeqeZu+8vYZbNuK9IY78JcmAI+syc3at1eVPtcAtTUr
        qSTAkIehgYkDgYYABABVfJDnPyVOY0N1shZaB5kBPM6JcEb3BZRT8MR4qBp0zXwM
        pyh7pdD9wxqsCYQVxl9FbiJSQZXzZTwmXsmTzO8X5AAS52WLB+7Ch+ddQW5UEqj6
        Tptw8tbMJhJlD4IH7SDevF+gNetMicMQ1fIFyfCbaK0xxVoLwKJvtp7MIV46IZMC
        aA==
        -----END PRIVATE KEY-----
        """
}

/// Runs the real key tools (`openssl`, `ssh-keygen`) in a scratch directory.
struct KeyTools {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("many-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Runs `tool arguments…` and returns its standard output; a missing tool or a
    /// failure throws with the reason (the tests need the tools, they do not skip).
    @discardableResult
    func run(_ tool: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(description: "\(tool) is required by these tests (apt-get install openssl openssh-client): \(error)")
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus)); is \(tool) installed?\n\(String(decoding: errors, as: UTF8.self))")
        }
        return output
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    /// The DER SubjectPublicKeyInfo `openssl pkey -pubout` gives for a private key file.
    func publicKeyDER(of name: String) throws -> [UInt8] {
        Array(try run("openssl", ["pkey", "-in", path(name), "-pubout", "-outform", "DER"]))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
