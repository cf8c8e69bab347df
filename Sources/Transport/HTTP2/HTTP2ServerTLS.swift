import NIOSSL

/// TLS for an ``HTTP2Server``: a certificate chain and its private key (PEM files). The
/// server offers ALPN `h2` only (RFC 9113 §3.2) and requires TLS 1.2 or later.
public struct HTTP2ServerTLS: Sendable {
    public var certificateChainPath: String
    public var privateKeyPath: String

    public init(certificateChainPath: String, privateKeyPath: String) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
    }

    func makeContext() throws(HTTPServerError) -> NIOSSLContext {
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificateChainPath).map { NIOSSLCertificateSource.certificate($0) }
            let key = NIOSSLPrivateKeySource.privateKey(try NIOSSLPrivateKey(file: privateKeyPath, format: .pem))
            var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: key)
            configuration.minimumTLSVersion = .tlsv12
            configuration.applicationProtocols = ["h2"]
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .invalidConfiguration("TLS certificate \(certificateChainPath) or key \(privateKeyPath): \(error)")
        }
    }
}
