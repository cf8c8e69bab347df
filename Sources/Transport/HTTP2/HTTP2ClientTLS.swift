import NIOSSL

/// TLS for an ``HTTP2Client``: the roots that vouch for the server (the system's when
/// nil). The client offers ALPN `h2` only (RFC 9113 §3.2) and requires TLS 1.2 or later.
public struct HTTP2ClientTLS: Sendable {
    /// A PEM file of trusted CA certificates.
    public var trustRootsPath: String?

    public init(trustRootsPath: String? = nil) {
        self.trustRootsPath = trustRootsPath
    }

    func makeContext() throws(HTTP2ClientError) -> NIOSSLContext {
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            configuration.applicationProtocols = ["h2"]
            if let trustRootsPath {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(trustRootsPath))
            }
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .connectFailed("TLS trust roots \(trustRootsPath ?? "(system)"): \(error)")
        }
    }
}
