import NIOSSL

/// Mutual TLS between hosts: each side presents its certificate and accepts only peers
/// whose certificate chains to `trustRootsPath` (the cluster's CA). A dialing host also
/// checks that the certificate names the host it dialed: a DNS name for a name, an IP
/// address for an IP literal.
public struct RaftTLSConfiguration: Sendable {
    /// PEM files: this node's certificate (chain), its private key, the CA certificate(s).
    public var certificateChainPath: String
    public var privateKeyPath: String
    public var trustRootsPath: String

    public init(certificateChainPath: String, privateKeyPath: String, trustRootsPath: String) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
        self.trustRootsPath = trustRootsPath
    }

    /// The contexts for accepted and dialed connections.
    func makeContexts() throws(RaftTransportError) -> (server: NIOSSLContext, client: NIOSSLContext) {
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificateChainPath).map { NIOSSLCertificateSource.certificate($0) }
            let key = NIOSSLPrivateKeySource.privateKey(try NIOSSLPrivateKey(file: privateKeyPath, format: .pem))
            let roots = NIOSSLTrustRoots.certificates(try NIOSSLCertificate.fromPEMFile(trustRootsPath))
            var server = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: key)
            server.trustRoots = roots
            // A client certificate names its node, not the address it dials from.
            server.certificateVerification = .noHostnameVerification
            server.minimumTLSVersion = .tlsv13
            var client = TLSConfiguration.makeClientConfiguration()
            client.certificateChain = chain
            client.privateKey = key
            client.trustRoots = roots
            client.certificateVerification = .fullVerification
            client.minimumTLSVersion = .tlsv13
            return (try NIOSSLContext(configuration: server), try NIOSSLContext(configuration: client))
        } catch {
            throw .startFailed(reason: "TLS material: \(error)")
        }
    }
}
